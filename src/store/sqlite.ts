/**
 * The SQLite store (better-sqlite3). Everything SQLite-specific is here: the
 * connection pragmas (WAL, foreign keys, durability), the migration runner and
 * statement execution. Query text comes from portable builders (`sql.ts`).
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { SQLITE_MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { parsePeriod } from './periods.js';
import { Where, factOrderBy, factWhere, sourcePreference } from './sql.js';
import { lowerIsBetter, pairTargets } from './targets.js';
import {
  StoreError,
  type CompareQuery,
  type CompareRow,
  type DocumentDetail,
  type DocumentQuery,
  type DocumentSummary,
  type FactFilter,
  type FactQuery,
  type IndicatorUsage,
  type KnownDocument,
  type Page,
  type RegionLevel,
  type RegionQuery,
  type RegionRow,
  type RegionWithCounts,
  type SaveInput,
  type SaveOutcome,
  type SaveResult,
  type SliceCount,
  type Store,
  type StoreStats,
  type StoredFact,
  type TargetOutcome,
  type TargetQuery,
} from './types.js';
import type { Bound, Diagnostic, DocumentKind, Fact, Measure, RankScope, Script, SourceFormat, Status, Unit } from '../types.js';

export interface SqliteStoreOptions {
  /** Open without writing (no migrations; fails if the schema is missing or old). */
  readonly?: boolean;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

type Row = Record<string, unknown>;

interface FactRow {
  id: number;
  document_id: number;
  doc_path: string;
  doc_kind: string;
  doc_year: number | null;
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
}

/** The fact columns (facts aliased `a`, their document `d`) that `toFact` reads. */
function factColumns(a: string): string {
  return `${a}.id, ${a}.document_id, d.path AS doc_path, d.kind AS doc_kind, d.year AS doc_year,
  ${a}.region_code, ${a}.region_name, ${a}.indicator, ${a}.measure, ${a}.value, ${a}.value_max, ${a}.unit, ${a}.scope,
  ${a}.period, ${a}.year, ${a}.status, ${a}.bound, ${a}.span_start, ${a}.span_end, ${a}.quote, ${a}.rule, ${a}.extractor_version`;
}

const FACT_COLUMNS = factColumns('f');

function toFact(r: FactRow): StoredFact {
  return {
    id: r.id,
    documentId: r.document_id,
    doc: r.doc_path,
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

const DOCUMENT_COLUMNS = `d.id, d.hash, d.path, d.format, d.encoding, d.title, d.region_code, d.region_name,
  d.year, d.kind, d.script, d.chars, d.bytes, d.extractor_version, d.ingested_at,
  (SELECT COUNT(*) FROM facts c WHERE c.document_id = d.id) AS fact_count`;

function toDocument(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    hash: r.hash,
    path: r.path,
    format: r.format as SourceFormat,
    encoding: r.encoding,
    title: r.title,
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

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(0, Math.min(MAX_LIMIT, Math.floor(limit)));
}

/** Opens (creating and migrating if needed) a SQLite database file. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  let db: Database.Database;
  try {
    if (!options.readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new StoreError(
      'unavailable',
      `cannot open database ${file}: ${(err as Error).message}. Check the path and its permissions, or pass another file with --db.`,
      { cause: err },
    );
  }
  return new SqliteStore(db, file, options);
}

export class SqliteStore implements Store {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly version: number;

  constructor(db: Database.Database, file: string, options: SqliteStoreOptions = {}) {
    this.db = db;
    this.file = file;
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      // WAL: readers never block the writer; FULL: a committed document survives a crash or power loss.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      this.version = this.migrate();
    } else {
      this.version = this.currentVersion();
      if (this.version < SCHEMA_VERSION) {
        throw new StoreError('unavailable', `database ${file} has schema version ${this.version}, this zhibiao needs ${SCHEMA_VERSION}: open it once without read-only mode (e.g. zhibiao ingest) to migrate it.`);
      }
    }
  }

  /** The underlying connection, for bulk tools (benchmarks) that need prepared statements. */
  get connection(): Database.Database {
    return this.db;
  }

  private currentVersion(): number {
    const has = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get();
    if (!has) return 0;
    const row = this.db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  private migrate(): number {
    this.db.exec(`CREATE TABLE IF NOT EXISTS migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const current = this.currentVersion();
    if (current > SCHEMA_VERSION) {
      throw new StoreError(
        'schema_too_new',
        `database ${this.file} has schema version ${current}, newer than this zhibiao (${SCHEMA_VERSION}): upgrade zhibiao or use another --db file.`,
      );
    }
    const record = this.db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of SQLITE_MIGRATIONS) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        for (const s of m.statements) this.db.exec(s);
        record.run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
    return this.currentVersion();
  }

  async schemaVersion(): Promise<number> {
    return this.version;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- regions

  async syncRegions(rows: readonly RegionRow[], fingerprint: string): Promise<boolean> {
    const current = this.db.prepare(`SELECT value FROM meta WHERE key = 'gazetteer'`).get() as { value: string } | undefined;
    if (current?.value === fingerprint) return false;
    const insert = this.db.prepare(
      'INSERT INTO regions (code, name, level, parent, province, prefecture, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.exec('DELETE FROM regions');
      for (const r of rows) {
        insert.run(r.code, r.name, r.level, r.parent, r.province, r.prefecture, JSON.stringify(r.aliases));
      }
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES ('gazetteer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(fingerprint);
    }).immediate();
    return true;
  }

  async regions(query: RegionQuery = {}): Promise<RegionWithCounts[]> {
    const w = new Where();
    if (query.level) w.add('r.level = ?', query.level);
    if (query.parent) w.add('r.parent = ?', query.parent);
    if (query.within) w.add('(r.province = ? OR r.prefecture = ?) AND r.code <> ?', query.within, query.within, query.within);
    if (query.nameContains) w.add(`r.name LIKE ? ESCAPE '\\'`, `%${escapeLike(query.nameContains)}%`);
    if (query.withFacts) w.add('EXISTS (SELECT 1 FROM facts f WHERE f.region_code = r.code)');
    const limit = query.limit === undefined ? '' : `LIMIT ${clampLimit(query.limit)}`;
    const rows = this.db
      .prepare(
        `SELECT r.*,
           (SELECT COUNT(*) FROM facts f WHERE f.region_code = r.code) AS fact_count,
           (SELECT COUNT(*) FROM documents d WHERE d.region_code = r.code) AS document_count
         FROM regions r ${w.toSql()} ORDER BY r.code ${limit}`,
      )
      .all(...w.params) as (RegionDbRow & { fact_count: number; document_count: number })[];
    return rows.map((r) => ({ ...toRegion(r), factCount: r.fact_count, documentCount: r.document_count }));
  }

  async region(code: string): Promise<RegionRow | undefined> {
    const r = this.db.prepare('SELECT * FROM regions WHERE code = ?').get(code) as RegionDbRow | undefined;
    return r ? toRegion(r) : undefined;
  }

  async findRegions(nameOrCode: string): Promise<RegionRow[]> {
    const q = nameOrCode.trim();
    if (/^\d{6}$/.test(q)) {
      const r = await this.region(q);
      return r ? [r] : [];
    }
    const exact = this.db.prepare('SELECT * FROM regions WHERE name = ? ORDER BY code').all(q) as RegionDbRow[];
    if (exact.length) return exact.map(toRegion);
    // aliases are a JSON array of strings: match the quoted element
    const alias = this.db
      .prepare(`SELECT * FROM regions WHERE aliases LIKE ? ESCAPE '\\' ORDER BY code`)
      .all(`%"${escapeLike(q)}"%`) as RegionDbRow[];
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
  private expandRegions(filter: FactFilter): string[] | undefined {
    if (!filter.regions) return undefined;
    if (filter.descendants === false || filter.regions.length === 0) return [...filter.regions];
    const marks = filter.regions.map(() => '?').join(', ');
    const under = this.db
      .prepare(`SELECT code FROM regions WHERE province IN (${marks}) OR prefecture IN (${marks})`)
      .pluck()
      .all(...filter.regions, ...filter.regions) as string[];
    return [...new Set([...filter.regions, ...under])];
  }

  // ----------------------------------------------------------------- ingest

  async knownDocument(hash: string): Promise<KnownDocument | undefined> {
    const r = this.db.prepare('SELECT id, path, extractor_version FROM documents WHERE hash = ?').get(hash) as
      | { id: number; path: string; extractor_version: string }
      | undefined;
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
    const docParams = [
      input.path,
      x.source.format,
      x.source.encoding,
      x.source.title ?? null,
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
    const insertFact = this.db.prepare(
      `INSERT INTO facts (document_id, region_code, region_name, indicator, measure, value, value_max, unit, scope,
         period, period_start, period_end, year, status, bound, span_start, span_end, quote, rule, extractor_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const run = this.db.transaction((): { id: number; outcome: SaveOutcome } => {
      const existing = this.db.prepare('SELECT id FROM documents WHERE hash = ?').get(input.hash) as { id: number } | undefined;
      let id: number;
      let outcome: SaveOutcome;
      if (existing) {
        id = existing.id;
        outcome = 'reextracted';
        this.db
          .prepare(
            `UPDATE documents SET path = ?, format = ?, encoding = ?, title = ?, region_code = ?, region_name = ?, year = ?,
               kind = ?, script = ?, chars = ?, bytes = ?, text = ?, diagnostics = ?, extractor_version = ?, ingested_at = ?
             WHERE id = ?`,
          )
          .run(...docParams, id);
        this.db.prepare('DELETE FROM facts WHERE document_id = ?').run(id);
      } else {
        // the same path with other content is an older version of the file: it is replaced
        const replaced = this.db.prepare('DELETE FROM documents WHERE path = ?').run(input.path).changes;
        outcome = replaced > 0 ? 'replaced' : 'inserted';
        const info = this.db
          .prepare(
            `INSERT INTO documents (hash, path, format, encoding, title, region_code, region_name, year, kind, script,
               chars, bytes, text, diagnostics, extractor_version, ingested_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.hash, ...docParams);
        id = Number(info.lastInsertRowid);
      }
      for (const f of facts) {
        const p = parsePeriod(f.period);
        insertFact.run(
          id,
          f.region.code,
          f.region.name,
          f.indicator,
          f.measure,
          f.value,
          f.value_max ?? null,
          f.unit,
          f.scope ?? null,
          f.period,
          p?.start ?? null,
          p?.end ?? null,
          p?.year ?? null,
          f.status,
          f.bound,
          f.span[0],
          f.span[1],
          f.quote,
          f.rule,
          input.extractorVersion,
        );
      }
      return { id, outcome };
    });
    const r = run.immediate();
    return { ...r, facts: facts.length, dropped: x.facts.length - facts.length };
  }

  // ------------------------------------------------------------------ reads

  async stats(): Promise<StoreStats> {
    const one = (sql: string): number => (this.db.prepare(sql).pluck().get() as number | null) ?? 0;
    return {
      schemaVersion: this.version,
      documents: one('SELECT COUNT(*) FROM documents'),
      facts: one('SELECT COUNT(*) FROM facts'),
      regionsWithFacts: one('SELECT COUNT(DISTINCT region_code) FROM facts'),
      indicators: one('SELECT COUNT(DISTINCT indicator) FROM facts'),
      years: this.db
        .prepare(
          `SELECT y.year AS year, COALESCE(dc.n, 0) AS documents, COALESCE(fc.n, 0) AS facts
           FROM (SELECT year FROM documents WHERE year IS NOT NULL UNION SELECT year FROM facts WHERE year IS NOT NULL) y
           LEFT JOIN (SELECT year, COUNT(*) AS n FROM documents GROUP BY year) dc ON dc.year = y.year
           LEFT JOIN (SELECT year, COUNT(*) AS n FROM facts GROUP BY year) fc ON fc.year = y.year
           ORDER BY y.year`,
        )
        .all() as StoreStats['years'],
      kinds: this.db.prepare('SELECT kind, COUNT(*) AS documents FROM documents GROUP BY kind ORDER BY kind').all() as StoreStats['kinds'],
      extractorVersions: this.db
        .prepare('SELECT extractor_version AS version, COUNT(*) AS documents FROM documents GROUP BY extractor_version ORDER BY extractor_version')
        .all() as StoreStats['extractorVersions'],
      provinces: this.db
        .prepare(
          `SELECT p.code, p.name,
             (SELECT COUNT(*) FROM facts f JOIN regions r ON r.code = f.region_code WHERE r.province = p.code) AS facts,
             (SELECT COUNT(*) FROM documents d JOIN regions r ON r.code = d.region_code WHERE r.province = p.code) AS documents
           FROM regions p WHERE p.level = 'province'
             AND EXISTS (SELECT 1 FROM documents d JOIN regions r ON r.code = d.region_code WHERE r.province = p.code)
           ORDER BY facts DESC, p.code`,
        )
        .all() as StoreStats['provinces'],
    };
  }

  async documents(query: DocumentQuery = {}): Promise<Page<DocumentSummary>> {
    const w = new Where();
    w.in('d.region_code', this.expandRegions({ regions: query.regions, descendants: query.descendants }));
    w.in('d.year', query.years);
    w.in('d.kind', query.kinds);
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = this.db.prepare(`SELECT COUNT(*) FROM documents d ${w.toSql()}`).pluck().get(...w.params) as number;
    const rows = this.db
      .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d ${w.toSql()} ORDER BY d.year DESC, d.region_code, d.id LIMIT ? OFFSET ?`)
      .all(...w.params, limit, offset) as DocumentRow[];
    return { total, limit, offset, items: rows.map(toDocument) };
  }

  async document(id: number): Promise<DocumentDetail | undefined> {
    const r = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS}, d.text, d.diagnostics FROM documents d WHERE d.id = ?`).get(id) as
      | (DocumentRow & { text: string; diagnostics: string })
      | undefined;
    if (!r) return undefined;
    const facts = (
      this.db
        .prepare(`SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.document_id = ? ORDER BY f.span_start, f.id`)
        .all(id) as FactRow[]
    ).map(toFact);
    return { ...toDocument(r), text: r.text, diagnostics: JSON.parse(r.diagnostics) as DocumentDetail['diagnostics'], facts };
  }

  async facts(query: FactQuery = {}): Promise<Page<StoredFact>> {
    const w = factWhere(query, 'f', this.expandRegions(query));
    const limit = clampLimit(query.limit);
    const offset = Math.max(0, query.offset ?? 0);
    const total = this.db.prepare(`SELECT COUNT(*) FROM facts f ${w.toSql()}`).pluck().get(...w.params) as number;
    const rows = this.db
      .prepare(
        `SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()}
         ORDER BY ${factOrderBy(query.order, 'f')} LIMIT ? OFFSET ?`,
      )
      .all(...w.params, limit, offset) as FactRow[];
    return { total, limit, offset, items: rows.map(toFact) };
  }

  async eachFact(filter: FactFilter, visit: (fact: StoredFact) => void): Promise<number> {
    const w = factWhere(filter, 'f', this.expandRegions(filter));
    let n = 0;
    const stmt = this.db.prepare(
      `SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()} ORDER BY ${factOrderBy('document', 'f')}`,
    );
    for (const row of stmt.iterate(...w.params) as IterableIterator<FactRow>) {
      visit(toFact(row));
      n++;
    }
    return n;
  }

  /** Region codes a comparison covers. */
  private compareRegions(q: CompareQuery): string[] {
    if (q.regions) return q.regions;
    const w = new Where();
    if (q.within) {
      if (q.level) w.add('(province = ? OR prefecture = ?) AND level = ?', q.within, q.within, q.level);
      else w.add('parent = ?', q.within);
    } else {
      w.add('level = ?', q.level ?? 'county');
    }
    return this.db.prepare(`SELECT code FROM regions ${w.toSql()}`).pluck().all(...w.params) as string[];
  }

  async compare(q: CompareQuery): Promise<CompareRow[]> {
    const codes = this.compareRegions(q);
    if (codes.length === 0) return [];
    const w = factWhere({ indicators: [q.indicator], measures: [q.measure], statuses: [q.status], periods: [q.period] }, 'f', codes);
    if (q.scope) w.add('f.scope = ?', q.scope);
    let unit = q.unit;
    if (!unit) {
      // several units in one slice (trade in CNY and USD): compare in the most common one
      const u = this.db
        .prepare(`SELECT f.unit FROM facts f ${w.toSql()} GROUP BY f.unit ORDER BY COUNT(*) DESC, f.unit LIMIT 1`)
        .pluck()
        .get(...w.params) as Unit | undefined;
      if (!u) return [];
      unit = u;
    }
    w.add('f.unit = ?', unit);
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT f.id, f.document_id, f.region_code, f.region_name, f.value, f.value_max, f.unit, f.bound, f.quote,
             ROW_NUMBER() OVER (PARTITION BY f.region_code ORDER BY ${sourcePreference('d', 'f')}) AS rn,
             COUNT(*) OVER (PARTITION BY f.region_code) AS sources
           FROM facts f JOIN documents d ON d.id = f.document_id ${w.toSql()}
         ) c WHERE c.rn = 1
         ORDER BY c.value ${lowerIsBetter(q) ? 'ASC' : 'DESC'}, c.region_code`,
      )
      .all(...w.params) as {
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
    }[];
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
        sources: r.sources,
      };
    });
  }

  async slices(indicator: string, filter: FactFilter = {}): Promise<SliceCount[]> {
    const w = factWhere({ ...filter, indicators: [indicator] }, 'f', this.expandRegions(filter));
    return (
      this.db
        .prepare(
          `SELECT f.measure, f.unit, f.scope, f.period, f.status, COUNT(DISTINCT f.region_code) AS regions, COUNT(*) AS facts
           FROM facts f ${w.toSql()}
           GROUP BY f.measure, f.unit, f.scope, f.period, f.status
           ORDER BY regions DESC, f.period DESC, f.measure, f.status`,
        )
        .all(...w.params) as Row[]
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
    const codes = this.expandRegions(query);
    const tw = factWhere({ ...query, statuses: ['target'] }, 't', codes);
    const targets = (
      this.db
        .prepare(
          `SELECT ${factColumns('t')} FROM facts t JOIN documents d ON d.id = t.document_id ${tw.toSql()}
           ORDER BY t.region_code, t.indicator, t.period, t.measure, ${sourcePreference('d', 't')}`,
        )
        .all(...tw.params) as FactRow[]
    ).map(toFact);
    if (targets.length === 0) return [];
    const outcomeFilter = new Where()
      .add(`f.status IN ('actual', 'estimate')`)
      .add(
        `EXISTS (SELECT 1 FROM facts t ${tw.toSql()} ${tw.clauses.length ? 'AND' : 'WHERE'}
           t.region_code = f.region_code AND t.indicator = f.indicator AND t.measure = f.measure AND t.period = f.period)`,
        ...tw.params,
      );
    const candidates = (
      this.db
        .prepare(`SELECT ${FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id ${outcomeFilter.toSql()}`)
        .all(...outcomeFilter.params) as FactRow[]
    ).map(toFact);
    const paired = pairTargets(targets, candidates);
    return query.outcomes ? paired.filter((p) => query.outcomes!.includes(p.outcome)) : paired;
  }

  async indicators(filter: FactFilter = {}): Promise<IndicatorUsage[]> {
    const w = factWhere(filter, 'f', this.expandRegions(filter));
    const measures = new Map<string, Measure[]>();
    for (const r of this.db
      .prepare(`SELECT DISTINCT f.indicator, f.measure FROM facts f ${w.toSql()} ORDER BY f.indicator, f.measure`)
      .all(...w.params) as { indicator: string; measure: Measure }[]) {
      const list = measures.get(r.indicator);
      if (list) list.push(r.measure);
      else measures.set(r.indicator, [r.measure]);
    }
    return (
      this.db
        .prepare(
          `SELECT f.indicator, COUNT(*) AS facts, COUNT(DISTINCT f.region_code) AS regions,
             COUNT(DISTINCT f.document_id) AS documents
           FROM facts f ${w.toSql()} GROUP BY f.indicator ORDER BY facts DESC, f.indicator`,
        )
        .all(...w.params) as { indicator: string; facts: number; regions: number; documents: number }[]
    ).map((r) => ({ ...r, measures: measures.get(r.indicator) ?? [] }));
  }
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

