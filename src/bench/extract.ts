/**
 * `npm run bench`: extraction throughput over the dev corpus in one process,
 * against a floor measured in the same run on the same files (read + decode +
 * one regular-expression pass). Prints MB/s, documents/s and the ratio.
 * Not a test: it never fails on speed, it reports.
 *
 *   node dist/bench/extract.js [DIR] [--rounds N]
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../eval/shared.js';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';

const NUMBER = /\d+(?:\.\d+)?(?:亿元|万元|%|个|家)?/gu;

async function floorPass(files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) {
    const s = await readSource(f);
    NUMBER.lastIndex = 0;
    while (NUMBER.exec(s.text)) n++;
  }
  return n;
}

async function fullPass(files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) {
    const s = await readSource(f);
    n += extractSource(s).facts.length;
  }
  return n;
}

async function time(fn: () => Promise<number>, rounds: number): Promise<{ ms: number; out: number }> {
  const times: number[] = [];
  let out = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, out };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const ri = args.indexOf('--rounds');
  const rounds = ri >= 0 ? Number(args[ri + 1]) || 7 : 7;
  const shared = sharedDir();
  const dir = args.find((a, i) => !a.startsWith('--') && (ri < 0 || i !== ri + 1)) ?? (shared ? join(shared, 'corpus', 'dev') : null);
  if (!dir) {
    console.log('bench: ../shared not found; pass a folder of documents');
    return 0;
  }
  const files = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().map((n) => join(dir, n));
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const mb = bytes / 1e6;
  // warm-up: load lexicons, JIT both paths
  await floorPass(files);
  await fullPass(files);
  // interleave the two so that a busy neighbour slows both alike
  const floorTimes: number[] = [];
  const fullTimes: number[] = [];
  let facts = 0;
  for (let r = 0; r < rounds; r++) {
    floorTimes.push((await time(() => floorPass(files), 1)).ms);
    const f = await time(() => fullPass(files), 1);
    fullTimes.push(f.ms);
    facts = f.out;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const floor = { ms: median(floorTimes) };
  const full = { ms: median(fullTimes), out: facts };
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(2)} MB/s, ${(files.length / (ms / 1000)).toFixed(0)} docs/s`;
  console.log(`bench: ${files.length} documents, ${mb.toFixed(2)} MB, median of ${rounds} rounds, one core`);
  console.log(`floor (read + decode + one regex pass): ${floor.ms.toFixed(1)} ms  ${rate(floor.ms)}`);
  console.log(`extract (read + full pipeline):          ${full.ms.toFixed(1)} ms  ${rate(full.ms)}  ${full.out} facts`);
  console.log(`ratio extract/floor: ${(full.ms / floor.ms).toFixed(2)}x   (targets: >= 5 MB/s, <= 10x the floor)`);
  console.log(`per document: ${(full.ms / files.length).toFixed(2)} ms`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
