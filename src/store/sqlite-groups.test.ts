/**
 * Grouped commits of a SQLite bulk ingest: saves share a transaction, each
 * stays atomic, and each learns when it is committed (or rolled back).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver, Executor } from './driver.js';
import { GROUP_MS, GROUP_SAVES, openSqliteStore, type SqliteStore } from './sqlite.js';

let dir: string;
let file: string;
let store: SqliteStore;
let driver: Driver;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-groups-'));
  file = join(dir, 'g.db');
  store = openSqliteStore(file);
  driver = (store as unknown as { driver: Driver }).driver;
  store.connection.exec('CREATE TABLE t (v INTEGER NOT NULL)');
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What another connection sees (committed rows only). */
function committedRows(): number[] {
  const other = new Database(file, { readonly: true });
  try {
    return (other.prepare('SELECT v FROM t ORDER BY v').pluck().all() as number[]);
  } finally {
    other.close();
  }
}

/** A groupable save of one row, with the promise of its commit (in an object: an async function would wait for it). */
async function saveRow(v: number, then?: (tx: Executor) => Promise<void>): Promise<{ committed: Promise<void> | undefined }> {
  let committed: Promise<void> | undefined;
  await driver.transaction(
    async (tx) => {
      committed = driver.commitOf?.();
      await tx.run('INSERT INTO t (v) VALUES (?)', [v]);
      await then?.(tx);
    },
    { groupable: true },
  );
  return { committed };
}

describe('grouped commits (SqliteStore.bulk)', () => {
  it('outside a bulk batch every save commits as it returns', async () => {
    expect((await saveRow(1)).committed).toBeUndefined();
    expect(committedRows()).toEqual([1]);
  });

  it('shares one commit between saves, and tells each when it is committed', async () => {
    await store.bulk(async () => {
      const { committed: a } = await saveRow(1);
      const { committed: b } = await saveRow(2);
      expect(a).toBeDefined();
      expect(b).toBe(a);
      expect(committedRows()).toEqual([]);
      await a;
      expect(committedRows()).toEqual([1, 2]);
    });
  });

  it('commits a group that no save follows within GROUP_MS', async () => {
    await store.bulk(async () => {
      const { committed: a } = await saveRow(1);
      const t0 = performance.now();
      await a;
      expect(performance.now() - t0).toBeGreaterThanOrEqual(GROUP_MS * 0.8);
      expect(committedRows()).toEqual([1]);
    });
  });

  it(`commits at once when the group holds ${GROUP_SAVES} saves`, async () => {
    await store.bulk(async () => {
      for (let i = 0; i < GROUP_SAVES; i++) await saveRow(i);
      expect(committedRows()).toHaveLength(GROUP_SAVES);
      await saveRow(GROUP_SAVES);
      expect(committedRows()).toHaveLength(GROUP_SAVES);
    });
    expect(committedRows()).toHaveLength(GROUP_SAVES + 1);
  });

  it('a failed save leaves nothing, and the saves before it in the group stay', async () => {
    await store.bulk(async () => {
      const { committed: a } = await saveRow(1);
      await expect(saveRow(2, async () => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
      const { committed: c } = await saveRow(3);
      expect(c).toBe(a);
      await a;
    });
    expect(committedRows()).toEqual([1, 3]);
  });

  it('a group whose only save failed does not keep the write lock', async () => {
    await store.bulk(async () => {
      await expect(saveRow(1, async () => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
      await new Promise((resolve) => setTimeout(resolve, GROUP_MS + 100));
      // another writer gets the lock at once
      const other = new Database(file);
      try {
        other.pragma('busy_timeout = 0');
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
      } finally {
        other.close();
      }
    });
    expect(committedRows()).toEqual([]);
  });

  it('a transaction of another kind commits the open group first and is committed as it returns', async () => {
    await store.bulk(async () => {
      const { committed: a } = await saveRow(1);
      await driver.transaction(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (?)', [10]);
      });
      expect(committedRows()).toEqual([1, 10]);
      await expect(a).resolves.toBeUndefined();
    });
  });

  it('when SQLite rolls the whole group back, every save of it learns so', async () => {
    await store.bulk(async () => {
      const { committed: a } = await saveRow(1);
      // as SQLite does on a full disk or an I/O error: the transaction is gone
      await expect(
        saveRow(2, async (tx) => {
          await tx.run('ROLLBACK');
          throw new Error('database or disk is full');
        }),
      ).rejects.toThrow('disk is full');
      await expect(a).rejects.toThrow('disk is full');
      const { committed: c } = await saveRow(3);
      await c;
    });
    expect(committedRows()).toEqual([3]);
  });
});
