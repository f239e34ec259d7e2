/**
 * Schema migrations. Each migration is applied once, in order, inside a
 * transaction, and recorded in `migrations`. Never edit a released migration:
 * add the next one.
 *
 * The DDL is the SQLite dialect; the tables and columns are the same ones a
 * PostgreSQL store will create (INTEGER PRIMARY KEY → BIGSERIAL, REAL → DOUBLE
 * PRECISION, TEXT JSON → JSONB are the only differences).
 */

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, facts, regions',
    statements: [
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
        id INTEGER PRIMARY KEY,
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
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        region_code TEXT NOT NULL,
        region_name TEXT NOT NULL,
        indicator TEXT NOT NULL,
        measure TEXT NOT NULL,
        value REAL NOT NULL,
        value_max REAL,
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
    ],
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = SQLITE_MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
