/**
 * The PostgreSQL store (node-postgres). PostgreSQL-specific pieces only: the
 * connection pool and its type parsing, `?` → `$n`, advisory locks (one
 * around migrations, one around document/review writes so several processes
 * can ingest at once), and id sequences after an import. Queries live in
 * `sqlstore.ts`; the schema in `schema.ts`.
 */
import pg from 'pg';
import { MIGRATIONS, SCHEMA_VERSION, TEXT_INDEX, textIndexSql } from './schema.js';
import { SqlStore } from './sqlstore.js';
import { numberParams, type SqlParam } from './sql.js';
import type { Driver, Executor, RunResult } from './driver.js';
import { StoreError, type BulkHint } from './types.js';

/** Advisory lock keys ("zhib" + a number). */
const MIGRATION_LOCK = 0x7a686962_01;
const WRITE_LOCK = 0x7a686962_02;

/** Counts (int8) and numerics come back as JS numbers, like SQLite's; ids stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // not parseable as a URL: show only the scheme, never what might be a secret
    return url.replace(/\/\/.*$/, '//…');
  }
}

/** Errors meaning the server cannot be reached or refused us (not a bug in a query). */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|EHOSTUNREACH)$/.test(code) || /^(08|28|3D|57P)/.test(code);
}

function unavailable(label: string, err: unknown): StoreError {
  return new StoreError(
    'unavailable',
    `cannot use database ${label}: ${(err as Error).message}. Check that PostgreSQL runs there, the database exists and the user may connect (or pass another --db).`,
    { cause: err },
  );
}

class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly like = 'ILIKE' as const;

  constructor(
    readonly pool: pg.Pool,
    private readonly label: string,
  ) {}

  private executor(client: pg.Pool | pg.PoolClient): Executor {
    const query = async (sql: string, params: readonly SqlParam[] = []): Promise<pg.QueryResult> => {
      try {
        return await client.query(numberParams(sql), params as SqlParam[]);
      } catch (err) {
        if (isConnectionError(err)) throw unavailable(this.label, err);
        throw err;
      }
    };
    return {
      all: async <T>(sql: string, params?: readonly SqlParam[]) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, params?: readonly SqlParam[]) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params?: readonly SqlParam[]): Promise<RunResult> => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    };
  }

  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return this.executor(this.pool).all<T>(sql, params);
  }
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    return this.executor(this.pool).get<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult> {
    return this.executor(this.pool).run(sql, params);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw unavailable(this.label, err);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(this.executor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // the connection is gone; drop it from the pool and report the first error
        broken = true;
        (err as Error & { rollbackError?: unknown }).rollbackError = rollbackError;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async writeLock(tx: Executor): Promise<void> {
    await tx.get('SELECT pg_advisory_xact_lock(?)', [WRITE_LOCK]);
  }

  async resetIds(tx: Executor, tables: readonly string[]): Promise<void> {
    for (const t of tables) {
      // the next id follows the largest one imported (tables are fixed names, never input)
      await tx.get(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), COALESCE((SELECT MAX(id) FROM ${t}), 0) + 1, false)`);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export class PostgresStore extends SqlStore {
  constructor(driver: PostgresDriver, label: string, version: number) {
    super(driver, label, version);
  }

  /** The connection pool, for tools that need PostgreSQL itself. */
  get pool(): pg.Pool {
    return (this.driver as PostgresDriver).pool;
  }

  /**
   * A large ingest (at least REBUILD_MIN documents, and no fewer than the
   * database holds) runs without the trigram index on document text, which is
   * built once at the end: updating it document by document was half of the
   * ingest time (600 documents, 22 MB: 26.5 s with it, 13.4 s + 7.9 s to build
   * it afterwards). Search works meanwhile, by scanning. The index comes back
   * even if the batch fails, and at the next start if the process dies.
   */
  async bulk<T>(body: () => Promise<T>, hint: BulkHint = {}): Promise<T> {
    const n = hint.documents ?? 0;
    if (n < REBUILD_MIN) return body();
    const held = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM documents');
    if (n < Number(held.rows[0]?.n ?? 0)) return body();
    await this.pool.query(`DROP INDEX IF EXISTS ${TEXT_INDEX}`);
    try {
      return await body();
    } finally {
      await ensureTextIndex(this.pool);
    }
  }
}

/** Documents an ingest must bring for the text index to be rebuilt rather than kept up. */
export const REBUILD_MIN = 500;

/** Builds the trigram index on document text when it is missing (a bulk ingest dropped it). */
export async function ensureTextIndex(pool: pg.Pool): Promise<boolean> {
  const present = await pool.query('SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1', [TEXT_INDEX]);
  if (present.rowCount) return false;
  const client = await pool.connect();
  try {
    // a GIN build sorts its entries in maintenance_work_mem: more of it, fewer passes
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(textIndexSql(true));
  } finally {
    client.release();
  }
  return true;
}

async function migrate(pool: pg.Pool, label: string): Promise<number> {
  const client = await pool.connect();
  try {
    // one migrating process at a time; the others wait here, then find the work done
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`);
      const version = async (): Promise<number> => Number((await client.query('SELECT MAX(version) AS v FROM migrations')).rows[0]?.v ?? 0);
      const current = await version();
      if (current > SCHEMA_VERSION) {
        throw new StoreError(
          'schema_too_new',
          `database ${label} has schema version ${current}, newer than this zhibiao (${SCHEMA_VERSION}): upgrade zhibiao or use another --db.`,
        );
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          for (const s of m.statements('postgres')) await client.query(s);
          await client.query('INSERT INTO migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          const hint = /pg_trgm/.test((err as Error).message)
            ? ' The trigram extension is in Debian\'s postgresql-contrib (part of postgresql-15); the database owner may create it.'
            : '';
          throw new StoreError('unavailable', `cannot migrate ${label} to schema version ${m.version} (${m.name}): ${(err as Error).message}.${hint}`, {
            cause: err,
          });
        }
      }
      return await version();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

/** Connects to a PostgreSQL database (postgres://user@host:port/db), migrating its schema if needed. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const label = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // an idle connection the server dropped must not crash the process; the next query reports it
  pool.on('error', (err) => process.stderr.write(`zhibiao: PostgreSQL connection to ${label} lost: ${err.message}\n`));
  let version: number;
  try {
    version = await migrate(pool, label);
    // a bulk ingest that died left the text index out
    if (version >= 1) await ensureTextIndex(pool);
  } catch (err) {
    await pool.end();
    if (err instanceof StoreError) throw err;
    throw unavailable(label, err);
  }
  return new PostgresStore(new PostgresDriver(pool, label), label, version);
}
