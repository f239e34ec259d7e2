/**
 * PostgreSQL bulk ingests: the trigram index on document text is dropped for a
 * large batch and built once at the end; search works throughout, and a store
 * opened after a batch that died brings the index back.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { newPostgresDatabase, rawQuery, removeTempDatabases } from './backends.case.js';
import { openPostgresStore, REBUILD_MIN } from './postgres.js';
import { loadSample } from './sample.case.js';

const available = inject('pgAdminUrl') !== '';
const hasIndex = async (url: string) => (await rawQuery(url, `SELECT 1 FROM pg_indexes WHERE indexname = 'documents_text_trgm'`)).length === 1;

afterAll(() => removeTempDatabases());

describe.skipIf(!available)('PostgreSQL bulk ingest and the text index', () => {
  it('drops the index for a large batch, searches by scanning meanwhile, and builds it at the end', async () => {
    const url = await newPostgresDatabase();
    const store = await openPostgresStore(url, { max: 4 });
    try {
      expect(await hasIndex(url)).toBe(true);
      let during: boolean | undefined;
      let hits = -1;
      await store.bulk(
        async () => {
          await loadSample(store);
          during = await hasIndex(url);
          hits = (await store.searchDocuments('地区生产总值')).items.length;
        },
        { documents: REBUILD_MIN },
      );
      expect(during).toBe(false);
      expect(hits).toBeGreaterThan(0);
      expect(await hasIndex(url)).toBe(true);
      expect((await store.searchDocuments('地区生产总值')).items.length).toBe(hits);
    } finally {
      await store.close();
    }
  });

  it('keeps the index for a small batch, or one smaller than what the database holds', async () => {
    const url = await newPostgresDatabase();
    const store = await openPostgresStore(url, { max: 4 });
    try {
      await loadSample(store);
      const held = Number((await rawQuery(url, 'SELECT count(*) AS n FROM documents'))[0]!.n);
      for (const documents of [REBUILD_MIN - 1, 0]) {
        await store.bulk(async () => expect(await hasIndex(url)).toBe(true), { documents });
      }
      expect(held).toBeGreaterThan(0);
      await store.bulk(async () => expect(await hasIndex(url)).toBe(true), {});
    } finally {
      await store.close();
    }
  });

  it('builds the index again when the batch fails, and at the next start after a crash', async () => {
    const url = await newPostgresDatabase();
    const store = await openPostgresStore(url, { max: 4 });
    try {
      await expect(store.bulk(async () => Promise.reject(new Error('disk full')), { documents: REBUILD_MIN })).rejects.toThrow('disk full');
      expect(await hasIndex(url)).toBe(true);
    } finally {
      await store.close();
    }
    // a process killed mid-batch leaves the index out
    await rawQuery(url, 'DROP INDEX documents_text_trgm');
    const again = await openPostgresStore(url, { max: 4 });
    await again.close();
    expect(await hasIndex(url)).toBe(true);
  });
});
