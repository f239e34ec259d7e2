import { describe, expect, it } from 'vitest';
import { AlignedBuilder, codePointIndex, identity, identityWithIndex } from './aligned.js';

describe('identityWithIndex', () => {
  it.each([
    [''],
    ['增长6%'],
    ['𠀀𠀁增长'],
    ['a𠀀b'],
    // lone and reversed surrogates are one code point each
    ['a\ud840b'],
    ['a\udc00b'],
    ['\udc00\ud840'],
    ['\ud840'],
  ])('aligns %j one to one and indexes its code points', (s) => {
    const { text, cp } = identityWithIndex(s);
    expect(text.text).toBe(s);
    expect([...text.start]).toEqual(Array.from({ length: s.length }, (_, i) => i));
    expect([...text.end]).toEqual(Array.from({ length: s.length }, (_, i) => i + 1));
    expect([...cp]).toEqual([...codePointIndex(s)]);
    expect(identity(s).start).toEqual(text.start);
  });
});

describe('AlignedBuilder', () => {
  const src = identity('abcdefgh');
  it.each([
    ['nothing', () => {}, '', []],
    ['everything in one emit', (b: AlignedBuilder) => b.emit(0, 8), 'abcdefgh', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['everything in runs that continue one another', (b: AlignedBuilder) => (b.emit(0, 3), b.emit(3, 5), b.emit(5, 8)), 'abcdefgh', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['a gap', (b: AlignedBuilder) => (b.emit(0, 2), b.emit(4, 6)), 'abef', [0, 1, 4, 5]],
    ['an empty emit between runs', (b: AlignedBuilder) => (b.emit(0, 2), b.emit(2, 2), b.emit(2, 3)), 'abc', [0, 1, 2]],
    ['a replacement between runs', (b: AlignedBuilder) => (b.emit(0, 2), b.emitAs('XY', 2, 4), b.emit(4, 5)), 'abXYe', [0, 1, 2, 2, 4]],
    ['a run that starts again at 0', (b: AlignedBuilder) => (b.emit(0, 2), b.emit(0, 2)), 'abab', [0, 1, 0, 1]],
  ])('%s', (_name, write, text, starts) => {
    const b = new AlignedBuilder(src);
    write(b);
    const out = b.finish();
    expect(out.text).toBe(text);
    expect([...out.start]).toEqual(starts);
  });

  it('returns the previous text itself when it kept all of it', () => {
    const b = new AlignedBuilder(src);
    b.emit(0, 4);
    b.emit(4, 8);
    expect(b.finish()).toBe(src);
  });

  it('copies long runs like short ones', () => {
    const long = identity('x'.repeat(100));
    const b = new AlignedBuilder(long);
    b.emit(10, 90);
    b.emitAs('-', 90, 92);
    b.emit(92, 100);
    const out = b.finish();
    expect(out.text.length).toBe(89);
    expect(out.start[0]).toBe(10);
    expect(out.start[79]).toBe(89);
    expect([out.start[80], out.end[80]]).toEqual([90, 92]);
    expect(out.start[88]).toBe(99);
  });
});
