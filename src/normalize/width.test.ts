import { describe, expect, it } from 'vitest';
import { strippedWidth, width } from './lines.js';

describe('strippedWidth', () => {
  it('equals width(s.replace(/\\s+/g, "")), surrogates and every kind of space included', () => {
    const alphabet = ['中', '、', '\ud7ff', 'a', '1', ' ', '\t', '\u3000', '\u00a0', '\u2003', '\ufeff', '\ud83d', '\ude00', '\ud840\udc00', '，', '\u2028', '\u1680'];
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 5000; k++) {
      let s = '';
      const n = Math.floor(rand() * 20);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(strippedWidth(s), JSON.stringify(s)).toBe(width(s.replace(/\s+/g, '')));
    }
  });
});

describe('strippedWidth of a range', () => {
  it.each([
    ['  中文 ab  ', 0, 10],
    ['  中文 ab  ', 2, 5],
    ['x\ud840\udc00y', 1, 3],
    ['x\ud840\udc00y', 2, 4], // starts inside the pair
    ['\u3000 全年增长 ', 0, 7],
    ['abc', 1, 1], // empty
  ])('%j [%d, %d) is the width of that slice', (s, from, to) => {
    expect(strippedWidth(s, from, to)).toBe(strippedWidth(s.slice(from, to)));
    expect(strippedWidth(s, from, to)).toBe(strippedWidth(s.slice(from, to).trim()));
  });
});
