/**
 * The JSON API. Each route is declared once with its parameters; the same
 * declaration validates requests and feeds the OpenAPI document.
 */
import type { Hono } from 'hono';
import type { FactFilter, Store } from '../store/types.js';
import { INDICATOR_PATTERN, KINDS, MEASURES, OUTCOMES, PERIOD_PATTERN, REGION_LEVELS, SCOPES, STATUSES, UNITS } from '../store/vocab.js';
import { ApiError } from './errors.js';
import { parseParams, type ParamSpec, type Parsed } from './params.js';
import { compareRegions, indicatorEntries, regionParam, regionsParam, regionSummary } from './queries.js';

export interface ApiDeps {
  store: Store;
}

export interface ApiRoute {
  path: string;
  summary: string;
  description?: string;
  params: readonly ParamSpec[];
  /** Name of the response schema in the OpenAPI components. */
  response: string;
  notFound?: boolean;
  handle(deps: ApiDeps, params: Record<string, unknown>): Promise<unknown>;
}

function route<const S extends readonly ParamSpec[]>(r: {
  path: string;
  summary: string;
  description?: string;
  params: S;
  response: string;
  notFound?: boolean;
  handle(deps: ApiDeps, params: Parsed<S>): Promise<unknown>;
}): ApiRoute {
  return r as unknown as ApiRoute;
}

// ------------------------------------------------------------ shared params

const regionFilter = {
  kind: 'list',
  name: 'region',
  description: 'Region names (江永县) or 6-digit codes (431125); a prefecture or province includes everything under it (see descendants).',
} as const satisfies ParamSpec;
const descendants = {
  kind: 'boolean',
  name: 'descendants',
  default: true,
  description: 'Whether region includes the regions under it (default true).',
} as const satisfies ParamSpec;
const indicator = {
  kind: 'list',
  name: 'indicator',
  pattern: INDICATOR_PATTERN,
  patternHint: 'an indicator id such as gdp or fai (see /api/indicators)',
  description: 'Indicator ids (see /api/indicators).',
} as const satisfies ParamSpec;
const measure = { kind: 'list', name: 'measure', values: MEASURES, description: 'Measures.' } as const satisfies ParamSpec;
const period = {
  kind: 'list',
  name: 'period',
  pattern: PERIOD_PATTERN,
  patternHint: 'a period such as 2023, 2023-01/2023-09 or 2021/2025',
  description: 'Exact periods: 2023, 2023-01/2023-09, 2021/2025.',
} as const satisfies ParamSpec;
const year = {
  kind: 'list',
  name: 'year',
  pattern: /^\d{4}$/,
  patternHint: 'a four-digit year',
  description: 'Calendar years the periods end in.',
} as const satisfies ParamSpec;
const status = { kind: 'list', name: 'status', values: STATUSES, description: 'actual, estimate (预计) or target.' } as const satisfies ParamSpec;
const unit = { kind: 'list', name: 'unit', values: UNITS, description: 'Base units.' } as const satisfies ParamSpec;
const limit = { kind: 'integer', name: 'limit', min: 1, max: 1000, default: 100, description: 'Page size (1–1000).' } as const satisfies ParamSpec;
const offset = { kind: 'integer', name: 'offset', min: 0, default: 0, description: 'Rows to skip.' } as const satisfies ParamSpec;

const FILTER_PARAMS = [regionFilter, descendants, indicator, measure, period, year, status, unit] as const;

async function factFilter(
  store: Store,
  p: { region?: string[]; descendants: boolean; indicator?: string[]; measure?: FactFilter['measures']; period?: string[]; year?: string[]; status?: FactFilter['statuses']; unit?: FactFilter['units'] },
): Promise<FactFilter> {
  const regions = await regionsParam(store, p.region, 'region');
  return {
    ...(regions ? { regions, descendants: p.descendants } : {}),
    ...(p.indicator ? { indicators: p.indicator } : {}),
    ...(p.measure ? { measures: p.measure } : {}),
    ...(p.period ? { periods: p.period } : {}),
    ...(p.year ? { years: p.year.map(Number) } : {}),
    ...(p.status ? { statuses: p.status } : {}),
    ...(p.unit ? { units: p.unit } : {}),
  };
}

function notFound(what: string): ApiError {
  return new ApiError(404, what);
}

// ------------------------------------------------------------------- routes

export const API_ROUTES: readonly ApiRoute[] = [
  route({
    path: '/api/stats',
    summary: 'What the database holds',
    params: [],
    response: 'Stats',
    handle: async ({ store }) => store.stats(),
  }),
  route({
    path: '/api/indicators',
    summary: 'Indicators: the catalogue with how many facts, regions and documents each has',
    params: [regionFilter, descendants, { kind: 'boolean', name: 'all', default: false, description: 'Include catalogue indicators without facts.' }],
    response: 'IndicatorList',
    handle: async ({ store }, p) => {
      const regions = await regionsParam(store, p.region, 'region');
      const usage = await store.indicators(regions ? { regions, descendants: p.descendants } : {});
      return { items: indicatorEntries(usage, p.all) };
    },
  }),
  route({
    path: '/api/regions',
    summary: 'Regions of the gazetteer, with fact and document counts',
    params: [
      { kind: 'enum', name: 'level', values: REGION_LEVELS, description: 'province, prefecture or county.' },
      { kind: 'string', name: 'parent', pattern: /^\d{6}$/, patternHint: 'a 6-digit region code', description: 'Direct children of this code.' },
      { kind: 'string', name: 'within', description: 'Everything under this region (name or code).' },
      { kind: 'string', name: 'q', maxLength: 40, description: 'Part of the name.' },
      { kind: 'boolean', name: 'has_facts', default: false, description: 'Only regions some fact is about.' },
      { kind: 'integer', name: 'limit', min: 1, max: 5000, default: 5000, description: 'At most this many (1–5000; the gazetteer has about 3,200).' },
    ],
    response: 'RegionList',
    handle: async ({ store }, p) => {
      const within = p.within ? (await regionParam(store, p.within, 'within')).code : undefined;
      const items = await store.regions({
        ...(p.level ? { level: p.level } : {}),
        ...(p.parent ? { parent: p.parent } : {}),
        ...(within ? { within } : {}),
        ...(p.q ? { nameContains: p.q } : {}),
        withFacts: p.has_facts,
        limit: p.limit,
      });
      return { items };
    },
  }),
  route({
    path: '/api/regions/:code',
    summary: 'One region: ancestors, children, documents, headline indicators with ranks among peers, targets, time series',
    params: [{ kind: 'string', name: 'code', in: 'path', required: true, description: 'Region code or name.' }],
    response: 'RegionSummary',
    notFound: true,
    handle: async ({ store }, p) => {
      const region = await regionParam(store, p.code, 'code').catch((err: unknown) => {
        if (err instanceof ApiError) throw notFound(`no region "${p.code}": look codes up at /api/regions?q=NAME`);
        throw err;
      });
      return regionSummary(store, region);
    },
  }),
  route({
    path: '/api/documents',
    summary: 'Ingested documents (without text)',
    params: [
      regionFilter,
      descendants,
      year,
      { kind: 'list', name: 'kind', values: KINDS, description: 'report, bulletin or news.' },
      limit,
      offset,
    ],
    response: 'DocumentPage',
    handle: async ({ store }, p) => {
      const regions = await regionsParam(store, p.region, 'region');
      return store.documents({
        ...(regions ? { regions, descendants: p.descendants } : {}),
        ...(p.year ? { years: p.year.map(Number) } : {}),
        ...(p.kind ? { kinds: p.kind } : {}),
        limit: p.limit,
        offset: p.offset,
      });
    },
  }),
  route({
    path: '/api/documents/:id',
    summary: 'One document: its decoded text and every fact extracted from it (spans are code-point offsets into text)',
    params: [{ kind: 'integer', name: 'id', in: 'path', required: true, min: 1, description: 'Document id.' }],
    response: 'DocumentDetail',
    notFound: true,
    handle: async ({ store }, p) => {
      const d = await store.document(p.id);
      if (!d) throw notFound(`no document ${p.id}: list documents at /api/documents`);
      return d;
    },
  }),
  route({
    path: '/api/facts',
    summary: 'Facts matching filters, paged',
    params: [
      ...FILTER_PARAMS,
      { kind: 'integer', name: 'document', min: 1, description: 'Only facts of this document id.' },
      { kind: 'enum', name: 'order', values: ['document', 'region', 'indicator', 'value_desc', 'value_asc'], default: 'document', description: 'Sort order.' },
      limit,
      offset,
    ],
    response: 'FactPage',
    handle: async ({ store }, p) =>
      store.facts({
        ...(await factFilter(store, p)),
        ...(p.document !== undefined ? { documentId: p.document } : {}),
        order: p.order,
        limit: p.limit,
        offset: p.offset,
      }),
  }),
  route({
    path: '/api/compare',
    summary: 'One indicator across regions, ranked',
    description:
      'Regions are the children of `within`, all regions of `level` under `within`, or the peers of a region (the other regions of its level under its parent). Unset measure, period and status default to the slice covering most regions.',
    params: [
      { kind: 'string', name: 'indicator', required: true, pattern: INDICATOR_PATTERN, patternHint: 'an indicator id such as gdp', description: 'Indicator id.' },
      { kind: 'enum', name: 'measure', values: MEASURES, description: 'Measure (default: most covered).' },
      { kind: 'string', name: 'period', pattern: PERIOD_PATTERN, patternHint: 'a period such as 2023 or 2023-01/2023-09', description: 'Period (default: most covered).' },
      { kind: 'enum', name: 'status', values: STATUSES, description: 'Status (default: most covered).' },
      { kind: 'enum', name: 'unit', values: UNITS, description: 'Unit, when the indicator comes in several (default: most common).' },
      { kind: 'enum', name: 'scope', values: SCOPES, description: 'Rank scope (rank measure only).' },
      { kind: 'string', name: 'within', description: 'Parent region (name or code).' },
      { kind: 'enum', name: 'level', values: REGION_LEVELS, description: 'Compare all regions of this level under within.' },
      { kind: 'string', name: 'peers_of', description: 'A region (name or code) to compare with its peers.' },
    ],
    response: 'Comparison',
    handle: async ({ store }, p) => {
      if (p.peers_of && p.within) throw new ApiError(400, 'parameter "peers_of": give either peers_of or within, not both', 'peers_of');
      const result = await compareRegions(store, {
        indicator: p.indicator,
        ...(p.measure ? { measure: p.measure } : {}),
        ...(p.period ? { period: p.period } : {}),
        ...(p.status ? { status: p.status } : {}),
        ...(p.unit ? { unit: p.unit } : {}),
        ...(p.scope ? { scope: p.scope } : {}),
        ...(p.within ? { within: await regionParam(store, p.within, 'within') } : {}),
        ...(p.level ? { level: p.level } : {}),
        ...(p.peers_of ? { peersOf: await regionParam(store, p.peers_of, 'peers_of') } : {}),
      });
      return result ?? { indicator: { id: p.indicator }, rows: [], slices: [] };
    },
  }),
  route({
    path: '/api/targets',
    summary: 'Targets paired with outcomes: met, missed or pending, with the gap',
    description:
      'A target (status target, period Y) is paired with the actual (else the estimate) of the same region, indicator, measure, unit and period. `>=`/`=` targets are met when actual ≥ target (≤ for unemployment, CPI, PM2.5 and ranks); `~` (左右) allows 0.5 percentage points for % values, 1% for amounts.',
    params: [...FILTER_PARAMS.filter((s) => s.name !== 'status'), { kind: 'list', name: 'outcome', values: OUTCOMES, description: 'met, missed or pending.' }],
    response: 'TargetList',
    handle: async ({ store }, p) => {
      const items = await store.targets({ ...(await factFilter(store, p)), ...(p.outcome ? { outcomes: p.outcome } : {}) });
      const summary = { met: 0, missed: 0, pending: 0 };
      for (const t of items) summary[t.outcome]++;
      return { summary, items };
    },
  }),
];

/** Mounts the API routes (GET) on the app. */
export function mountApi(app: Hono, deps: ApiDeps): void {
  for (const r of API_ROUTES) {
    app.get(r.path, async (c) => {
      const params = parseParams(r.params, c.req.queries(), c.req.param() as Record<string, string>);
      return c.json((await r.handle(deps, params)) as object);
    });
  }
}
