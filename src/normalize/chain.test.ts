import { describe, expect, it } from 'vitest';
import { AlignedBuilder, identity, identityWithIndex, InPlaceBuilder, SourceBuilder, type AlignedSink, type AlignedText } from './aligned.js';
import { mapCharacters, mapSource, replaceEscapes } from './chars.js';
import { codePointAt, normalize, type NormalizedText } from './index.js';
import { collapseSpaces, dropFootnoteMarks, fixStopInDecimal, reflowLines } from './lines.js';

/** normalize as it was first written: one pass after another, each into arrays of its own. */
function reference(source: string) {
  const { text: first, cp } = identityWithIndex(source);
  const script = { han: 0, converted: 0 };
  const mapped = mapCharacters(replaceEscapes(first), true, script);
  const reflowed = reflowLines(mapped);
  const t = fixStopInDecimal(dropFootnoteMarks(collapseSpaces(reflowed.text)));
  return { ...t, cp, lines: reflowed.stats, script };
}

/** The aligned text and, with `cp`, the code point of every source offset (0 to source.length). */
const plain = (t: AlignedText, cp?: (u: number) => number) => ({
  text: t.text,
  start: [...t.start],
  end: [...t.end],
  ...(cp ? { cp: Array.from({ length: t.source.length + 1 }, (_, u) => cp(u)) } : {}),
});
const plainNormalized = (n: NormalizedText) => plain(n, (u) => codePointAt(n, u));
const plainReference = (r: ReturnType<typeof reference>) => plain(r, (u) => r.cp[u] ?? 0);

let seed = 3;
const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);

describe('normalize (one pass for escapes and characters, later passes in place)', () => {
  const pieces = [
    '全县', '增长', '國', '縣', '\u35f2', '\u{205e3}', '𠀀', '\ud840', '\udc00', '５', '．', '％', '　', ' ', '  ', '\t',
    '\r', '\n', '\r\n', '\\r\\n', '\\n', '\\r', '\\t', '\\', '&nbsp;', '&amp;', '&', '&lt;', '&#12288;', '1', '2', '.', '。',
    '%', '[3]', '〔1〕', '①', '，', '、', '“', '”', '首页', '分享到：微信', '- 3 -', '亿元', '一、', 'GDP', 'in', '⼈', '\ufeff',
  ];
  it.each([
    [''],
    ['全县生产总值\r\n增长5。6%。'],
    ['\r\\n\r\\t\r&nbsp;\r'],
    ['规模以上工业[3]增加值 增长 4 0.8 2亿元'],
    ['\u35f2\u35f2国'],
  ])('%j as the pass-by-pass chain gives it', (s) => {
    const n = normalize(s);
    const r = reference(s);
    expect(plainNormalized(n)).toEqual(plainReference(r));
    expect(n.script).toEqual(r.script);
    expect(n.lines).toEqual(r.lines);
  });

  it('agrees with the pass-by-pass chain on random texts', () => {
    for (let k = 0; k < 1500; k++) {
      let s = '';
      const len = rand(k % 10 === 0 ? 400 : 40);
      for (let j = 0; j < len; j++) s += pieces[rand(pieces.length)];
      // wrapped documents: many lines of one width
      if (k % 25 === 0) s = Array.from({ length: 30 }, (_, i) => `第${i}行的内容一二三四五六七八九十甲乙丙丁戊己庚辛`).join('\n') + s;
      const n = normalize(s);
      const r = reference(s);
      expect(plainNormalized(n), JSON.stringify(s)).toEqual(plainReference(r));
      expect(n.script).toEqual(r.script);
      expect(n.lines).toEqual(r.lines);
    }
  });

  it('says whether the source has a surrogate pair', () => {
    for (const [s, want] of [['𠀀', true], ['a\ud840', false], ['\udc00\ud840', false], ['\\n𠀀', true], ['国', false]] as const)
      expect(mapSource(s, true).hasPair).toBe(want);
  });
});

/** A random valid write sequence for a text of length n: ranges in order, replacements no longer than what they replace. */
function writes(n: number, shrinking: boolean): Array<(b: AlignedSink) => void> {
  const ops: Array<(b: AlignedSink) => void> = [];
  let at = 0;
  while (at < n) {
    const len = 1 + rand(Math.min(40, n - at));
    const from = at;
    const kind = rand(4);
    if (kind === 0) ops.push((b) => b.emit(from, from + len));
    else if (kind === 1) ops.push((b) => (b.emit(from, from + 1), b.emit(from + 1, from + len)));
    else if (kind === 2) {
      const k = shrinking ? 1 + rand(len) : 1 + rand(3);
      ops.push((b) => b.emitAs('x'.repeat(k), from, from + len));
    } // else: dropped
    at += len;
  }
  return ops;
}

describe('InPlaceBuilder and SourceBuilder', () => {
  it('write what AlignedBuilder writes', () => {
    for (let k = 0; k < 400; k++) {
      const s = 'abcdefghij'.repeat(1 + rand(12)).slice(rand(5));
      const base = new AlignedBuilder(identity(s));
      for (const op of writes(s.length, false)) op(base);
      // a previous text that is no identity, as in a chain
      const prev = base.finish();
      const ops = writes(prev.text.length, true);
      const fresh = new AlignedBuilder(prev);
      ops.forEach((op) => op(fresh));
      const want = plain(fresh.finish());
      const copy = { ...prev, start: prev.start.slice(), end: prev.end.slice() };
      const inPlace = new InPlaceBuilder(copy);
      ops.forEach((op) => op(inPlace));
      expect(plain(inPlace.finish())).toEqual(want);

      const fromSource = writes(s.length, false);
      const a = new AlignedBuilder(identity(s));
      const b = new SourceBuilder(s);
      fromSource.forEach((op) => (op(a), op(b)));
      expect(plain(b.finish())).toEqual(plain(a.finish()));
    }
  });

  it('refuses to write ahead of what it reads', () => {
    const t = () => {
      const x = identity('abcdef');
      return { ...x, start: x.start.slice(), end: x.end.slice() };
    };
    expect(() => {
      const b = new InPlaceBuilder(t());
      b.emitAs('xyz', 0, 2);
    }).toThrow();
    expect(() => {
      const b = new InPlaceBuilder(t());
      b.emit(2, 4);
      b.emit(0, 2);
      b.finish();
    }).toThrow();
  });
});
