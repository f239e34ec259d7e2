/**
 * Load benchmark (npm run bench:load): read throughput and latency of a
 * running `zhibiao serve` while another process ingests documents into the
 * same database, on SQLite and (when PostgreSQL is installed) on a throwaway
 * PostgreSQL cluster.
 *
 * Per backend: a database holding the corpus (../shared/corpus/seeds, else
 * examples/), the server in its own process on 127.0.0.1, then
 *   1. reads alone for --seconds;
 *   2. the same reads for --seconds while `zhibiao ingest` writes --ingest
 *      new documents in a third process.
 * Reads: C concurrent clients (--concurrency) looping over a fixed mix of API
 * calls and dashboard pages. Loopback only; every phase is bounded in time;
 * the ingest is stopped if it outlasts its phase by more than a minute.
 *
 * Options: --seconds N (8), --concurrency N (8), --ingest N (300), --backend sqlite|postgres|both (both).
 * Runs from dist/ (npm run build first): it starts bin/zhibiao.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingest } from '../store/ingest.js';
import { openStore } from '../store/open.js';
import { findPostgresBin, startCluster, type Cluster } from '../store/pg-cluster.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'zhibiao.js');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function corpus(): string {
  const seeds = join(ROOT, '..', 'shared', 'corpus', 'seeds');
  return existsSync(seeds) ? seeds : join(ROOT, 'examples');
}

/** `count` distinct documents (corpus texts, each with its own last line) for the ingest phase. */
function writeIngestFolder(dir: string, count: number): string {
  const src = corpus();
  const texts = readdirSync(src)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(src, f), 'utf8'));
  if (texts.length === 0) throw new Error(`no .txt documents in ${src}`);
  const folder = join(dir, 'incoming');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(folder, `bench${String(i).padStart(4, '0')}.txt`), `${texts[i % texts.length]}\n（压测副本 ${i}）\n`);
  return folder;
}

interface Server {
  url: string;
  child: ChildProcess;
}

function startServe(db: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 60 s: ${err}`));
    }, 60_000);
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
}

/** C clients looping over the paths until `until()` says stop or `seconds` pass. */
async function load(base: string, paths: readonly string[], concurrency: number, seconds: number, until: () => boolean = () => false): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline && !until()) {
      const path = paths[next++ % paths.length]!;
      const t = performance.now();
      try {
        const res = await fetch(base + path.slice(1));
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch (err) {
        errors++;
        if (errors === 1) process.stderr.write(`bench:load: ${path}: ${(err as Error).message}\n`);
      }
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, errors, seconds: elapsed, perSecond: times.length / elapsed, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? Number.NaN };
}

async function readPaths(db: string): Promise<string[]> {
  const store = await openStore(db);
  try {
    const docs = (await store.documents({ limit: 20 })).items;
    const counties = (await store.regions({ level: 'county', withFacts: true })).map((r) => r.code).slice(0, 10);
    const prefectures = (await store.regions({ level: 'prefecture', withFacts: true })).map((r) => r.code).slice(0, 5);
    const paths: string[] = [];
    for (let i = 0; i < 10; i++) {
      const doc = docs[i % docs.length]!;
      const county = counties[i % counties.length] ?? '431125';
      const pref = prefectures[i % prefectures.length] ?? '431100';
      paths.push(
        `/api/facts?region=${pref}&indicator=gdp&limit=100`,
        `/api/compare?indicator=gdp&within=430000&level=county`,
        `/api/documents/${doc.id}`,
        `/api/search?q=${encodeURIComponent('地区生产总值')}&limit=10`,
        `/api/regions/${county}`,
        `/api/targets?region=${pref}`,
        `/doc/${doc.id}`,
        `/region/${county}`,
      );
    }
    return paths;
  } finally {
    await store.close();
  }
}

async function benchBackend(name: string, db: string, dir: string, o: { seconds: number; concurrency: number; ingest: number }): Promise<void> {
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);
  const store = await openStore(db);
  const pre = await ingest(store, [corpus()], { workers: 2 });
  await store.close();
  out(`\n${name}: ${pre.inserted} corpus documents (${pre.facts} facts) loaded; server on 127.0.0.1; ${o.concurrency} concurrent readers`);
  const paths = await readPaths(db);
  const server = await startServe(db);
  try {
    const row = (label: string, r: LoadResult): boolean =>
      out(
        `  ${label.padEnd(28)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(0).padStart(5)} ms   ${r.requests} requests, ${r.errors} errors, ${r.seconds.toFixed(1)} s`,
      );
    await load(server.url, paths, 2, 1); // warm-up
    row('reads alone', await load(server.url, paths, o.concurrency, o.seconds));

    const folder = writeIngestFolder(dir, o.ingest);
    const t0 = performance.now();
    const writer = spawn(process.execPath, [CLI, 'ingest', folder, '--db', db, '--workers', '1', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ingestOut = '';
    writer.stdout!.on('data', (b: Buffer) => (ingestOut += b.toString()));
    let ingestDone = false;
    let ingestSeconds = 0;
    const finished = new Promise<number | null>((resolve) =>
      writer.on('exit', (code) => {
        ingestDone = true;
        ingestSeconds = (performance.now() - t0) / 1000;
        resolve(code);
      }),
    );
    const during = await load(server.url, paths, o.concurrency, o.seconds, () => ingestDone);
    row('reads during ingest', during);
    const overrun = setTimeout(() => writer.kill('SIGTERM'), 60_000);
    const code = await finished;
    clearTimeout(overrun);
    const stored = /new (\d+)/.exec(ingestOut)?.[1] ?? '?';
    out(
      `  ingest alongside: ${stored} of ${o.ingest} documents in ${ingestSeconds.toFixed(1)} s (${(Number(stored) / ingestSeconds).toFixed(1)} docs/s, 1 worker, exit ${code})${ingestDone && during.seconds < o.seconds - 0.5 ? `; the read phase ended with the ingest after ${during.seconds.toFixed(1)} s` : ''}`,
    );
  } finally {
    await stop(server.child);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '8' },
      ingest: { type: 'string', default: '300' },
      backend: { type: 'string', default: 'both' },
    },
  });
  const o = {
    seconds: Math.min(60, Math.max(1, Number(values.seconds))),
    concurrency: Math.min(64, Math.max(1, Number(values.concurrency))),
    ingest: Math.min(2000, Math.max(1, Number(values.ingest))),
  };
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first');
  const backends = values.backend === 'both' ? ['sqlite', 'postgres'] : [values.backend!];
  process.stdout.write(`bench:load: reads of the API and dashboard while a second process ingests; ${o.seconds} s per phase, corpus ${corpus()}\n`);
  for (const b of backends) {
    const dir = mkdtempSync(join(tmpdir(), `zhibiao-load-${b}-`));
    let cluster: Cluster | undefined;
    try {
      if (b === 'sqlite') await benchBackend('SQLite', join(dir, 'load.db'), dir, o);
      else if (b === 'postgres') {
        if (!findPostgresBin()) {
          process.stdout.write('\nPostgreSQL: skipped, no PostgreSQL binaries (apt-get install postgresql)\n');
          continue;
        }
        cluster = await startCluster();
        await benchBackend('PostgreSQL (throwaway cluster, fsync off)', await cluster.createDatabase('zhibiao_load'), dir, o);
      } else throw new Error(`--backend ${b}: use sqlite, postgres or both`);
    } finally {
      await cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:load failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
