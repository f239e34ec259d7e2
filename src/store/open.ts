/**
 * `--db` as users give it: a SQLite file path, or a postgres:// URL. The
 * default comes from ZHIBIAO_DB, else zhibiao.db in the current folder.
 */
import { existsSync } from 'node:fs';
import { isPostgresUrl, openPostgresStore, redactUrl } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import { StoreError, type Store } from './types.js';

export const DEFAULT_DB = 'zhibiao.db';

export function defaultDb(): string {
  return process.env.ZHIBIAO_DB?.trim() || DEFAULT_DB;
}

/** How the database is named in messages (a URL without its password). */
export function dbLabel(spec: string): string {
  return isPostgresUrl(spec) ? redactUrl(spec) : spec;
}

export interface OpenOptions {
  /** A SQLite file must exist already (reading commands): else a StoreError that says to ingest first. */
  mustExist?: boolean;
  /** PostgreSQL pool size. */
  connections?: number;
}

export async function openStore(spec: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(spec)) return openPostgresStore(spec, options.connections !== undefined ? { max: options.connections } : {});
  if (options.mustExist && spec !== ':memory:' && !existsSync(spec)) {
    throw new StoreError('unavailable', `no database at ${spec}: run "zhibiao ingest PATH..." first, or pass --db FILE (or a postgres:// URL)`);
  }
  return openSqliteStore(spec);
}
