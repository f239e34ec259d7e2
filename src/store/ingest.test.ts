import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, EXTRACTOR_VERSION } from '../extract.js';
import { BACKENDS, removeTempDatabases, type Backend } from './backends.case.js';
import { corpusFiles, REPO_ROOT } from './corpus.case.js';
import { ingest } from './ingest.js';
import { openStore } from './open.js';
import { openSqliteStore } from './sqlite.js';

let dir: string;
const files = corpusFiles();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-ingest-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeTempDatabases();
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`ingest of real documents on ${backend.name}`, () => ingestSuite(backend));
  if (!backend.available) it.skip(`ingest on ${backend.name}: ${backend.skipReason}`, () => {});
}

function ingestSuite(backend: Backend): void {
  let real: string;
  beforeAll(async () => {
    real = await backend.newDatabase();
  });

  it('has documents to ingest', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('stores every document with what the extractor produced, using worker threads', async () => {
    const store = await openStore(real);
    const summary = await ingest(store, files, { workers: 2 });
    expect(summary).toMatchObject({ files: files.length, inserted: files.length, unchanged: 0, workers: 2 });
    expect(summary.failed).toEqual([]);
    let extracted = 0;
    for (const f of files) extracted += (await extractFile(f)).facts.length;
    expect(summary.facts + summary.dropped).toBe(extracted);
    const stats = await store.stats();
    expect(stats.documents).toBe(files.length);
    expect(stats.facts).toBe(summary.facts);
    const docs = await store.documents({ limit: 100 });
    for (const d of docs.items) {
      expect(d.extractorVersion).toBe(EXTRACTOR_VERSION);
      expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
      const detail = (await store.document(d.id))!;
      expect([...detail.text].length).toBe(detail.chars);
      for (const fact of detail.facts) expect([...detail.text].slice(fact.span[0], fact.span[1]).join('')).toBe(fact.quote);
    }
    await store.close();
  });

  it('skips unchanged documents, and re-extracts all of them for a new extractor version', async () => {
    const store = await openStore(real);
    const before = (await store.documents({ limit: 100 })).items.map((d) => d.id).sort();
    const again = await ingest(store, files, { workers: 1 });
    expect(again).toMatchObject({ unchanged: files.length, inserted: 0, reextracted: 0, facts: 0 });
    const bumped = await ingest(store, files, { workers: 2, extractorVersion: `${EXTRACTOR_VERSION}+next` });
    expect(bumped).toMatchObject({ reextracted: files.length, inserted: 0 });
    const after = await store.documents({ limit: 100 });
    expect(after.items.map((d) => d.id).sort()).toEqual(before);
    expect(after.items.every((d) => d.extractorVersion === `${EXTRACTOR_VERSION}+next`)).toBe(true);
    const facts = await store.facts({ limit: 1000 });
    expect(facts.items.every((f) => f.extractorVersion === `${EXTRACTOR_VERSION}+next`)).toBe(true);
    await store.close();
  });

  it('lists bad files with their reason and stores the rest', async () => {
    const folder = join(dir, `mixed-${backend.name}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'good.txt'), readFileSync(files[0]!));
    writeFileSync(join(folder, 'broken.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0xfe, 0x00, 0x81, 0x9f]));
    writeFileSync(join(folder, 'notes.md'), 'not a document format: skipped by the folder walk');
    const store = await backend.open();
    const summary = await ingest(store, [folder, join(dir, 'no-such-file.txt')], { workers: 2 });
    expect(summary.inserted).toBe(1);
    expect(summary.failed.map((f) => basename(f.path)).sort()).toEqual(['broken.pdf', 'no-such-file.txt']);
    for (const f of summary.failed) expect(f.reason.length).toBeGreaterThan(5);
    expect((await store.documents()).items.map((d) => basename(d.path))).toEqual(['good.txt']);
    await store.close();
  });

  it('stores the same content under two paths once', async () => {
    const folder = join(dir, `twins-${backend.name}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), readFileSync(files[0]!));
    writeFileSync(join(folder, 'b.txt'), readFileSync(files[0]!));
    const store = await backend.open();
    const summary = await ingest(store, [folder], { workers: 2 });
    expect(summary).toMatchObject({ inserted: 1, unchanged: 1 });
    await store.close();
  });
}

describe('crash safety', () => {
  it('a process killed mid-batch loses nothing it committed, and a rerun completes the batch', async () => {
    // 150 distinct documents (real texts, each with its own last line)
    const folder = join(dir, 'many');
    mkdirSync(folder);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const count = 150;
    for (let i = 0; i < count; i++) writeFileSync(join(folder, `doc${String(i).padStart(3, '0')}.txt`), `${texts[i % texts.length]}\n（副本 ${i}）\n`);
    const db = join(dir, 'crash.db');

    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/store/ingest-child.case.ts'), db, folder], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed = new Map<number, number>();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`child committed nothing in 60 s: ${stderr}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        buf += b.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const [tag, id, facts] = line.split('\t');
          if (tag === 'committed') committed.set(Number(id), Number(facts));
          if (committed.size >= 5) {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve();
            return;
          }
        }
      });
    });
    expect(await exited).toBeNull();

    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = raw.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
    expect(stored).toBeGreaterThanOrEqual(committed.size);
    expect(stored).toBeLessThan(count); // it really was killed mid-batch
    for (const [id, facts] of committed) {
      expect(raw.prepare('SELECT COUNT(*) FROM documents WHERE id = ?').pluck().get(id)).toBe(1);
      expect(raw.prepare('SELECT COUNT(*) FROM facts WHERE document_id = ?').pluck().get(id)).toBe(facts);
    }
    raw.close();

    const store = openSqliteStore(db);
    const rerun = await ingest(store, [folder], { workers: 2 });
    expect(rerun.failed).toEqual([]);
    expect(rerun.unchanged).toBe(stored);
    expect(rerun.inserted).toBe(count - stored);
    expect((await store.stats()).documents).toBe(count);
    await store.close();
  });
});
