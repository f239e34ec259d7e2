/**
 * Read models shared by the JSON API and the dashboard pages, built only from
 * the `Store` interface.
 */
import { parsePeriod } from '../store/periods.js';
import { resolveRegion, resolveRegions } from '../store/resolve.js';
import { indicatorCatalog, indicatorName } from '../store/catalog.js';
import { compareOutcomes } from '../store/targets.js';
import { StoreError, type CompareRow, type FactReviewState, type RegionRow, type SliceCount, type Store, type StoredFact, type TargetOutcome, type RegionWithCounts, type DocumentSummary, type IndicatorUsage, type RegionLevel } from '../store/types.js';
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
  status: Status;
  unit: Unit | null;
  within: RegionRow | null;
  level: RegionLevel | null;
  focus: RegionRow | null;
  rows: CompareRow[];
  /** The slices (measure × period × status) available for this indicator in the same regions. */
  slices: SliceCount[];
}

/**
 * One indicator across regions. Unset measure / period / status default to the
 * slice that covers the most regions (latest period first on ties).
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
  const pick = slices.find(
    (s) =>
      (req.measure === undefined || s.measure === req.measure) &&
      (req.period === undefined || s.period === req.period) &&
      (req.status === undefined || s.status === req.status) &&
      (req.unit === undefined || s.unit === req.unit) &&
      (req.scope === undefined || s.scope === req.scope),
  );
  const measure = req.measure ?? pick?.measure;
  const period = req.period ?? pick?.period;
  const status = req.status ?? pick?.status;
  if (!measure || !period || !status) return undefined;
  const rows = await store.compare({
    indicator: req.indicator,
    measure,
    period,
    status,
    ...(within ? (level ? { within: within.code, level } : { within: within.code }) : { level: level ?? 'county' }),
    ...(req.unit ? { unit: req.unit } : {}),
    ...(req.scope ? { scope: req.scope } : pick?.scope && measure === 'rank' ? { scope: pick.scope } : {}),
    ...(req.reviews ? { reviews: req.reviews } : {}),
  });
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
  growth: HeadlineValue | null;
  /** Ranks the documents state (排名第3), for the same period. */
  statedRanks: StoredFact[];
}

export interface SeriesPoint {
  year: number;
  value: number;
  factId: number;
  documentId: number;
}

export interface Series {
  indicator: string;
  name: string | null;
  measure: Measure;
  unit: Unit;
  points: SeriesPoint[];
}

export interface RegionSummary {
  region: RegionRow;
  ancestors: RegionRow[];
  children: RegionWithCounts[];
  documents: DocumentSummary[];
  headlines: Headline[];
  targets: TargetOutcome[];
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

/** Rank of a region's value among the regions of its parent that have one. */
async function rankAmongPeers(store: Store, region: RegionRow, f: StoredFact): Promise<RankAmongPeers | null> {
  if (!region.parent) return null;
  const parent = await store.region(region.parent);
  if (!parent) return null;
  const rows = await store.compare({
    indicator: f.indicator,
    measure: f.measure,
    period: f.period,
    status: f.status,
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
  const [ancestors, children, documents, page, targets] = await Promise.all([
    store.ancestors(region.code),
    store.regions({ parent: region.code }),
    store.documents({ ...own, limit: 200 }),
    store.facts({ ...own, statuses: ['actual', 'estimate'], limit: 10_000, order: 'indicator' }),
    store.targets(own),
  ]);
  const facts = page.items;

  // headline: per indicator, its latest period; the level and the growth stated for it
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
        const [levelRank, growthRank] = await Promise.all([
          level ? rankAmongPeers(store, region, level) : null,
          growth ? rankAmongPeers(store, region, growth) : null,
        ]);
        return {
          indicator,
          name: indicatorName(indicator) ?? null,
          period,
          level: level ? { fact: level, rank: levelRank } : null,
          growth: growth ? { fact: growth, rank: growthRank } : null,
          statedRanks: list.filter((f) => f.measure === 'rank' && f.period === period).sort((a, b) => a.id - b.id),
        };
      }),
  );
  for (const h of built) if (h) headlines.push(h);

  // time series: calendar-year values of one measure across at least two years
  const seriesMap = new Map<string, Map<number, StoredFact>>();
  for (const f of facts) {
    if (f.status !== 'actual' || (f.measure !== 'level' && f.measure !== 'growth')) continue;
    const p = parsePeriod(f.period);
    if (!p || p.kind !== 'year') continue;
    const key = `${f.indicator}|${f.measure}|${f.unit}`;
    const points = seriesMap.get(key) ?? new Map<number, StoredFact>();
    const cur = points.get(p.year);
    if (!cur || compareOutcomes(f, cur) < 0) points.set(p.year, f);
    seriesMap.set(key, points);
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
        .map(([year, f]) => ({ year, value: f.value, factId: f.id, documentId: f.documentId })),
    });
  }
  series.sort((a, b) => order(a.indicator) - order(b.indicator) || (a.measure < b.measure ? -1 : 1));

  return { region, ancestors, children, documents: documents.items, headlines, targets, series, factCount: page.total };
}
