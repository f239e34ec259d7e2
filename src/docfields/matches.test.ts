import { describe, expect, it } from 'vitest';
import { execFrom, lineAt, matchLines, nextCandidate } from './matches.js';
import { loosen } from './index.js';

/** matchLines as it was first written: every line, then every pair of lines in full. */
function* reference(lines: readonly string[], pattern: RegExp, firstLine = 0): Generator<RegExpMatchArray> {
  for (let i = firstLine; i < lines.length; i++) {
    const line = lines[i] as string;
    pattern.lastIndex = 0;
    yield* line.matchAll(pattern);
    const next = lines[i + 1];
    if (next === undefined) continue;
    const pair = line + next;
    pattern.lastIndex = 0;
    for (const m of pair.matchAll(pattern)) {
      const start = m.index ?? 0;
      if (start < line.length && start + m[0].length > line.length) yield m;
    }
  }
}

const show = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => `${m.index}:${m[0]}:${m.groups?.['y'] ?? ''}`);

describe('execFrom', () => {
  it.each([
    [/a/gu, 'banana', 0],
    [/an/gu, 'banana', 2],
    [/x/gu, 'banana', 0],
    [/a*/gu, 'baaab', 0], // empty matches step over one unit
    [/(?:)/gu, '𠀀a', 0], // … one code point under u
    [/(?:)/g, '𠀀a', 0], // … one unit without
    [/\d{4}年/gu, '2023年和2024年', 5],
  ])('%s in %j from %d is what matchAll gives', (re, s, from) => {
    re.lastIndex = from;
    const want = show(s.matchAll(re));
    expect(show(execFrom(re, s, from))).toEqual(want);
  });
});

describe('matchLines', () => {
  it.each([
    [['2025年焦作市国民经济和社会发展', '统计公报'], /(?<y>\d{4})年.{0,30}统计公报/gu],
    [['政府工作', '报告'], /^政府工作报告$/gu],
    [['国家统计局郑州', '调查队'], /^国家统计局.{1,12}调查队$/gu],
    [['比2019', '年增长', '2020年'], /(?<![较比])(?<y>(19|20)\d{2})年/gu],
    [['aaaa', 'aaaa'], /aaa/gu],
    [['abab', 'ab'], /ba(?=b)/gu],
    [['x', '', 'y'], /xy|x$|^y/gu],
    [['ab', 'cd'], /b*/gu],
    [['没有', '匹配'], /统计公报/gu],
    [['unbounded aaa', 'aaab'], /a+b/gu],
  ])('in %j finds what the full search finds for %s', (lines, re) => {
    expect(show(matchLines(lines, re))).toEqual(show(reference(lines, re)));
  });

  it.each([
    [['2025年', '统计公报', '2026年统计', '公报'], /(?<y>\d{4})年.{0,30}统计公报/gu, 1],
    [['2025年', '统计公报', '2026年统计', '公报'], /(?<y>\d{4})年.{0,30}统计公报/gu, 2],
    [['2025年', '统计公报'], /(?<y>\d{4})年.{0,30}统计公报/gu, 2], // past the last line: nothing
    [['ab', 'ab'], /b/gu, 0],
  ])('in %j from line %#: what the full search finds from there for %s', (lines, re, from) => {
    expect(show(matchLines(lines, re, from))).toEqual(show(reference(lines, re, from)));
  });

  it('agrees with the full search on random lines', () => {
    const alphabet = ['年', '2', '0', '统', '计', '公', '报', '。', '比', 'a', '𠀀'];
    const patterns = [
      /(?<y>\d{4})年.{0,3}统计/gu,
      /(^|[。])(?<y>\d{2})年/gu,
      /(?<!比)\d{2}年$/gu,
      /公报(?=.{0,2}年)/gu,
      /𠀀.{0,2}年/gu,
      /.{0,2}/gu,
      /\d+年/gu,
    ];
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 3000; k++) {
      const lines: string[] = [];
      const count = 1 + rand(4);
      for (let i = 0; i < count; i++) {
        let line = '';
        const n = rand(14);
        for (let j = 0; j < n; j++) line += alphabet[rand(alphabet.length)];
        lines.push(line);
      }
      const re = patterns[k % patterns.length] as RegExp;
      expect(show(matchLines(lines, re)), `${re} ${JSON.stringify(lines)}`).toEqual(show(reference(lines, re)));
    }
  });
});

describe('lineAt', () => {
  it.each([
    [[0], 0, 0],
    [[0], 5, 0],
    [[0, 3, 7], 0, 0],
    [[0, 3, 7], 2, 0],
    [[0, 3, 7], 3, 1], // a line's own start
    [[0, 3, 7], 6, 1],
    [[0, 3, 7], 7, 2],
    [[0, 3, 7], 100, 2], // past the end: the last line
    [[], 4, 0],
  ])('in lines starting at %j offset %d is in line %d', (starts, at, line) => {
    expect(lineAt(Int32Array.from(starts), at)).toBe(line);
  });
});

describe('matchLines passing over lines (nextCandidate)', () => {
  /** matchLines from the first loose match's line, skipping to each next loose match's line. */
  function skipping(lines: string[], re: RegExp): RegExpMatchArray[] {
    const { loose, positional } = loosen(re);
    expect(positional).toBe(true);
    const scan = new RegExp(loose.source, `${loose.flags}g`);
    const starts = new Int32Array(lines.length);
    let at = 0;
    lines.forEach((l, i) => {
      starts[i] = at;
      at += l.length;
    });
    const text = lines.join('');
    const first = nextCandidate(text, starts, scan, 0);
    return [...matchLines(lines, re, first, (line) => nextCandidate(text, starts, scan, line))];
  }

  it.each([
    [['无', '2025年统计公报', '无', '无', '2026年统', '计公报', '无'], /(?<y>\d{4})年.{0,30}统计公报/gu],
    [['政府工作报告', 'x', '政府工作', '报告', '政府工作报告'], /^政府工作报告$/gu],
    [['a', 'b', 'c'], /统计公报/gu],
    [['𠀀', '𠀀年', '年'], /𠀀.{0,2}年/gu],
  ])('in %j finds what the full search finds for %s', (lines, re) => {
    expect(show(skipping(lines, re))).toEqual(show(reference(lines, re)));
  });

  it('agrees with the full search on random lines', () => {
    const alphabet = ['年', '2', '0', '统', '计', '公', '报', '。', '比', 'a', '𠀀', '\ud840', '\udc00'];
    const patterns = [/(?<y>\d{4})年.{0,3}统计/gu, /(^|[。])(?<y>\d{2})年/gu, /^\d{2}年$/gu, /𠀀.{0,2}年/gu, /\d+年/gu, /公报|年2/gu, /[^a]年/gu];
    let seed = 11;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 4000; k++) {
      const lines: string[] = [];
      const count = 1 + rand(8);
      for (let i = 0; i < count; i++) {
        let line = '';
        const n = 1 + rand(10);
        for (let j = 0; j < n; j++) line += alphabet[rand(alphabet.length)];
        lines.push(line);
      }
      const re = patterns[k % patterns.length] as RegExp;
      expect(show(skipping(lines, re)), `${re} ${JSON.stringify(lines)}`).toEqual(show(reference(lines, re)));
    }
  });
});
