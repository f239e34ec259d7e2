/**
 * Periods and dates: 全年, 前三季度, 上半年, 一季度, 1-11月, 1—9月份, 截至10月,
 * 2023年, 十四五, 五年来; and calendar dates that must not be read as numbers.
 */
import { parseNumber } from './number.js';
import type { DateToken, PeriodSpec, PeriodToken } from './tokens.js';

const Q = '[一二三四1-4]';
const PATTERNS: ReadonlyArray<{ re: RegExp; make: (m: RegExpExecArray) => PeriodSpec[] | 'date' | undefined }> = [
  // 2023年1-11月 / 2023年1—9月份
  {
    re: /(20\d\d)年(\d{1,2})[-—–~至到](\d{1,2})月份?/gu,
    make: (m) => months(Number(m[2]), Number(m[3]), Number(m[1])),
  },
  // 1-11月, 1—9月份
  { re: /(?<![\d.])(\d{1,2})[-—–~至到](\d{1,2})月份?/gu, make: (m) => months(Number(m[1]), Number(m[2])) },
  // 截至10月(底), 截至2023年10月底
  {
    re: /截[至止](?:(20\d\d)年)?(\d{1,2})月(?:底|末|份)?/gu,
    make: (m) => months(1, Number(m[2]), m[1] ? Number(m[1]) : undefined),
  },
  // calendar dates
  { re: /(20\d\d|19\d\d)年(\d{1,2})月(?:(\d{1,2})日)?/gu, make: () => 'date' },
  { re: /(?<![\d.])(\d{1,2})月(\d{1,2})日/gu, make: () => 'date' },
  // 一、二、三季度 (cumulative), 前三季度, 第一季度
  {
    re: new RegExp(`(?:第?(${Q})[、,，和](?:第?(${Q})[、,，和])?(?:第?(${Q})[、,，和])?第?(${Q})季度)`, 'gu'),
    make: (m) =>
      [m[1], m[2], m[3], m[4]]
        .filter((x): x is string => x !== undefined)
        .map((q) => ({ k: 'months', from: 1, to: 3 * (parseNumber(q) ?? 1) }) as PeriodSpec),
  },
  { re: new RegExp(`前(${Q})(?:个)?季度`, 'gu'), make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  // 1-3季度, 一至三季度
  { re: new RegExp(`(?:1|一)[-—–至到](${Q})季度`, 'gu'), make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  { re: new RegExp(`第?(${Q})季度`, 'gu'), make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  { re: /上半年/gu, make: () => months(1, 6) },
  { re: /(?:“|")?十([二三四五])五(?:”|")?(?:时期|期间|以来)?/gu, make: (m) => fiveYear(m[1]!) },
  { re: /(?:过去|近|这)?([三五十])年(?:来|以来|间)/gu, make: (m) => [{ k: 'lastN', n: parseNumber(m[1]!) ?? 5 }] },
  // 过去五年, 过去的五年, 这五年, 近五年里
  { re: /(?:过去的?|这|近)([三五十])年(?:里|中)?/gu, make: (m) => [{ k: 'lastN', n: parseNumber(m[1]!) ?? 5 }] },
  // 今后五年, 未来五年: the years after the one reviewed
  { re: /(?:今后|未来|此后)([三五十])年/gu, make: (m) => [{ k: 'nextN', n: parseNumber(m[1]!) ?? 5 }] },
  { re: /(20\d\d)[-—–至到](20\d\d)年/gu, make: (m) => [{ k: 'span', from: Number(m[1]), to: Number(m[2]) }] },
  { re: /(?<![\d.])(20\d\d)年(?:度)?/gu, make: (m) => [{ k: 'year', year: Number(m[1]) }] },
  // 今年/去年/明年 count from when the text was written; 全年/上年 from the year it is about
  { re: /今年/gu, make: () => [{ k: 'year', rel: 0, deictic: true }] },
  { re: /全年|本年|当年|年内/gu, make: () => [{ k: 'year', rel: 0 }] },
  { re: /去年/gu, make: () => [{ k: 'year', rel: -1, deictic: true }] },
  { re: /上年|上一年/gu, make: () => [{ k: 'year', rel: -1 }] },
  { re: /明年/gu, make: () => [{ k: 'year', rel: 1, deictic: true }] },
];

function months(from: number, to: number, year?: number): PeriodSpec[] | undefined {
  if (from < 1 || to > 12 || from > to) return undefined;
  return [{ k: 'months', from, to, ...(year !== undefined ? { year } : {}) }];
}

function fiveYear(n: string): PeriodSpec[] {
  const plan = 10 + (parseNumber(n) ?? 4); // 十四五 → the 14th five-year plan
  const first = 2021 + (plan - 14) * 5; // regular since the 6th (1981–1985): 十一五 2006, 十四五 2021
  return [{ k: 'span', from: first, to: first + 4 }];
}

export function scanPeriods(text: string): Array<PeriodToken | DateToken> {
  const out: Array<PeriodToken | DateToken> = [];
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = make(m);
      if (r === undefined) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      out.push(r === 'date' ? { t: 'date', ...span } : { t: 'period', ...span, periods: r });
    }
  }
  return out;
}
