/**
 * The store, written once for every dialect. Statements use `?` placeholders
 * and only SQL that SQLite and PostgreSQL both accept; what differs lives in
 * the drivers (`sqlite.ts`, `postgres.ts`) behind `Driver`.
 *
 * Reviews: the `reviews` table is the authority. The `facts` table lists the
 * extracted facts plus rows derived from reviews (origin `review`: a correction
 * of an extracted fact, or a fact added by hand), and each extracted fact
 * carries its review state; a corrected extracted fact is kept untouched and
 * marked `superseded`. Re-extraction replaces the extracted rows and attaches
 * each review again to the fact at the same span with the same indicator, or
 * marks it orphaned.
 */
import { parsePeriod } from './periods.js';
import { cleanUrl, documentTitle } from '../docfields/title.js';
import { Where, bestPreference, containsPattern, factOrderBy, factWhere, sourcePreference, visibleFact, type SqlParam } from './sql.js';
import { lowerIsBetter, pairTargets } from './targets.js';
import { BOUNDS, INDICATOR_PATTERN, MEASURES, SCOPES, STATUSES, UNITS } from './vocab.js';
import { DUMP_COLUMNS, DUMP_TABLES, SCHEMA_VERSION, type DumpTable } from './schema.js';
import type { Driver, Executor } from './driver.js';
import {
  StoreError,
  type AddFactInput,
  type AuditEntry,
  type AuditQuery,
  type CompareQuery,
  type CompareRow,
  type DocumentDetail,
  type DocumentQuery,
  type DocumentSummary,
  type DumpRecord,
  type FactFields,
  type FactFilter,
  type FactOrigin,
  type FactQuery,
  type FactReviewState,
  type IndicatorUsage,
  type KnownDocument,
  type Page,
  type RegionLevel,
  type RegionQuery,
  type RegionRow,
  type RegionWithCounts,
  type Review,
  type ReviewEvent,
  type ReviewInput,
  type ReviewQuery,
  type Role,
  type SaveInput,
  type SaveOutcome,
  type SaveResult,
  type SearchHit,
  type SearchSnippet,
  type SliceCount,
  type Store,
  type StoreStats,
  type StoredFact,
  type TargetOutcome,
  type TargetQuery,
  type TokenRow,
  type UserRow,
} from './types.js';
import type { Bound, Diagnostic, DocumentKind, Fact, Measure, RankScope, Script, SourceFormat, Status, Unit } from '../types.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
/** Rows per multi-row INSERT (× 24 columns stays far below both dialects' parameter limits). */
const INSERT_BATCH = 400;
/** Rows per page when streaming a table (exports, dumps). */
const STREAM_BATCH = 2000;
const DUMP_FORMAT_VERSION = 1;

type Row = Record<string, unknown>;

/** The columns of a fact as stored, shared by rows read and rows written. */
interface FactColumns {
  document_id: number;
  region_code: string;
  region_name: string;
  indicator: string;
  measure: string;
  value: number;
  value_max: number | null;
  unit: string;
  scope: string | null;
  period: string;
  year: number | null;
  status: string;
  bound: string;
  span_start: number;
  span_end: number;
  quote: string;
  rule: string;
  extractor_version: string;
  review_id: number | null;
}

interface FactRow extends FactColumns {
  id: number;
  doc_path: string;
  doc_kind: string;
  doc_year: number | null;
  origin: string;
  review_state: string;
}

/** The fact columns (facts aliased `a`, their document `d`) that `toFact` reads. */
function factColumns(a: string): string {
  return `${a}.id, ${a}.document_id, d.path AS doc_path, d.kind AS doc_kind, d.year AS doc_year,
  ${a}.region_code, ${a}.region_name, ${a}.indicator, ${a}.measure, ${a}.value, ${a}.value_max, ${a}.unit, ${a}.scope,
  ${a}.period, ${a}.year, ${a}.status, ${a}.bound, ${a}.span_start, ${a}.span_end, ${a}.quote, ${a}.rule, ${a}.extractor_version,
  ${a}.origin, ${a}.review_state, ${a}.review_id`;
}

const FACT_COLUMNS = factColumns('f');

function toFact(r: FactRow): StoredFact {
  return {
    id: r.id,
    documentId: r.document_id,
    doc: r.doc_path,
    origin: r.origin as FactOrigin,
    reviewState: r.review_state as FactReviewState,
    reviewId: r.review_id,
    documentKind: r.doc_kind as DocumentKind,
    documentYear: r.doc_year,
    region: { code: r.region_code, name: r.region_name },
    indicator: r.indicator,
    measure: r.measure as Measure,
    value: r.value,
    valueMax: r.value_max,
    unit: r.unit as Unit,
    scope: r.scope as RankScope | null,
    period: r.period,
    year: r.year,
    status: r.status as Status,
    bound: r.bound as Bound,
    span: [r.span_start, r.span_end],
    quote: r.quote,
    rule: r.rule,
    extractorVersion: r.extractor_version,
  };
}

interface DocumentRow {
  id: number;
  hash: string;
  path: string;
  format: string;
  encoding: string;
  title: string | null;
  source_url: string | null;
  region_code: string | null;
  region_name: string | null;
  year: number | null;
  kind: string;
  script: string;
  chars: number;
  bytes: number;
  extractor_version: string;
  ingested_at: string;
  fact_count: number;
}

const DOCUMENT_COLUMNS = `d.id, d.hash, d.path, d.format, d.encoding, d.title, d.source_url, d.region_code, d.region_name,
  d.year, d.kind, d.script, d.chars, d.bytes, d.extractor_version, d.ingested_at,
  (SELECT COUNT(*) FROM facts c WHERE c.document_id = d.id AND ${visibleFact('c')}) AS fact_count`;

function toDocument(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    hash: r.hash,
    path: r.path,
    format: r.format as SourceFormat,
    encoding: r.encoding,
    title: r.title,
    sourceUrl: r.source_url,
    region: r.region_code ? { code: r.region_code, name: r.region_name ?? r.region_code } : null,
    year: r.year,
    kind: r.kind as DocumentKind,
    script: r.script as Script,
    chars: r.chars,
    bytes: r.bytes,
    extractorVersion: r.extractor_version,
    ingestedAt: r.ingested_at,
    factCount: r.fact_count,
  };
}

interface RegionDbRow {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  province: string | null;
  prefecture: string | null;
  aliases: string;
}

function toRegion(r: RegionDbRow): RegionRow {
  return {
    code: r.code,
    name: r.name,
    level: r.level as RegionLevel,
    parent: r.parent,
    province: r.province,
    prefecture: r.prefecture,
    aliases: JSON.parse(r.aliases) as string[],
  };
}

/** A facts row as written (every column but the id). */
interface FactInsert extends FactColumns {
  period_start: string | null;
  period_end: string | null;
  origin: FactOrigin;
  review_state: FactReviewState;
  superseded: number;
}

const FACT_INSERT_COLUMNS = [
  'document_id', 'region_code', 'region_name', 'indicator', 'measure', 'value', 'value_max', 'unit', 'scope', 'period',
  'period_start', 'period_end', 'year', 'status', 'bound', 'span_start', 'span_end', 'quote', 'rule', 'extractor_version',
  'origin', 'review_id', 'review_state', 'superseded',
] as const satisfies readonly (keyof FactInsert)[];

interface ReviewDbRow {
  id: number;
  document_id: number;
  kind: 'extracted' | 'added';
  decision: 'accepted' | 'corrected' | 'rejected';
  fact_id: number | null;
  orphaned: number;
  span_start: number;
  span_end: number;
  indicator: string;
  measure: string;
  quote: string;
  fields: string | null;
  extracted: string | null;
  note: string | null;
  user_name: string;
  updated_at: string;
  created_at: string;
}

interface UserDbRow {
  id: number;
  name: string;
  role: string;
  disabled: number;
  created_at: string;
}

function toUser(r: UserDbRow): UserRow {
  return { id: r.id, name: r.name, role: r.role as Role, disabled: r.disabled !== 0, createdAt: r.created_at };
}

interface TokenDbRow {
  id: number;
  user_name: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function toToken(r: TokenDbRow): TokenRow {
  return { id: r.id, user: r.user_name, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(0, Math.min(MAX_LIMIT, Math.floor(limit)));
}

function invalid(field: string, message: string): StoreError {
  return new StoreError('invalid', `field "${field}": ${message}`, { field });
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Multi-row INSERT text for `rows` rows of `columns`. */
function insertSql(table: string, columns: readonly string[], rows: number, returning = ''): string {
  const one = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}${returning}`;
}

/** The fact fields of a facts row. */
function fieldsOf(r: FactInsert | Row): FactFields {
  return {
    region: { code: String(r.region_code), name: String(r.region_name) },
    indicator: String(r.indicator),
    measure: r.measure as Measure,
    value: Number(r.value),
    valueMax: r.value_max === null || r.value_max === undefined ? null : Number(r.value_max),
    unit: r.unit as Unit,
    scope: (r.scope ?? null) as RankScope | null,
    period: String(r.period),
    status: r.status as Status,
    bound: r.bound as Bound,
  };
}

/** `base` with `fields` applied (the derived period columns follow the period). */
function applyFields(base: FactInsert, fields: FactFields): FactInsert {
  const out: FactInsert = { ...base };
  if (fields.region) {
    out.region_code = fields.region.code;
    out.region_name = fields.region.name;
  }
  if (fields.indicator !== undefined) out.indicator = fields.indicator;
  if (fields.measure !== undefined) out.measure = fields.measure;
  if (fields.value !== undefined) out.value = fields.value;
  if (fields.valueMax !== undefined) out.value_max = fields.valueMax;
  if (fields.unit !== undefined) out.unit = fields.unit;
  if (fields.scope !== undefined) out.scope = fields.scope;
  if (fields.status !== undefined) out.status = fields.status;
  if (fields.bound !== undefined) out.bound = fields.bound;
  if (fields.period !== undefined) {
    const p = parsePeriod(fields.period);
    out.period = fields.period;
    out.period_start = p?.start ?? null;
    out.period_end = p?.end ?? null;
    out.year = p?.year ?? null;
  }
  return out;
}

/** The entries of `fields` that differ from `base`. */
function changedFields(base: FactFields, fields: FactFields): FactFields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields) as [keyof FactFields, unknown][]) {
    if (v === undefined) continue;
    const b = base[k];
    const same = k === 'region' ? (b as FactFields['region'])?.code === (v as FactFields['region'])?.code : b === v;
    if (!same) out[k] = v;
  }
  return out as FactFields;
}

/** Why a fact cannot be stored, or undefined when it can. */
function factProblem(f: Fact): string | undefined {
  const where = `"${f.quote}" [${f.span?.[0]}, ${f.span?.[1]})`;
  if (!f.region?.code) return `${where} has no region`;
  if (!f.indicator) return `${where} has no indicator`;
  if (typeof f.value !== 'number' || !Number.isFinite(f.value)) return `${where} has no finite value`;
  if (!f.unit || !f.measure || !f.period || !f.status || !f.bound) return `${where} lacks unit, measure, period, status or bound`;
  if (!Array.isArray(f.span) || f.span.length !== 2) return `${where} has no span`;
  return undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** ASCII-only lower case (keeps every string's length, unlike toLowerCase). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

export class SqlStore implements Store {
  protected readonly driver: Driver;
  /** Names the database in messages (a file path, or a URL without its password). */
  readonly label: string;
  protected readonly version: number;

  constructor(driver: Driver, label: string, version: number) {
    this.driver = driver;
    this.label = label;
    this.version = version;
  }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  // ---------------------------------------------------------------- regions

  async syncRegions(rows: readonly RegionRow[], fingerprint: string): Promise<boolean> {
    const current = await this.driver.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'gazetteer'`);
    if (current?.value === fingerprint) return false;
    const columns = ['code', 'name', 'level', 'parent', 'province', 'prefecture', 'aliases'];
    return this.driver.transaction(async (tx) => {
      // several processes may start at once: one writes, the others then find the fingerprint
      await this.driver.writeLock(tx);
      const now = await tx.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'gazetteer'`);
      if (now?.value === fingerprint) return false;
      await tx.run('DELETE FROM regions');
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        await tx.run(
          insertSql('regions', columns, batch.length),
          batch.flatMap((r) => [r.code, r.name, r.level, r.parent, r.province, r.prefecture, JSON.stringify(r.aliases)]),
        );
      }
      await tx.run(`INSERT INTO meta (key, value) VALUES ('gazetteer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [fingerprint]);
      return true;
    });
  }

  async regions(query: RegionQuery = {}): Promise<RegionWithCounts[]> {
    const w = new Where();
    if (query.level) w.add('r.level = ?', query.level);
    if (query.parent) w.add('r.parent = ?', query.parent);
    if (query.within) w.add('(r.province = ? OR r.prefecture = ?) AND r.code <> ?', query.within, query.within, query.within);
    if (query.nameContains) w.add(`r.name LIKE ? ESCAPE '\\'`, `%${escapeLike(query.nameContains)}%`);
    if (query.withFacts) w.add(`EXISTS (SELECT 1 FROM facts f WHERE f.region_code = r.code AND ${visibleFact('f')})`);
    const limit = query.limit === undefined ? '' : `LIMIT ${clampLimit(query.limit)}`;
    const rows = await this.driver.all<RegionDbRow & { fact_count: number; document_count: number }>(
      `SELECT r.*,
         (SELECT COUNT(*) FROM facts f WHERE f.region_code = r.code AND ${visibleFact('f')}) AS fact_count,
         (SELECT COUNT(*) FROM documents d WHERE d.region_code = r.code) AS document_count
       FROM regions r ${w.toSql()} ORDER BY r.code ${limit}`,
      w.params,
    );
    return rows.map((r) => ({ ...toRegion(r), factCount: r.fact_count, documentCount: r.document_count }));
  }

  async region(code: string): Promise<RegionRow | undefined> {
    const r = await this.driver.get<RegionDbRow>('SELECT * FROM regions WHERE code = ?', [code]);
    return r ? toRegion(r) : undefined;
  }

  async findRegions(nameOrCode: string): Promise<RegionRow[]> {
    const q = nameOrCode.trim();
    if (/^\d{6}$/.test(q)) {
      const r = await this.region(q);
      return r ? [r] : [];
    }
    const exact = await this.driver.all<RegionDbRow>('SELECT * FROM regions WHERE name = ? ORDER BY code', [q]);
    if (exact.length) return exact.map(toRegion);
    // aliases are a JSON array of strings: match the quoted element
    const alias = await this.driver.all<RegionDbRow>(`SELECT * FROM regions WHERE aliases LIKE ? ESCAPE '\\' ORDER BY code`, [
      `%"${escapeLike(q)}"%`,
    ]);
    return alias.map(toRegion);
  }

  async ancestors(code: string): Promise<RegionRow[]> {
    const out: RegionRow[] = [];
    let r = await this.region(code);
    const seen = new Set<string>();
    while (r?.parent && !seen.has(r.parent)) {
      seen.add(r.parent);
      r = await this.region(r.parent);
      if (r) out.push(r);
    }
    return out;
  }

  /** Region codes a filter covers: the codes themselves and, with descendants, everything under them. */
  private async expandRegions(filter: Pick<FactFilter, 'regions' | 'descendants'>): Promise<string[] | undefined> {
    if (!filter.regions) return undefined;
    if (filter.descendants === false || filter.regions.length === 0) return [...filter.regions];
    const marks = filter.regions.map(() => '?').join(', ');
    const under = await this.driver.all<{ code: string }>(
      `SELECT code FROM regions WHERE province IN (${marks}) OR prefecture IN (${marks})`,
      [...filter.regions, ...filter.regions],
    );
    return [...new Set([...filter.regions, ...under.map((r) => r.code)])];
  }

  // ----------------------------------------------------------------- ingest

  async knownDocument(hash: string): Promise<KnownDocument | undefined> {
    const r = await this.driver.get<{ id: number; path: string; extractor_version: string }>(
      'SELECT id, path, extractor_version FROM documents WHERE hash = ?',
      [hash],
    );
    return r ? { id: r.id, path: r.path, extractorVersion: r.extractor_version } : undefined;
  }

  async saveExtraction(input: SaveInput): Promise<SaveResult> {
    const { extraction: x } = input;
    // a fact the contract forbids is not stored; it is recorded on the document instead
    const diagnostics: Diagnostic[] = [...x.diagnostics];
    const facts = x.facts.filter((f) => {
      const problem = factProblem(f);
      if (problem) diagnostics.push({ rule: 'store/invalid-fact', message: `fact not stored: ${problem}`, span: f.span });
      return !problem;
    });
    const doc = x.document;
    const now = new Date().toISOString();
    const named = documentTitle(x.source.text, x.source.title, {
      ...(input.title ? { title: input.title } : {}),
      ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
    });
    const docParams: SqlParam[] = [
      input.path,
      x.source.format,
      x.source.encoding,
      named.title ?? null,
      named.sourceUrl ?? null,
      doc.region?.code ?? null,
      doc.region?.name ?? null,
      doc.year,
      doc.kind,
      doc.script,
      doc.chars,
      input.bytes,
      x.source.text,
      JSON.stringify(diagnostics),
      input.extractorVersion,
      now,
    ];
    const updateDocument = `UPDATE documents SET path = ?, format = ?, encoding = ?, title = ?, source_url = ?, region_code = ?, region_name = ?, year = ?,
         kind = ?, script = ?, chars = ?, bytes = ?, text = ?, diagnostics = ?, extractor_version = ?, ingested_at = ?`;

    let committed: Promise<void> | undefined;
    const r = await this.driver.transaction(async (tx): Promise<{ id: number; outcome: SaveOutcome }> => {
      committed = this.driver.commitOf?.();
      await this.driver.writeLock(tx);
      const existing = await tx.get<{ id: number; extractor_version: string }>('SELECT id, extractor_version FROM documents WHERE hash = ?', [
        input.hash,
      ]);
      let id: number;
      let outcome: SaveOutcome;
      if (existing) {
        if (input.ifChanged && existing.extractor_version === input.extractorVersion) return { id: existing.id, outcome: 'unchanged' };
        id = existing.id;
        outcome = 'reextracted';
        await tx.run(`${updateDocument} WHERE id = ?`, [...docParams, id]);
      } else {
        // the same path with other content is a newer version of the file: it replaces the old one in place
        const samePath = await tx.all<{ id: number }>('SELECT id FROM documents WHERE path = ? ORDER BY id', [input.path]);
        if (samePath.length > 0) {
          id = samePath[0]!.id;
          outcome = 'replaced';
          for (const other of samePath.slice(1)) await tx.run('DELETE FROM documents WHERE id = ?', [other.id]);
          await tx.run(`${updateDocument}, hash = ? WHERE id = ?`, [...docParams, input.hash, id]);
        } else {
          outcome = 'inserted';
          const row = await tx.get<{ id: number }>(
            `INSERT INTO documents (hash, path, format, encoding, title, source_url, region_code, region_name, year, kind, script,
               chars, bytes, text, diagnostics, extractor_version, ingested_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
            [input.hash, ...docParams],
          );
          id = row!.id;
        }
      }
      if (outcome !== 'inserted') {
        await tx.run('UPDATE reviews SET fact_id = NULL WHERE document_id = ?', [id]);
        await tx.run(`DELETE FROM facts WHERE document_id = ? AND origin = 'extracted'`, [id]);
      }
      const rows: FactInsert[] = facts.map((f) => {
        const p = parsePeriod(f.period);
        return {
          document_id: id,
          region_code: f.region.code,
          region_name: f.region.name,
          indicator: f.indicator,
          measure: f.measure,
          value: f.value,
          value_max: f.value_max ?? null,
          unit: f.unit,
          scope: f.scope ?? null,
          period: f.period,
          period_start: p?.start ?? null,
          period_end: p?.end ?? null,
          year: p?.year ?? null,
          status: f.status,
          bound: f.bound,
          span_start: f.span[0],
          span_end: f.span[1],
          quote: f.quote,
          rule: f.rule,
          extractor_version: input.extractorVersion,
          origin: 'extracted',
          review_id: null,
          review_state: 'unreviewed',
          superseded: 0,
        };
      });
      await this.insertFacts(tx, rows);
      if (outcome !== 'inserted') await this.reattach(tx, id, x.source.text, now);
      return { id, outcome };
    }, { groupable: true });
    const counts = r.outcome === 'unchanged' ? { facts: 0, dropped: 0 } : { facts: facts.length, dropped: x.facts.length - facts.length };
    return { ...r, ...counts, ...(committed ? { committed } : {}) };
  }

  async setDocumentSource(id: number, fields: { title?: string; sourceUrl?: string }): Promise<void> {
    const url = fields.sourceUrl === undefined ? undefined : cleanUrl(fields.sourceUrl);
    if (fields.sourceUrl !== undefined && !url) throw invalid('source_url', `"${fields.sourceUrl}" is not an http(s) address`);
    const sets: string[] = [];
    const params: SqlParam[] = [];
    if (fields.title?.trim()) {
      sets.push('title = ?');
      params.push(fields.title.trim());
    }
    if (url) {
      sets.push('source_url = ?');
      params.push(url);
    }
    if (sets.length === 0) return;
    await this.driver.run(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  private async insertFacts(tx: Executor, rows: readonly FactInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      await tx.run(insertSql('facts', FACT_INSERT_COLUMNS, batch.length), batch.flatMap((r) => FACT_INSERT_COLUMNS.map((c) => r[c])));
    }
  }

  /**
   * After a re-extraction: attaches each review of the document to the new
   * fact at the same span with the same indicator (the same measure first)
   * whose text is still the reviewed quote, or marks it orphaned; then
   * re-applies every review.
   */
  private async reattach(tx: Executor, documentId: number, text: string, now: string): Promise<void> {
    const reviews = await tx.all<ReviewDbRow>('SELECT * FROM reviews WHERE document_id = ? ORDER BY id', [documentId]);
    if (reviews.length === 0) return;
    const chars = Array.from(text);
    const at = (s: number, e: number): string => chars.slice(s, e).join('');
    const candidates = await tx.all<{ id: number; span_start: number; span_end: number; indicator: string; measure: string }>(
      `SELECT id, span_start, span_end, indicator, measure FROM facts WHERE document_id = ? AND origin = 'extracted' ORDER BY id`,
      [documentId],
    );
    const claimed = new Set<number>();
    for (const r of reviews) {
      const placeable = at(r.span_start, r.span_end) === r.quote;
      let factId: number | null = null;
      if (placeable && r.kind === 'extracted') {
        const same = candidates.filter(
          (c) => !claimed.has(c.id) && c.span_start === r.span_start && c.span_end === r.span_end && c.indicator === r.indicator,
        );
        factId = (same.find((c) => c.measure === r.measure) ?? same[0])?.id ?? null;
        if (factId !== null) claimed.add(factId);
      }
      const orphaned = r.kind === 'extracted' ? factId === null : !placeable;
      await tx.run('UPDATE reviews SET fact_id = ?, orphaned = ? WHERE id = ?', [factId, orphaned ? 1 : 0, r.id]);
      if (orphaned !== (r.orphaned !== 0)) {
        await tx.run(
          'INSERT INTO review_events (review_id, action, decision, fields, note, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [
            r.id,
            orphaned ? 'orphan' : 'reattach',
            r.decision,
            r.fields,
            orphaned ? 'the re-extracted document has no fact at this span with this indicator' : 'placed again after re-extraction',
            'zhibiao',
            now,
          ],
        );
      }
      await this.applyReview(tx, { ...r, fact_id: factId, orphaned: orphaned ? 1 : 0 });
    }
  }

  /**
   * Makes the facts table follow one review: the extracted fact's state (and
   * `superseded` when corrected), and the review's own row (the correction or
   * the added fact), updated in place so its id stays.
   */
  private async applyReview(tx: Executor, r: ReviewDbRow): Promise<void> {
    const own = await tx.get<{ id: number }>(`SELECT id FROM facts WHERE review_id = ? AND origin = 'review'`, [r.id]);
    await tx.run(
      `UPDATE facts SET review_id = NULL, review_state = 'unreviewed', superseded = 0 WHERE review_id = ? AND origin = 'extracted'`,
      [r.id],
    );
    let derived: FactInsert | undefined;
    if (r.orphaned === 0 && r.kind === 'extracted' && r.fact_id !== null) {
      await tx.run('UPDATE facts SET review_id = ?, review_state = ?, superseded = ? WHERE id = ?', [
        r.id,
        r.decision,
        r.decision === 'corrected' ? 1 : 0,
        r.fact_id,
      ]);
      if (r.decision === 'corrected') {
        const base = await tx.get<FactInsert>(`SELECT ${FACT_INSERT_COLUMNS.join(', ')} FROM facts WHERE id = ?`, [r.fact_id]);
        if (!base) throw new StoreError('invalid', `review ${r.id} points at fact ${r.fact_id}, which is gone`);
        derived = { ...applyFields(base, parseJson<FactFields>(r.fields) ?? {}), origin: 'review', review_id: r.id, review_state: 'corrected', superseded: 0 };
      }
    } else if (r.orphaned === 0 && r.kind === 'added') {
      const f = parseJson<FactFields>(r.fields) ?? {};
      const base: FactInsert = {
        document_id: r.document_id,
        region_code: '',
        region_name: '',
        indicator: r.indicator,
        measure: r.measure,
        value: 0,
        value_max: null,
        unit: 'count',
        scope: null,
        period: '',
        period_start: null,
        period_end: null,
        year: null,
        status: 'actual',
        bound: '=',
        span_start: r.span_start,
        span_end: r.span_end,
        quote: r.quote,
        rule: 'review/added',
        extractor_version: 'review',
        origin: 'review',
        review_id: r.id,
        review_state: r.decision === 'rejected' ? 'rejected' : 'added',
        superseded: 0,
      };
      derived = applyFields(base, f);
    }
    if (derived && own) {
      const cols = FACT_INSERT_COLUMNS.filter((c) => c !== 'document_id');
      await tx.run(`UPDATE facts SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map((c) => derived[c]), own.id]);
    } else if (derived) {
      await this.insertFacts(tx, [derived]);
    } else if (own) {
      await tx.run('DELETE FROM facts WHERE id = ?', [own.id]);
    }
  }

  // ------------------------------------------------------------------ reads

  async stats(): Promise<StoreStats> {
    const one = async (sql: string): Promise<number> => (await this.driver.get<{ n: number | null }>(sql))?.n ?? 0;
    const visible = visibleFact('facts');
    return {
      schemaVersion: this.version,
      documents: await one('SELECT COUNT(*) AS n FROM documents'),
      facts: await one(`SELECT COUNT(*) AS n FROM facts WHERE ${visible}`),
      regionsWithFacts: await one(`SELECT COUNT(DISTINCT region_code) AS n FROM facts WHERE ${visible}`),
      indicators: await one(`SELECT COUNT(DISTINCT indicator) AS n FROM facts WHERE ${visible}`),
      years: await this.driver.all<StoreStats['years'][number]>(
        `SELECT y.year AS year, COALESCE(dc.n, 0) AS documents, COALESCE(fc.n, 0) AS facts
         FROM (SELECT year FROM documents WHERE year IS NOT NULL UNION SELECT year FROM facts WHERE year IS NOT NULL AND ${visible}) y
         LEFT JOIN (SELECT year, COUNT(*) AS n FROM documents GROUP BY year) dc ON dc.year = y.year
         LEFT JOIN (SELECT year, COUNT(*) AS n FROM facts WHERE ${visible} GROUP BY year) fc ON fc.year = y.year
         ORDER BY y.year`,
      ),
      kinds: await this.driver.all<StoreStats['kinds'][number]>('SELECT kind, COUNT(*) AS documents FROM documents GROUP BY kind ORDER BY kind'),
      extractorVersions: await this.driver.all<StoreStats['extractorVersions'][number]>(
        'SELECT extractor_version AS version, COUNT(*) AS documents FROM documents GROUP BY extractor_version ORDER BY extractor_version',
      ),
      provinces: await this.driver.all<StoreStats['provinces'][number]>(
        `SELECT p.code, p.name,
           (SELECT COUNT(*) FROM facts f JOIN regions r ON r.code = f.region_code WHERE r.province = p.code AND ${visibleFact('f')}) AS facts,
           (SELECT COUNT(*) FROM documents d JOIN regions r ON r.code = d.region_code WHERE r.province = p.code) AS documents
         FROM regions p WHERE p.level = 'province'
           AND EXISTS (SELECT 1 FROM documents d JOIN regions r ON r.code = d.region_code WHERE r.province = p.code)
         ORDER BY facts DESC, p.code`,
      ),
    };
  }

  async documents(query: DocumentQuery = {}): Promise<Page<DocumentSummary>> {
    const w = new Where();
    w.in('d.region_code', await this.expandRegions({ regions: query.regions, descendants: query.descendants }));
    w.in('d.year', query.years);
    w.in('d.kind', query.kinds);
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = (await this.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM documents d ${w.toSql()}`, w.params))!.n;
    const rows = await this.driver.all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d ${w.toSql()} ORDER BY d.year DESC, d.region_code, d.id LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
    return { total, limit, offset, items: rows.map(toDocument) };
  }

  async document(id: number): Promise<DocumentDetail | undefined> {
    const r = await this.driver.get<DocumentRow & { text: string; diagnostics: string }>(
      `SELECT ${DOCUMENT_COLUMNS}, d.text, d.diagnostics FROM documents d WHERE d.id = ?`,
      [id],
    );
    if (!r) return undefined;
    const facts = (
      await this.driver.all<FactRow>(
        `SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id
         WHERE f.document_id = ? AND f.superseded = 0 ORDER BY f.span_start, f.id`,
        [id],
      )
    ).map(toFact);
    const reviews = await this.reviewList(this.driver, 'r.document_id = ?', [id], 'ORDER BY r.span_start, r.id');
    return {
      ...toDocument(r),
      text: r.text,
      diagnostics: JSON.parse(r.diagnostics) as DocumentDetail['diagnostics'],
      facts,
      reviews,
    };
  }

  async fact(id: number): Promise<StoredFact | undefined> {
    const r = await this.driver.get<FactRow>(`SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.id = ?`, [id]);
    return r ? toFact(r) : undefined;
  }

  async facts(query: FactQuery = {}): Promise<Page<StoredFact>> {
    const w = factWhere(query, 'f', await this.expandRegions(query));
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = (await this.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM facts f ${w.toSql()}`, w.params))!.n;
    const rows = await this.driver.all<FactRow>(
      `SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()}
       ORDER BY ${factOrderBy(query.order, 'f')} LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
    return { total, limit, offset, items: rows.map(toFact) };
  }

  async eachFact(filter: FactFilter, visit: (fact: StoredFact) => void): Promise<number> {
    const base = factWhere(filter, 'f', await this.expandRegions(filter));
    let n = 0;
    let after: [number, number, number] | undefined;
    // keyset pages in document order: memory stays flat however many facts match
    for (;;) {
      const w = new Where();
      for (let i = 0; i < base.clauses.length; i++) w.clauses.push(base.clauses[i]!);
      w.params.push(...base.params);
      if (after) w.add('(f.document_id, f.span_start, f.id) > (?, ?, ?)', ...after);
      const rows = await this.driver.all<FactRow>(
        `SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()}
         ORDER BY ${factOrderBy('document', 'f')} LIMIT ?`,
        [...w.params, STREAM_BATCH],
      );
      for (const row of rows) {
        visit(toFact(row));
        n++;
      }
      if (rows.length < STREAM_BATCH) return n;
      const last = rows[rows.length - 1]!;
      after = [last.document_id, last.span_start, last.id];
    }
  }

  /** Region codes a comparison covers. */
  private async compareRegions(q: CompareQuery): Promise<string[]> {
    if (q.regions) return q.regions;
    const w = new Where();
    if (q.within) {
      if (q.level) w.add('(province = ? OR prefecture = ?) AND level = ?', q.within, q.within, q.level);
      else w.add('parent = ?', q.within);
    } else {
      w.add('level = ?', q.level ?? 'county');
    }
    return (await this.driver.all<{ code: string }>(`SELECT code FROM regions ${w.toSql()}`, w.params)).map((r) => r.code);
  }

  async compare(q: CompareQuery): Promise<CompareRow[]> {
    const codes = await this.compareRegions(q);
    if (codes.length === 0) return [];
    const w = factWhere(
      {
        indicators: [q.indicator],
        measures: [q.measure],
        statuses: q.status ? [q.status] : ['actual', 'estimate'],
        periods: [q.period],
        ...(q.reviews ? { reviews: q.reviews } : {}),
      },
      'f',
      codes,
    );
    if (q.scope) w.add('f.scope = ?', q.scope);
    let unit = q.unit;
    if (!unit) {
      // several units in one slice (trade in CNY and USD): compare in the most common one
      const u = await this.driver.get<{ unit: Unit }>(
        `SELECT f.unit FROM facts f ${w.toSql()} GROUP BY f.unit ORDER BY COUNT(*) DESC, f.unit LIMIT 1`,
        w.params,
      );
      if (!u) return [];
      unit = u.unit;
    }
    w.add('f.unit = ?', unit);
    const rows = await this.driver.all<{
      id: number;
      document_id: number;
      region_code: string;
      region_name: string;
      value: number;
      value_max: number | null;
      unit: string;
      bound: string;
      quote: string;
      sources: number;
      status: string;
      review_state: string;
      doc_title: string | null;
      doc_path: string;
      source_url: string | null;
    }>(
      `SELECT * FROM (
         SELECT f.id, f.document_id, f.region_code, f.region_name, f.value, f.value_max, f.unit, f.bound, f.quote,
           f.status, f.review_state, d.title AS doc_title, d.path AS doc_path, d.source_url,
           ROW_NUMBER() OVER (PARTITION BY f.region_code ORDER BY ${bestPreference('d', 'f')}) AS rn,
           COUNT(*) OVER (PARTITION BY f.region_code) AS sources
         FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()}
       ) c WHERE c.rn = 1
       ORDER BY c.value ${lowerIsBetter(q) ? 'ASC' : 'DESC'}, c.region_code`,
      w.params,
    );
    // competition ranking: equal values share a rank
    let rank = 0;
    let prev: number | undefined;
    return rows.map((r, i) => {
      if (r.value !== prev) rank = i + 1;
      prev = r.value;
      return {
        rank,
        region: { code: r.region_code, name: r.region_name },
        value: r.value,
        valueMax: r.value_max,
        unit: r.unit as Unit,
        bound: r.bound as Bound,
        factId: r.id,
        documentId: r.document_id,
        quote: r.quote,
        sources: Number(r.sources),
        status: r.status as Status,
        reviewState: r.review_state as FactReviewState,
        document: { title: r.doc_title ?? r.doc_path, sourceUrl: r.source_url },
      };
    });
  }

  async slices(indicator: string, filter: FactFilter = {}): Promise<SliceCount[]> {
    const w = factWhere({ ...filter, indicators: [indicator] }, 'f', await this.expandRegions(filter));
    return (
      await this.driver.all<Row>(
        `SELECT f.measure, f.unit, f.scope, f.period, f.status, COUNT(DISTINCT f.region_code) AS regions, COUNT(*) AS facts
         FROM facts f ${w.toSql()}
         GROUP BY f.measure, f.unit, f.scope, f.period, f.status
         ORDER BY regions DESC, f.period DESC, f.measure, f.status`,
        w.params,
      )
    ).map((r) => ({
      measure: r.measure as Measure,
      unit: r.unit as Unit,
      scope: r.scope as RankScope | null,
      period: r.period as string,
      status: r.status as Status,
      regions: r.regions as number,
      facts: r.facts as number,
    }));
  }

  async targets(query: TargetQuery = {}): Promise<TargetOutcome[]> {
    const codes = await this.expandRegions(query);
    const tw = factWhere({ ...query, statuses: ['target'] }, 't', codes);
    const targets = (
      await this.driver.all<FactRow>(
        `SELECT ${factColumns('t')} FROM facts t JOIN documents d ON d.id = t.document_id ${tw.toSql()}
         ORDER BY t.region_code, t.indicator, t.period, t.measure, ${sourcePreference('d', 't')}`,
        tw.params,
      )
    ).map(toFact);
    if (targets.length === 0) return [];
    const outcomeFilter = factWhere({ statuses: ['actual', 'estimate'], ...(query.reviews ? { reviews: query.reviews } : {}) }, 'f', undefined).add(
      `EXISTS (SELECT 1 FROM facts t ${tw.toSql()} ${tw.clauses.length ? 'AND' : 'WHERE'}
         t.region_code = f.region_code AND t.indicator = f.indicator AND t.measure = f.measure AND t.period = f.period)`,
      ...tw.params,
    );
    const candidates = (
      await this.driver.all<FactRow>(`SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${outcomeFilter.toSql()}`, outcomeFilter.params)
    ).map(toFact);
    const paired = pairTargets(targets, candidates);
    return query.outcomes ? paired.filter((p) => query.outcomes!.includes(p.outcome)) : paired;
  }

  async indicators(filter: FactFilter = {}): Promise<IndicatorUsage[]> {
    const w = factWhere(filter, 'f', await this.expandRegions(filter));
    const measures = new Map<string, Measure[]>();
    for (const r of await this.driver.all<{ indicator: string; measure: Measure }>(
      `SELECT DISTINCT f.indicator, f.measure FROM facts f ${w.toSql()} ORDER BY f.indicator, f.measure`,
      w.params,
    )) {
      const list = measures.get(r.indicator);
      if (list) list.push(r.measure);
      else measures.set(r.indicator, [r.measure]);
    }
    return (
      await this.driver.all<{ indicator: string; facts: number; regions: number; documents: number }>(
        `SELECT f.indicator, COUNT(*) AS facts, COUNT(DISTINCT f.region_code) AS regions,
           COUNT(DISTINCT f.document_id) AS documents
         FROM facts f ${w.toSql()} GROUP BY f.indicator ORDER BY facts DESC, f.indicator`,
        w.params,
      )
    ).map((r) => ({ ...r, measures: measures.get(r.indicator) ?? [] }));
  }

  async searchDocuments(query: string, options: { limit?: number; offset?: number } = {}): Promise<Page<SearchHit>> {
    const q = query.trim();
    if (!q) throw invalid('q', 'empty search: give the text to look for');
    const limit = Math.min(clampLimit(options.limit ?? 20), 200);
    const offset = Math.max(0, options.offset ?? 0);
    const where = `WHERE d.text ${this.driver.like} ? ESCAPE '\\'`;
    const pattern = containsPattern(q);
    const total = (await this.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM documents d ${where}`, [pattern]))!.n;
    const rows = await this.driver.all<DocumentRow & { text: string }>(
      `SELECT ${DOCUMENT_COLUMNS}, d.text FROM documents d ${where} ORDER BY d.year DESC, d.region_code, d.id LIMIT ? OFFSET ?`,
      [pattern, limit, offset],
    );
    return { total, limit, offset, items: rows.map((r) => ({ ...toDocument(r), ...findSnippets(r.text, q) })) };
  }

  // ---------------------------------------------------------------- reviews

  private async reviewList(ex: Executor, where: string, params: readonly SqlParam[], tail: string): Promise<Review[]> {
    const rows = await ex.all<ReviewDbRow & { shown_fact_id: number | null }>(
      `SELECT r.*, (SELECT x.id FROM facts x WHERE x.review_id = r.id AND x.superseded = 0 ORDER BY x.id LIMIT 1) AS shown_fact_id
       FROM reviews r WHERE ${where} ${tail}`,
      params,
    );
    if (rows.length === 0) return [];
    const events = new Map<number, ReviewEvent[]>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += INSERT_BATCH) {
      const chunk = ids.slice(i, i + INSERT_BATCH);
      for (const e of await ex.all<{ review_id: number; action: string; decision: string; fields: string | null; note: string | null; user_name: string; at: string }>(
        `SELECT review_id, action, decision, fields, note, user_name, at FROM review_events WHERE review_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY id`,
        chunk,
      )) {
        const list = events.get(e.review_id) ?? [];
        list.push({
          action: e.action as ReviewEvent['action'],
          decision: e.decision as ReviewEvent['decision'],
          fields: parseJson<FactFields>(e.fields),
          note: e.note,
          by: e.user_name,
          at: e.at,
        });
        events.set(e.review_id, list);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      kind: r.kind,
      state: r.orphaned ? 'orphaned' : r.kind === 'added' ? (r.decision === 'rejected' ? 'rejected' : 'added') : r.decision,
      decision: r.decision,
      factId: r.fact_id,
      shownFactId: r.orphaned ? null : r.shown_fact_id,
      span: [r.span_start, r.span_end],
      indicator: r.indicator,
      measure: r.measure as Measure,
      quote: r.quote,
      fields: parseJson<FactFields>(r.fields),
      extracted: parseJson<FactFields>(r.extracted),
      note: r.note,
      by: r.user_name,
      at: r.updated_at,
      createdAt: r.created_at,
      history: events.get(r.id) ?? [],
    }));
  }

  async reviews(query: ReviewQuery = {}): Promise<Page<Review>> {
    const w = new Where();
    if (query.documentId !== undefined) w.add('r.document_id = ?', query.documentId);
    if (query.user !== undefined) w.add('r.user_name = ?', query.user);
    if (query.states) {
      const parts: string[] = [];
      for (const s of new Set(query.states)) {
        if (s === 'orphaned') parts.push('r.orphaned = 1');
        else if (s === 'added') parts.push(`(r.orphaned = 0 AND r.kind = 'added' AND r.decision <> 'rejected')`);
        else if (s === 'rejected') parts.push(`(r.orphaned = 0 AND r.decision = 'rejected')`);
        else parts.push(`(r.orphaned = 0 AND r.kind = 'extracted' AND r.decision = '${s === 'accepted' ? 'accepted' : 'corrected'}')`);
      }
      w.add(parts.length ? `(${parts.join(' OR ')})` : '1 = 0');
    }
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = (await this.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM reviews r ${w.toSql()}`, w.params))!.n;
    const items = await this.reviewList(this.driver, w.clauses.length ? w.clauses.join(' AND ') : '1 = 1', [...w.params, limit, offset], 'ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?');
    return { total, limit, offset, items };
  }

  async review(id: number): Promise<Review | undefined> {
    return (await this.reviewList(this.driver, 'r.id = ?', [id], ''))[0];
  }

  /** Checks fact fields (vocabularies, period, finite values, a known region) and fills the region's name. */
  private async checkFields(ex: Executor, fields: FactFields): Promise<FactFields> {
    const out: FactFields = { ...fields };
    if (fields.indicator !== undefined && !INDICATOR_PATTERN.test(fields.indicator)) {
      throw invalid('indicator', `"${fields.indicator}" is not an indicator id such as gdp (see /api/indicators)`);
    }
    const inList = <T extends string>(name: string, v: T | null | undefined, list: readonly T[]): void => {
      if (v !== undefined && v !== null && !list.includes(v)) throw invalid(name, `"${v}" is not one of ${list.join(', ')}`);
    };
    inList('measure', fields.measure, MEASURES);
    inList('unit', fields.unit, UNITS);
    inList('status', fields.status, STATUSES);
    inList('bound', fields.bound, BOUNDS);
    inList('scope', fields.scope, SCOPES);
    if (fields.period !== undefined && !parsePeriod(fields.period)) {
      throw invalid('period', `"${fields.period}" is not a period such as 2023, 2023-01/2023-09 or 2021/2025`);
    }
    if (fields.value !== undefined && (typeof fields.value !== 'number' || !Number.isFinite(fields.value))) throw invalid('value', 'must be a finite number');
    if (fields.valueMax !== undefined && fields.valueMax !== null && (typeof fields.valueMax !== 'number' || !Number.isFinite(fields.valueMax))) {
      throw invalid('value_max', 'must be a finite number or null');
    }
    if (fields.region) {
      const r = await ex.get<{ code: string; name: string }>('SELECT code, name FROM regions WHERE code = ?', [fields.region.code]);
      if (!r) throw invalid('region', `no region coded "${fields.region.code}": use a 6-digit code from /api/regions`);
      out.region = { code: r.code, name: r.name };
    }
    return out;
  }

  async reviewFact(input: ReviewInput): Promise<Review> {
    const now = new Date().toISOString();
    const note = input.note?.trim() || null;
    return this.driver.transaction(async (tx) => {
      await this.driver.writeLock(tx);
      const f = await tx.get<FactInsert & { id: number }>(`SELECT id, ${FACT_INSERT_COLUMNS.join(', ')} FROM facts WHERE id = ?`, [input.factId]);
      if (!f) throw new StoreError('not_found', `no fact ${input.factId}: find fact ids at /api/facts or /api/documents/ID`);
      if (f.superseded) {
        const shown = await tx.get<{ id: number }>(`SELECT id FROM facts WHERE review_id = ? AND origin = 'review'`, [f.review_id]);
        throw new StoreError('invalid', `fact ${f.id} was corrected; review the corrected fact ${shown?.id ?? '(see its review)'} instead`, { field: 'id' });
      }
      let review =
        f.origin === 'review'
          ? await tx.get<ReviewDbRow>('SELECT * FROM reviews WHERE id = ?', [f.review_id])
          : await tx.get<ReviewDbRow>('SELECT * FROM reviews WHERE fact_id = ?', [f.id]);
      const kind = review?.kind ?? 'extracted';
      const decision = input.action === 'accept' ? 'accepted' : input.action === 'reject' ? 'rejected' : 'corrected';
      let fields: FactFields | null = review ? parseJson<FactFields>(review.fields) : null;
      if (input.action === 'correct') {
        const given = await this.checkFields(tx, input.fields ?? {});
        if (Object.keys(given).length === 0) throw invalid('action', 'a correction needs at least one corrected field (value, unit, period, …)');
        if (kind === 'added') fields = { ...(fields ?? {}), ...given };
        else {
          const extracted = review?.fact_id ? await tx.get<FactInsert>(`SELECT ${FACT_INSERT_COLUMNS.join(', ')} FROM facts WHERE id = ?`, [review.fact_id]) : f;
          const base = fieldsOf(extracted ?? f);
          const merged = review?.decision === 'corrected' ? { ...(fields ?? {}), ...given } : given;
          fields = changedFields(base, merged);
          if (Object.keys(fields).length === 0) throw invalid('action', 'the correction equals the extracted fact; accept it instead');
        }
      } else if (kind === 'extracted') {
        fields = null;
      }
      const fieldsJson = fields ? JSON.stringify(fields) : null;
      if (!review) {
        const row = await tx.get<{ id: number }>(
          `INSERT INTO reviews (document_id, kind, decision, fact_id, orphaned, span_start, span_end, indicator, measure, quote,
             fields, extracted, note, user_name, updated_at, created_at)
           VALUES (?, 'extracted', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [f.document_id, decision, f.id, f.span_start, f.span_end, f.indicator, f.measure, f.quote, fieldsJson, JSON.stringify(fieldsOf(f)), note, input.user, now, now],
        );
        review = (await tx.get<ReviewDbRow>('SELECT * FROM reviews WHERE id = ?', [row!.id]))!;
      } else {
        await tx.run('UPDATE reviews SET decision = ?, fields = ?, note = ?, user_name = ?, updated_at = ? WHERE id = ?', [
          decision,
          fieldsJson,
          note,
          input.user,
          now,
          review.id,
        ]);
        review = { ...review, decision, fields: fieldsJson, note, user_name: input.user, updated_at: now };
      }
      await tx.run('INSERT INTO review_events (review_id, action, decision, fields, note, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        review.id,
        input.action,
        decision,
        fieldsJson,
        note,
        input.user,
        now,
      ]);
      await this.applyReview(tx, review);
      return (await this.reviewList(tx, 'r.id = ?', [review.id], ''))[0]!;
    });
  }

  async addFact(input: AddFactInput): Promise<{ review: Review; fact: StoredFact }> {
    const now = new Date().toISOString();
    const note = input.note?.trim() || null;
    const reviewId = await this.driver.transaction(async (tx) => {
      await this.driver.writeLock(tx);
      const doc = await tx.get<{ id: number; text: string; region_code: string | null; region_name: string | null }>(
        'SELECT id, text, region_code, region_name FROM documents WHERE id = ?',
        [input.documentId],
      );
      if (!doc) throw new StoreError('not_found', `no document ${input.documentId}: list documents at /api/documents`);
      const [s, e] = input.span;
      const chars = Array.from(doc.text);
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e <= s || e > chars.length) {
        throw invalid('span', `[${s}, ${e}) is not a span of this document (code points 0–${chars.length}, start < end)`);
      }
      const quote = chars.slice(s, e).join('');
      if (input.quote !== undefined && input.quote !== quote) {
        throw invalid('quote', `the text at [${s}, ${e}) is "${quote}", not "${input.quote}": reload the document and select the text again`);
      }
      if (!quote.trim()) throw invalid('span', 'the selected text is blank: select the words the number is read from');
      const region = input.fields.region ?? (doc.region_code ? { code: doc.region_code, name: doc.region_name ?? doc.region_code } : undefined);
      if (!region) throw invalid('region', 'this document has no region: give the region code the fact is about');
      const fields = await this.checkFields(tx, {
        bound: '=',
        scope: null,
        valueMax: null,
        ...input.fields,
        region,
      });
      const row = await tx.get<{ id: number }>(
        `INSERT INTO reviews (document_id, kind, decision, fact_id, orphaned, span_start, span_end, indicator, measure, quote,
           fields, extracted, note, user_name, updated_at, created_at)
         VALUES (?, 'added', 'accepted', NULL, 0, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?) RETURNING id`,
        [doc.id, s, e, fields.indicator!, fields.measure!, quote, JSON.stringify(fields), note, input.user, now, now],
      );
      const id = row!.id;
      await tx.run('INSERT INTO review_events (review_id, action, decision, fields, note, user_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        'add',
        'accepted',
        JSON.stringify(fields),
        note,
        input.user,
        now,
      ]);
      await this.applyReview(tx, (await tx.get<ReviewDbRow>('SELECT * FROM reviews WHERE id = ?', [id]))!);
      return id;
    });
    const review = (await this.review(reviewId))!;
    return { review, fact: (await this.fact(review.shownFactId!))! };
  }

  // ------------------------------------------------------------ users, audit

  async createUser(name: string, role: Role): Promise<UserRow> {
    if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(name)) throw invalid('name', `"${name}" is not a user name (1–64 letters, digits, _ . @ -)`);
    if (!['reader', 'reviewer', 'admin'].includes(role)) throw invalid('role', `"${role}" is not one of reader, reviewer, admin`);
    return this.driver.transaction(async (tx) => {
      if (await tx.get('SELECT id FROM users WHERE name = ?', [name])) throw new StoreError('conflict', `user "${name}" exists: give another name, or issue a token for it`, { field: 'name' });
      await tx.run('INSERT INTO users (name, role, disabled, created_at) VALUES (?, ?, 0, ?)', [name, role, new Date().toISOString()]);
      return toUser((await tx.get<UserDbRow>('SELECT * FROM users WHERE name = ?', [name]))!);
    });
  }

  async users(): Promise<UserRow[]> {
    return (await this.driver.all<UserDbRow>('SELECT * FROM users ORDER BY name')).map(toUser);
  }

  async user(name: string): Promise<UserRow | undefined> {
    const r = await this.driver.get<UserDbRow>('SELECT * FROM users WHERE name = ?', [name]);
    return r ? toUser(r) : undefined;
  }

  async updateUser(name: string, change: { role?: Role; disabled?: boolean }): Promise<UserRow> {
    if (change.role !== undefined && !['reader', 'reviewer', 'admin'].includes(change.role)) throw invalid('role', `"${change.role}" is not one of reader, reviewer, admin`);
    return this.driver.transaction(async (tx) => {
      const u = await tx.get<UserDbRow>('SELECT * FROM users WHERE name = ?', [name]);
      if (!u) throw new StoreError('not_found', `no user "${name}": list users at /api/users`);
      if (change.role !== undefined) await tx.run('UPDATE users SET role = ? WHERE id = ?', [change.role, u.id]);
      if (change.disabled !== undefined) await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [change.disabled ? 1 : 0, u.id]);
      return toUser((await tx.get<UserDbRow>('SELECT * FROM users WHERE id = ?', [u.id]))!);
    });
  }

  async addToken(user: string, hash: string, label: string | null): Promise<TokenRow> {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw invalid('hash', 'a token hash is 64 hex digits (SHA-256)');
    return this.driver.transaction(async (tx) => {
      const u = await tx.get<{ id: number }>('SELECT id FROM users WHERE name = ?', [user]);
      if (!u) throw new StoreError('not_found', `no user "${user}": create it first (zhibiao admin create-user NAME)`);
      const row = await tx.get<{ id: number }>('INSERT INTO tokens (user_id, hash, label, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL) RETURNING id', [
        u.id,
        hash,
        label,
        new Date().toISOString(),
      ]);
      return toToken((await tx.get<TokenDbRow>(`SELECT t.id, u.name AS user_name, t.label, t.created_at, t.revoked_at FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, [row!.id]))!);
    });
  }

  async tokenUser(hash: string): Promise<{ user: UserRow; tokenId: number } | undefined> {
    const r = await this.driver.get<UserDbRow & { token_id: number }>(
      `SELECT u.*, t.id AS token_id FROM tokens t JOIN users u ON u.id = t.user_id
       WHERE t.hash = ? AND t.revoked_at IS NULL AND u.disabled = 0`,
      [hash],
    );
    return r ? { user: toUser(r), tokenId: r.token_id } : undefined;
  }

  async tokens(user?: string): Promise<TokenRow[]> {
    const w = new Where();
    if (user !== undefined) w.add('u.name = ?', user);
    return (
      await this.driver.all<TokenDbRow>(
        `SELECT t.id, u.name AS user_name, t.label, t.created_at, t.revoked_at FROM tokens t JOIN users u ON u.id = t.user_id ${w.toSql()} ORDER BY t.id`,
        w.params,
      )
    ).map(toToken);
  }

  async revokeToken(id: number): Promise<TokenRow> {
    return this.driver.transaction(async (tx) => {
      const found = await tx.get<{ id: number }>('SELECT id FROM tokens WHERE id = ?', [id]);
      if (!found) throw new StoreError('not_found', `no token ${id}: list tokens at /api/users/NAME/tokens`);
      await tx.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date().toISOString(), id]);
      return toToken((await tx.get<TokenDbRow>(`SELECT t.id, u.name AS user_name, t.label, t.created_at, t.revoked_at FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, [id]))!);
    });
  }

  async audit(entry: { user: string | null; action: string; target: string | null; detail?: unknown }): Promise<void> {
    await this.driver.run('INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (?, ?, ?, ?, ?)', [
      new Date().toISOString(),
      entry.user,
      entry.action,
      entry.target,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ]);
  }

  async auditLog(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    const w = new Where();
    if (query.user !== undefined) w.add('user_name = ?', query.user);
    if (query.action !== undefined) w.add('action = ?', query.action);
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = (await this.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${w.toSql()}`, w.params))!.n;
    const rows = await this.driver.all<{ id: number; at: string; user_name: string | null; action: string; target: string | null; detail: string | null }>(
      `SELECT * FROM audit_log ${w.toSql()} ORDER BY id DESC LIMIT ? OFFSET ?`,
      [...w.params, limit, offset],
    );
    return {
      total,
      limit,
      offset,
      items: rows.map((r) => ({ id: r.id, at: r.at, user: r.user_name, action: r.action, target: r.target, detail: parseJson(r.detail) })),
    };
  }

  // ---------------------------------------------------------------- backups

  async dump(write: (record: DumpRecord) => Promise<void>): Promise<Record<string, number>> {
    await write({ type: 'header', format: 'zhibiao-dump', version: DUMP_FORMAT_VERSION, schema: SCHEMA_VERSION, created: new Date().toISOString() });
    const counts: Record<string, number> = {};
    for (const table of DUMP_TABLES) {
      const columns = DUMP_COLUMNS[table];
      let n = 0;
      let after = 0;
      for (;;) {
        const rows = await this.driver.all<Row>(`SELECT ${columns.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`, [after, STREAM_BATCH]);
        for (const row of rows) await write({ type: 'row', table, row });
        n += rows.length;
        if (rows.length < STREAM_BATCH) break;
        after = Number(rows[rows.length - 1]!.id);
      }
      counts[table] = n;
    }
    await write({ type: 'end', counts });
    return counts;
  }

  async restore(records: AsyncIterable<DumpRecord>): Promise<Record<string, number>> {
    return this.driver.transaction(async (tx) => {
      await this.driver.writeLock(tx);
      const held = (await tx.get<{ n: number }>(
        `SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM audit_log) AS n`,
      ))!.n;
      if (held > 0) throw new StoreError('conflict', `${this.label} is not empty: import a dump into a new database (another --db)`);
      const counts: Record<string, number> = Object.fromEntries(DUMP_TABLES.map((t) => [t, 0]));
      const pending = new Map<DumpTable, SqlParam[][]>();
      const flush = async (table: DumpTable): Promise<void> => {
        const rows = pending.get(table);
        if (!rows?.length) return;
        await tx.run(insertSql(table, DUMP_COLUMNS[table], rows.length), rows.flat());
        pending.set(table, []);
      };
      let header = false;
      let end: Record<string, number> | undefined;
      let line = 0;
      let lastTable = -1;
      for await (const rec of records) {
        line++;
        if (end) throw new StoreError('invalid', `dump line ${line}: data after the end record: the file is damaged`);
        if (!header) {
          if (rec.type !== 'header' || rec.format !== 'zhibiao-dump') throw new StoreError('invalid', 'not a zhibiao dump: the first line must be its header (written by zhibiao export --all)');
          if (rec.version !== DUMP_FORMAT_VERSION || rec.schema !== SCHEMA_VERSION) {
            throw new StoreError(
              'invalid',
              `dump format ${rec.version}, schema ${rec.schema}; this zhibiao reads format ${DUMP_FORMAT_VERSION}, schema ${SCHEMA_VERSION}: import it with the zhibiao that wrote it`,
            );
          }
          header = true;
          continue;
        }
        if (rec.type === 'end') {
          end = rec.counts;
          continue;
        }
        if (rec.type !== 'row') throw new StoreError('invalid', `dump line ${line}: unexpected record type`);
        const t = DUMP_TABLES.indexOf(rec.table as DumpTable);
        if (t < 0) throw new StoreError('invalid', `dump line ${line}: unknown table "${rec.table}"`);
        const table = DUMP_TABLES[t]!;
        if (t < lastTable) throw new StoreError('invalid', `dump line ${line}: table ${table} after ${DUMP_TABLES[lastTable]}: the file is out of order`);
        if (t > lastTable && lastTable >= 0) await flush(DUMP_TABLES[lastTable]!);
        lastTable = t;
        const values = DUMP_COLUMNS[table].map((c) => {
          const v = rec.row[c];
          if (v === undefined || v === null) return null;
          if (typeof v === 'string' || typeof v === 'number') return v;
          throw new StoreError('invalid', `dump line ${line}: ${table}.${c} is neither text, a number nor null`);
        });
        const list = pending.get(table) ?? [];
        list.push(values);
        pending.set(table, list);
        counts[table]!++;
        if (list.length >= 200) await flush(table);
      }
      if (lastTable >= 0) await flush(DUMP_TABLES[lastTable]!);
      if (!header) throw new StoreError('invalid', 'empty dump: no header line');
      if (!end) throw new StoreError('invalid', 'the dump has no end record: it was cut short; nothing was imported');
      for (const t of DUMP_TABLES) {
        if ((end[t] ?? 0) !== counts[t]) throw new StoreError('invalid', `the dump says ${end[t] ?? 0} ${t} rows but holds ${counts[t]}: it is damaged; nothing was imported`);
      }
      await this.driver.resetIds(tx, DUMP_TABLES);
      return counts;
    });
  }
}

/** Occurrences of `q` in `text` (ASCII case-insensitive) as code-point spans with some context. */
export function findSnippets(text: string, q: string, max = 3, context = 30): { matches: number; snippets: SearchSnippet[] } {
  const hay = asciiLower(text);
  const needle = asciiLower(q);
  const snippets: SearchSnippet[] = [];
  let matches = 0;
  let from = 0;
  // code points before UTF-16 index `from`, advanced incrementally
  let cpIndex = 0;
  let unitIndex = 0;
  const cpAt = (unit: number): number => {
    for (; unitIndex < unit; unitIndex++) {
      const c = text.charCodeAt(unitIndex);
      if (c < 0xdc00 || c > 0xdfff) cpIndex++;
    }
    return cpIndex;
  };
  const chars = (): string[] => (cache ??= Array.from(text));
  let cache: string[] | undefined;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) break;
    matches++;
    if (snippets.length < max) {
      const s = cpAt(at);
      const e = s + Array.from(text.slice(at, at + q.length)).length;
      const all = chars();
      snippets.push({
        span: [s, e],
        before: all.slice(Math.max(0, s - context), s).join(''),
        match: all.slice(s, e).join(''),
        after: all.slice(e, e + context).join(''),
      });
    }
    from = at + Math.max(1, needle.length);
  }
  return { matches, snippets };
}
