/**
 * Read models shared by the JSON API and the dashboard pages, built only from
 * the `Store` interface.
 */
import { parsePeriod } from '../store/periods.js';
import { resolveRegion, resolveRegions } from '../store/resolve.js';
import { indicatorCatalog, indicatorName } from '../store/catalog.js';
import { compareOutcomes } from '../store/targets.js';
import { StoreError, type Outcome, type CompareRow, type FactReviewState, type RegionRow, type SliceCount, type Store, type StoredFact, type TargetOutcome, type RegionWithCounts, type DocumentSummary, type IndicatorUsage, type RegionLevel } from '../store/types.js';
import type { Measure, RankScope, Status, Unit } from '../types.js';
import { ApiError } from './errors.js';

/** Resolves a region parameter (name or code) or answers 400 naming the parameter. */
async function asParam<T>(param: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StoreError) throw new ApiError(400, `parameter "${param}": ${err.message}`, param);
    throw err;
  }
}

export function regionParam(store: Store, value: string, param: string): Promise<RegionRow> {
  return asParam(param, () => resolveRegion(store, value));
}

/** Region filter values (names or codes) → codes, or a 400 naming the parameter. */
export async function regionsParam(store: Store, values: readonly string[] | undefined, param: string): Promise<string[] | undefined> {
  return values ? asParam(param, () => resolveRegions(store, values)) : undefined;
}

// ----------------------------------------------------------------- compare

export interface CompareRequest {
  indicator: string;
  measure?: Measure;
  period?: string;
  status?: Status;
  unit?: Unit;
  scope?: RankScope;
  /** Compare the regions under this one (its children, or all of `level` under it). */
  within?: RegionRow;
  level?: RegionLevel;
  /** Compare this region with its peers: the other regions of its level under its parent. */
  peersOf?: RegionRow;
  /** Review states to include (default: all but rejected). */
  reviews?: FactReviewState[];
}

export interface CompareResult {
  indicator: { id: string; name: string | null };
  measure: Measure;
  period: string;
  /** The status asked for, or null: the best available value of each region (reviewed > actual > estimate). */
  status: Status | null;
  unit: Unit | null;
  within: RegionRow | null;
  level: RegionLevel | null;
  focus: RegionRow | null;
  rows: CompareRow[];
  /** The slices (measure × period × status) available for this indicator in the same regions. */
  slices: SliceCount[];
  /** The targets stated for the same slice, by region code (shown beside the outcome). */
  targets: Record<string, TargetOutcome>;
}

/** A slice without its status: actuals and estimates together (the best-available view). */
interface OutcomeSlice {
  measure: Measure;
  unit: Unit;
  scope: RankScope | null;
  period: string;
  regions: number;
}

/** Actual and estimate slices merged per measure × unit × scope × period (regions: the sum, an upper bound used only to pick a default). */
function outcomeSlices(slices: readonly SliceCount[]): OutcomeSlice[] {
  const by = new Map<string, OutcomeSlice>();
  for (const s of slices) {
    if (s.status === 'target') continue;
    const k = [s.measure, s.unit, s.scope ?? '', s.period].join('|');
    const cur = by.get(k);
    if (cur) cur.regions += s.regions;
    else by.set(k, { measure: s.measure, unit: s.unit, scope: s.scope, period: s.period, regions: s.regions });
  }
  return [...by.values()];
}

/**
 * The default slice: the level (else the measure most covered), of the latest
 * calendar year that covers at least half as many regions as the best-covered
 * one (and two at least); else the most covered period.
 */
function defaultSlice<T extends { measure: Measure; period: string; regions: number }>(candidates: readonly T[]): T | undefined {
  if (candidates.length === 0) return undefined;
  const measureCover = new Map<Measure, number>();
  for (const s of candidates) measureCover.set(s.measure, Math.max(measureCover.get(s.measure) ?? 0, s.regions));
  const measure = measureCover.has('level')
    ? 'level'
    : [...measureCover].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const ofMeasure = candidates.filter((s) => s.measure === measure);
  const most = Math.max(...ofMeasure.map((s) => s.regions));
  const annual = ofMeasure
    .filter((s) => parsePeriod(s.period)?.kind === 'year' && s.regions >= Math.min(most, Math.max(2, Math.ceil(most / 2))))
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : b.regions - a.regions));
  return annual[0] ?? [...ofMeasure].sort((a, b) => b.regions - a.regions || (a.period < b.period ? 1 : -1))[0];
}

/**
 * One indicator across regions. Without a status each region shows its best
 * available value (reviewed > actual > estimate, never a target) and all rank
 * together. Unset measure / period default to the latest year's level.
 */
export async function compareRegions(store: Store, req: CompareRequest): Promise<CompareResult | undefined> {
  let within = req.within ?? null;
  let level = req.level ?? null;
  if (req.peersOf) {
    const parent = req.peersOf.parent ? await store.region(req.peersOf.parent) : undefined;
    if (!parent) throw new ApiError(400, `parameter "peers_of": ${req.peersOf.name} has no parent region to find peers in`, 'peers_of');
    within = parent;
    level = req.peersOf.level;
  }
  const regionCodes = (
    await store.regions(within ? (level ? { within: within.code, level } : { parent: within.code }) : { level: level ?? 'county' })
  ).map((r) => r.code);
  const slices = await store.slices(req.indicator, { regions: regionCodes, descendants: false, ...(req.reviews ? { reviews: req.reviews } : {}) });
  const fits = (s: { measure: Measure; period: string; unit: Unit; scope: RankScope | null }): boolean =>
    (req.measure === undefined || s.measure === req.measure) &&
    (req.period === undefined || s.period === req.period) &&
    (req.unit === undefined || s.unit === req.unit) &&
    (req.scope === undefined || s.scope === req.scope);
  const pick = req.status
    ? defaultSlice(slices.filter((s) => s.status === req.status && fits(s)))
    : defaultSlice(outcomeSlices(slices).filter(fits));
  const measure = req.measure ?? pick?.measure;
  const period = req.period ?? pick?.period;
  const status = req.status ?? null;
  if (!measure || !period) return undefined;
  const where = within ? (level ? { within: within.code, level } : { within: within.code }) : { level: level ?? 'county' };
  const rows = await store.compare({
    indicator: req.indicator,
    measure,
    period,
    ...(status ? { status } : {}),
    ...where,
    ...(req.unit ? { unit: req.unit } : {}),
    ...(req.scope ? { scope: req.scope } : pick?.scope && measure === 'rank' ? { scope: pick.scope } : {}),
    ...(req.reviews ? { reviews: req.reviews } : {}),
  });
  const targets: Record<string, TargetOutcome> = {};
  if (status !== 'target' && regionCodes.length > 0) {
    const unit = rows[0]?.unit ?? pick?.unit;
    for (const t of await store.targets({
      regions: regionCodes,
      descendants: false,
      indicators: [req.indicator],
      measures: [measure],
      periods: [period],
      ...(unit ? { units: [unit] } : {}),
      ...(req.reviews ? { reviews: req.reviews } : {}),
    })) {
      if (!targets[t.target.region.code]) targets[t.target.region.code] = t;
    }
  }
  return {
    indicator: { id: req.indicator, name: indicatorName(req.indicator) ?? null },
    measure,
    period,
    status,
    unit: rows[0]?.unit ?? pick?.unit ?? null,
    within,
    level,
    focus: req.peersOf ?? null,
    rows,
    slices,
    targets,
  };
}

// --------------------------------------------------------------- indicators

export interface IndicatorEntry {
  id: string;
  name: string | null;
  unit: Unit | null;
  facts: number;
  regions: number;
  documents: number;
  measures: Measure[];
}

/** The indicator catalogue with usage counts; ids found only in the database come last. */
export function indicatorEntries(usage: readonly IndicatorUsage[], includeUnused: boolean): IndicatorEntry[] {
  const used = new Map(usage.map((u) => [u.indicator, u]));
  const out: IndicatorEntry[] = [];
  const catalog = indicatorCatalog();
  for (const [id, info] of catalog) {
    const u = used.get(id);
    if (!u && !includeUnused) continue;
    out.push({ id, name: info.name, unit: info.unit, facts: u?.facts ?? 0, regions: u?.regions ?? 0, documents: u?.documents ?? 0, measures: u?.measures ?? [] });
  }
  for (const u of usage) {
    if (catalog.has(u.indicator)) continue;
    out.push({ id: u.indicator, name: null, unit: null, facts: u.facts, regions: u.regions, documents: u.documents, measures: u.measures });
  }
  return out;
}

// ------------------------------------------------------------------ region

export interface RankAmongPeers {
  rank: number;
  of: number;
  /** The parent the peers share. */
  within: { code: string; name: string };
}

export interface HeadlineValue {
  fact: StoredFact;
  rank: RankAmongPeers | null;
}

export interface Headline {
  indicator: string;
  name: string | null;
  period: string;
  level: HeadlineValue | null;
  /**
   * When the latest period has no level: the latest level known for an
   * earlier calendar year, shown with its year ("124.6亿元 (2021)").
   */
  earlierLevel: StoredFact | null;
  growth: HeadlineValue | null;
  /** Ranks the documents state (排名第3), for the same period. */
  statedRanks: StoredFact[];
}

export interface SeriesPoint {
  year: number;
  value: number;
  /** actual or estimate (an estimate is drawn marked as such). */
  status: Status;
  factId: number;
  documentId: number;
}

export interface Series {
  indicator: string;
  name: string | null;
  measure: Measure;
  unit: Unit;
  /** Best available value per calendar year (missing years are gaps). */
  points: SeriesPoint[];
  /** The annual targets of the same measure and unit, by year. */
  targets: Array<{ year: number; value: number; bound: string; factId: number; documentId: number }>;
}

export interface RegionSummary {
  region: RegionRow;
  ancestors: RegionRow[];
  children: RegionWithCounts[];
  documents: DocumentSummary[];
  headlines: Headline[];
  targets: TargetOutcome[];
  /** Targets per outcome. */
  targetCounts: Record<Outcome, number>;
  series: Series[];
  factCount: number;
}

/** Later periods first; on the same end month, the longer period (a full year before its first nine months). */
function periodOrder(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return a < b ? 1 : a > b ? -1 : 0;
  if (pa.end !== pb.end) return pa.end < pb.end ? 1 : -1;
  return pa.start < pb.start ? -1 : pa.start > pb.start ? 1 : 0;
}

/** Rank of a region's best available value among the regions of its parent that have one (all statuses together). */
async function rankAmongPeers(store: Store, region: RegionRow, f: StoredFact): Promise<RankAmongPeers | null> {
  if (!region.parent) return null;
  const parent = await store.region(region.parent);
  if (!parent) return null;
  const rows = await store.compare({
    indicator: f.indicator,
    measure: f.measure,
    period: f.period,
    within: parent.code,
    level: region.level,
    unit: f.unit,
  });
  const me = rows.find((r) => r.region.code === region.code);
  if (!me || rows.length < 2) return null;
  return { rank: me.rank, of: rows.length, within: { code: parent.code, name: parent.name } };
}

export async function regionSummary(store: Store, region: RegionRow): Promise<RegionSummary> {
  const own = { regions: [region.code], descendants: false };
  const [ancestors, children, documents, page, targets, targetFacts] = await Promise.all([
    store.ancestors(region.code),
    store.regions({ parent: region.code }),
    store.documents({ ...own, limit: 200 }),
    store.facts({ ...own, statuses: ['actual', 'estimate'], limit: 10_000, order: 'indicator' }),
    store.targets(own),
    store.facts({ ...own, statuses: ['target'], limit: 10_000, order: 'indicator' }),
  ]);
  const facts = page.items;

  // headline: per indicator, its latest period; the best available level and growth stated for it
  const byIndicator = new Map<string, StoredFact[]>();
  for (const f of facts) {
    const list = byIndicator.get(f.indicator) ?? [];
    list.push(f);
    byIndicator.set(f.indicator, list);
  }
  const headlines: Headline[] = [];
  const catalogOrder = [...indicatorCatalog().keys()];
  const order = (id: string): number => {
    const i = catalogOrder.indexOf(id);
    return i < 0 ? catalogOrder.length : i;
  };
  // the ranks among peers are independent queries: asked at once (a PostgreSQL pool answers them in parallel)
  const built = await Promise.all(
    [...byIndicator]
      .sort((a, b) => order(a[0]) - order(b[0]) || (a[0] < b[0] ? -1 : 1))
      .map(async ([indicator, list]): Promise<Headline | undefined> => {
        const headlineMeasures = list.filter((f) => f.measure === 'level' || f.measure === 'growth' || f.measure === 'rank');
        if (headlineMeasures.length === 0) return undefined;
        const period = headlineMeasures.map((f) => f.period).sort(periodOrder)[0]!;
        const at = (m: Measure): StoredFact | undefined => list.filter((f) => f.measure === m && f.period === period).sort(compareOutcomes)[0];
        const level = at('level');
        const growth = at('growth');
        const earlierLevel = level
          ? null
          : (list
              .filter((f) => f.measure === 'level' && parsePeriod(f.period)?.kind === 'year' && periodOrder(f.period, period) > 0)
              .sort((a, b) => periodOrder(a.period, b.period) || compareOutcomes(a, b))[0] ?? null);
        const [levelRank, growthRank] = await Promise.all([
          level ? rankAmongPeers(store, region, level) : null,
          growth ? rankAmongPeers(store, region, growth) : null,
        ]);
        return {
          indicator,
          name: indicatorName(indicator) ?? null,
          period,
          level: level ? { fact: level, rank: levelRank } : null,
          earlierLevel,
          growth: growth ? { fact: growth, rank: growthRank } : null,
          statedRanks: list.filter((f) => f.measure === 'rank' && f.period === period).sort((a, b) => a.id - b.id),
        };
      }),
  );
  for (const h of built) if (h) headlines.push(h);

  // time series: the best available calendar-year value of one measure across at least two years
  const seriesMap = new Map<string, Map<number, StoredFact>>();
  for (const f of facts) {
    if (f.measure !== 'level' && f.measure !== 'growth') continue;
    const p = parsePeriod(f.period);
    if (!p || p.kind !== 'year') continue;
    const key = `${f.indicator}|${f.measure}|${f.unit}`;
    const points = seriesMap.get(key) ?? new Map<number, StoredFact>();
    const cur = points.get(p.year);
    if (!cur || compareOutcomes(f, cur) < 0) points.set(p.year, f);
    seriesMap.set(key, points);
  }
  const targetsBy = new Map<string, Map<number, StoredFact>>();
  for (const t of targetFacts.items) {
    const p = parsePeriod(t.period);
    if (!p || p.kind !== 'year') continue;
    const key = `${t.indicator}|${t.measure}|${t.unit}`;
    const m = targetsBy.get(key) ?? new Map<number, StoredFact>();
    const cur = m.get(p.year);
    if (!cur || compareOutcomes(t, cur) < 0) m.set(p.year, t);
    targetsBy.set(key, m);
  }
  const series: Series[] = [];
  for (const [key, points] of seriesMap) {
    if (points.size < 2) continue;
    const [indicator, measure, unit] = key.split('|') as [string, Measure, Unit];
    series.push({
      indicator,
      name: indicatorName(indicator) ?? null,
      measure,
      unit,
      points: [...points.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([year, f]) => ({ year, value: f.value, status: f.status, factId: f.id, documentId: f.documentId })),
      targets: [...(targetsBy.get(key) ?? new Map<number, StoredFact>()).entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([year, t]) => ({ year, value: t.value, bound: t.bound, factId: t.id, documentId: t.documentId })),
    });
  }
  series.sort((a, b) => order(a.indicator) - order(b.indicator) || (a.measure < b.measure ? -1 : 1));

  const targetCounts: Record<Outcome, number> = { met: 0, missed: 0, pending: 0, no_data: 0 };
  for (const t of targets) targetCounts[t.outcome]++;
  return { region, ancestors, children, documents: documents.items, headlines, targets, targetCounts, series, factCount: page.total };
}
