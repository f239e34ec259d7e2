/**
 * build facts: drafts (normalized offsets) → contract facts with exact
 * source spans and quotes; restated facts are deduplicated.
 */
import type { FactDraft } from '../grammar/types.js';
import { sourceRange } from '../normalize/aligned.js';
import type { NormalizedText } from '../normalize/index.js';
import type { Fact, RegionRef } from '../types.js';

export function factKey(f: Pick<Fact, 'region' | 'indicator' | 'measure' | 'period' | 'status' | 'unit' | 'scope' | 'value'>): string {
  return [f.region.code, f.indicator, f.measure, f.period, f.status, f.unit, f.scope ?? '', f.value].join('|');
}

/**
 * factKey of the fact a draft becomes (its region: the draft's own or `code`),
 * read off the draft, so a restated draft is dropped before its span is mapped;
 * one template instead of an array and its join (a test checks both agree).
 */
export function draftKey(d: FactDraft, code: string): string {
  return `${d.region?.code ?? code}|${d.indicator}|${d.measure}|${d.period}|${d.status}|${d.unit}|${d.scope ?? ''}|${d.value}`;
}

export function buildFacts(drafts: FactDraft[], norm: NormalizedText, doc: string, region: RegionRef): Fact[] {
  const seen = new Set<string>();
  const facts: Fact[] = [];
  for (const d of drafts) {
    const key = draftKey(d, region.code);
    if (seen.has(key)) continue;
    seen.add(key);
    // UTF-16 range in the source; the span counts code points, the quote is the same range
    const [s16, e16] = sourceRange(norm, d.start, d.end);
    const span: [number, number] = [norm.cp[s16] ?? 0, norm.cp[e16] ?? 0];
    // the usual fact, without value_max and scope, as one plain literal: spreads in the
    // middle of a literal make V8 define every later property one by one
    const fact: Fact = d.valueMax === undefined && !d.scope ? {
      type: 'fact',
      doc,
      region: d.region ?? region,
      indicator: d.indicator,
      measure: d.measure,
      value: d.value,
      unit: d.unit,
      period: d.period,
      status: d.status,
      bound: d.bound,
      span,
      quote: norm.source.slice(s16, e16),
      rule: d.rule,
    } : {
      type: 'fact',
      doc,
      region: d.region ?? region,
      indicator: d.indicator,
      measure: d.measure,
      value: d.value,
      ...(d.valueMax !== undefined ? { value_max: d.valueMax } : {}),
      unit: d.unit,
      ...(d.scope ? { scope: d.scope } : {}),
      period: d.period,
      status: d.status,
      bound: d.bound,
      span,
      quote: norm.source.slice(s16, e16),
      rule: d.rule,
    };
    facts.push(fact);
  }
  return facts;
}
