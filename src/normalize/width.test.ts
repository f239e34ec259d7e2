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
