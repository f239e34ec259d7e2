/**
 * Target escalation across levels (层层加码): for one indicator, measure and
 * year, the chain province → prefectures → counties with each unit's target
 * (value, bound 左右/以上, range), its gap to the level above in percentage
 * points, and the outcome where the database has one.
 *
 * - A unit's target is its target fact of that indicator, measure and year
 *   (an annual period only: a 十四五 年均 target is not the year's). Among several,
 *   a reviewed one, then the one from the report of the year before (the report
 *   setting it), then a report, then the lowest id; the others are counted.
 * - The gap to the level above is the unit's target minus the nearest ancestor's
 *   target (both lower ends: 6%—6.5% counts as 6), for % / pp targets only (a
 *   county's amount is not comparable with its prefecture's).
 * - A unit without a target is `not_set` (未设目标) when a report of it lists its main
 *   targets for the year without naming the indicator (see absent.ts; the record
 *   with its span is attached), else `no_data` (无资料): no report for the year
 *   ingested, or no target list found in it (the reason says which).
 * - The outcome pairs the target with the best actual/estimate exactly as
 *   `targets` does (targets.ts: pairTargets).
 * - Which units are shown: the root, all its direct children, and the children of
 *   every unit with a work report or a fact of the slice somewhere under it.
 */
import { headlineOf, storedTargetLists, type AbsentTarget, type TargetList } from './absent.js';
import { isReviewed, pairTargets } from './targets.js';
import type { Outcome, RegionLevel, RegionRow, RegionWithCounts, Store, StoredFact, TargetOutcome } from './types.js';
import type { Measure } from '../types.js';

export type TargetState = 'set' | 'not_set' | 'no_data';

export interface EscalationQuery {
  indicator: string;
  year: number;
  /** Root region code; unset: every province with a target of the indicator and year. */
  region?: string;
  /** Default growth (the measure growth targets are stated in). */
  measure?: Measure;
  /** Decides pending vs no_data for the outcome (default now). */
  today?: Date;
}

export interface EscalationNode {
  region: { code: string; name: string; level: RegionLevel };
  parent: string | null;
  depth: number;
  state: TargetState;
  /** 未设目标 / 无资料 in words, with the reason. */
  note: string;
  target: StoredFact | null;
  /** Other distinct target values stated for the unit and year. */
  otherTargets: number;
  /** Target − the nearest ancestor's target, in percentage points (% / pp targets only). */
  gapToParentPp: number | null;
  /** The ancestor the gap is measured against. */
  comparedWith: { code: string; name: string } | null;
  actual: StoredFact | null;
  outcome: Outcome | null;
  /** actual − target (pp for %, relative % for amounts). */
  outcomeGapPp: number | null;
  /** For `not_set`: the record, with the span of the target list. */
  absent: AbsentTarget | null;
  /** The unit's target list for the year, when one was found. */
  targetList: { documentId: number; span: [number, number] } | null;
  /** Mean gapToParentPp of the units right under it that have one. */
  meanChildEscalationPp: number | null;
  children: EscalationNode[];
}

export interface Escalation {
  indicator: string;
  measure: Measure;
  year: number;
  roots: EscalationNode[];
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const PERCENT = new Set(['%', 'pp']);

function chooseTarget(list: TargetOutcome[], year: number): TargetOutcome | undefined {
  return [...list].sort(
    (a, b) =>
      (isReviewed(a.target) ? 0 : 1) - (isReviewed(b.target) ? 0 : 1) ||
      (a.target.documentYear === year - 1 ? 0 : 1) - (b.target.documentYear === year - 1 ? 0 : 1) ||
      (a.target.documentKind === 'report' ? 0 : 1) - (b.target.documentKind === 'report' ? 0 : 1) ||
      // a headline value over one of a sub-part: the plain indicator first
      a.target.id - b.target.id,
  )[0];
}

/** Builds the chain(s). */
export async function escalation(store: Store, q: EscalationQuery): Promise<Escalation> {
  const measure: Measure = q.measure ?? 'growth';
  const period = String(q.year);
  let rootCodes: string[];
  if (q.region) rootCodes = [q.region];
  else {
    const provinces = new Set<string>();
    await store.eachFact({ indicators: [q.indicator], measures: [measure], periods: [period], statuses: ['target'] }, (f) => {
      const r = f.region.code;
      provinces.add(`${r.slice(0, 2)}0000`);
    });
    rootCodes = [...provinces].sort();
  }
  const roots: EscalationNode[] = [];
  for (const code of rootCodes) {
    const root = await store.region(code);
    if (!root) continue;
    roots.push(await chain(store, root, q, measure, period));
  }
  return { indicator: q.indicator, measure, year: q.year, roots };
}

async function chain(store: Store, root: RegionRow, q: EscalationQuery, measure: Measure, period: string): Promise<EscalationNode> {
  const under = root.level === 'county' ? [] : await store.regions({ within: root.code });
  const regions = new Map<string, RegionRow | RegionWithCounts>([[root.code, root], ...under.map((r) => [r.code, r] as const)]);
  const childrenOf = new Map<string, (RegionRow | RegionWithCounts)[]>();
  for (const r of under) {
    const p = r.parent ?? '';
    const list = childrenOf.get(p);
    if (list) list.push(r);
    else childrenOf.set(p, [r]);
  }
  const present = new Set<string>();
  const mark = (code: string) => {
    for (let c: string | null | undefined = code; c && !present.has(c); c = regions.get(c)?.parent) present.add(c);
  };

  const targets: StoredFact[] = [];
  const candidates: StoredFact[] = [];
  await store.eachFact({ regions: [root.code], indicators: [q.indicator], measures: [measure], periods: [period] }, (f) => {
    if (f.status === 'target') targets.push(f);
    else candidates.push(f);
    mark(f.region.code);
  });
  const paired = pairTargets(targets, candidates, q.today);
  const byRegion = new Map<string, TargetOutcome[]>();
  for (const t of paired) {
    const list = byRegion.get(t.target.region.code);
    if (list) list.push(t);
    else byRegion.set(t.target.region.code, [t]);
  }
  // the best outcome of units without a target (shown beside 未设目标 / 无资料)
  const bestActual = new Map<string, StoredFact>();
  for (const c of [...candidates].sort((a, b) => (a.status === 'actual' ? 0 : 1) - (b.status === 'actual' ? 0 : 1) || a.id - b.id)) {
    if (c.status !== 'actual' && c.status !== 'estimate') continue;
    if (!bestActual.has(c.region.code)) bestActual.set(c.region.code, c);
  }
  const lists = await storedTargetLists(store, [root.code], [q.year]);
  const listByRegion = new Map<string, TargetList>();
  for (const l of lists) if (!listByRegion.has(l.region.code)) listByRegion.set(l.region.code, l);
  const headline = headlineOf(q.indicator);
  const reportYears = new Map<string, Set<number>>();
  for (let offset = 0; ; ) {
    const page = await store.documents({ regions: [root.code], kinds: ['report'], limit: 500, offset });
    for (const d of page.items) {
      if (!d.region || d.year === null) continue;
      const set = reportYears.get(d.region.code) ?? new Set<number>();
      set.add(d.year);
      reportYears.set(d.region.code, set);
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  // units with a report, or a fact of the slice, and everything above them
  for (const code of reportYears.keys()) mark(code);

  const build = (r: RegionRow, depth: number, ancestors: EscalationNode[]): EscalationNode => {
    const options = byRegion.get(r.code) ?? [];
    const chosen = chooseTarget(options, q.year);
    const distinct = new Set(options.map((o) => `${o.target.value}|${o.target.valueMax ?? ''}|${o.target.bound}`));
    const list = listByRegion.get(r.code);
    let state: TargetState;
    let note: string;
    let absent: AbsentTarget | null = null;
    if (chosen) {
      state = 'set';
      note = '';
    } else if (list && headline && list.absent.some((a) => a.indicator === headline)) {
      state = 'not_set';
      absent = list.absent.find((a) => a.indicator === headline) ?? null;
      note = `未设目标：${q.year}年主要预期目标未列此项`;
    } else {
      state = 'no_data';
      const years = reportYears.get(r.code);
      if (!years?.has(q.year - 1) && !list) note = `无资料：未收录设定${q.year}年目标的工作报告`;
      else if (!list) note = '无资料：报告中未找到主要预期目标';
      else note = '无资料：目标列表提及此项但未读出数值';
    }
    const above = [...ancestors].reverse().find((a) => a.target);
    let gap: number | null = null;
    if (chosen && above?.target && PERCENT.has(chosen.target.unit) && chosen.target.unit === above.target.unit) {
      gap = round(chosen.target.value - above.target.value);
    }
    const node: EscalationNode = {
      region: { code: r.code, name: r.name, level: r.level },
      parent: r.parent,
      depth,
      state,
      note,
      target: chosen?.target ?? null,
      otherTargets: Math.max(0, distinct.size - 1),
      gapToParentPp: gap,
      comparedWith: gap !== null && above ? { code: above.region.code, name: above.region.name } : null,
      actual: chosen ? chosen.actual : (bestActual.get(r.code) ?? null),
      outcome: chosen ? chosen.outcome : null,
      outcomeGapPp: chosen ? chosen.gapPp : null,
      absent,
      targetList: list ? { documentId: list.documentId, span: list.span } : null,
      meanChildEscalationPp: null,
      children: [],
    };
    const kids = childrenOf.get(r.code) ?? [];
    if (depth === 0 || present.has(r.code)) {
      node.children = kids
        .slice()
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((k) => build(k, depth + 1, [...ancestors, node]));
    }
    const gaps = node.children.map((c) => c.gapToParentPp).filter((g): g is number => g !== null);
    node.meanChildEscalationPp = gaps.length ? round(gaps.reduce((s, g) => s + g, 0) / gaps.length) : null;
    return node;
  };
  return build(root, 0, []);
}

/** The chain as rows, depth first (for tables, CSV and JSON Lines). */
export function flatten(e: Escalation): EscalationNode[] {
  const out: EscalationNode[] = [];
  const walk = (n: EscalationNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  e.roots.forEach(walk);
  return out;
}
