/**
 * Multi-year spans: the period and measure of a figure stated in a five-year
 * review (五年来, 过去的五年, 十三五时期) or a five-year plan part (今后五年,
 * 十四五时期主要目标), and of a change against a base year further back than
 * last year (比2011年增长21.9% in a review of 2016).
 *
 *   年均增长6.3%                      → growth over the span
 *   比2011年增长21.9% (review of 2016) → growth_cumulative 2012/2016
 *   增长2.2倍, 累计下降27.4%, 降幅近40% → growth_cumulative over the span
 *   提高9个百分点                      → change over the span
 *   城镇新增就业50.2万人 (a flow)       → level over the span
 *   生产总值达到3353.3亿元 (reached)    → level of the span's last year
 *   较2019年同期增长11.1% (months)      → special-scope comparison: no fact
 */
import type { PeriodSpec } from '../recognize/index.js';
import type { Measure } from '../types.js';

export interface YearSpan {
  from: number;
  to: number;
}

/** A relative span (五年来, 今后五年) as years: `docYear` is the year reviewed. */
export function resolveSpan(spec: PeriodSpec, docYear: number): PeriodSpec {
  if (spec.k === 'lastN') return { k: 'span', from: docYear - spec.n + 1, to: docYear };
  if (spec.k === 'nextN') return { k: 'span', from: docYear + 1, to: docYear + spec.n };
  return spec;
}

/** Verbs before a value that say a level was reached at the end (达到, 增长到, 稳定在). */
const REACHED = /(达到了?|达|增长到|增加到|提高到|提高至|提升到|提升至|上升到|增至|降至|降到|下降到|下降至|减少到|稳定在|保持在|突破|超过|为)$/u;

/** Whether `before` (the words between the indicator and the value) ends with a verb of reaching. */
export function reachedBefore(before: string): boolean {
  return REACHED.test(before);
}

export interface SpanQuestion {
  measure: Measure;
  /** 年均 */
  averaged: boolean;
  /** The indicator's total over years is reported (a flow). */
  sums: boolean;
  /** 累计 said in the clause. */
  cumulativeWord: boolean;
  /** A verb of reaching right before the value. */
  reached: boolean;
  /** The cue compares with last year (比上年, 同比). */
  yearOnYear: boolean;
  /** The sentence's own period, if it names one. */
  period: PeriodSpec | null;
  /** The span of years the paragraph or part is about (五年来, 十四五), if any. */
  scope: YearSpan | null;
  /** The base year of a comparison (比2011年), if any. */
  refYear?: number;
  /** The base year of a comparison earlier in the sentence (比2018年增长36.5%，年均增长6.4%). */
  sentenceRefYear?: number;
  /** The year reviewed. */
  docYear: number;
  /** The year a figure without a period of its own is about (the plan year in a plan part). */
  baseYear: number;
}

export interface SpanAnswer {
  measure: Measure;
  /** The period as written in a fact; null: the figure is not a fact. */
  period: string | null;
  rule?: string;
}

function lastYearOf(p: PeriodSpec | null, baseYear: number): number {
  if (!p) return baseYear;
  switch (p.k) {
    case 'year':
      return p.year ?? baseYear + (p.rel ?? 0);
    case 'months':
      return p.year ?? baseYear;
    case 'span':
      return p.to;
    default:
      return baseYear;
  }
}

const span = (s: YearSpan): string => `${s.from}/${s.to}`;

/**
 * Whether spanPeriod can say anything for a figure with these parts of its
 * question: without a base year, 年均 or a span (the sentence's own, or the
 * paragraph's when the sentence names no period) it answers undefined whatever
 * the rest, so the rest (the words before the value, the cue) need not be read.
 */
export function spansInvolved(q: Pick<SpanQuestion, 'refYear' | 'averaged' | 'period' | 'scope'>): boolean {
  return q.refYear !== undefined || q.averaged || q.period?.k === 'span' || (q.period === null && q.scope !== null);
}

/**
 * The period (and measure) of a figure when spans of years are involved;
 * undefined when they are not and the ordinary period applies.
 */
export function spanPeriod(q: SpanQuestion): SpanAnswer | undefined {
  const { period } = q;
  let measure = q.measure;
  const changeLike = measure === 'growth' || measure === 'change' || measure === 'growth_cumulative';
  // 比2011年增长21.9% in a review of 2016: the change over the five years since
  if (q.refYear !== undefined && changeLike && !q.averaged) {
    const end = lastYearOf(period, q.baseYear);
    if (q.refYear < end - 1) {
      if (period?.k === 'months') return { measure, period: null }; // 较2019年同期: special scope
      if (measure === 'growth') measure = 'growth_cumulative';
      return { measure, period: span({ from: q.refYear + 1, to: end }), rule: 'span-base' };
    }
    return undefined;
  }
  // a sentence that names its own year or months is about that year
  const own = period !== null && period.k !== 'span';
  const scope: YearSpan | null = period?.k === 'span' ? { from: period.from, to: period.to } : own ? null : q.scope;
  if (q.averaged) {
    if (scope) return { measure, period: span(scope), rule: 'span-avg' };
    // 比2018年增长36.5%，年均增长6.4%: the years since the base year
    if (q.sentenceRefYear !== undefined && q.sentenceRefYear < lastYearOf(period, q.baseYear) - 1) {
      return { measure, period: span({ from: q.sentenceRefYear + 1, to: lastYearOf(period, q.baseYear) }), rule: 'span-avg' };
    }
    // 到2021年，生产总值年均增长11.5%: from the plan year to the year named
    if (period?.k === 'year' && period.year !== undefined && period.year > q.docYear + 1) {
      return { measure, period: span({ from: q.docYear + 1, to: period.year }), rule: 'span-avg' };
    }
    return undefined;
  }
  if (!scope) return undefined;
  if (measure === 'growth_cumulative') return { measure, period: span(scope), rule: 'span-cumulative' };
  if (measure === 'growth' || measure === 'change') {
    if (q.yearOnYear) return { measure, period: String(scope.to) };
    // 五年增长62.3%, 降幅近40%, 提高9个百分点: over the span
    if (measure === 'growth') measure = 'growth_cumulative';
    return { measure, period: span(scope), rule: 'span-cumulative' };
  }
  if ((q.sums || q.cumulativeWord) && !q.reached) return { measure, period: span(scope), rule: 'span-total' };
  return { measure, period: String(scope.to), rule: 'span-end' };
}
