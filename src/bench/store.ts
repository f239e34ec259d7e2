/**
 * Store benchmark (npm run bench:store):
 *  1. ingest throughput on ../shared/corpus/dev (documents/s) with 1 and 2 workers;
 *  2. API latency (p50/p95, in-process app.request) of a filtered facts query
 *     and a compare query on a synthetic database of 1,000,000 facts.
 * Everything runs on this machine; loops are bounded.
 *
 * Options: --facts N (default 1000000), --iterations N (default 200),
 *          --corpus DIR (default ../shared/corpus/dev), --skip-ingest.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expandPaths } from '../cli/files.js';
import { indicatorCatalog } from '../store/catalog.js';
import { ingest } from '../store/ingest.js';
import { syncGazetteer } from '../store/regions.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { createApp } from '../server/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function benchIngest(corpus: string, workers: number): Promise<{ docs: number; unchanged: number; seconds: number; facts: number; failed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-bench-'));
  const store = openSqliteStore(join(dir, 'ingest.db'));
  try {
    await syncGazetteer(store); // not part of the timed ingest
    const s = await ingest(store, [corpus], { workers });
    return { docs: s.inserted, unchanged: s.unchanged, seconds: s.seconds, facts: s.facts, failed: s.failed.length };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MEASURES = ['level', 'growth'] as const;

/**
 * Fills a store with `total` facts: every county of the gazetteer × years 2014–2024 × indicators,
 * one synthetic document per county-year, in one transaction with prepared statements.
 */
async function synthesize(store: SqliteStore, total: number): Promise<{ documents: number; seconds: number }> {
  const started = performance.now();
  await syncGazetteer(store);
  const counties = (await store.regions({ level: 'county' })).map((r) => r);
  const indicators = [...indicatorCatalog().keys()];
  const db = store.connection;
  const insertDoc = db.prepare(
    `INSERT INTO documents (hash, path, format, encoding, title, region_code, region_name, year, kind, script, chars, bytes, text, diagnostics, extractor_version, ingested_at)
     VALUES (?, ?, 'txt', 'utf-8', NULL, ?, ?, ?, ?, 'zh-Hans', ?, ?, ?, '[]', 'synthetic', ?)`,
  );
  const insertFact = db.prepare(
    `INSERT INTO facts (document_id, region_code, region_name, indicator, measure, value, value_max, unit, scope, period, period_start, period_end, year,
       status, bound, span_start, span_end, quote, rule, extractor_version)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, 0, 10, ?, 'synthetic', 'synthetic')`,
  );
  const now = new Date().toISOString();
  const perDoc = indicators.length * MEASURES.length;
  let made = 0;
  let documents = 0;
  // a deterministic pseudo-random sequence (no Math.random: reruns give the same database)
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  db.transaction(() => {
    for (let year = 2024; year >= 2000 && made < total; year--) {
      for (const c of counties) {
        if (made >= total) break;
        const text = `${c.name}${year}年国民经济和社会发展统计公报（合成）`;
        const kind = year % 3 === 0 ? 'report' : 'bulletin';
        const doc = Number(
          insertDoc.run(`synthetic-${c.code}-${year}`, `synthetic/${year}_${c.code}.txt`, c.code, c.name, year, kind, text.length, text.length * 3, text, now).lastInsertRowid,
        );
        documents++;
        for (let k = 0; k < perDoc && made < total; k++) {
          const indicator = indicators[k % indicators.length]!;
          const measure = MEASURES[Math.floor(k / indicators.length)]!;
          const target = (k + year) % 11 === 0;
          const value = measure === 'growth' ? Math.round((rand() * 16 - 3) * 10) / 10 : Math.round(rand() * 5e10);
          insertFact.run(
            doc,
            c.code,
            c.name,
            indicator,
            measure,
            value,
            measure === 'growth' ? '%' : 'CNY',
            String(year),
            `${year}-01`,
            `${year}-12`,
            year,
            target ? 'target' : 'actual',
            target ? '>=' : '=',
            `${indicator}${measure}${value}`,
          );
          made++;
        }
      }
    }
  })();
  db.exec('ANALYZE');
  return { documents, seconds: (performance.now() - started) / 1000 };
}

interface Latency {
  p50: number;
  p95: number;
  max: number;
  /** Mean number of rows a response carried (items or rows), to show the queries were not empty. */
  rows: number;
}

async function latency(app: ReturnType<typeof createApp>, paths: readonly string[], iterations: number): Promise<Latency> {
  let rows = 0;
  for (const p of paths) {
    const res = await app.request(p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { items?: unknown[]; rows?: unknown[] };
    rows += (body.items ?? body.rows ?? []).length;
  }
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const p = paths[i % paths.length]!;
    const t = performance.now();
    const res = await app.request(p);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, rows: rows / paths.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      facts: { type: 'string', default: '1000000' },
      iterations: { type: 'string', default: '200' },
      corpus: { type: 'string', default: join(ROOT, '..', 'shared', 'corpus', 'dev') },
      'skip-ingest': { type: 'boolean', default: false },
    },
  });
  const total = Number(values.facts);
  const iterations = Math.min(10_000, Number(values.iterations));
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);

  if (!values['skip-ingest']) {
    const corpus = values.corpus!;
    if (!existsSync(corpus)) out(`ingest: skipped, no corpus at ${corpus}`);
    else {
      const n = expandPaths([corpus]).files.length;
      out(`ingest throughput on ${corpus} (${n} documents; 0 workers = extraction on the main thread):`);
      for (const workers of [0, 1, 2]) {
        const r = await benchIngest(corpus, workers);
        out(
          `  ${workers} worker(s): ${r.docs} docs stored in ${r.seconds.toFixed(2)} s = ${(r.docs / r.seconds).toFixed(1)} docs/s, ${r.facts} facts, ${r.unchanged} duplicate(s) skipped, ${r.failed} failed`,
        );
      }
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-bench-'));
  const store = openSqliteStore(join(dir, 'synthetic.db'));
  try {
    const syn = await synthesize(store, total);
    const stats = await store.stats();
    out(`synthetic database: ${stats.facts} facts, ${syn.documents} documents, built in ${syn.seconds.toFixed(1)} s`);
    const app = createApp({ store });
    const provinces = (await store.regions({ level: 'province' })).filter((p) => p.code !== '710000').map((p) => p.code);
    const prefectures = (await store.regions({ level: 'prefecture' })).map((p) => p.code);
    const years = stats.years.filter((y) => y.facts > 0).map((y) => y.year);
    const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length]!;
    const factPaths = Array.from({ length: 50 }, (_, i) =>
      `/api/facts?region=${pick(prefectures, i)}&indicator=${i % 2 ? 'gdp' : 'fai'}&year=${pick(years, i)}&status=actual&limit=100`,
    );
    const wideFactPaths = Array.from({ length: 50 }, (_, i) =>
      `/api/facts?region=${pick(provinces, i)}&indicator=gdp&measure=growth&limit=100&offset=${(i % 5) * 100}&order=value_desc`,
    );
    const comparePaths = Array.from({ length: 50 }, (_, i) =>
      `/api/compare?indicator=${i % 2 ? 'gdp' : 'retail_sales'}&measure=growth&period=${pick(years, i)}&status=actual&within=${pick(provinces, i)}&level=county`,
    );
    const peerPaths = Array.from({ length: 50 }, (_, i) =>
      `/api/compare?indicator=gdp&measure=level&period=${pick(years, i)}&status=actual&within=${pick(prefectures, i)}`,
    );
    const row = (name: string, r: Latency): boolean =>
      out(
        `  ${name.padEnd(46)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   ${r.rows.toFixed(0).padStart(4)} rows/answer`,
      );
    out(`API latency over ${iterations} requests each (target p95 < 50 ms):`);
    row('facts: prefecture + indicator + year', await latency(app, factPaths, iterations));
    row('facts: province + indicator + measure, paged', await latency(app, wideFactPaths, iterations));
    row('facts: no filter (counts all facts), paged', await latency(app, Array.from({ length: 10 }, (_, i) => `/api/facts?limit=100&offset=${i * 1000}`), iterations));
    row('compare: counties of a province', await latency(app, comparePaths, iterations));
    row('compare: counties of a prefecture', await latency(app, peerPaths, iterations));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:store failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
