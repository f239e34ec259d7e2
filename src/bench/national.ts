/**
 * `npm run bench:national`: a national year (about 6,000 documents, ~200 MB)
 * ingested into a fresh SQLite database, and PostgreSQL where its binaries are
 * installed. Prints documents/s, MB/s, facts/s, peak RSS, database size and the
 * p50/p95 of the facts, compare and region queries on the result; a CPU-only
 * check of how much a second thread gives on this machine; and the peak RSS of
 * extracting a 50 MB text file and a 300-page PDF. Not a test: it reports.
 *
 * After the first SQLite ingest, the whole long table is exported as CSV, XLSX
 * and Parquet, and the wide panel as XLSX, each with its peak RSS.
 *
 *   node dist/bench/national.js [--docs N] [--seed N] [--workers N[,N…]]
 *        [--dir DIR] [--skip-pg] [--skip-memory] [--queries N] [--baseline CHECKOUT]
 *
 * --baseline ingests the same corpus with an older built checkout's ingest too.
 *
 * Each ingest and each memory figure runs in a child process, so that its peak
 * RSS is its own (worker threads included).
 */
import { spawnSync } from 'node:child_process';
import { applyJitPolicy } from '../cli/jit.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { buildTextPdf } from './pdfgen.js';
import { nationalCorpus } from './national-corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const SELF = fileURLToPath(import.meta.url);
const out = (s: string): void => void process.stdout.write(`${s}\n`);

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 50);

// ------------------------------------------------------------ CPU-only check

const SPIN = `
const { parentPort, workerData } = require('node:worker_threads');
let x = 1;
const t = performance.now();
for (let i = 0; i < workerData; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
parentPort.postMessage({ ms: performance.now() - t, x });
`;

function spin(threads: number, iterations: number): Promise<number> {
  const t = performance.now();
  return Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(SPIN, { eval: true, workerData: iterations });
          w.once('message', () => void w.terminate().then(() => resolve()));
          w.once('error', reject);
        }),
    ),
  ).then(() => performance.now() - t);
}

/** Throughput of 2 threads over 1 on pure CPU work (2.0 = a full second core), median of rounds. */
export async function cpuCheck(rounds = 3, iterations = 4e8): Promise<{ one: number; two: number; factor: number }> {
  const ones: number[] = [];
  const twos: number[] = [];
  await spin(1, 1e7); // warm-up
  for (let r = 0; r < rounds; r++) {
    ones.push(await spin(1, iterations));
    twos.push(await spin(2, iterations));
  }
  const one = median(ones);
  const two = median(twos);
  return { one, two, factor: (2 * one) / two };
}

// ------------------------------------------------------------ child processes

interface ChildResult {
  [key: string]: unknown;
  maxRssMB: number;
}

function child(args: string[]): ChildResult {
  const r = spawnSync(process.execPath, [SELF, '--child', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as ChildResult;
}

const maxRssMB = (): number => process.resourceUsage().maxRSS / 1024;

function dbBytes(db: string): number {
  let n = 0;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) n += statSync(db + suffix).size;
  return n;
}

async function childIngest(db: string, dir: string, workers: number, queries: number, baseline?: string): Promise<void> {
  // --baseline: the ingest of another built checkout (its own extractor, store and schema)
  const from = (m: string) => (baseline ? pathToFileURL(join(baseline, 'dist', m)).href : `../${m}`);
  const { openStore } = (await import(from('store/open.js'))) as typeof import('../store/open.js');
  const { ingest } = (await import(from('store/ingest.js'))) as typeof import('../store/ingest.js');
  const { syncGazetteer } = (await import(from('store/regions.js'))) as typeof import('../store/regions.js');
  const store = await openStore(db);
  let result: Record<string, unknown>;
  try {
    await syncGazetteer(store); // not part of the timed ingest
    const s = await ingest(store, [dir], workers < 0 ? {} : { workers });
    const ingestRss = maxRssMB();
    const q = queries > 0 ? await queryLatency(store, queries) : {};
    result = {
      seconds: s.seconds,
      stored: s.inserted + s.reextracted + s.replaced,
      unchanged: s.unchanged,
      failed: s.failed.length,
      firstFailure: s.failed[0] ?? null,
      facts: s.facts,
      workers: s.workers,
      maxRssMB: ingestRss,
      dbBytes: db.startsWith('postgres') ? await postgresSize(store) : null,
      queries: q,
    };
  } finally {
    await store.close();
  }
  // SQLite: the file once closed (the last connection checkpoints the WAL into it)
  result.dbBytes ??= dbBytes(db);
  process.stdout.write(JSON.stringify(result) + '\n');
}

async function postgresSize(store: unknown): Promise<number | null> {
  const s = store as { driver?: { get?: (sql: string, p: unknown[]) => Promise<{ n: string } | undefined> } };
  try {
    const row = await s.driver?.get?.('SELECT pg_database_size(current_database()) AS n', []);
    return row ? Number(row.n) : null;
  } catch {
    return null;
  }
}

type Store = import('../store/types.js').Store;

async function queryLatency(store: Store, iterations: number): Promise<Record<string, { p50: number; p95: number; rows: number }>> {
  const { createApp } = await import('../server/app.js');
  const app = createApp({ store, log: () => {} });
  const provinces = (await store.regions({ level: 'province' })).filter((p) => !/^(71|81|82)/.test(p.code)).map((p) => p.code);
  const prefectures = (await store.regions({ level: 'prefecture' })).map((p) => p.code);
  const counties = (await store.regions({ level: 'county' })).map((p) => p.code);
  const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length]!;
  const sets: Record<string, string[]> = {
    facts: Array.from({ length: 50 }, (_, i) => `/api/facts?region=${pick(prefectures, i)}&indicator=${i % 2 ? 'gdp' : 'fai'}&year=2024&limit=100`),
    compare: Array.from(
      { length: 50 },
      (_, i) => `/api/compare?indicator=${i % 2 ? 'gdp' : 'retail_sales'}&measure=growth&period=2024&status=actual&within=${pick(provinces, i)}&level=county`,
    ),
    region: Array.from({ length: 50 }, (_, i) => `/api/regions/${i % 3 === 0 ? pick(provinces, i) : i % 3 === 1 ? pick(prefectures, i) : pick(counties, i)}`),
  };
  const result: Record<string, { p50: number; p95: number; rows: number }> = {};
  for (const [name, paths] of Object.entries(sets)) {
    let rows = 0;
    for (const p of paths) {
      const res = await app.request(p);
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { items?: unknown[]; rows?: unknown[]; headlines?: unknown[] };
      rows += (body.items ?? body.rows ?? body.headlines ?? []).length;
    }
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const res = await app.request(paths[i % paths.length]!);
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    result[name] = { p50: percentile(times, 50), p95: percentile(times, 95), rows: rows / paths.length };
  }
  return result;
}

async function childExtract(file: string): Promise<void> {
  const { readSource } = await import('../readers/index.js');
  const { extractSource } = await import('../extract.js');
  const t = performance.now();
  const source = await readSource(file);
  const read = performance.now() - t;
  const ex = extractSource(source);
  process.stdout.write(
    JSON.stringify({ seconds: (performance.now() - t) / 1000, readSeconds: read / 1000, chars: source.text.length, facts: ex.facts.length, maxRssMB: maxRssMB() }) + '\n',
  );
}

/** `zhibiao export` of the whole long table (or the wide panel) from `db` into `file`: seconds, size and peak RSS. */
async function childExport(db: string, format: 'csv' | 'xlsx' | 'parquet', wide: boolean, file: string): Promise<void> {
  const { openStore } = await import('../store/open.js');
  const { exportCommand } = await import('../cli/store-output.js');
  const { indicatorName } = await import('../store/catalog.js');
  const store = await openStore(db, { mustExist: true });
  const t = performance.now();
  try {
    await exportCommand(store, {}, { format, wide, out: file, bom: false, statuses: undefined }, indicatorName);
  } finally {
    await store.close();
  }
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - t) / 1000, bytes: statSync(file).size, maxRssMB: maxRssMB() }) + '\n');
}

// ------------------------------------------------------------ memory inputs

/** A ~50 MB UTF-8 text: the dev documents, repeated, with their figures left as they are. */
function bigText(path: string, targetBytes: number): number {
  const dev = join(SHARED, 'corpus', 'dev');
  const parts = readdirSync(dev)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(join(dev, n), 'utf8'));
  const chunks: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const p = parts[i % parts.length]!;
    chunks.push(p, '\n\n');
    bytes += Buffer.byteLength(p) + 2;
  }
  writeFileSync(path, chunks.join(''));
  return statSync(path).size;
}

/** A 300-page PDF of dev-document text (non-embedded Adobe-GB1 font, as government PDFs often are). */
function bigPdf(path: string, pages: number): number {
  const dev = join(SHARED, 'corpus', 'dev');
  const lines = readdirSync(dev)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .flatMap((n) => readFileSync(join(dev, n), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
  writeFileSync(path, buildTextPdf(lines, pages));
  return statSync(path).size;
}

// ------------------------------------------------------------ main

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function printIngest(label: string, r: ChildResult, files: number, bytes: number): void {
  const seconds = Number(r.seconds);
  const stored = Number(r.stored);
  out(
    `  ${label}: ${stored}/${files} docs in ${seconds.toFixed(1)} s = ${(stored / seconds).toFixed(1)} docs/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ` +
      `${(Number(r.facts) / seconds).toFixed(0)} facts/s (${r.facts} facts), ${r.workers} worker(s), peak RSS ${r.maxRssMB.toFixed(0)} MB, database ${mb(Number(r.dbBytes))}` +
      (Number(r.failed) ? `, ${r.failed} failed (first: ${JSON.stringify(r.firstFailure)})` : '') +
      (Number(r.unchanged) ? `, ${r.unchanged} duplicates` : ''),
  );
  const q = r.queries as Record<string, { p50: number; p95: number; rows: number }>;
  for (const [name, v] of Object.entries(q ?? {})) {
    out(`    ${name.padEnd(8)} p50 ${v.p50.toFixed(1).padStart(7)} ms   p95 ${v.p95.toFixed(1).padStart(7)} ms   ${v.rows.toFixed(0)} rows/answer`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, mode, ...rest] = argv;
    // the ingest child stands for `zhibiao ingest`: the same JIT setting as the command line
    if (mode === 'ingest') {
      applyJitPolicy();
      return childIngest(rest[0]!, rest[1]!, Number(rest[2]), Number(rest[3]), rest[4]);
    }
    if (mode === 'extract') return childExtract(rest[0]!);
    if (mode === 'export') return childExport(rest[0]!, rest[1] as 'csv' | 'xlsx' | 'parquet', rest[2] === 'wide', rest[3]!);
    throw new Error(`unknown child mode ${mode}`);
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string', default: '6000' },
      seed: { type: 'string', default: '20241231' },
      workers: { type: 'string' },
      dir: { type: 'string', default: join(tmpdir(), 'zhibiao-national') },
      queries: { type: 'string', default: '200' },
      'skip-pg': { type: 'boolean', default: false },
      'skip-memory': { type: 'boolean', default: false },
      'skip-cpu': { type: 'boolean', default: false },
      baseline: { type: 'string' },
    },
  });
  if (!existsSync(SHARED)) {
    out('bench:national: ../shared not found; nothing to generate the corpus from');
    return;
  }
  const cores = availableParallelism();
  out(`bench:national on ${cores} core(s), Node ${process.version}`);

  if (!values['skip-cpu']) {
    const c = await cpuCheck();
    out(
      `CPU-only check (same spin loop on 1 thread, then on 2 at once; median of 3): 1 thread ${c.one.toFixed(0)} ms, 2 threads ${c.two.toFixed(0)} ms` +
        ` -> 2 threads give ${c.factor.toFixed(2)}x the throughput of 1 (2.00 = a whole second core)`,
    );
  }

  const corpus = await nationalCorpus({
    sources: ['dev', 'seeds', 'raw'].map((d) => join(SHARED, 'corpus', d)),
    dir: values.dir!,
    docs: Number(values.docs),
    seed: Number(values.seed),
  });
  out(
    `corpus: ${corpus.files} documents, ${mb(corpus.bytes)}, ${corpus.provinces} provinces, from ${corpus.templates} templates` +
      (corpus.seconds ? `, generated in ${corpus.seconds.toFixed(1)} s` : ', reused') +
      ` (${corpus.dir}; seeded, deterministic)`,
  );

  const workerList = (values.workers ?? '').split(',').filter(Boolean).map(Number);
  const runs = workerList.length ? workerList : [-1];
  const work = mkdtempSync(join(tmpdir(), 'zhibiao-national-db-'));
  try {
    out('ingest into a fresh SQLite database (wall time of ingest(); queries through the API in-process):');
    for (const w of runs) {
      const db = join(work, `national-${w}.db`);
      const r = child(['ingest', db, corpus.dir, String(w < 0 ? defaultWorkersOf() : w), values.queries!]);
      printIngest(`SQLite, ${w < 0 ? 'default' : w} workers`, r, corpus.files, corpus.bytes);
      if (w === runs[0] && !values['skip-memory']) {
        // exports stream the long table row by row: peak RSS should not grow with the facts
        out(`  exports of all ${r.facts} facts from it (a child process each; peak RSS of that process):`);
        for (const [format, wide] of [['csv', false], ['xlsx', false], ['parquet', false], ['xlsx', true]] as const) {
          const file = join(work, `export.${format}`);
          const e = child(['export', db, format, wide ? 'wide' : 'long', file]);
          out(`    ${wide ? 'wide panel' : 'long table'} ${format.padEnd(7)}: ${Number(e.seconds).toFixed(1)} s, ${mb(Number(e.bytes))}, peak RSS ${e.maxRssMB.toFixed(0)} MB`);
          rmSync(file, { force: true });
          rmSync(file.replace(/\.[a-z]+$/, '.dictionary.csv'), { force: true });
        }
      }
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }
    if (values.baseline) {
      // the same corpus through an older build's ingest (its default workers), for before/after from one run
      const db = join(work, 'national-baseline.db');
      const r = child(['ingest', db, corpus.dir, '-1', '0', values.baseline]);
      printIngest(`SQLite, baseline ${values.baseline}`, r, corpus.files, corpus.bytes);
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }

    if (!values['skip-pg']) {
      const { findPostgresBin, startCluster } = await import('../store/pg-cluster.js');
      if (!findPostgresBin()) out('PostgreSQL: skipped (no binaries; apt-get install postgresql)');
      else {
        const cluster = await startCluster();
        try {
          const url = await cluster.createDatabase('national');
          const r = child(['ingest', url, corpus.dir, String(runs[0]! < 0 ? defaultWorkersOf() : runs[0]), values.queries!]);
          printIngest('PostgreSQL', r, corpus.files, corpus.bytes);
        } finally {
          await cluster.stop();
        }
      }
    }

    if (!values['skip-memory']) {
      out('memory bounds (extraction in a child process; peak RSS of that process):');
      const txt = join(work, 'big.txt');
      const txtBytes = bigText(txt, 50e6);
      const t = child(['extract', txt]);
      out(`  ${mb(txtBytes)} text: ${Number(t.seconds).toFixed(1)} s, ${t.facts} facts, peak RSS ${t.maxRssMB.toFixed(0)} MB`);
      rmSync(txt, { force: true });
      const pdf = join(work, 'big.pdf');
      const pdfBytes = bigPdf(pdf, 300);
      const p = child(['extract', pdf]);
      out(
        `  300-page PDF (${mb(pdfBytes)}, ${p.chars} characters): ${Number(p.seconds).toFixed(1)} s (read ${Number(p.readSeconds).toFixed(1)} s), ${p.facts} facts, peak RSS ${p.maxRssMB.toFixed(0)} MB`,
      );
      rmSync(pdf, { force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The worker count `zhibiao ingest` uses when none is given. */
function defaultWorkersOf(): number {
  return Number(spawnSync(process.execPath, ['--input-type=module', '-e', `import('${new URL('../store/pool.js', import.meta.url).href}').then((m) => console.log(m.defaultWorkers()))`], { encoding: 'utf8' }).stdout.trim());
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:national failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
