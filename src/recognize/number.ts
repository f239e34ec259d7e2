/**
 * Numbers as written in Chinese documents: Arabic (with thousands separators
 * and decimals) and Chinese numerals (十五, 两, 一百二十, 第三).
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Characters a Chinese numeral is made of. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Parses an Arabic number: "1,234.5" → 1234.5. Undefined when it is not one. */
export function parseArabic(s: string): number | undefined {
  const t = s.indexOf(',') >= 0 || s.indexOf('，') >= 0 ? s.replace(/[,，]/g, '') : s;
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * The written number `digits` ("83.4") times `factor`, exactly when the factor
 * is a whole multiple of the decimals (83.4 × 1e8 = 834 × 1e7), else rounded
 * to 12 significant digits.
 */
export function scaleWritten(digits: string, factor: number): number {
  const t = digits.indexOf(',') >= 0 ? digits.replace(/,/g, '') : digits;
  const dot = t.indexOf('.');
  const decimals = dot < 0 ? 0 : t.length - dot - 1;
  const p = 10 ** decimals;
  if (Number.isInteger(factor) && factor % p === 0) {
    const whole = Number(dot < 0 ? t : t.slice(0, dot) + t.slice(dot + 1));
    return whole * (factor / p);
  }
  // 5.1 (a percent): with at most 12 digits, rounding to 12 digits gives the number back
  // (and toPrecision is costly at every quantity)
  if (factor === 1 && t.length - (dot < 0 ? 0 : 1) <= 12) return Number(t);
  return scale(Number(t), factor);
}

/**
 * Parses a Chinese numeral: 十五 → 15, 一百二十 → 120, 两万 → 20000,
 * 三点五 → 3.5, 二〇二三 → 2023 (digit by digit). Undefined when not one.
 */
export function parseChinese(s: string): number | undefined {
  if (s.length === 0) return undefined;
  const point = s.indexOf('点');
  if (point >= 0) {
    const int = parseChinese(s.slice(0, point));
    const frac = s.slice(point + 1);
    if (int === undefined || frac.length === 0) return undefined;
    let digits = '';
    for (const ch of frac) {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      digits += String(d);
    }
    return Number(`${int}.${digits}`);
  }
  // Digit-by-digit form (二〇二三) when there is no unit character.
  if ([...s].every((ch) => DIGITS[ch] !== undefined)) {
    if (s.length === 1) return DIGITS[s];
    let v = 0;
    for (const ch of s) v = v * 10 + (DIGITS[ch] ?? 0);
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = undefined;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      section += digit ?? 0;
      if (section === 0) return undefined;
      total = (total + section) * big;
      section = 0;
      digit = undefined;
      continue;
    }
    return undefined;
  }
  return total + section + (digit ?? 0);
}

/** Either form. */
export function parseNumber(s: string): number | undefined {
  return parseArabic(s) ?? parseChinese(s);
}

/** Multiplies without binary noise: 83.4 × 1e8 = 8340000000, not 8340000000.000001. */
export function scale(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}
