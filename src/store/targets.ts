/**
 * Targets against outcomes.
 *
 * A target (status `target`, period Y) is paired with an outcome of the same
 * region, indicator, measure, unit, scope and period: an `actual` if the
 * database has one, else an `estimate` (预计), else the target is pending.
 *
 * When a target counts as met:
 * - `>=` actual ≥ target; `>` actual > target; `<=` actual ≤ target; `<` actual < target.
 * - `=` a floor (actual ≥ target), except for indicators where less is better
 *   (unemployment, CPI, PM2.5) and for ranks, where it is a ceiling.
 * - `~` (左右/约) the same direction with a tolerance: 0.5 percentage points
 *   for values in % or pp, 1% of the target for amounts, none for ranks. So
 *   "增长6%左右" is met by 5.5% and missed by 5.4%.
 * - A range target (5%—5.5%) is met from its low end (a ceiling: up to its high end).
 */
import type { Outcome, StoredFact, TargetOutcome } from './types.js';

/** Tolerance of a `~` target whose unit is % or pp, in percentage points. */
export const APPROX_TOLERANCE_PP = 0.5;
/** Tolerance of a `~` target stated as an amount, relative to the target. */
export const APPROX_TOLERANCE_RELATIVE = 0.01;

/** Indicators where a lower value is the goal. */
const LOWER_IS_BETTER = new Set(['unemployment_rate', 'cpi', 'pm25']);

export function lowerIsBetter(fact: Pick<StoredFact, 'indicator' | 'measure'>): boolean {
  return fact.measure === 'rank' || LOWER_IS_BETTER.has(fact.indicator);
}

const STATUS_RANK: Record<string, number> = { actual: 0, estimate: 1 };
const KIND_RANK: Record<string, number> = { bulletin: 0, report: 1, news: 2 };

/** Orders outcome candidates: actual before estimate, bulletin before report before news, newer documents first. */
export function compareOutcomes(a: StoredFact, b: StoredFact): number {
  return (
    (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
    (KIND_RANK[a.documentKind] ?? 9) - (KIND_RANK[b.documentKind] ?? 9) ||
    (b.documentYear ?? 0) - (a.documentYear ?? 0) ||
    a.id - b.id
  );
}

/** The key a target and its outcome share. */
export function pairingKey(f: StoredFact): string {
  return [f.region.code, f.indicator, f.measure, f.unit, f.scope ?? '', f.period].join('|');
}

function targetKey(f: StoredFact): string {
  return [pairingKey(f), f.value, f.valueMax ?? '', f.bound].join('|');
}

interface Verdict {
  met: boolean;
  rule: string;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(10)));
}

/** Decides met / missed for one target and one outcome value. */
export function judge(target: StoredFact, actual: number): Verdict {
  const lower = lowerIsBetter(target);
  const percent = target.unit === '%' || target.unit === 'pp';
  switch (target.bound) {
    case '>=':
      return { met: actual >= target.value, rule: `actual ≥ ${fmt(target.value)}` };
    case '>':
      return { met: actual > target.value, rule: `actual > ${fmt(target.value)}` };
    case '<=':
      return { met: actual <= (target.valueMax ?? target.value), rule: `actual ≤ ${fmt(target.valueMax ?? target.value)}` };
    case '<':
      return { met: actual < (target.valueMax ?? target.value), rule: `actual < ${fmt(target.valueMax ?? target.value)}` };
    case '=': {
      if (lower) {
        const ceiling = target.valueMax ?? target.value;
        return { met: actual <= ceiling, rule: `actual ≤ ${fmt(ceiling)} (less is better)` };
      }
      return { met: actual >= target.value, rule: `actual ≥ ${fmt(target.value)}` };
    }
    case '~': {
      const tol =
        target.measure === 'rank' ? 0 : percent ? APPROX_TOLERANCE_PP : Math.abs(target.value) * APPROX_TOLERANCE_RELATIVE;
      const tolText = target.measure === 'rank' ? '' : percent ? ` − ${APPROX_TOLERANCE_PP}pp` : ' − 1%';
      if (lower) {
        const ceiling = (target.valueMax ?? target.value) + tol;
        return {
          met: actual <= ceiling + 1e-9,
          rule: `actual ≤ ${fmt(ceiling)} (${fmt(target.valueMax ?? target.value)}${tolText.replace('−', '+')} tolerance of 左右, less is better)`,
        };
      }
      const floor = target.value - tol;
      return { met: actual >= floor - 1e-9, rule: `actual ≥ ${fmt(floor)} (${fmt(target.value)}${tolText} tolerance of 左右)` };
    }
  }
}

/** The gap of an outcome to its target: in the unit, and in percentage points. */
export function gaps(target: StoredFact, actual: number): { gap: number; gapPp: number | null } {
  const gap = round(actual - target.value);
  if (target.unit === '%' || target.unit === 'pp') return { gap, gapPp: gap };
  if (target.measure === 'rank' || target.value === 0) return { gap, gapPp: null };
  return { gap, gapPp: round((actual / target.value - 1) * 100) };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Pairs targets with outcomes. `targets` are facts with status `target`;
 * `candidates` are actual/estimate facts (any order; unrelated ones are ignored).
 * Targets stated identically in several places are reported once, with a count.
 */
export function pairTargets(targets: readonly StoredFact[], candidates: readonly StoredFact[]): TargetOutcome[] {
  const byKey = new Map<string, StoredFact[]>();
  for (const c of candidates) {
    if (c.status !== 'actual' && c.status !== 'estimate') continue;
    const k = pairingKey(c);
    const list = byKey.get(k);
    if (list) list.push(c);
    else byKey.set(k, [c]);
  }
  for (const list of byKey.values()) list.sort(compareOutcomes);

  const seen = new Map<string, TargetOutcome>();
  const out: TargetOutcome[] = [];
  for (const t of targets) {
    if (t.status !== 'target') continue;
    const tk = targetKey(t);
    const dup = seen.get(tk);
    if (dup) {
      dup.duplicates += 1;
      continue;
    }
    const actual = byKey.get(pairingKey(t))?.[0] ?? null;
    let outcome: Outcome = 'pending';
    let gap: number | null = null;
    let gapPp: number | null = null;
    let rule = 'no outcome in the database yet';
    if (actual) {
      const v = judge(t, actual.value);
      outcome = v.met ? 'met' : 'missed';
      rule = v.rule;
      ({ gap, gapPp } = gaps(t, actual.value));
    }
    const row: TargetOutcome = { target: t, actual, outcome, gap, gapPp, rule, duplicates: 0 };
    seen.set(tk, row);
    out.push(row);
  }
  return out;
}
