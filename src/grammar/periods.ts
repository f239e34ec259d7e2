/**
 * Periods in the clause grammar: a period token read in its sentence (the time
 * the clause is about, a comparison's base year, the year of the value that
 * follows), and a period written out as the contract wants it.
 *
 *   前三季度，GDP… → 2023-01/2023-09        比2011年增长…    → a base year, not the period
 *   从2015年的74微克… → the next value is 2015's   奋进“十四五”新征程 → a name, not the period
 *   去年 in a text written in 2022 → 2021    五年来 → the years up to the one reviewed
 */
import type { PeriodSpec, PeriodToken } from '../recognize/index.js';
import type { Measure } from '../types.js';
import type { Chain, GrammarContext } from './chain.js';
import { resolveSpan } from './spans.js';
import type { DocContext } from './types.js';

/** Characters before a year that make it a reference (比2011年, 是2011年的), not the period. */
const REFERENCE_BEFORE = new Set(['比', '较', '是', '于', '从', '同', '与', '为']);

/** 五年来 → the years up to the one reviewed; 去年 in a text written in 2022 → 2021. */
export function resolvePeriod(p: PeriodSpec, doc: DocContext): PeriodSpec {
  if (p.k === 'year' && p.deictic && doc.written !== undefined) return { k: 'year', year: doc.written + (p.rel ?? 0) };
  return resolveSpan(p, doc.year);
}

/** A period token in its sentence. `opensClause`: nothing but fillers before it in its clause. */
export function onPeriod(g: GrammarContext, ch: Chain, tok: PeriodToken, opensClause: boolean): void {
  const st = ch.st;
  ch.lastSig = 'period';
  const after = g.text[tok.end];
  const before = g.text[tok.start - 1];
  const only = tok.periods.length === 1 ? resolvePeriod(tok.periods[0]!, g.doc) : undefined;
  const yearOf = only?.k === 'year' ? only.year : only?.k === 'span' ? only.to : undefined;
  if (before === '比' || before === '较') st.refYear = st.sentenceRefYear = yearOf; // 比2011年增长, 比“十二五”末增长
  if (after === '的' && only?.k === 'year' && only.year !== undefined) {
    // 从2015年的2.6万亿元增长到2020年的3.62万亿元: the year of the value that follows
    // (and 年均增长 later in the sentence runs from it)
    if (before === '从' || before === '由') st.fromYear = st.sentenceRefYear = only.year;
    st.valueYear = only.year;
  }
  if (g.doc.months && only?.k === 'year' && only.year !== undefined && g.text.startsWith('同期', tok.end)) {
    // 2020年同期 in news about 1-2月: the same months of that year (比2019年同期: a base, below)
    const sameMonths: PeriodSpec = { k: 'months', from: g.doc.months.from, to: g.doc.months.to, year: only.year };
    if (before === '比' || before === '较') st.refMonths = true;
    else {
      st.period = sameMonths;
      return;
    }
  }
  if (after === '的' || (before !== undefined && REFERENCE_BEFORE.has(before))) return; // 是2011年的1.1倍, 比2020年: a reference year
  if (only?.k === 'span' && !opensClause) return; // 奋进“十四五”新征程: a name, not the time the clause is about
  if (tok.periods.length > 1) st.periodList = tok.periods;
  else st.period = only ?? null;
  if (st.period?.k === 'span') g.paragraphSpan = { from: st.period.from, to: st.period.to };
}

/** A period as the contract writes it: 2023, 2023-01/2023-09, 2021/2025. */
export function formatPeriod(spec: PeriodSpec | null, baseYear: number, measure: Measure, averaged: boolean): string {
  if (!spec) return String(baseYear);
  switch (spec.k) {
    case 'year':
      return String(spec.year ?? baseYear + (spec.rel ?? 0));
    case 'months': {
      const y = spec.year ?? baseYear;
      const mm = (m: number) => String(m).padStart(2, '0');
      return `${y}-${mm(spec.from)}/${y}-${mm(spec.to)}`;
    }
    case 'span':
    case 'lastN':
    case 'nextN': {
      const from = spec.k === 'span' ? spec.from : spec.k === 'lastN' ? baseYear - spec.n + 1 : baseYear + 1;
      const to = spec.k === 'span' ? spec.to : spec.k === 'lastN' ? baseYear : baseYear + spec.n;
      const overYears = averaged || measure === 'growth_cumulative';
      return overYears ? `${from}/${to}` : String(to);
    }
  }
}

/** The last year a period covers: 2023, 2023-01/2023-09 → 2023; 2021/2025 → 2025. */
export function endYear(period: string): number {
  const m = /(\d{4})(?:-\d{2})?$/.exec(period);
  return m ? Number(m[1]) : 0;
}
