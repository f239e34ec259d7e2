import { describe, expect, it } from 'vitest';
import type { FactDraft } from '../grammar/types.js';
import { sourceRange } from '../normalize/aligned.js';
import { codePointAt, normalize } from '../normalize/index.js';
import type { Fact, RegionRef } from '../types.js';
import { buildFacts, factKey, restates } from './build.js';

const REGION: RegionRef = { code: '130600', name: '保定市' };
const OTHER: RegionRef = { code: '130681', name: '涿州市' };

/** The plain version: every draft made a fact, then restated facts dropped by factKey. */
function plainBuild(drafts: FactDraft[], text: string, region: RegionRef): Fact[] {
  const norm = normalize(text);
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const d of drafts) {
    const [s16, e16] = sourceRange(norm, d.start, d.end);
    const fact: Fact = {
      type: 'fact',
      doc: 'd',
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
      span: [codePointAt(norm, s16), codePointAt(norm, e16)],
      quote: norm.source.slice(s16, e16),
      rule: d.rule,
    };
    const key = factKey(fact);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fact);
  }
  return out;
}

describe('buildFacts', () => {
  const text = '全市地区生产总值3456.7亿元，增长5.1%；涿州市生产总值512.3亿元，增长6.1%，排第2位。';
  const base: FactDraft = { indicator: 'gdp', measure: 'level', value: 3456.7e8, unit: 'CNY', period: '2024', status: 'actual', bound: '=', start: 4, end: 15, rule: 'level' };
  const variants: FactDraft[] = [
    base,
    { ...base, rule: 'family-level', start: 0, end: 3 }, // restated: same key
    { ...base, value: -0 },
    { ...base, value: 0 },
    { ...base, value: NaN },
    { ...base, value: 0.1 + 0.2 },
    { ...base, value: 0.3 },
    { ...base, value: -1.25, measure: 'change' },
    { ...base, region: OTHER },
    { ...base, region: { code: REGION.code, name: 'x' } }, // the document's code written out: a restatement
    { ...base, valueMax: 4000e8 },
    { ...base, measure: 'rank', unit: 'rank', value: 2, scope: 'province' },
    { ...base, measure: 'rank', unit: 'rank', value: 2, scope: 'nation' },
    { ...base, measure: 'rank', unit: 'rank', value: 2 },
    { ...base, period: '2021-2025', status: 'target', bound: '>' },
    { ...base, indicator: 'gdp_growth', measure: 'growth', unit: '%', value: 5.1, start: 17, end: 21 },
    { ...base, start: 30, end: 30 },
    { ...base, start: text.length - 1, end: text.length },
  ];

  it('restates tells facts apart as factKey does (every pair of variants)', () => {
    for (const x of variants) {
      const [fx] = plainBuild([x], text, REGION);
      for (const y of variants) {
        const [fy] = plainBuild([y], text, REGION);
        const code = y.region?.code ?? REGION.code;
        // (buildFacts asks only about facts of the draft's indicator)
        if (fx!.indicator === y.indicator) expect(restates(fx!, y, code)).toBe(factKey(fx!) === factKey(fy!));
      }
    }
  });

  it('gives what building every draft and dropping restated facts gives (randomized orders and repeats)', () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const drafts: FactDraft[] = [];
      const n = rnd(12);
      for (let k = 0; k < n; k++) drafts.push({ ...variants[rnd(variants.length)]! });
      const region = rnd(3) === 0 ? { code: '', name: '' } : REGION;
      // as JSON: the same properties in the same order
      expect(JSON.stringify(buildFacts(drafts, normalize(text), 'd', region))).toBe(JSON.stringify(plainBuild(drafts, text, region)));
    }
  });
});
