/**
 * Schema migrations. Each migration is applied once, in order, inside a
 * transaction, and recorded in `migrations`. Never edit a released migration:
 * add the next one.
 *
 * One list for both dialects: the statements are written once, with the few
 * type names that differ filled in per dialect (`INTEGER PRIMARY KEY` →
 * `BIGSERIAL PRIMARY KEY`, `REAL` → `DOUBLE PRECISION`, references `BIGINT`),
 * plus statements only one dialect runs (PostgreSQL's trigram index).
 * JSON stays in TEXT columns on both, so every query reads the same.
 */
import type { Dialect } from './driver.js';

export interface Migration {
  version: number;
  name: string;
  statements(dialect: Dialect): readonly string[];
}

interface Types {
  /** An auto-numbered primary key. */
  id: string;
  /** A column holding such a key. */
  ref: string;
  real: string;
}

const TYPES: Record<Dialect, Types> = {
  sqlite: { id: 'INTEGER PRIMARY KEY', ref: 'INTEGER', real: 'REAL' },
  postgres: { id: 'BIGSERIAL PRIMARY KEY', ref: 'BIGINT', real: 'DOUBLE PRECISION' },
};

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, facts, regions',
    statements: (d) => {
      const t = TYPES[d];
      return [
        `CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      )`,
        `CREATE TABLE regions (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
        parent TEXT,
        province TEXT,
        prefecture TEXT,
        aliases TEXT NOT NULL DEFAULT '[]'
      )`,
        `CREATE INDEX regions_parent ON regions(parent)`,
        `CREATE INDEX regions_province ON regions(province)`,
        `CREATE INDEX regions_prefecture ON regions(prefecture)`,
        `CREATE INDEX regions_name ON regions(name)`,
        `CREATE TABLE documents (
        id ${t.id},
        hash TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title TEXT,
        region_code TEXT,
        region_name TEXT,
        year INTEGER,
        kind TEXT NOT NULL,
        script TEXT NOT NULL,
        chars INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        text TEXT NOT NULL,
        diagnostics TEXT NOT NULL DEFAULT '[]',
        extractor_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL
      )`,
        `CREATE INDEX documents_path ON documents(path)`,
        `CREATE INDEX documents_region ON documents(region_code, year)`,
        `CREATE TABLE facts (
        id ${t.id},
        document_id ${t.ref} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        region_code TEXT NOT NULL,
        region_name TEXT NOT NULL,
        indicator TEXT NOT NULL,
        measure TEXT NOT NULL,
        value ${t.real} NOT NULL,
        value_max ${t.real},
        unit TEXT NOT NULL,
        scope TEXT,
        period TEXT NOT NULL,
        period_start TEXT,
        period_end TEXT,
        year INTEGER,
        status TEXT NOT NULL,
        bound TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        quote TEXT NOT NULL,
        rule TEXT NOT NULL,
        extractor_version TEXT NOT NULL
      )`,
        `CREATE INDEX facts_document ON facts(document_id)`,
        // compare: one indicator × measure × status × period across regions
        `CREATE INDEX facts_slice ON facts(indicator, measure, status, period, region_code, value)`,
        // region pages, target pairing: one region's facts by indicator and period
        `CREATE INDEX facts_region ON facts(region_code, indicator, measure, period, status)`,
        // year filters without an indicator
        `CREATE INDEX facts_year ON facts(year, indicator)`,
      ];
    },
  },
  {
    version: 2,
    name: 'reviews, users, tokens, audit log, document text search',
    statements: (d) => {
      const t = TYPES[d];
      return [
        // origin: extracted by the pipeline, or a row a review made (a correction, a fact added by hand).
        // review_state / review_id / superseded are kept by the store from the reviews table.
        `ALTER TABLE facts ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted'`,
        `ALTER TABLE facts ADD COLUMN review_id ${t.ref}`,
        `ALTER TABLE facts ADD COLUMN review_state TEXT NOT NULL DEFAULT 'unreviewed'`,
        `ALTER TABLE facts ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0`,
        `CREATE INDEX facts_review ON facts(review_state, document_id)`,
        `CREATE TABLE reviews (
        id ${t.id},
        document_id ${t.ref} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('extracted', 'added')),
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'corrected', 'rejected')),
        fact_id ${t.ref},
        orphaned INTEGER NOT NULL DEFAULT 0,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        indicator TEXT NOT NULL,
        measure TEXT NOT NULL,
        quote TEXT NOT NULL,
        fields TEXT,
        extracted TEXT,
        note TEXT,
        user_name TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
        `CREATE INDEX reviews_document ON reviews(document_id)`,
        `CREATE UNIQUE INDEX reviews_fact ON reviews(fact_id) WHERE fact_id IS NOT NULL`,
        `CREATE TABLE review_events (
        id ${t.id},
        review_id ${t.ref} NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        decision TEXT NOT NULL,
        fields TEXT,
        note TEXT,
        user_name TEXT NOT NULL,
        at TEXT NOT NULL
      )`,
        `CREATE INDEX review_events_review ON review_events(review_id)`,
        `CREATE TABLE users (
        id ${t.id},
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('reader', 'reviewer', 'admin')),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      )`,
        `CREATE TABLE tokens (
        id ${t.id},
        user_id ${t.ref} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        hash TEXT NOT NULL UNIQUE,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      )`,
        `CREATE INDEX tokens_user ON tokens(user_id)`,
        `CREATE TABLE audit_log (
        id ${t.id},
        at TEXT NOT NULL,
        user_name TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      )`,
        `CREATE INDEX audit_log_at ON audit_log(at)`,
        // full-text search over document text: trigram index for LIKE/ILIKE '%…%' (SQLite scans)
        ...(d === 'postgres'
          ? [`CREATE EXTENSION IF NOT EXISTS pg_trgm`, textIndexSql()]
          : []),
      ];
    },
  },
  {
    version: 3,
    name: 'document source address',
    // the title column exists since version 1; the address of the original (a journalist cites it)
    statements: () => [`ALTER TABLE documents ADD COLUMN source_url TEXT`],
  },
];

/** The trigram index on document text (PostgreSQL): made by migration 1, rebuilt after bulk ingests. */
export const TEXT_INDEX = 'documents_text_trgm';
export function textIndexSql(ifNotExists = false): string {
  return `CREATE INDEX ${ifNotExists ? 'IF NOT EXISTS ' : ''}${TEXT_INDEX} ON documents USING gin (text gin_trgm_ops)`;
}

/** The migrations as SQLite applies them (kept for readers of the SQLite schema). */
export const SQLITE_MIGRATIONS = MIGRATIONS;

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** Tables in the order a dump writes them and an import fills them (referenced tables first). */
export const DUMP_TABLES = ['users', 'tokens', 'documents', 'facts', 'reviews', 'review_events', 'audit_log'] as const;
export type DumpTable = (typeof DUMP_TABLES)[number];

/** The columns of each dumped table at SCHEMA_VERSION (an import writes only these). */
export const DUMP_COLUMNS: Record<DumpTable, readonly string[]> = {
  users: ['id', 'name', 'role', 'disabled', 'created_at'],
  tokens: ['id', 'user_id', 'hash', 'label', 'created_at', 'revoked_at'],
  documents: [
    'id', 'hash', 'path', 'format', 'encoding', 'title', 'region_code', 'region_name', 'year', 'kind', 'script',
    'chars', 'bytes', 'text', 'diagnostics', 'extractor_version', 'ingested_at', 'source_url',
  ],
  facts: [
    'id', 'document_id', 'region_code', 'region_name', 'indicator', 'measure', 'value', 'value_max', 'unit', 'scope',
    'period', 'period_start', 'period_end', 'year', 'status', 'bound', 'span_start', 'span_end', 'quote', 'rule',
    'extractor_version', 'origin', 'review_id', 'review_state', 'superseded',
  ],
  reviews: [
    'id', 'document_id', 'kind', 'decision', 'fact_id', 'orphaned', 'span_start', 'span_end', 'indicator', 'measure',
    'quote', 'fields', 'extracted', 'note', 'user_name', 'updated_at', 'created_at',
  ],
  review_events: ['id', 'review_id', 'action', 'decision', 'fields', 'note', 'user_name', 'at'],
  audit_log: ['id', 'at', 'user_name', 'action', 'target', 'detail'],
};
