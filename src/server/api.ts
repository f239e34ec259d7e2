/**
 * The JSON API. Each route is declared once with its method, the role it
 * needs, its parameters and body; the same declaration checks access,
 * validates requests and feeds the OpenAPI document.
 *
 * Reads need a token only when the server runs with `--read token`; every
 * write needs a signed-in user with the route's role (reviewer: uploads and
 * reviews; admin: users, tokens and the audit log), and is written to the
 * audit log.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AddFactInput, FactFields, FactFilter, Role, Store } from '../store/types.js';
import { BOUNDS, INDICATOR_PATTERN, KINDS, MEASURES, OUTCOMES, PERIOD_PATTERN, REGION_LEVELS, SCOPES, STATUSES, UNITS } from '../store/vocab.js';
import type { Extractor } from '../store/pool.js';
import { hasRole, issueToken, requireRole, ROLES, viewerOf, type ReadAccess, type Viewer } from './auth.js';
import { parseJsonBody, type FieldSpec, type ParsedBody } from './body.js';
import { ApiError } from './errors.js';
import { parseParams, type ParamSpec, type Parsed } from './params.js';
import { compareRegions, indicatorEntries, regionParam, regionsParam, regionSummary } from './queries.js';
import { acceptUpload, type UploadConfig } from './upload.js';

export interface ApiDeps {
  store: Store;
  /** Where uploads go; null: uploads are off. */
  uploads: UploadConfig | null;
  /** The extractor uploads use (default: a pool per upload). */
  extractor?: Extractor;
  read: ReadAccess;
}

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RequestInfo {
  /** The signed-in user (always set for writes). */
  viewer: Viewer | null;
  /** The validated JSON body. */
  body: Record<string, unknown>;
  /** The uploaded file (upload routes). */
  file?: { name: string; bytes: Uint8Array };
}

/** What a write leaves in the audit log. */
export interface AuditRecord {
  action: string;
  target: string | null;
  detail?: unknown;
}

export interface ApiRoute {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  /** The least role allowed (reads: reader, enforced with --read token). */
  role: Role;
  params: readonly ParamSpec[];
  /** A JSON body, or a multipart upload with field "file". */
  body?: readonly FieldSpec[] | 'file';
  /** Name of the response schema in the OpenAPI components. */
  response: string;
  /** Status of a success (default 200). */
  status?: 200 | 201;
  notFound?: boolean;
  handle(deps: ApiDeps, params: Record<string, unknown>, request: RequestInfo): Promise<unknown>;
  audit?(params: Record<string, unknown>, request: RequestInfo, result: unknown): AuditRecord;
}

function route<const S extends readonly ParamSpec[], const B extends readonly FieldSpec[] = []>(r: {
  method?: Method;
  path: string;
  summary: string;
  description?: string;
  role?: Role;
  params: S;
  body?: B | 'file';
  response: string;
  status?: 200 | 201;
  notFound?: boolean;
  handle(deps: ApiDeps, params: Parsed<S>, request: Omit<RequestInfo, 'body'> & { body: ParsedBody<B> }): Promise<unknown>;
  audit?(params: Parsed<S>, request: Omit<RequestInfo, 'body'> & { body: ParsedBody<B> }, result: unknown): AuditRecord;
}): ApiRoute {
  return { method: 'get', role: 'reader', ...r } as unknown as ApiRoute;
}

/** The signed-in user's name (writes always have one). */
function actor(request: { viewer: Viewer | null }): string {
  if (!request.viewer) throw new ApiError(401, 'sign in first: send "Authorization: Bearer TOKEN"');
  return request.viewer.user.name;
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

const FACT_REVIEW_STATES = ['unreviewed', 'accepted', 'corrected', 'rejected', 'added'] as const;
const REVIEW_STATES = ['accepted', 'corrected', 'rejected', 'added', 'orphaned'] as const;
const review = {
  kind: 'list',
  name: 'review',
  values: FACT_REVIEW_STATES,
  description: 'Review states to include (default: all but rejected); a corrected fact has its corrected values.',
} as const satisfies ParamSpec;

const FILTER_PARAMS = [regionFilter, descendants, indicator, measure, period, year, status, unit, review] as const;

const idPath = (what: string) => ({ kind: 'integer', name: 'id', in: 'path', required: true, min: 1, description: `${what} id.` }) as const satisfies ParamSpec;
const userPath = { kind: 'string', name: 'name', in: 'path', required: true, maxLength: 64, pattern: /^[A-Za-z0-9_.@-]+$/, patternHint: 'a user name', description: 'User name.' } as const satisfies ParamSpec;

// ------------------------------------------------------------ body fields

const note = { kind: 'string', name: 'note', maxLength: 1000, description: 'Why (kept with the decision).' } as const satisfies FieldSpec;
const factFieldSpecs = [
  { kind: 'string', name: 'indicator', maxLength: 64, pattern: INDICATOR_PATTERN, patternHint: 'an indicator id such as gdp', description: 'Indicator id.' },
  { kind: 'enum', name: 'measure', values: MEASURES, description: 'Measure.' },
  { kind: 'number', name: 'value', description: 'Value in the base unit (98.5亿元 → 9850000000).' },
  { kind: 'number', name: 'value_max', nullable: true, description: 'High end of a range, or null.' },
  { kind: 'enum', name: 'unit', values: UNITS, description: 'Base unit.' },
  { kind: 'enum', name: 'scope', values: SCOPES, nullable: true, description: 'Rank scope, or null.' },
  { kind: 'string', name: 'period', maxLength: 16, pattern: PERIOD_PATTERN, patternHint: 'a period such as 2023, 2023-01/2023-09 or 2021/2025', description: 'Period.' },
  { kind: 'enum', name: 'status', values: STATUSES, description: 'actual, estimate or target.' },
  { kind: 'enum', name: 'bound', values: BOUNDS, description: 'Bound (= ~ >= > <= <).' },
  { kind: 'string', name: 'region', maxLength: 40, description: 'Region the fact is about: name or 6-digit code.' },
] as const satisfies readonly FieldSpec[];

type FactBody = ParsedBody<typeof factFieldSpecs>;

/** Body fields → store fields (the region resolved to a code). */
async function factFields(store: Store, b: FactBody): Promise<FactFields> {
  const region = b.region !== undefined ? await regionParam(store, b.region, 'region') : undefined;
  return {
    ...(region ? { region: { code: region.code, name: region.name } } : {}),
    ...(b.indicator !== undefined ? { indicator: b.indicator } : {}),
    ...(b.measure !== undefined ? { measure: b.measure } : {}),
    ...(b.value !== undefined ? { value: b.value } : {}),
    ...(b.value_max !== undefined ? { valueMax: b.value_max } : {}),
    ...(b.unit !== undefined ? { unit: b.unit } : {}),
    ...(b.scope !== undefined ? { scope: b.scope } : {}),
    ...(b.period !== undefined ? { period: b.period } : {}),
    ...(b.status !== undefined ? { status: b.status } : {}),
    ...(b.bound !== undefined ? { bound: b.bound } : {}),
  };
}

async function factFilter(
  store: Store,
  p: {
    region?: string[];
    descendants: boolean;
    indicator?: string[];
    measure?: FactFilter['measures'];
    period?: string[];
    year?: string[];
    status?: FactFilter['statuses'];
    unit?: FactFilter['units'];
    review?: FactFilter['reviews'];
  },
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
    ...(p.review ? { reviews: p.review } : {}),
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
      { kind: 'enum', name: 'status', values: STATUSES, description: 'Only this status (default: each region\'s best available value: reviewed > actual > estimate, never a target).' },
      { kind: 'enum', name: 'unit', values: UNITS, description: 'Unit, when the indicator comes in several (default: most common).' },
      { kind: 'enum', name: 'scope', values: SCOPES, description: 'Rank scope (rank measure only).' },
      { kind: 'string', name: 'within', description: 'Parent region (name or code).' },
      { kind: 'enum', name: 'level', values: REGION_LEVELS, description: 'Compare all regions of this level under within.' },
      { kind: 'string', name: 'peers_of', description: 'A region (name or code) to compare with its peers.' },
      review,
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
        ...(p.review ? { reviews: p.review } : {}),
      });
      return result ?? { indicator: { id: p.indicator }, rows: [], slices: [] };
    },
  }),
  route({
    path: '/api/targets',
    summary: 'Targets paired with outcomes: met, missed, pending (period not over) or no_data (period over, no outcome), with the gap',
    description:
      'A target (status target, period Y) is paired with the best available outcome (reviewed > actual > estimate) of the same region, indicator, measure, unit and period, of the same kind (年均/累计 only with the same; a count only with a count of the same thing). `>=`/`=` targets are met when actual ≥ target (≤ for unemployment, CPI, PM2.5 and ranks); `~` (左右) allows 0.5 percentage points for % values, 1% for amounts.',
    params: [...FILTER_PARAMS.filter((s) => s.name !== 'status'), { kind: 'list', name: 'outcome', values: OUTCOMES, description: 'met, missed, pending (period not over) or no_data (period over, no outcome in the database).' }],
    response: 'TargetList',
    handle: async ({ store }, p) => {
      const items = await store.targets({ ...(await factFilter(store, p)), ...(p.outcome ? { outcomes: p.outcome } : {}) });
      const summary = { met: 0, missed: 0, pending: 0, no_data: 0 };
      for (const t of items) summary[t.outcome]++;
      return { summary, items };
    },
  }),
  route({
    path: '/api/facts/:id',
    summary: 'One fact, whatever its review state (a corrected extracted fact too)',
    params: [idPath('Fact')],
    response: 'Fact',
    notFound: true,
    handle: async ({ store }, p) => {
      const f = await store.fact(p.id);
      if (!f) throw notFound(`no fact ${p.id}: list facts at /api/facts`);
      return f;
    },
  }),
  route({
    path: '/api/search',
    summary: 'Documents whose text contains a phrase, with snippets (spans in code points)',
    description: 'A plain substring match (no query syntax): % and _ are ordinary characters; Latin letters match in either case. PostgreSQL answers from a trigram index.',
    params: [
      { kind: 'string', name: 'q', required: true, maxLength: 100, description: 'The text to find.' },
      { kind: 'integer', name: 'limit', min: 1, max: 200, default: 20, description: 'Page size (1–200).' },
      offset,
    ],
    response: 'SearchPage',
    handle: async ({ store }, p) => store.searchDocuments(p.q, { limit: p.limit, offset: p.offset }),
  }),
  route({
    path: '/api/reviews',
    summary: 'Review decisions with their history (who, when, why), newest first',
    params: [
      { kind: 'integer', name: 'document', min: 1, description: 'Only reviews of this document id.' },
      { kind: 'list', name: 'state', values: REVIEW_STATES, description: 'accepted, corrected, rejected, added or orphaned (a re-extraction could not place the fact).' },
      { kind: 'string', name: 'user', maxLength: 64, description: 'Only decisions last made by this user.' },
      limit,
      offset,
    ],
    response: 'ReviewPage',
    handle: async ({ store }, p) =>
      store.reviews({
        ...(p.document !== undefined ? { documentId: p.document } : {}),
        ...(p.state ? { states: p.state } : {}),
        ...(p.user !== undefined ? { user: p.user } : {}),
        limit: p.limit,
        offset: p.offset,
      }),
  }),
  route({
    path: '/api/reviews/:id',
    summary: 'One review with its history',
    params: [idPath('Review')],
    response: 'Review',
    notFound: true,
    handle: async ({ store }, p) => {
      const r = await store.review(p.id);
      if (!r) throw notFound(`no review ${p.id}: list reviews at /api/reviews`);
      return r;
    },
  }),
  route({
    method: 'post',
    path: '/api/facts/:id/review',
    summary: 'Accept, correct or reject a fact (role reviewer)',
    description:
      'A correction is stored as an edit on top of the extracted fact, which is kept; the fact is then listed with the corrected values. Give the fields that change with action "correct". A re-extraction keeps the decision attached to the fact at the same span with the same indicator, or marks it orphaned.',
    role: 'reviewer',
    params: [idPath('Fact')],
    body: [{ kind: 'enum', name: 'action', required: true, values: ['accept', 'correct', 'reject'], description: 'accept, correct or reject.' }, note, ...factFieldSpecs],
    response: 'Review',
    notFound: true,
    handle: async ({ store }, p, request) => {
      const { action, note: why, ...rest } = request.body;
      const fields = await factFields(store, rest);
      if (action !== 'correct' && Object.keys(fields).length > 0) {
        throw new ApiError(400, `parameter "action": only "correct" takes fact fields (${Object.keys(rest).join(', ')})`, 'action');
      }
      return store.reviewFact({ factId: p.id, action, ...(action === 'correct' ? { fields } : {}), ...(why !== undefined ? { note: why } : {}), user: actor(request) });
    },
    audit: (p, request, result) => ({
      action: `review.${request.body.action}`,
      target: `fact:${p.id}`,
      detail: { review: (result as { id: number }).id, note: request.body.note ?? null },
    }),
  }),
  route({
    method: 'post',
    path: '/api/documents/:id/facts',
    summary: 'Add a fact the extractor missed, at a span of the document text (role reviewer)',
    description: 'span: code-point offsets into the document text as /api/documents/ID returns it; quote (optional): the text there as the reviewer saw it, checked. The region defaults to the document\'s.',
    role: 'reviewer',
    params: [idPath('Document')],
    body: [
      { kind: 'span', name: 'span', required: true, description: '[start, end) in code points of the document text.' },
      { kind: 'string', name: 'quote', maxLength: 2000, description: 'The text at the span, as selected.' },
      note,
      ...factFieldSpecs.map((f) => (['indicator', 'measure', 'value', 'unit', 'period', 'status'].includes(f.name) ? { ...f, required: true as const } : f)),
    ],
    response: 'AddedFact',
    status: 201,
    notFound: true,
    handle: async ({ store }, p, request) => {
      const { span, quote, note: why, ...rest } = request.body;
      const fields = await factFields(store, rest);
      return store.addFact({
        documentId: p.id,
        span,
        ...(quote !== undefined ? { quote } : {}),
        fields: fields as AddFactInput['fields'],
        ...(why !== undefined ? { note: why } : {}),
        user: actor(request),
      });
    },
    audit: (p, request, result) => ({
      action: 'fact.add',
      target: `document:${p.id}`,
      detail: { fact: (result as { fact: { id: number } }).fact.id, span: request.body.span },
    }),
  }),
  route({
    method: 'post',
    path: '/api/documents',
    summary: 'Upload a document (multipart form field "file": .txt, .html, .pdf or .docx) and ingest it (role reviewer)',
    description:
      'The content is checked by the readers whatever the name says, in a child process with time and memory limits; the file is kept in the server\'s upload directory under its SHA-256. 413 when larger than the server\'s --max-upload or when it expands past the text cap (--max-text); 415 when it is not a readable document; 422 when it could not be read in time or memory.',
    role: 'reviewer',
    params: [],
    body: 'file',
    response: 'UploadResult',
    status: 201,
    handle: async ({ store, uploads, extractor }, _p, request) => {
      if (!uploads) throw new ApiError(503, 'uploads are off on this server: start it with zhibiao serve --upload-dir DIR');
      if (!request.file) throw new ApiError(400, 'parameter "file": send the document as multipart form field "file"', 'file');
      return acceptUpload(store, uploads, request.file.name, request.file.bytes, extractor);
    },
    audit: (_p, request, result) => {
      const r = result as { outcome: string; document: { id: number }; facts: number };
      return { action: 'document.upload', target: `document:${r.document.id}`, detail: { name: request.file?.name, bytes: request.file?.bytes.length, outcome: r.outcome, facts: r.facts } };
    },
  }),
  route({
    path: '/api/me',
    summary: 'The signed-in user',
    params: [],
    response: 'User',
    handle: async (_deps, _p, request) => {
      if (!request.viewer) throw new ApiError(401, 'not signed in: send "Authorization: Bearer TOKEN"');
      return request.viewer.user;
    },
  }),
  route({
    path: '/api/users',
    summary: 'Users and their roles (role admin)',
    role: 'admin',
    params: [],
    response: 'UserList',
    handle: async ({ store }) => ({ items: await store.users() }),
  }),
  route({
    method: 'post',
    path: '/api/users',
    summary: 'Create a user and its first token; the token is in this answer only (role admin)',
    role: 'admin',
    params: [],
    body: [
      { kind: 'string', name: 'name', required: true, maxLength: 64, pattern: /^[A-Za-z0-9_.@-]+$/, patternHint: 'a user name (letters, digits, _ . @ -)', description: 'User name.' },
      { kind: 'enum', name: 'role', required: true, values: ROLES, description: 'reader, reviewer or admin.' },
      { kind: 'string', name: 'label', maxLength: 100, description: 'Where the token is used (e.g. laptop).' },
    ],
    response: 'NewUser',
    status: 201,
    handle: async ({ store }, _p, request) => {
      const user = await store.createUser(request.body.name, request.body.role);
      const { token, id } = await issueToken(store, user.name, request.body.label ?? null);
      return { user, token, tokenId: id };
    },
    audit: (_p, request) => ({ action: 'user.create', target: `user:${request.body.name}`, detail: { role: request.body.role } }),
  }),
  route({
    method: 'patch',
    path: '/api/users/:name',
    summary: 'Change a user\'s role, or disable / enable it (role admin)',
    role: 'admin',
    params: [userPath],
    body: [
      { kind: 'enum', name: 'role', values: ROLES, description: 'reader, reviewer or admin.' },
      { kind: 'boolean', name: 'disabled', description: 'A disabled user\'s tokens stop working.' },
    ],
    response: 'User',
    notFound: true,
    handle: async ({ store }, p, request) => {
      if (request.body.role === undefined && request.body.disabled === undefined) throw new ApiError(400, 'parameter "role": give role or disabled', 'role');
      if (request.viewer?.user.name === p.name && (request.body.disabled === true || (request.body.role !== undefined && request.body.role !== 'admin'))) {
        throw new ApiError(400, 'parameter "name": an admin cannot lock themself out; ask another admin', 'name');
      }
      return store.updateUser(p.name, {
        ...(request.body.role !== undefined ? { role: request.body.role } : {}),
        ...(request.body.disabled !== undefined ? { disabled: request.body.disabled } : {}),
      });
    },
    audit: (p, request) => ({ action: 'user.update', target: `user:${p.name}`, detail: request.body }),
  }),
  route({
    path: '/api/users/:name/tokens',
    summary: 'A user\'s tokens (never the tokens themselves) (role admin)',
    role: 'admin',
    params: [userPath],
    response: 'TokenList',
    notFound: true,
    handle: async ({ store }, p) => {
      if (!(await store.user(p.name))) throw notFound(`no user "${p.name}": list users at /api/users`);
      return { items: await store.tokens(p.name) };
    },
  }),
  route({
    method: 'post',
    path: '/api/users/:name/tokens',
    summary: 'Issue another token for a user; the token is in this answer only (role admin)',
    role: 'admin',
    params: [userPath],
    body: [{ kind: 'string', name: 'label', maxLength: 100, description: 'Where the token is used.' }],
    response: 'NewToken',
    status: 201,
    notFound: true,
    handle: async ({ store }, p, request) => {
      const { token, id } = await issueToken(store, p.name, request.body.label ?? null);
      return { user: p.name, token, tokenId: id };
    },
    audit: (p, _request, result) => ({ action: 'token.create', target: `user:${p.name}`, detail: { token: (result as { tokenId: number }).tokenId } }),
  }),
  route({
    method: 'delete',
    path: '/api/tokens/:id',
    summary: 'Revoke a token (role admin)',
    role: 'admin',
    params: [idPath('Token')],
    response: 'Token',
    notFound: true,
    handle: async ({ store }, p) => store.revokeToken(p.id),
    audit: (p) => ({ action: 'token.revoke', target: `token:${p.id}` }),
  }),
  route({
    path: '/api/audit',
    summary: 'The audit log of writes: who, what, when, on what (role admin)',
    role: 'admin',
    params: [
      { kind: 'string', name: 'user', maxLength: 64, description: 'Only this user\'s writes.' },
      { kind: 'string', name: 'action', maxLength: 40, pattern: /^[a-z.]+$/, patternHint: 'an action such as review.correct', description: 'Only this action.' },
      limit,
      offset,
    ],
    response: 'AuditPage',
    handle: async ({ store }, p) =>
      store.auditLog({ ...(p.user !== undefined ? { user: p.user } : {}), ...(p.action !== undefined ? { action: p.action } : {}), limit: p.limit, offset: p.offset }),
  }),
];

/** Deepest nesting a JSON body may have (the bodies are flat objects; a span is one array inside). */
export const MAX_JSON_DEPTH = 16;
/** Largest JSON body, bytes. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Whether JSON text nests deeper than `max` arrays and objects (one linear scan, before parsing). */
export function nestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'send the body as JSON (Content-Type: application/json)', 'body');
  const text = await c.req.text();
  if (nestsDeeper(text, MAX_JSON_DEPTH)) throw new ApiError(400, `parameter "body": nested deeper than ${MAX_JSON_DEPTH} levels; send a flat JSON object`, 'body');
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch (err) {
    throw new ApiError(400, `parameter "body": not valid JSON (${(err as Error).message})`, 'body');
  }
}

async function readFile(c: Context): Promise<{ name: string; bytes: Uint8Array }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) throw new ApiError(415, 'upload the document as multipart/form-data with field "file"', 'file');
  let form: Record<string, unknown>;
  try {
    form = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, `parameter "file": the multipart body cannot be read (${(err as Error).message})`, 'file');
  }
  for (const key of Object.keys(form)) {
    if (key !== 'file') throw new ApiError(400, `parameter "${key}": unknown form field; send only "file"`, key);
  }
  const f = form.file;
  if (Array.isArray(f)) throw new ApiError(400, 'parameter "file": send one file per upload', 'file');
  if (!(f instanceof File)) throw new ApiError(400, 'parameter "file": send the document as a file (form field "file" with a file name)', 'file');
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Mounts the API routes on the app. */
export function mountApi(app: Hono, deps: ApiDeps): void {
  for (const r of API_ROUTES) {
    const write = r.method !== 'get';
    const handler = async (c: Context): Promise<Response> => {
      const viewer = await viewerOf(deps.store, c);
      if (write || r.role !== 'reader' || deps.read === 'token') requireRole(c, viewer, r.role, write);
      const params = parseParams(r.params, c.req.queries(), c.req.param() as Record<string, string>);
      const request: RequestInfo = { viewer, body: {} };
      if (r.body === 'file') request.file = await readFile(c);
      else if (r.body) request.body = parseJsonBody(r.body, await readJson(c));
      const result = await r.handle(deps, params, request);
      if (r.audit) {
        const a = r.audit(params, request, result);
        await deps.store.audit({ user: viewer?.user.name ?? null, action: a.action, target: a.target, detail: a.detail });
      }
      return c.json(result as object, r.status ?? 200);
    };
    if (r.body === 'file') {
      // refuse an oversized upload from its Content-Length, or once it streams past the limit, before reading it all
      const limit = bodyLimit({
        maxSize: (deps.uploads?.maxBytes ?? 0) + 256 * 1024, // the form around the file
        onError: () => {
          throw new ApiError(413, `parameter "file": the upload is larger than this server accepts (${deps.uploads?.maxBytes ?? 0} bytes); ask the admin to raise --max-upload`, 'file');
        },
      });
      app.on(r.method.toUpperCase(), r.path, limit, handler);
    } else if (r.body) {
      const limit = bodyLimit({
        maxSize: MAX_JSON_BYTES,
        onError: () => {
          throw new ApiError(413, `parameter "body": larger than ${MAX_JSON_BYTES} bytes`, 'body');
        },
      });
      app.on(r.method.toUpperCase(), r.path, limit, handler);
    } else {
      app.on(r.method.toUpperCase(), r.path, handler);
    }
  }
}

/** Whether the viewer may see review controls. */
export function canReview(viewer: Viewer | null): boolean {
  return hasRole(viewer, 'reviewer');
}
