/**
 * Periods and dates: 全年, 前三季度, 上半年, 一季度, 1-11月, 1—9月份, 截至10月,
 * 2023年, 十四五, 五年来; and calendar dates that must not be read as numbers.
 */
import { anchoredMatches, positionsOf, sticky, type PositionsOf } from './anchored.js';
import { parseNumber } from './number.js';
import type { DateToken, PeriodSpec, PeriodToken } from './tokens.js';

const Q = '[一二三四1-4]';
const DIGIT = '0123456789';

/**
 * Where a pattern can match (see anchored.ts): a character every match holds at
 * an offset in `d` from its start, and, when `where` is given, only where one
 * of its conditions holds (the unit at the anchor + rel is one of the characters).
 */
interface Near {
  ch: string;
  d: readonly [number, number];
  where?: ReadonlyArray<readonly [number, string]>;
}

interface Pattern {
  re: RegExp;
  near: Near;
  make: (m: RegExpExecArray) => PeriodSpec[] | 'date' | undefined;
}

/** A Near's anchors in `text`; `positions` gives each character's. */
function anchorsOf(text: string, near: Near, positions: PositionsOf): number[] {
  const at = positions(near.ch);
  const where = near.where;
  if (!where) return at;
  const out: number[] = [];
  for (const a of at) {
    for (const [rel, chars] of where) {
      const c = text.charCodeAt(a + rel); // NaN outside the text: no character matches
      if (hasUnit(chars, c)) {
        out.push(a);
        break;
      }
    }
  }
  return out;
}

/**
 * Whether `chars` holds the UTF-16 unit `c` (NaN: no): compared as numbers,
 * not as a new one-character string per anchor (most anchors are 年 and 月).
 */
export function hasUnit(chars: string, c: number): boolean {
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === c) return true;
  return false;
}

const PATTERNS: ReadonlyArray<Pattern & { key: string }> = ([
  // 2023年1-11月 / 2023年1—9月份
  {
    re: /(20\d\d)年(\d{1,2})[-—–~至到](\d{1,2})月份?/gu,
    near: { ch: '年', d: [4, 4], where: [[-1, DIGIT]] },
    make: (m) => months(Number(m[2]), Number(m[3]), Number(m[1])),
  },
  // 1-11月, 1—9月份
  { re: /(?<![\d.])(\d{1,2})[-—–~至到](\d{1,2})月份?/gu, near: { ch: '月', d: [3, 5], where: [[-1, DIGIT]] }, make: (m) => months(Number(m[1]), Number(m[2])) },
  // 截至10月(底), 截至2023年10月底
  {
    re: /截[至止](?:(20\d\d)年)?(\d{1,2})月(?:底|末|份)?/gu,
    near: { ch: '截', d: [0, 0] },
    make: (m) => months(1, Number(m[2]), m[1] ? Number(m[1]) : undefined),
  },
  // calendar dates
  { re: /(20\d\d|19\d\d)年(\d{1,2})月(?:(\d{1,2})日)?/gu, near: { ch: '年', d: [4, 4], where: [[-1, DIGIT]] }, make: () => 'date' },
  { re: /(?<![\d.])(\d{1,2})月(\d{1,2})日/gu, near: { ch: '月', d: [1, 2], where: [[-1, DIGIT]] }, make: () => 'date' },
  // 一、二、三季度 (cumulative), 前三季度, 第一季度
  {
    re: new RegExp(`(?:第?(${Q})[、,，和](?:第?(${Q})[、,，和])?(?:第?(${Q})[、,，和])?第?(${Q})季度)`, 'gu'),
    near: { ch: '季', d: [3, 11] },
    make: (m) =>
      [m[1], m[2], m[3], m[4]]
        .filter((x): x is string => x !== undefined)
        .map((q) => ({ k: 'months', from: 1, to: 3 * (parseNumber(q) ?? 1) }) as PeriodSpec),
  },
  { re: new RegExp(`前(${Q})(?:个)?季度`, 'gu'), near: { ch: '季', d: [2, 3] }, make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  // 1-3季度, 一至三季度
  { re: new RegExp(`(?:1|一)[-—–至到](${Q})季度`, 'gu'), near: { ch: '季', d: [3, 3] }, make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  { re: new RegExp(`第?(${Q})季度`, 'gu'), near: { ch: '季', d: [1, 2] }, make: (m) => months(1, 3 * (parseNumber(m[1]!) ?? 1)) },
  { re: /上半年/gu, near: { ch: '年', d: [2, 2], where: [[-1, '半']] }, make: () => months(1, 6) },
  { re: /(?:“|")?十([二三四五])五(?:”|")?(?:时期|期间|以来)?/gu, near: { ch: '十', d: [0, 1], where: [[2, '五']] }, make: (m) => fiveYear(m[1]!) },
  { re: /(?:过去|近|这)?([三五十])年(?:来|以来|间)/gu, near: { ch: '年', d: [1, 3], where: [[-1, '三五十']] }, make: (m) => [{ k: 'lastN', n: parseNumber(m[1]!) ?? 5 }] },
  // 过去五年, 过去的五年, 这五年, 近五年里
  { re: /(?:过去的?|这|近)([三五十])年(?:里|中)?/gu, near: { ch: '年', d: [2, 4], where: [[-1, '三五十']] }, make: (m) => [{ k: 'lastN', n: parseNumber(m[1]!) ?? 5 }] },
  // 今后五年, 未来五年: the years after the one reviewed
  { re: /(?:今后|未来|此后)([三五十])年/gu, near: { ch: '年', d: [3, 3], where: [[-1, '三五十']] }, make: (m) => [{ k: 'nextN', n: parseNumber(m[1]!) ?? 5 }] },
  { re: /(20\d\d)[-—–至到](20\d\d)年/gu, near: { ch: '年', d: [9, 9], where: [[-1, DIGIT]] }, make: (m) => [{ k: 'span', from: Number(m[1]), to: Number(m[2]) }] },
  { re: /(?<![\d.])(20\d\d)年(?:度)?/gu, near: { ch: '年', d: [4, 4], where: [[-1, DIGIT]] }, make: (m) => [{ k: 'year', year: Number(m[1]) }] },
  // 今年/去年/明年 count from when the text was written; 全年/上年 from the year it is about
  { re: /今年/gu, near: { ch: '年', d: [1, 1], where: [[-1, '今']] }, make: () => [{ k: 'year', rel: 0, deictic: true }] },
  { re: /全年|本年|当年|年内/gu, near: { ch: '年', d: [0, 1], where: [[-1, '全本当'], [1, '内']] }, make: () => [{ k: 'year', rel: 0 }] },
  { re: /去年/gu, near: { ch: '年', d: [1, 1], where: [[-1, '去']] }, make: () => [{ k: 'year', rel: -1, deictic: true }] },
  { re: /上年|上一年/gu, near: { ch: '年', d: [1, 2], where: [[-1, '上一']] }, make: () => [{ k: 'year', rel: -1 }] },
  { re: /明年/gu, near: { ch: '年', d: [1, 1], where: [[-1, '明']] }, make: () => [{ k: 'year', rel: 1, deictic: true }] },
] satisfies Pattern[]).map((p) => ({ ...p, re: sticky(p.re), key: `${p.near.ch}${JSON.stringify(p.near.where ?? [])}` }));

function months(from: number, to: number, year?: number): PeriodSpec[] | undefined {
  if (from < 1 || to > 12 || from > to) return undefined;
  return [{ k: 'months', from, to, ...(year !== undefined ? { year } : {}) }];
}

function fiveYear(n: string): PeriodSpec[] {
  const plan = 10 + (parseNumber(n) ?? 4); // 十四五 → the 14th five-year plan
  const first = 2021 + (plan - 14) * 5; // regular since the 6th (1981–1985): 十一五 2006, 十四五 2021
  return [{ k: 'span', from: first, to: first + 4 }];
}

/** The anchor characters of the patterns (what scanPeriods asks its `positions` for). */
export const PERIOD_ANCHORS: readonly string[] = [...new Set(PATTERNS.map((p) => p.near.ch))];

/** positionsOf over `text`, each character's found once. */
function cachedPositions(text: string): PositionsOf {
  const cache = new Map<string, number[]>();
  return (chars) => {
    let at = cache.get(chars);
    if (!at) cache.set(chars, (at = positionsOf(text, chars)));
    return at;
  };
}

/** `positions`: where the anchor characters are in `text` (one walk for all of them: anchorIndex). */
export function scanPeriods(text: string, positions: PositionsOf = cachedPositions(text)): Array<PeriodToken | DateToken> {
  const out: Array<PeriodToken | DateToken> = [];
  /** The anchors of each distinct Near (several patterns share one). */
  const byNear = new Map<string, number[]>();
  for (const { re, near, key, make } of PATTERNS) {
    let anchors = byNear.get(key);
    if (!anchors) byNear.set(key, (anchors = anchorsOf(text, near, positions)));
    for (const m of anchoredMatches(text, re, anchors, near.d[0], near.d[1])) {
      const r = make(m);
      if (r === undefined) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      out.push(r === 'date' ? { t: 'date', ...span } : { t: 'period', ...span, periods: r });
    }
  }
  return out;
}
