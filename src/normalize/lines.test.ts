import { describe, expect, it } from 'vitest';
import { compilePattern, readTsv } from '../lexicon/load.js';
import {
  anyOf,
  anyTest,
  closesInline,
  endsSentence,
  endsWithDigit,
  endsWithListComma,
  footnoteFirst,
  matchesFrom,
  openAny,
  opensInline,
  stopFirst,
} from './lines.js';

describe('anyOf', () => {
  const patterns = [/^(首页|打印)$/u, /^-\s*\d{1,4}\s*-$/u, /^.{0,4}(ICP备)/u, /公报$/u];
  const one = anyOf(patterns);
  it.each([
    ['首页', true],
    ['打印', true],
    ['- 4 -', true],
    ['湘ICP备123', true],
    ['某某县政府公报', true],
    // negatives: each branch keeps its own anchors
    ['返回首页', false],
    ['打印本页', false],
    ['第 - 4 - 页', false],
    ['网站主办单位湘ICP备123', false],
    ['公报第3期', false],
    ['', false],
  ])('%j: %s, as some pattern says', (line, want) => {
    expect(one.test(line)).toBe(want);
    expect(patterns.some((p) => p.test(line))).toBe(want);
  });

  it('matches nothing when there are no patterns', () => {
    expect(anyOf([]).test('')).toBe(false);
    expect(anyOf([]).test('首页')).toBe(false);
  });

  it('refuses a pattern with a backreference', () => {
    expect(() => anyOf([/^(a)\1$/u])).toThrow(/backreference/);
    expect(() => anyOf([/^(?<x>a)\k<x>$/u])).toThrow(/backreference/);
  });
});

describe('matchesFrom', () => {
  const spans = (it: Iterable<RegExpExecArray>) => [...it].map((m) => `${m.index}:${m[0]}`);
  it.each([
    // [text, first (global), pattern (sticky)]
    ['工业[3]增加值[12]', /[[〔]/gu, /(?<=\p{Script=Han})\[\d{1,2}\]/uy],
    ['[1]名词[x]解释', /[[〔]/gu, /(?<=\p{Script=Han})\[\d{1,2}\]/uy],
    ['增长2。4%，完成2。下一步', /。/gu, /(?<=\d)。(?=\d{1,3}%)/uy],
    ['aaaa', /a/gu, /aa/uy],
    ['𠀀x𠀀xx', /x/gu, /(?<=𠀀)x+/uy],
    ['没有', /。/gu, /(?<=\d)。/uy],
    ['', /a/gu, /a/uy],
  ])('finds what matchAll finds in %j', (s, first, re) => {
    const global = new RegExp(re.source, 'gu');
    expect(spans(matchesFrom(s, first, re))).toEqual(spans(s.matchAll(global) as Iterable<RegExpExecArray>));
  });

  it('finds with the finders of the footnote and decimal stop passes what matchAll finds', () => {
    const footnote = /(?<=[\p{Script=Han}\d%”）)])(?:\[\d{1,2}\]|〔\d{1,2}〕|[①-⑳])/uy;
    const stop = /(?<=\d)。(?=\d{1,3}(?:%|个百分点))/uy;
    const alphabet = ['工', '1', '2', '。', '%', '个百分点', '[', ']', '〔', '〕', '①', '⑳', '𠀀', '\ud840', '）', 'a'];
    let seed = 5;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 3000; k++) {
      let s = '';
      for (let j = rand(16); j > 0; j--) s += alphabet[rand(alphabet.length)];
      for (const [find, re] of [[footnoteFirst, footnote], [stopFirst, stop]] as const) {
        const global = new RegExp(re.source, 'gu');
        expect(spans(matchesFrom(s, find, re)), JSON.stringify(s)).toEqual(spans(s.matchAll(global) as Iterable<RegExpExecArray>));
      }
    }
  });

  it('refuses a pattern that is not sticky', () => {
    expect(() => [...matchesFrom('a', /a/gu, /a/u)]).toThrow(/sticky/);
    expect(() => [...matchesFrom('a', /a/u, /a/uy)]).toThrow(/sticky/);
  });
});

describe('anyTest', () => {
  const chrome = readTsv('chrome.tsv', ['pattern']).map((r) => compilePattern(r, 'pattern'));
  const synthetic = [/^.{0,3}(ab|c).{0,2}$/u, /^.{0,2}𠀀b/u, /^.{0,1}a|b$/u, /^.{0,2}?a/u, /^.{0,4}a/iu, /^x$/u];

  it.each([
    [/^.{0,40}(ICP备|公网安备).{0,60}$/u, 40],
    [/^.{0,12}【(大|中|小)】/u, 12],
    [/^.{0,1}a|b$/u, undefined], // the | is top-level: ^.{0,1} binds to a alone
    [/^.{0,2}?a/u, undefined],
    [/^.{0,4}a/iu, undefined],
    [/^(首页)$/u, undefined],
  ])('%s opens with .{0,N}: %s', (re, max) => {
    expect(openAny(re)?.max).toBe(max);
  });

  it('says what the one alternation says, on random lines', () => {
    const pieces = ['ICP备', '公网安备', '【', '大', '】', '首页', '分享到', '：', 'a', 'b', 'c', '𠀀', '\ud840', '\u2028', '政府公报', '2024', '年', '第', '3', '期', ' ', '字号', '-'];
    let seed = 9;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (const patterns of [chrome, synthetic, [...chrome, ...synthetic]]) {
      const one = anyOf(patterns);
      const test = anyTest(patterns);
      for (let k = 0; k < 3000; k++) {
        let line = '';
        for (let j = rand(k % 5 === 0 ? 60 : 12); j > 0; j--) line += pieces[rand(pieces.length)];
        expect(test(line), JSON.stringify(line)).toBe(one.test(line));
      }
    }
  });
});

describe('line start and end tests', () => {
  // the regexes they stand for
  const cases: Array<[(s: string) => boolean, RegExp]> = [
    [endsSentence, /[。！？!?；;：:]$|[。！？]["”』」）)]$/u],
    [opensInline, /[“‘《〈「『（(【]$/u],
    [closesInline, /^[”’》〉」』）)】，、。；：,;:]/u],
    [endsWithListComma, /[、，]$/u],
    [endsWithDigit, /\d$/u],
  ];
  it('say what their regexes say, on random lines', () => {
    const chars = [...'。！？!?；;：:"”』」）)“‘《〈「『（(【’》〉」】，、,12a增长', '𠀀', '\ud840', '\udc00', '\u3002\ud840'];
    let seed = 13;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 5000; k++) {
      let s = '';
      for (let j = 1 + rand(5); j > 0; j--) s += chars[rand(chars.length)];
      for (const [f, re] of cases) expect(f(s), `${re} ${JSON.stringify(s)}`).toBe(re.test(s));
    }
  });
});
