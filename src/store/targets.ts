/**
 * Targets against outcomes.
 *
 * A target (status `target`, period Y) is paired with an outcome of the same
 * region, indicator, measure, unit, scope and period: an `actual` if the
 * database has one, else an `estimate` (预计). Without one the target is
 * `pending` while its period is not over, else `no_data` (无实际数据: the
 * period has ended and the database holds no outcome), counted apart.
 *
 * Only like with like: the same measure, unit and period (so an annual
 * target is never scored against a five-year total), the same kind of
 * figure (a 年均 average or a 累计 total only against the same), and a
 * count only against a count of the same thing (重点项目 is not 省市重点项目).
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
import { parsePeriod } from './periods.js';
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
const REVIEWED = new Set(['accepted', 'corrected', 'added']);

/** A fact a reviewer vouched for (accepted, corrected or added by hand). */
export function isReviewed(f: Pick<StoredFact, 'reviewState'>): boolean {
  return REVIEWED.has(f.reviewState);
}

/**
 * Orders candidates for the best available value: reviewed before
 * unreviewed, actual before estimate, bulletin before report before news,
 * newer documents first. (The same order as `bestPreference` in sql.ts.)
 */
export function compareOutcomes(a: StoredFact, b: StoredFact): number {
  return (
    (isReviewed(a) ? 0 : 1) - (isReviewed(b) ? 0 : 1) ||
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

/** Words around a count that do not change what is counted. */
const COUNT_NOISE = /新增|新建|新开工|开工|实施|推进|建设|完成|实现|达到|达|突破|超过|不少于|不低于|以上|左右|盘子|共|累计|全年|力争|确保|争取|新引进|引进|其中|个|项|家|户|座|所/g;

/**
 * What a count counts, read from its quote: the words before the number,
 * without the words that do not change the thing (新增, 不少于, 盘子…), with
 * 规模以上 written 规上.
 */
export function countedThing(quote: string): string {
  const head = quote.split(/[0-9０-９一二三四五六七八九十百千万两]/, 1)[0] ?? '';
  return head.replace(/规模以上/g, '规上').replace(COUNT_NOISE, '').replace(/[，,、：:\s]/g, '');
}

/** 年均 (an average over years) or 累计 (a running total): a figure of another kind than a plain one. */
function figureKind(f: Pick<StoredFact, 'quote'>): 'average' | 'cumulative' | 'plain' {
  if (/年均|年平均|平均每年/.test(f.quote)) return 'average';
  if (/累计/.test(f.quote)) return 'cumulative';
  return 'plain';
}

/** Whether `outcome` measures the same thing as `target` (the pairing key already matched). */
export function likeWithLike(target: StoredFact, outcome: StoredFact): boolean {
  if (figureKind(target) !== figureKind(outcome)) return false;
  if (target.unit === 'count') {
    const a = countedThing(target.quote);
    const b = countedThing(outcome.quote);
    if (a && b && a !== b) return false;
  }
  return true;
}

/** `YYYY-MM` of a date (the month a period must have ended before). */
export function monthOf(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** True when the period's last month is before `month` (`YYYY-MM`). */
export function periodOver(period: string, month: string): boolean {
  const p = parsePeriod(period);
  return p !== undefined && p.end < month;
}

/**
 * Pairs targets with outcomes. `targets` are facts with status `target`;
 * `candidates` are actual/estimate facts (any order; unrelated ones are ignored).
 * Targets stated identically in several places are reported once, with a count.
 * `today` decides whether a period is over (pending) or not (no_data).
 */
export function pairTargets(targets: readonly StoredFact[], candidates: readonly StoredFact[], today: Date = new Date()): TargetOutcome[] {
  const month = monthOf(today);
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
    const actual = byKey.get(pairingKey(t))?.find((c) => likeWithLike(t, c)) ?? null;
    const over = periodOver(t.period, month);
    let outcome: Outcome = over ? 'no_data' : 'pending';
    let gap: number | null = null;
    let gapPp: number | null = null;
    let rule = over ? 'the period is over and the database holds no outcome of the same kind' : 'the period is not over yet';
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
