/**
 * The SQLite store (better-sqlite3). Everything SQLite-specific is here: the
 * connection pragmas (WAL, foreign keys, durability), the synchronous
 * migration runner and statement execution. Queries live in `sqlstore.ts`.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { SqlStore } from './sqlstore.js';
import type { Driver, Executor, RunResult, TransactionOptions } from './driver.js';
import type { SqlParam } from './sql.js';
import { StoreError } from './types.js';

export interface SqliteStoreOptions {
  /** Open without writing (no migrations; fails if the schema is missing or old). */
  readonly?: boolean;
}

/** Prepared statements kept per connection (multi-row inserts make many texts; the cache is cleared past this). */
const STATEMENT_CACHE = 500;

/**
 * Grouped commits during a bulk ingest: document saves share one transaction
 * of at most this many saves, committed at the latest this long after it began
 * (or after the last save, when no other comes). One commit per document wrote
 * the index pages it touched to the WAL again each time: the national year's
 * 6,000 documents took 24-29 s with 8.8-9.8 s of system time, grouped 19-24 s
 * with 4.8-5.5 s.
 */
export const GROUP_SAVES = 64;
export const GROUP_MS = 250;

/** Saves that share one open transaction. */
interface Group {
  open: boolean;
  saves: number;
  since: number;
  timer: NodeJS.Timeout | undefined;
  /** Settles when the open transaction is committed; rejects when SQLite rolled it back instead. */
  committed: Promise<void>;
  settle: (err?: unknown) => void;
}

const newGroup = (): Group => ({ open: false, saves: 0, since: 0, timer: undefined, committed: Promise.resolve(), settle: () => {} });

/** A fresh commit promise for the group (handed to each save; never an unhandled rejection). */
function armCommit(g: Group): void {
  g.committed = new Promise<void>((resolve, reject) => {
    g.settle = (err) => (err === undefined ? resolve() : reject(err instanceof Error ? err : new Error(String(err))));
  });
  g.committed.catch(() => {});
}

class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly like = 'LIKE' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** Settles when the transaction in progress (if any) has ended. */
  private idle: Promise<void> = Promise.resolve();
  private readonly direct: Executor;
  /** Set while a bulk ingest groups its saves (see startGroups). */
  private group: Group | null = null;

  constructor(readonly db: Database.Database) {
    this.direct = {
      all: async <T>(sql: string, params: readonly SqlParam[] = []) => this.prepare(sql).all(...params) as T[],
      get: async <T>(sql: string, params: readonly SqlParam[] = []) => this.prepare(sql).get(...params) as T | undefined,
      run: async (sql: string, params: readonly SqlParam[] = []): Promise<RunResult> => ({ changes: this.prepare(sql).run(...params).changes }),
    };
  }

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // outside a transaction, a statement waits for the current one to end (one connection: no interleaving)
  async all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    await this.idle;
    return this.direct.all<T>(sql, params);
  }
  async get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    await this.idle;
    return this.direct.get<T>(sql, params);
  }
  async run(sql: string, params?: readonly SqlParam[]): Promise<RunResult> {
    await this.idle;
    return this.direct.run(sql, params);
  }

  /** Runs `body` after every transaction queued before it (one connection: no interleaving). */
  private async serial<T>(body: () => Promise<T>): Promise<T> {
    const previous = this.idle;
    let done!: () => void;
    this.idle = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      return await body();
    } finally {
      done();
    }
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.serial(async () => {
      const g = this.group;
      if (g && options.groupable) return this.grouped(g, fn);
      // a transaction of another kind never joins a group: what it writes is committed as it returns
      if (g?.open) this.commitGroup(g);
      // IMMEDIATE: take the write lock now, so two writers never deadlock upgrading read locks
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  /** One save inside the group's transaction, atomic by a savepoint; commits the group when it is full or old. */
  private async grouped<T>(g: Group, fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (!g.open) {
      this.db.exec('BEGIN IMMEDIATE');
      Object.assign(g, { open: true, saves: 0, since: performance.now() });
      armCommit(g);
    }
    this.db.exec('SAVEPOINT grouped');
    let result: T;
    try {
      result = await fn(this.direct);
    } catch (err) {
      if (this.db.inTransaction) {
        this.db.exec('ROLLBACK TO grouped');
        this.db.exec('RELEASE grouped');
        this.afterSave(g);
      } else {
        // SQLite rolled back the whole transaction (a full disk, an I/O error): the saves before this one too
        this.endGroup(g, err);
      }
      throw err;
    }
    this.db.exec('RELEASE grouped');
    g.saves++;
    this.afterSave(g);
    return result;
  }

  /** After a save: the group is committed when full or old, else within GROUP_MS whatever comes. */
  private afterSave(g: Group): void {
    if (g.saves >= GROUP_SAVES || performance.now() - g.since >= GROUP_MS) return this.commitGroup(g);
    if (g.timer) return;
    // no save may come for a while (a long extraction): the write lock is not held meanwhile
    g.timer = setTimeout(() => {
      g.timer = undefined;
      void this.serial(async () => this.commitGroup(g));
    }, GROUP_MS);
    g.timer.unref();
  }

  /** Commits the group's transaction, if one is open (its saves learn the outcome through g.committed). */
  private commitGroup(g: Group): void {
    if (!g.open) return;
    if (!this.db.inTransaction) return this.endGroup(g, new Error('SQLite rolled the transaction back'));
    try {
      this.db.exec('COMMIT');
      this.endGroup(g);
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.endGroup(g, err);
    }
  }

  private endGroup(g: Group, err?: unknown): void {
    if (g.timer) clearTimeout(g.timer);
    g.timer = undefined;
    g.open = false;
    g.settle(err);
  }

  /**
   * Inside a groupable transaction while saves are grouped: settles when what
   * it wrote is committed, and rejects if SQLite rolled it back instead. Else
   * undefined (the transaction commits as it returns).
   */
  commitOf(): Promise<void> | undefined {
    return this.group?.open ? this.group.committed : undefined;
  }

  /** From now on, saves that allow it share commits (a bulk ingest). */
  startGroups(): void {
    this.group ??= newGroup();
  }

  /** Commits the open group, if any, and stops grouping. */
  async endGroups(): Promise<void> {
    const g = this.group;
    if (!g) return;
    await this.serial(async () => this.commitGroup(g));
    this.group = null;
  }

  async writeLock(): Promise<void> {
    // BEGIN IMMEDIATE already holds SQLite's one write lock
  }

  async resetIds(): Promise<void> {
    // INTEGER PRIMARY KEY continues after the largest id by itself
  }

  async close(): Promise<void> {
    await this.endGroups();
    await this.idle;
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
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

function currentVersion(db: Database.Database): number {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get();
  if (!has) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: Database.Database, file: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
  const current = currentVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      'schema_too_new',
      `database ${file} has schema version ${current}, newer than this zhibiao (${SCHEMA_VERSION}): upgrade zhibiao or use another --db file.`,
    );
  }
  const record = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      // another process may have applied it while this one waited for the write lock
      if (currentVersion(db) >= m.version) return;
      for (const s of m.statements('sqlite')) db.exec(s);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return currentVersion(db);
}

export class SqliteStore extends SqlStore {
  readonly file: string;
  private readonly db: Database.Database;

  constructor(db: Database.Database, file: string, options: SqliteStoreOptions = {}) {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    let version: number;
    if (!options.readonly) {
      // WAL: readers never block the writer; FULL: a committed document survives a crash or power loss.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      version = migrate(db, file);
    } else {
      version = currentVersion(db);
      if (version < SCHEMA_VERSION) {
        throw new StoreError(
          'unavailable',
          `database ${file} has schema version ${version}, this zhibiao needs ${SCHEMA_VERSION}: open it once without read-only mode (e.g. zhibiao ingest) to migrate it.`,
        );
      }
    }
    const driver = new SqliteDriver(db);
    super(driver, file, version);
    this.sqlite = driver;
    this.db = db;
    this.file = file;
  }

  private bulkDepth = 0;
  private readonly sqlite: SqliteDriver;

  /**
   * An ingest's saves without an fsync per document (one document per
   * transaction would otherwise cost a sync each, most of a small document's
   * time): WAL with synchronous=NORMAL keeps every commit atomic and the file
   * consistent across a crash, and the FULL sync at the end makes the whole
   * batch (and anything committed meanwhile) durable before this returns.
   * Document saves share commits meanwhile (GROUP_SAVES, GROUP_MS), each
   * atomic by a savepoint and told when it is committed (SaveResult.committed).
   */
  async bulk<T>(body: () => Promise<T>): Promise<T> {
    if (this.file === ':memory:' || this.db.readonly) return body();
    const driver = this.sqlite;
    if (this.bulkDepth++ === 0) {
      this.db.pragma('synchronous = NORMAL');
      // fewer, larger checkpoints while the batch writes (each one syncs)
      this.db.pragma('wal_autocheckpoint = 16384');
      driver.startGroups();
    }
    try {
      return await body();
    } finally {
      if (--this.bulkDepth === 0 && this.db.open) {
        await driver.endGroups();
        this.db.pragma('synchronous = FULL');
        this.db.pragma('wal_autocheckpoint = 1000');
        this.db.pragma('wal_checkpoint(PASSIVE)');
        // what the checkpoint could not move (a reader holds it) stays in the WAL: sync both files
        for (const f of [this.file, `${this.file}-wal`]) {
          let fd: number | undefined;
          try {
            fd = openSync(f, 'r+');
            fsyncSync(fd);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          } finally {
            if (fd !== undefined) closeSync(fd);
          }
        }
      }
    }
  }

  /** The underlying connection, for bulk tools (benchmarks) that need prepared statements. */
  get connection(): Database.Database {
    return this.db;
  }
}
