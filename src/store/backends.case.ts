/**
 * The databases the store suites run against: SQLite always, PostgreSQL when
 * the global setup (pg.global.case.ts) started a server. Each `open()` gives
 * a new, empty, migrated database. Shared by several test files; not part of
 * the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** Why not, when not available. */
  skipReason: string;
  /** A new empty database: a file path (SQLite) or a postgres:// URL. */
  newDatabase(): Promise<string>;
  /** A new empty database, opened. */
  open(): Promise<Store>;
}

let dir: string | undefined;
let counter = 0;

function tempDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'zhibiao-backend-'));
  return dir;
}

const sqlite: Backend = {
  name: 'sqlite',
  available: true,
  skipReason: '',
  async newDatabase() {
    return join(tempDir(), `db${++counter}.db`);
  },
  async open() {
    return openSqliteStore(await this.newDatabase());
  },
};

/** Creates a database on the test server and returns its URL. */
export async function newPostgresDatabase(): Promise<string> {
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error(`PostgreSQL is not available for tests: ${inject('pgSkipReason')}`);
  const name = `zb_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

const postgres: Backend = {
  name: 'postgres',
  get available() {
    return inject('pgAdminUrl') !== '';
  },
  get skipReason() {
    return inject('pgSkipReason');
  },
  newDatabase: newPostgresDatabase,
  async open() {
    return openPostgresStore(await newPostgresDatabase(), { max: 4 });
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];

/** Deletes this test file's SQLite files (PostgreSQL databases go with the cluster). */
export function removeTempDatabases(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** Runs SQL on a database directly (outside the store), for checks the Store interface does not offer. */
export async function rawQuery(spec: string, sql: string): Promise<Record<string, unknown>[]> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const client = new pg.Client({ connectionString: spec });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(spec);
  try {
    const stmt = db.prepare(sql);
    if (stmt.reader) return stmt.all() as Record<string, unknown>[];
    stmt.run();
    return [];
  } finally {
    db.close();
  }
}
