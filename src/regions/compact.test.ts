import { describe, expect, it } from 'vitest';
import { compact, compactText, firstAtOrAfter } from './compact.js';

describe('compactText', () => {
  it.each([
    ['石 家 庄 市'],
    ['2025年\u3000焦作市国民经济和社会发展\n统计公报'],
    ['\\r\\n第二段\\n'],
    ['价格???指数'],
    ['a\u00a0b\u200bc\u2060d\ufeffe\u0085f\u202fg'],
    ['单个?问号保留'],
    [''],
  ])('removes what compact removes: %j', (s) => {
    expect(compactText(s)).toBe(compact(s).text);
  });

  it('agrees with compact on every character of the BMP between spaces', () => {
    let s = '';
    for (let c = 0x20; c < 0x3100; c++) s += `x${String.fromCharCode(c)}`;
    expect(compactText(s)).toBe(compact(s).text);
  });
});

describe('firstAtOrAfter', () => {
  const origin = Int32Array.from([0, 2, 3, 7, 9]);
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [9, 4],
    // negatives: past the last origin, and an empty range
    [10, 5],
    [100, 5],
  ])('offset %d → index %d', (offset, want) => {
    expect(firstAtOrAfter(origin, 5, offset)).toBe(want);
    expect(firstAtOrAfter(origin, 0, offset)).toBe(0);
    // from a lower bound: never below it
    expect(firstAtOrAfter(origin, 5, offset, 2)).toBe(Math.max(2, want));
  });
});
