/**
 * What the shared store (`sqlstore.ts`) needs from a database driver: run a
 * statement with `?` placeholders, run a transaction, say which dialect it
 * speaks. `sqlite.ts` and `postgres.ts` implement it; everything else about
 * the store is written once.
 */
import type { SqlParam } from './sql.js';

export type Dialect = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * The transaction may share its commit with others of its kind (SQLite during
   * a bulk ingest: document saves). It stays atomic on its own (a savepoint);
   * only when it becomes durable and visible to other connections may be later.
   */
  groupable?: boolean;
}

/** Runs statements: on the connection, or inside one transaction. */
export interface Executor {
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult>;
}

export interface Driver extends Executor {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one write transaction and commits, or rolls back when it
   * throws. Statements of the transaction go through `tx`, never through the
   * driver itself (which waits for the transaction to end).
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Inside a groupable transaction whose commit is shared: settles when what it
   * wrote is committed, rejects if it was rolled back instead. Undefined when
   * the transaction commits as it returns (the usual case).
   */
  commitOf?(): Promise<void> | undefined;
  /**
   * Inside a transaction: waits until no other process writes documents,
   * facts or reviews (PostgreSQL: a transaction-level advisory lock; SQLite:
   * nothing to do, its write transactions already exclude each other).
   */
  writeLock(tx: Executor): Promise<void>;
  /** After rows were inserted with explicit ids: let new rows continue after the largest id. */
  resetIds(tx: Executor, tables: readonly string[]): Promise<void>;
  /** `LIKE` (SQLite, ASCII case-insensitive) or `ILIKE` (PostgreSQL). */
  readonly like: 'LIKE' | 'ILIKE';
  close(): Promise<void>;
}
