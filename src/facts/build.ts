/**
 * build facts: drafts (normalized offsets) → contract facts with exact
 * source spans and quotes; restated facts are deduplicated.
 */
import type { FactDraft } from '../grammar/types.js';
import { sourceRange } from '../normalize/aligned.js';
import { codePointAt, type NormalizedText } from '../normalize/index.js';
import type { Fact, RegionRef } from '../types.js';

export function factKey(f: Pick<Fact, 'region' | 'indicator' | 'measure' | 'period' | 'status' | 'unit' | 'scope' | 'value'>): string {
  return [f.region.code, f.indicator, f.measure, f.period, f.status, f.unit, f.scope ?? '', f.value].join('|');
}

/** Numbers as factKey tells them apart (by their strings: NaN is NaN, -0 is 0). */
const sameNumber = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/**
 * Whether `f` has the factKey of the fact draft `d` becomes (its region: the
 * draft's own or one of code `code`), by comparing the fields instead of
 * making and hashing the key (no field holds the key's separator |).
 */
export function restates(f: Fact, d: FactDraft, code: string): boolean {
  return f.region.code === code && f.measure === d.measure && f.period === d.period && f.status === d.status &&
    f.unit === d.unit && (f.scope ?? '') === (d.scope ?? '') && sameNumber(f.value, d.value);
}

export function buildFacts(drafts: FactDraft[], norm: NormalizedText, doc: string, region: RegionRef): Fact[] {
  // the facts so far by indicator: a restated draft is dropped before its span is mapped
  const byIndicator = new Map<string, Fact[]>();
  const facts: Fact[] = [];
  for (const d of drafts) {
    const code = d.region?.code ?? region.code;
    let same = byIndicator.get(d.indicator);
    if (same === undefined) {
      same = [];
      byIndicator.set(d.indicator, same);
    } else if (same.some((f) => restates(f, d, code))) continue;
    // UTF-16 range in the source; the span counts code points, the quote is the same range
    const [s16, e16] = sourceRange(norm, d.start, d.end);
    const span: [number, number] = [codePointAt(norm, s16), codePointAt(norm, e16)];
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
    same.push(fact);
    facts.push(fact);
  }
  return facts;
}
