/**
 * From a value to a fact draft: the measure (level, growth, change,
 * cumulative growth, share, completion), the unit in base units, the bound,
 * the period (with five-year spans, spans.ts) and the status.
 *
 *   地区生产总值67.05亿元 → level 6705000000 CNY      增长5.1% → growth 5.1
 *   提高1.5个百分点 → change 1.5 pp                 增长2.2倍 → growth_cumulative 220
 *   生产总值55138元 → no fact (a per-capita figure; plausible ranges are data)
 *   居民消费价格指数为100.3 → cpi growth 0.3 (an index, 上年=100)
 */
import { lexicon, plausibleLevel, type IndicatorDef, type InternalUnit } from '../lexicon/index.js';
import type { PeriodSpec, QuantityToken, RankToken } from '../recognize/index.js';
import type { Bound, Measure, RankScope, Status, Unit } from '../types.js';
import type { GrammarContext, SentenceState, ValueCues } from './chain.js';
import { completionOrShare } from './completion.js';
import { endYear, formatPeriod } from './periods.js';
import { reachedBefore, spanPeriod, spansInvolved } from './spans.js';
import type { FactDraft } from './types.js';

/** The indicator of `id`'s family that takes `unit`, if exactly one does. */
export function resolveByUnit(id: string, unit: InternalUnit): string | undefined {
  const lex = lexicon();
  const def = lex.indicators.get(id);
  if (!def) return undefined;
  if ((def.units as string[]).includes(unit)) return id;
  const members = [...lex.indicators.values()].filter(
    (d) => d.family === def.family && (d.units as string[]).includes(unit),
  );
  return members.length === 1 ? members[0]!.id : undefined;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function statusOf(g: GrammarContext, id: string, st: SentenceState, period?: string): Status {
  const forced = lexicon().indicators.get(id)?.status;
  if (forced) return forced;
  // a figure for a year after the one reviewed cannot be an outcome: it is planned
  if (st.status === 'actual' && period !== undefined && endYear(period) > g.doc.year) return 'target';
  return st.status;
}

/**
 * The scope of a rank that names none (湘潭GDP总量排第7名 in news about the
 * province): for a unit inside the document's region, that region's level
 * (全国 in the sentence: the nation); otherwise unknown.
 */
function impliedScope(g: GrammarContext, st: SentenceState, tok: RankToken): RankScope | null {
  const doc = g.doc.region?.code;
  const unit = st.region?.code;
  if (!doc || !unit || unit === doc) return null;
  const start = Math.max(g.text.lastIndexOf('。', tok.start), g.text.lastIndexOf('\n', tok.start)) + 1;
  if (g.text.slice(start, tok.start).includes('全国')) return 'nation';
  if (doc.endsWith('0000') && unit.startsWith(doc.slice(0, 2))) return 'province';
  if (doc.endsWith('00') && unit.startsWith(doc.slice(0, 4))) return 'prefecture';
  return null;
}

export function rankDraft(g: GrammarContext, tok: RankToken, id: string, scope: RankScope | null, st: SentenceState, period: PeriodSpec | null): FactDraft | undefined {
  const sc = tok.scope ?? scope ?? impliedScope(g, st, tok);
  if (!sc) return undefined;
  const periodText = formatPeriod(period, st.baseYear, 'rank', false);
  return {
    indicator: id,
    measure: 'rank',
    value: tok.value,
    unit: 'rank',
    scope: sc,
    period: periodText,
    status: statusOf(g, id, st, periodText),
    bound: '=',
    start: tok.start,
    end: tok.end,
    rule: 'rank',
  };
}

export function valueDraft(
  g: GrammarContext,
  tok: QuantityToken,
  subjectId: string,
  st: SentenceState,
  period: PeriodSpec | null,
  c: ValueCues,
): FactDraft | undefined {
  const lex = lexicon();
  let unit: InternalUnit | null = tok.unit;
  if (unit === null && !tok.magnitudeOnly) {
    // 居民消费价格指数为100.3 (上年=100): a price index is growth of 0.3%
    const def = lex.indicators.get(subjectId);
    if (!def || def.levelAs !== 'growth' || c.dir !== 0 || tok.value < 80 || tok.value > 120) return undefined;
    const periodText = formatPeriod(period, st.baseYear, 'growth', false);
    return {
      indicator: subjectId,
      measure: 'growth',
      value: round(tok.value - 100),
      unit: '%',
      period: periodText,
      status: statusOf(g, subjectId, st, periodText),
      bound: '=',
      start: tok.start,
      end: tok.end,
      rule: 'index',
    };
  }
  if (unit === null) {
    // 56.8亿 without 元: an amount of money for money indicators.
    const def = lex.indicators.get(subjectId);
    if (!def || !def.units.includes('CNY')) return undefined;
    unit = 'CNY';
  }
  let id = subjectId;
  let measure: Measure;
  let value = tok.value;
  let outUnit: Unit;
  let rule: string;
  const def: IndicatorDef | undefined = lex.indicators.get(id);
  if (!def) return undefined;
  const rate = def.units[0] === '%';
  const reading = completionOrShare(def, unit, value, c, (x) => resolveByUnit(x, '%') ?? x);
  if (reading === null) return undefined;
  if (reading) {
    ({ id, measure, rule } = reading);
    outUnit = '%';
  } else if (unit === '%' || unit === 'pp' || unit === 'times') {
    if (c.dir !== 0) {
      if (unit === 'pp') {
        measure = 'change';
        outUnit = 'pp';
        value *= c.dir;
        rule = 'change';
      } else if (unit === 'times') {
        measure = 'growth_cumulative';
        outUnit = '%';
        value = value * 100 * c.dir;
        rule = 'cumulative';
      } else {
        // 优良率提高2%: percent or points? not said (but CPI is itself a rate of change)
        if (rate && def.levelAs !== 'growth') return undefined;
        measure = c.cumulative ? 'growth_cumulative' : 'growth';
        outUnit = '%';
        value *= c.dir;
        rule = c.cumulative ? 'cumulative' : c.averaged ? 'growth-avg' : 'growth';
      }
    } else if (unit === '%' && rate) {
      measure = def.levelAs;
      outUnit = '%';
      rule = measure === 'share' ? 'share' : 'level';
    } else {
      return undefined;
    }
  } else {
    const resolved = resolveByUnit(id, unit);
    if (!resolved) return undefined;
    id = resolved;
    outUnit = unit;
    if (c.dir !== 0) {
      measure = 'change';
      value *= c.dir;
      rule = 'change';
    } else {
      measure = lex.indicators.get(id)?.levelAs ?? 'level';
      rule = resolved !== subjectId ? 'family-level' : 'level';
      // 生产总值55138元 is a per-capita figure, not the region's GDP
      if (!plausibleLevel(id, value)) return undefined;
    }
  }
  let periodText: string;
  if (c.periodOverride) {
    periodText = formatPeriod(c.periodOverride, st.baseYear, measure, false);
    if (c.fromValue) rule = `from-base/${rule}`;
  } else {
    // five-year reviews and plans, comparisons with a base year further back
    const sentencePeriod: PeriodSpec | null = st.refMonths && period?.k !== 'months' ? { k: 'months', from: 1, to: 12 } : period;
    const byYears = spansInvolved({ refYear: st.refYear, averaged: c.averaged, period: sentencePeriod, scope: g.paragraphSpan }) ? spanPeriod({
      measure,
      averaged: c.averaged,
      sums: lex.indicators.get(id)?.sums === true,
      cumulativeWord: st.cumulativeWord,
      reached: reachedBefore(g.text.slice(Math.max(0, tok.start - 4), tok.start)),
      yearOnYear: /上年|去年|同比|上一年/u.test(c.dirSurface),
      period: sentencePeriod,
      scope: g.paragraphSpan,
      ...(st.refYear !== undefined ? { refYear: st.refYear } : {}),
      ...(st.sentenceRefYear !== undefined ? { sentenceRefYear: st.sentenceRefYear } : {}),
      docYear: g.doc.year,
      baseYear: st.baseYear,
    }) : undefined;
    if (byYears && byYears.period === null) return undefined;
    if (byYears) {
      measure = byYears.measure;
      if (byYears.rule) rule = `${byYears.rule}/${rule}`;
    }
    periodText = byYears?.period ?? formatPeriod(period, st.baseYear, measure, c.averaged);
  }
  let bound: Bound = '=';
  if (c.pre) bound = c.pre;
  else if (tok.more) bound = '>';
  const d: FactDraft = {
    indicator: id,
    measure,
    value: round(value),
    unit: outUnit,
    period: periodText,
    status: statusOf(g, id, st, periodText),
    bound,
    start: tok.start,
    end: tok.end,
    rule,
  };
  if (tok.valueMax !== undefined) d.valueMax = round(tok.valueMax * (measure === 'growth' || measure === 'change' ? c.dir || 1 : 1));
  return d;
}
