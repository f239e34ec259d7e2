/**
 * The OpenAPI 3.1 description of the JSON API, generated from the route
 * declarations in api.ts (paths and parameters) plus the response schemas here.
 */
import { MEASURES, STATUSES, UNITS, BOUNDS, SCOPES, KINDS, OUTCOMES, REGION_LEVELS } from '../store/vocab.js';
import { API_ROUTES } from './api.js';
import { openApiParameter } from './params.js';
import { openApiBody } from './body.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const page = (item: string): Schema => obj({ total: int, limit: int, offset: int, items: arr(ref(item)) });

const SCHEMAS: Record<string, Schema> = {
  Error: obj({ error: obj({ status: int, message: str, param: str }, ['status', 'message']) }),
  RegionRef: obj({ code: { type: 'string', pattern: '^\\d{6}$' }, name: str }),
  Region: obj({
    code: str,
    name: str,
    level: { enum: [...REGION_LEVELS] },
    parent: nullable(str),
    province: nullable(str),
    prefecture: nullable(str),
    aliases: arr(str),
    factCount: int,
    documentCount: int,
  }, ['code', 'name', 'level', 'parent']),
  Fact: obj({
    id: int,
    documentId: int,
    doc: str,
    documentKind: { enum: [...KINDS] },
    documentYear: nullable(int),
    region: ref('RegionRef'),
    indicator: str,
    measure: { enum: [...MEASURES] },
    value: { type: 'number', description: 'In the base unit (67.05亿元 → 6705000000 CNY).' },
    valueMax: nullable(num),
    unit: { enum: [...UNITS] },
    scope: nullable({ enum: [...SCOPES] }),
    period: str,
    year: nullable(int),
    status: { enum: [...STATUSES] },
    bound: { enum: [...BOUNDS] },
    span: { ...arr(int), minItems: 2, maxItems: 2, description: 'Half-open [start, end) in Unicode code points of the document text.' },
    quote: str,
    rule: str,
    extractorVersion: str,
    origin: { enum: ['extracted', 'review'], description: 'extracted, or made by a review (a correction, a fact added by hand).' },
    reviewState: { enum: ['unreviewed', 'accepted', 'corrected', 'rejected', 'added'] },
    reviewId: nullable(int),
  }),
  FactFields: {
    type: 'object',
    properties: {
      region: ref('RegionRef'),
      indicator: str,
      measure: { enum: [...MEASURES] },
      value: num,
      valueMax: nullable(num),
      unit: { enum: [...UNITS] },
      scope: nullable({ enum: [...SCOPES] }),
      period: str,
      status: { enum: [...STATUSES] },
      bound: { enum: [...BOUNDS] },
    },
  },
  Review: obj({
    id: int,
    documentId: int,
    kind: { enum: ['extracted', 'added'] },
    state: { enum: ['accepted', 'corrected', 'rejected', 'added', 'orphaned'], description: 'orphaned: a re-extraction found no fact at this span with this indicator.' },
    decision: { enum: ['accepted', 'corrected', 'rejected'] },
    factId: nullable(int),
    shownFactId: nullable(int),
    span: { ...arr(int), minItems: 2, maxItems: 2 },
    indicator: str,
    measure: str,
    quote: str,
    fields: nullable(ref('FactFields')),
    extracted: nullable(ref('FactFields')),
    note: nullable(str),
    by: str,
    at: str,
    createdAt: str,
    history: arr(obj({ action: str, decision: str, fields: nullable(ref('FactFields')), note: nullable(str), by: str, at: str })),
  }),
  ReviewPage: page('Review'),
  AddedFact: obj({ review: ref('Review'), fact: ref('Fact') }),
  SearchPage: obj({
    total: int,
    limit: int,
    offset: int,
    items: arr({
      allOf: [
        ref('Document'),
        obj({ matches: int, snippets: arr(obj({ span: { ...arr(int), minItems: 2, maxItems: 2 }, before: str, match: str, after: str })) }),
      ],
    }),
  }),
  UploadResult: obj({ outcome: { enum: ['inserted', 'reextracted', 'replaced', 'unchanged'] }, document: ref('Document'), facts: int }),
  User: obj({ id: int, name: str, role: { enum: ['reader', 'reviewer', 'admin'] }, disabled: { type: 'boolean' }, createdAt: str }),
  UserList: obj({ items: arr(ref('User')) }),
  NewUser: obj({ user: ref('User'), token: { type: 'string', description: 'Shown only in this answer; the server keeps its SHA-256.' }, tokenId: int }),
  NewToken: obj({ user: str, token: { type: 'string', description: 'Shown only in this answer.' }, tokenId: int }),
  Token: obj({ id: int, user: str, label: nullable(str), createdAt: str, revokedAt: nullable(str) }),
  TokenList: obj({ items: arr(ref('Token')) }),
  AuditPage: page('AuditEntry'),
  AuditEntry: obj({ id: int, at: str, user: nullable(str), action: str, target: nullable(str), detail: {} }),
  Document: obj({
    id: int,
    hash: { type: 'string', description: 'SHA-256 of the file bytes.' },
    path: str,
    format: { enum: ['txt', 'html', 'pdf', 'docx'] },
    encoding: str,
    title: nullable(str),
    sourceUrl: nullable({ type: 'string', description: 'Address of the original document (given at ingest or read from its header lines).' }),
    region: nullable(ref('RegionRef')),
    year: nullable(int),
    kind: { enum: [...KINDS] },
    script: { enum: ['zh-Hans', 'zh-Hant'] },
    chars: int,
    bytes: int,
    extractorVersion: str,
    ingestedAt: str,
    factCount: int,
  }),
  DocumentDetail: {
    allOf: [
      ref('Document'),
      obj({ text: str, diagnostics: arr(obj({ rule: str, message: str }, ['rule', 'message'])), facts: arr(ref('Fact')), reviews: arr(ref('Review')) }),
    ],
  },
  DocumentPage: page('Document'),
  FactPage: page('Fact'),
  Stats: obj({
    schemaVersion: int,
    documents: int,
    facts: int,
    regionsWithFacts: int,
    indicators: int,
    years: arr(obj({ year: int, documents: int, facts: int })),
    kinds: arr(obj({ kind: str, documents: int })),
    extractorVersions: arr(obj({ version: str, documents: int })),
    provinces: arr(obj({ code: str, name: str, facts: int, documents: int })),
  }),
  IndicatorList: obj({
    items: arr(obj({ id: str, name: nullable(str), unit: nullable(str), facts: int, regions: int, documents: int, measures: arr(str) })),
  }),
  RegionList: obj({ items: arr(ref('Region')) }),
  RegionSummary: obj({
    region: ref('Region'),
    ancestors: arr(ref('Region')),
    children: arr(ref('Region')),
    documents: arr(ref('Document')),
    headlines: arr(
      obj({
        indicator: str,
        name: nullable(str),
        period: str,
        level: nullable(obj({ fact: ref('Fact'), rank: nullable(obj({ rank: int, of: int, within: ref('RegionRef') })) })),
        earlierLevel: nullable({ ...ref('Fact'), description: 'When the latest period has no level: the latest level of an earlier year.' }),
        growth: nullable(obj({ fact: ref('Fact'), rank: nullable(obj({ rank: int, of: int, within: ref('RegionRef') })) })),
        statedRanks: arr(ref('Fact')),
      }),
    ),
    targets: arr(ref('TargetOutcome')),
    targetCounts: obj({ met: int, missed: int, pending: int, no_data: int }),
    series: arr(
      obj({
        indicator: str,
        name: nullable(str),
        measure: str,
        unit: str,
        points: arr(obj({ year: int, value: num, status: str, factId: int, documentId: int })),
        targets: arr(obj({ year: int, value: num, bound: str, factId: int, documentId: int })),
      }),
    ),
    factCount: int,
  }),
  Comparison: obj(
    {
      indicator: obj({ id: str, name: nullable(str) }, ['id']),
      measure: { enum: [...MEASURES] },
      period: str,
      status: nullable({ enum: [...STATUSES], description: 'The status asked for; null: each region shows its best available value (reviewed > actual > estimate).' }),
      unit: nullable(str),
      within: nullable(ref('Region')),
      level: nullable(str),
      focus: nullable(ref('Region')),
      rows: arr(
        obj({
          rank: int,
          region: ref('RegionRef'),
          value: num,
          valueMax: nullable(num),
          unit: str,
          bound: str,
          factId: int,
          documentId: int,
          quote: str,
          sources: { type: 'integer', description: 'How many facts state a value for this region in this slice.' },
          status: { enum: [...STATUSES], description: 'Status of the value shown.' },
          reviewState: str,
          document: obj({ title: str, sourceUrl: nullable(str) }),
        }),
      ),
      slices: arr(obj({ measure: str, unit: str, scope: nullable(str), period: str, status: str, regions: int, facts: int })),
      targets: { type: 'object', description: 'The target stated for the same slice, by region code.', additionalProperties: ref('TargetOutcome') },
    },
    ['indicator', 'rows', 'slices'],
  ),
  TargetOutcome: obj({
    target: ref('Fact'),
    actual: nullable(ref('Fact')),
    outcome: { enum: [...OUTCOMES] },
    gap: nullable({ type: 'number', description: 'actual − target in the unit.' }),
    gapPp: nullable({ type: 'number', description: 'Gap in percentage points (relative × 100 for amounts).' }),
    rule: str,
    duplicates: int,
  }),
  TargetList: obj({ summary: obj({ met: int, missed: int, pending: int, no_data: int }), items: arr(ref('TargetOutcome')) }),
};

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
  for (const r of API_ROUTES) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const write = r.method !== 'get';
    const body =
      r.body === 'file'
        ? {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '.txt, .html, .pdf or .docx' } }, required: ['file'] },
              },
            },
          }
        : r.body
          ? { required: true, content: { 'application/json': { schema: openApiBody(r.body) } } }
          : undefined;
    paths[path] ??= {};
    paths[path]![r.method] = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method === 'get' ? '' : `${r.method}_`}${path.replace(/^\/api\//, '').replace(/[{}]/g, '').replace(/\//g, '_')}`,
      parameters: r.params.map(openApiParameter),
      ...(body ? { requestBody: body } : {}),
      // reads: no token needed unless the server runs with --read token
      security: write || r.role !== 'reader' ? [{ bearer: [] }] : [{}, { bearer: [] }],
      'x-zhibiao-role': r.role,
      responses: {
        [r.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: ref(r.response) } } },
        400: error('A parameter is invalid; the message names it.'),
        401: error('No token, or a token that is unknown or revoked.'),
        403: error(`The user's role is below ${r.role}.`),
        ...(r.notFound ? { 404: error('Not found.') } : {}),
        ...(r.body === 'file' ? { 413: error('Larger than --max-upload.'), 415: error('Not a readable document.'), 422: error('Read but not extracted.') } : {}),
      },
    };
  }
  paths['/api/openapi.json'] = {
    get: { summary: 'This document', operationId: 'openapi', responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'zhibiao',
      version,
      description:
        'Indicator facts read from Chinese local-government documents, each linked to its source sentence. Values are in base units (CNY, m2, person, …); spans are Unicode code-point offsets.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from zhibiao admin create-user / create-token (zb_…).' } },
    },
  };
}
