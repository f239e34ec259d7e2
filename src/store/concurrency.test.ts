/**
 * Several processes ingest the same documents into one PostgreSQL database at
 * once while this process reads: every document is stored exactly once, with
 * exactly the facts the extractor gives it, and no read ever sees a document
 * without all of its facts. Skipped without PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../extract.js';
import { BACKENDS, rawQuery } from './backends.case.js';
import { corpusFiles, REPO_ROOT } from './corpus.case.js';
import { openStore } from './open.js';

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
const WRITERS = 3;
const DOCUMENTS = 24;

interface ChildResult {
  code: number | null;
  lines: string[];
  stderr: string;
}

function runWriter(db: string, paths: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/store/ingest-child.case.ts'), db, ...paths], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean), stderr }));
  });
}

/** A fixed shuffle per writer, so the writers meet the same documents in different orders. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.skipIf(!postgres.available)('concurrent ingest on PostgreSQL', () => {
  let dir: string;
  const files: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-concurrent-'));
    const folder = join(dir, 'docs');
    mkdirSync(folder);
    const texts = corpusFiles()
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(f, 'utf8'));
    for (let i = 0; i < DOCUMENTS; i++) {
      const f = join(folder, `doc${String(i).padStart(2, '0')}.txt`);
      writeFileSync(f, `${texts[i % texts.length]}\n（副本 ${i}）\n`);
      files.push(f);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`${WRITERS} writer processes and a reader: nothing lost, nothing twice, no half-written document seen`, async () => {
    const db = await postgres.newDatabase();
    // the schema exists before the race (the writers would also wait on the migration lock)
    const reader = await openStore(db);
    const writers = Array.from({ length: WRITERS }, (_, i) => runWriter(db, shuffled(files, i + 1)));
    let running = true;
    const all = Promise.all(writers).finally(() => {
      running = false;
    });

    // read while they write: a listed document always has all its facts
    const seen = new Map<number, Set<number>>();
    let reads = 0;
    let lastCount = 0;
    while (running) {
      const page = await reader.documents({ limit: 1000 });
      expect(page.total).toBeGreaterThanOrEqual(lastCount);
      lastCount = page.total;
      for (const d of page.items) {
        const counts = seen.get(d.id) ?? new Set<number>();
        counts.add(d.factCount);
        seen.set(d.id, counts);
      }
      reads++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const results = await all;
    for (const r of results) {
      expect(r.code, `writer exited with ${r.code}: ${r.stderr.slice(-3000)}`).toBe(0);
      expect(r.lines.filter((l) => l.startsWith('failed'))).toEqual([]);
      expect(r.lines.at(-1)).toBe('finished');
    }
    // each writer saw every document: stored by exactly one of them, skipped as stored by the others
    const outcomes = results.flatMap((r) => r.lines.filter((l) => l.startsWith('committed')).map((l) => l.split('\t')[4]!));
    expect(outcomes).toHaveLength(WRITERS * DOCUMENTS);
    expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(DOCUMENTS);
    expect(outcomes.filter((o) => o !== 'inserted' && o !== 'unchanged')).toEqual([]);

    expect(await rawQuery(db, 'SELECT hash, COUNT(*) AS n FROM documents GROUP BY hash HAVING COUNT(*) > 1')).toEqual([]);
    const docs = await reader.documents({ limit: 1000 });
    expect(docs.total).toBe(DOCUMENTS);
    const byPath = new Map(docs.items.map((d) => [d.path, d]));
    let expectedFacts = 0;
    for (const f of files) {
      const stored = byPath.get(f);
      expect(stored, f).toBeDefined();
      const extracted = (await extractFile(f)).facts.length;
      expectedFacts += extracted;
      expect(stored!.factCount, f).toBe(extracted);
      // every read of this document saw it whole
      expect([...(seen.get(stored!.id) ?? [])].every((n) => n === extracted), `reads of ${f}: ${[...(seen.get(stored!.id) ?? [])]}`).toBe(true);
    }
    expect((await reader.stats()).facts).toBe(expectedFacts);
    expect(reads).toBeGreaterThan(3);
    await reader.close();
  });
});
