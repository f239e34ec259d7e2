import { describe, expect, it } from 'vitest';
import { CHINESE_NUMERAL_CHARS } from './number.js';
import { chineseQuantities } from './quantity.js';

/** The regular expression chineseQuantities stands in for. */
function byRegex(text: string): { start: number; end: number; numeral: string; suffix: string }[] {
  const re = new RegExp(`([${CHINESE_NUMERAL_CHARS}点]+)(个百分点|倍|番)`, 'gu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, numeral: m[1]!, suffix: m[2]! }));
}

describe('chineseQuantities', () => {
  it('finds what the regular expression finds', () => {
    expect(chineseQuantities('增长两个百分点，是上年的三倍，翻一番')).toEqual(byRegex('增长两个百分点，是上年的三倍，翻一番'));
    // seeded random texts over numerals, suffix characters and others
    const alphabet = [...'一二十百点两万亿倍番个百分点增长的，3'];
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 30);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(chineseQuantities(text), text).toEqual(byRegex(text));
    }
  });
});
