/**
 * Backups round-trip between the backends: SQLite → dump → PostgreSQL → dump →
 * SQLite gives the same dump, and every read answers the same.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, removeTempDatabases } from './backends.case.js';
import { importDump, writeDump } from './backup.js';
import { loadSample } from './sample.case.js';
import { syncGazetteer } from './regions.js';
import type { Store } from './types.js';
import { SCHEMA_VERSION } from './schema.js';

const [sqlite, postgres] = BACKENDS as [(typeof BACKENDS)[0], (typeof BACKENDS)[1]];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-backup-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeTempDatabases();
});

/** A database with documents, facts, every kind of review, users, tokens and audit entries. */
async function populate(s: Store): Promise<void> {
  const ids = await loadSample(s);
  const doc = (await s.document(ids.get('sample/2023_江永县_bulletin.txt')!))!;
  await s.reviewFact({ factId: doc.facts[0]!.id, action: 'accept', note: 'ok', user: 'li' });
  await s.reviewFact({ factId: doc.facts[1]!.id, action: 'correct', fields: { value: 5.9, bound: '~' }, note: '更正', user: 'li' });
  await s.reviewFact({ factId: doc.facts[2]!.id, action: 'reject', user: 'wang' });
  await s.addFact({
    documentId: doc.id,
    span: [0, 3],
    fields: { indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' },
    note: 'hand',
    user: 'wang',
  });
  await s.createUser('admin', 'admin');
  await s.createUser('li', 'reviewer');
  await s.addToken('li', 'f'.repeat(64), 'laptop');
  await s.audit({ user: 'admin', action: 'user.create', target: 'user:li', detail: { role: 'reviewer' } });
}

/** The dump without its creation time. */
function body(file: string): string {
  return readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
}

describe('backup and restore', () => {
  it('round-trips SQLite → PostgreSQL → SQLite with the same rows and the same answers', async () => {
    const a = await sqlite.open();
    await populate(a);
    const fileA = join(dir, 'a.jsonl');
    const counts = await writeDump(a, fileA);
    expect(counts).toMatchObject({ documents: 5, users: 2, tokens: 1, reviews: 4, audit_log: 1 });
    expect(counts.facts).toBe(23); // 21 extracted + the correction + the added fact
    const header = JSON.parse(readFileSync(fileA, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ type: 'header', format: 'zhibiao-dump', version: 1, schema: SCHEMA_VERSION });

    const middle = postgres.available ? postgres : sqlite;
    const b = await middle.open();
    await syncGazetteer(b);
    expect(await importDump(b, fileA)).toEqual(counts);
    const fileB = join(dir, 'b.jsonl');
    await writeDump(b, fileB);
    const c = await sqlite.open();
    await syncGazetteer(c);
    await importDump(c, fileB);
    const fileC = join(dir, 'c.jsonl');
    await writeDump(c, fileC);
    expect(body(fileB)).toBe(body(fileA));
    expect(body(fileC)).toBe(body(fileA));

    for (const s of [b, c]) {
      expect(await s.stats()).toEqual(await a.stats());
      expect(await s.facts({ limit: 1000 })).toEqual(await a.facts({ limit: 1000 }));
      expect(await s.reviews()).toEqual(await a.reviews());
      expect(await s.targets()).toEqual(await a.targets());
      expect((await s.tokenUser('f'.repeat(64)))?.user.name).toBe('li');
      // new rows continue after the imported ids
      const u = await s.createUser('zhao', 'reader');
      expect(u.id).toBe(3);
    }
    for (const s of [a, b, c]) await s.close();
  });

  it('refuses a non-empty database, a dump cut short and a foreign file, importing nothing', async () => {
    const a = await sqlite.open();
    await populate(a);
    const file = join(dir, 'full.jsonl');
    await writeDump(a, file);
    await expect(importDump(a, file)).rejects.toMatchObject({ code: 'conflict' });
    await a.close();

    const target = postgres.available ? postgres : sqlite;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, `${lines.slice(0, -5).join('\n')}\n`);
    const s = await target.open();
    await expect(importDump(s, cut)).rejects.toThrowError(/cut short/);
    expect((await s.stats()).documents).toBe(0);
    const foreign = join(dir, 'foreign.jsonl');
    writeFileSync(foreign, '{"type":"row","table":"users","row":{}}\n');
    await expect(importDump(s, foreign)).rejects.toThrowError(/not a zhibiao dump/);
    const evil = join(dir, 'evil.jsonl');
    writeFileSync(evil, `${lines[0]}\n{"type":"row","table":"users; DROP TABLE facts","row":{}}\n`);
    await expect(importDump(s, evil)).rejects.toThrowError(/unknown table/);
    await expect(importDump(s, join(dir, 'missing.jsonl'))).rejects.toThrowError(/cannot read/);
    expect((await s.facts()).total).toBe(0);
    await s.close();
  });

  it('never overwrites an existing file', async () => {
    const a = await sqlite.open();
    const file = join(dir, 'exists.jsonl');
    writeFileSync(file, 'keep');
    await expect(writeDump(a, file)).rejects.toThrowError(/never overwritten/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    await a.close();
  });
});
