import { describe, expect, it } from 'vitest';
import { lexicon } from '../lexicon/index.js';
import { scaleWritten } from './number.js';
import { matchQuantity, numberEnd, scaleRead, scanQuantities, scanQuantitiesByMatch, type QuantityMatch } from './quantity.js';

/** The regular expression matchQuantity stands in for. */
function quantityRegExp(): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const units = [...new Set(lexicon().units.map((u) => u.surface))].sort((a, b) => b.length - a.length).map(escape).join('|');
  const num = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
  const mag = ['万亿', '千亿', '百亿', '千万', '百万', '亿', '万', '千', '百'].join('|');
  return new RegExp(String.raw`(${num})(%)?(?:(?:[-—–~～至到]|——)(${num}))?(多|余)?(${mag})?(多|余)?(${units})?`, 'gu');
}

const byRegex = (m: RegExpExecArray): QuantityMatch => ({
  end: m.index + m[0].length,
  number: m[1]!,
  percent: m[2] !== undefined,
  ...(m[3] !== undefined ? { high: m[3] } : {}),
  more: m[4] !== undefined || m[6] !== undefined,
  ...(m[5] !== undefined ? { magnitude: m[5] } : {}),
  ...(m[7] !== undefined ? { unit: m[7] } : {}),
});

describe('numberEnd', () => {
  it.each([
    ['67.05亿元', 0, 5],
    ['1,234.5万', 0, 7],
    ['1,2345', 0, 5], // ,234 then a digit the thousands group does not take
    ['1,23', 0, 1],
    ['12.', 0, 2],
    ['12.5.6', 0, 4],
    ['增长5.1%', 2, 5],
    ['增长', 0, -1],
    ['', 0, -1],
  ])('%s from %d → %d', (text, at, end) => expect(numberEnd(text, at)).toBe(end));
});

describe('matchQuantity', () => {
  it.each([
    ['67.05亿元', { end: 7, number: '67.05', percent: false, more: false, magnitude: '亿', unit: '元' }],
    ['5%—5.5%', { end: 7, number: '5', percent: true, high: '5.5', more: false, unit: '%' }],
    ['3——4万元', { end: 6, number: '3', percent: false, high: '4', more: false, magnitude: '万', unit: '元' }],
    ['30多万人次', { end: 6, number: '30', percent: false, more: true, magnitude: '万', unit: '人次' }],
    ['3万多人', { end: 4, number: '3', percent: false, more: true, magnitude: '万', unit: '人' }],
    ['1.5个百分点', { end: 7, number: '1.5', percent: false, more: false, unit: '个百分点' }],
    ['2023年', { end: 4, number: '2023', percent: false, more: false }],
    ['5—', { end: 1, number: '5', percent: false, more: false }],
  ])('%s', (text, want) => expect(matchQuantity(text, 0)).toEqual(want));

  it('none where no digit is written', () => {
    expect(matchQuantity('增长', 0)).toBeUndefined();
    expect(matchQuantity('', 0)).toBeUndefined();
  });

  it('matches what the regular expression matches, everywhere it matches', () => {
    const alphabet = [...'0123456789,.%-—～至多余万亿千百元人次个百分点μg/m3吨增长，'];
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const re = quantityRegExp();
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 24);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      for (const m of text.matchAll(re)) expect(matchQuantity(text, m.index), text).toEqual(byRegex(m));
    }
  });
});

describe('scaleWritten', () => {
  it.each([
    ['5.1', 1, 5.1],
    ['83.4', 1e8, 8340000000],
    ['0.35', 1e4, 3500],
    ['1,234.5', 1, 1234.5],
    ['1234567890.123', 1, 1234567890.12], // 13 digits: rounded to 12
    ['2.5', 0.0666666666667, 0.166666666667],
  ])('%s × %d → %d', (digits, factor, want) => expect(scaleWritten(digits, factor)).toBe(want));
});

describe('scanQuantities reads what scanQuantitiesByMatch reads', () => {
  it('the powers of ten scaleRead divides by are those scaleWritten computes', () => {
    for (let d = 0; d <= 15; d++) expect(10 ** d).toBe(Number(`1e${d}`));
  });

  it.each([
    '地区生产总值67.05亿元，同比增长5.1%，5%—5.5%，3——4万元，30多万人次，3万多人，1.5个百分点。',
    '1,234.5万元；1,2345吨；12.5.6；0.35万亩；2023年；5—；增长两个百分点，是上年的三倍，翻一番',
    // more than 15 digits: the written string is the value's source
    '12345678901234567.5亿元，1234567890123456%，0.0000000000000001万元，123456789012.345',
    '',
    '没有数字',
  ])('%s', (text) => expect(scanQuantities(text)).toEqual(scanQuantitiesByMatch(text)));

  it('on random texts of numbers, ranges, magnitudes and units', () => {
    const alphabet = [...'0123456789,.%-—～至多余万亿千百元人次个百分点μg/m3吨增长，两倍番'];
    let seed = 5;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 40);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      // long runs of digits now and then (past 12 and 15 digits)
      if (rand() < 0.2) text = text.replace(/\d/, '1234567890123'.slice(0, 1 + Math.floor(rand() * 13)));
      const got = scanQuantities(text);
      const want = scanQuantitiesByMatch(text);
      expect(got, text).toEqual(want);
      // and the same numbers bit for bit (toEqual treats 0 and -0, NaN alike)
      got.forEach((t, i) => {
        expect(Object.is(t.value, want[i]!.value), text).toBe(true);
        expect(Object.is(t.valueMax, want[i]!.valueMax), text).toBe(true);
      });
    }
  });
});

describe('scaleRead', () => {
  it('equals scaleWritten for numbers of up to 15 digits and the factors of the lexicon', () => {
    const factors = [1, 1e2, 1e3, 1e4, 1e8, 1e12, ...lexicon().units.map((u) => u.factor)];
    const mags = [1, 1e2, 1e3, 1e4, 1e6, 1e7, 1e8, 1e10, 1e11, 1e12];
    let seed = 3;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + Math.floor(rand() * 15);
      let s = '';
      for (let i = 0; i < digits; i++) s += String(Math.floor(rand() * 10));
      const decimals = Math.floor(rand() * digits);
      const written = decimals === 0 ? s : `${s.slice(0, digits - decimals)}.${s.slice(digits - decimals)}`;
      const factor = factors[Math.floor(rand() * factors.length)]! * mags[Math.floor(rand() * mags.length)]!;
      expect(scaleRead(Number(s), digits, decimals, factor), `${written} × ${factor}`).toBe(scaleWritten(written, factor));
    }
  });
});
