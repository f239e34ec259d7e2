import { describe, expect, it } from 'vitest';
import { countedThing, judge, gaps, pairTargets } from './targets.js';
import type { StoredFact } from './types.js';
import type { Bound, Measure, Status, Unit } from '../types.js';

let nextId = 1;
function fact(over: { quote?: string; reviewState?: StoredFact['reviewState']; indicator?: string; measure?: Measure; value: number; valueMax?: number; unit?: Unit; bound?: Bound; status?: Status; kind?: StoredFact['documentKind']; docYear?: number; region?: string; period?: string }): StoredFact {
  return {
    id: nextId++,
    documentId: 1,
    doc: 'd',
    origin: 'extracted',
    reviewState: over.reviewState ?? 'unreviewed',
    reviewId: null,
    documentKind: over.kind ?? 'report',
    documentYear: over.docYear ?? 2023,
    region: { code: over.region ?? '431125', name: '江永县' },
    indicator: over.indicator ?? 'gdp',
    measure: over.measure ?? 'growth',
    value: over.value,
    valueMax: over.valueMax ?? null,
    unit: over.unit ?? '%',
    scope: null,
    period: over.period ?? '2023',
    year: 2023,
    status: over.status ?? 'target',
    bound: over.bound ?? '=',
    span: [0, 1],
    quote: over.quote ?? 'q',
    rule: 'r',
    extractorVersion: 'v',
  };
}

describe('judge', () => {
  const cases: [string, Parameters<typeof fact>[0], number, boolean][] = [
    ['>= met on equality', { value: 6, bound: '>=' }, 6, true],
    ['>= missed below', { value: 6, bound: '>=' }, 5.9, false],
    ['> needs more', { value: 6, bound: '>' }, 6, false],
    ['= is a floor for growth', { value: 6 }, 6.5, true],
    ['= missed below', { value: 6 }, 5.99, false],
    ['~ allows 0.5 pp below', { value: 6, bound: '~' }, 5.5, true],
    ['~ missed beyond 0.5 pp', { value: 6, bound: '~' }, 5.4, false],
    ['~ above is met', { value: 6, bound: '~' }, 8, true],
    ['~ on amounts allows 1%', { value: 1e10, unit: 'CNY', measure: 'level', bound: '~' }, 0.99e10, true],
    ['~ on amounts misses beyond 1%', { value: 1e10, unit: 'CNY', measure: 'level', bound: '~' }, 0.985e10, false],
    ['<= ceiling', { indicator: 'unemployment_rate', measure: 'level', value: 5.5, bound: '<=' }, 4.2, true],
    ['<= ceiling exceeded', { indicator: 'cpi', value: 3, bound: '<=' }, 3.1, false],
    ['= is a ceiling for unemployment', { indicator: 'unemployment_rate', measure: 'level', value: 5.5 }, 5.6, false],
    ['~ ceiling for CPI with tolerance', { indicator: 'cpi', value: 3, bound: '~' }, 3.4, true],
    ['rank: lower is better', { measure: 'rank', unit: 'rank', value: 3 }, 2, true],
    ['rank: worse place missed', { measure: 'rank', unit: 'rank', value: 3 }, 4, false],
    ['range: met from the low end', { value: 5, valueMax: 5.5 }, 5.1, true],
    ['range: missed below the low end', { value: 5, valueMax: 5.5 }, 4.9, false],
  ];
  it.each(cases)('%s', (_name, target, actual, met) => {
    expect(judge(fact(target), actual).met).toBe(met);
  });
});

describe('gaps', () => {
  it('is in percentage points for % targets and relative × 100 for amounts', () => {
    expect(gaps(fact({ value: 6 }), 5.8)).toEqual({ gap: -0.2, gapPp: -0.2 });
    expect(gaps(fact({ value: 200, unit: 'CNY', measure: 'level' }), 210)).toEqual({ gap: 10, gapPp: 5 });
    expect(gaps(fact({ value: 3, unit: 'rank', measure: 'rank' }), 2).gapPp).toBeNull();
  });
});

describe('pairTargets', () => {
  it('prefers an actual over an estimate, a bulletin over a report, and reports duplicates once', () => {
    const t1 = fact({ value: 6, bound: '>=' });
    const t2 = fact({ value: 6, bound: '>=', kind: 'news' });
    const estimate = fact({ value: 6.5, status: 'estimate', kind: 'bulletin' });
    const report = fact({ value: 5.9, status: 'actual', kind: 'report' });
    const bulletin = fact({ value: 6.1, status: 'actual', kind: 'bulletin' });
    const other = fact({ value: 9, status: 'actual', region: '431124' });
    const [row, ...rest] = pairTargets([t1, t2], [estimate, report, bulletin, other]);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ outcome: 'met', duplicates: 1 });
    expect(row!.actual?.id).toBe(bulletin.id);
  });

  it('falls back to an estimate; without an outcome: pending while the period runs, no_data once it is over', () => {
    const t = fact({ value: 6, period: '2024' });
    const e = fact({ value: 5, status: 'estimate', period: '2024' });
    expect(pairTargets([t], [e])[0]).toMatchObject({ outcome: 'missed', gap: -1 });
    expect(pairTargets([t], [], new Date('2024-06-01'))[0]).toMatchObject({ outcome: 'pending', actual: null });
    expect(pairTargets([t], [], new Date('2025-02-01'))[0]).toMatchObject({ outcome: 'no_data', actual: null });
    const plan = fact({ value: 6, period: '2021/2025' });
    expect(pairTargets([plan], [], new Date('2025-12-15'))[0]!.outcome).toBe('pending');
    expect(pairTargets([plan], [], new Date('2026-01-15'))[0]!.outcome).toBe('no_data');
  });

  it('pairs only like with like: an average only with an average, a count only with a count of the same thing', () => {
    const avg = fact({ value: 6, period: '2025', quote: '年均增长6%' });
    const plain = fact({ value: 7, status: 'actual', period: '2025', quote: '增长7%' });
    expect(pairTargets([avg], [plain], new Date('2026-03-01'))[0]).toMatchObject({ outcome: 'no_data', actual: null });
    const projects = fact({ measure: 'level', unit: 'count', value: 80, period: '2018', bound: '>=', quote: '重点项目不低于80个', indicator: 'key_projects' });
    const provincial = fact({ measure: 'level', unit: 'count', value: 19, status: 'actual', period: '2018', quote: '省市重点项目19项', indicator: 'key_projects' });
    const all = fact({ measure: 'level', unit: 'count', value: 82, status: 'actual', period: '2018', quote: '实施重点项目82个', indicator: 'key_projects' });
    expect(pairTargets([projects], [provincial])[0]!.outcome).toBe('no_data');
    expect(pairTargets([projects], [provincial, all])[0]).toMatchObject({ outcome: 'met', actual: { id: all.id } });
    expect(countedThing('新增规模以上工业企业10家')).toBe(countedThing('新增规上工业企业12家'));
  });

  it('prefers a reviewed outcome, then an actual over an estimate', () => {
    const t = fact({ value: 6, period: '2023' });
    const actual = fact({ value: 5, status: 'actual', kind: 'bulletin' });
    const reviewed = fact({ value: 6.2, status: 'estimate', reviewState: 'accepted' });
    expect(pairTargets([t], [actual, reviewed])[0]!.actual?.id).toBe(reviewed.id);
  });
});
