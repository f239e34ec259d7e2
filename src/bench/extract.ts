/**
 * `npm run bench`: extraction throughput over the dev corpus in one process,
 * against a floor measured in the same run on the same files (read + decode +
 * one regular-expression pass). Prints MB/s, documents/s and the ratio.
 * Not a test: it never fails on speed, it reports.
 *
 * Then, as whole processes (wall time, interleaved, medians): the cold start of
 * `zhibiao extract` on one small text file, and `zhibiao extract DIR` against
 * the floor run as a process of its own (dist/bench/floor.js).
 *
 *   node dist/bench/extract.js [DIR] [--rounds N] [--cold N] [--bin PATH/TO/zhibiao.js]
 *        [--baseline PATH/TO/other/zhibiao.js] [--no-process]
 *
 * --bin measures another build's command line instead of this one; --baseline
 * measures a second one (e.g. a checkout of main) in the same interleaved loops
 * against the same floor, for before/after figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** CPU time (user + system) of this process, ms: less sensitive to a busy neighbour than wall time. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall time of a child process, ms (its output is discarded). */
function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
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
  const valued = new Set(['--rounds', '--cold', '--bin', '--baseline']);
  const dir = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? '')) ?? (shared ? join(shared, 'corpus', 'dev') : null);
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
  const floorCpu: number[] = [];
  const fullCpu: number[] = [];
  let facts = 0;
  for (let r = 0; r < rounds; r++) {
    let c = cpuMs();
    floorTimes.push((await time(() => floorPass(files), 1)).ms);
    floorCpu.push(cpuMs() - c);
    c = cpuMs();
    const f = await time(() => fullPass(files), 1);
    fullCpu.push(cpuMs() - c);
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
  console.log(
    `ratio in CPU time (user + system of this process): ${(median(fullCpu) / median(floorCpu)).toFixed(2)}x  (floor ${median(floorCpu).toFixed(1)} ms, extract ${median(fullCpu).toFixed(1)} ms)`,
  );
  console.log(`per document: ${(full.ms / files.length).toFixed(2)} ms`);
  if (args.includes('--no-process')) return 0;

  // whole processes: cold start and the corpus, each against its floor, interleaved
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bi = args.indexOf('--bin');
  const bin = bi >= 0 && args[bi + 1] ? args[bi + 1]! : join(root, 'bin', 'zhibiao.js');
  const floorJs = fileURLToPath(new URL('./floor.js', import.meta.url));
  const ci = args.indexOf('--cold');
  const coldRounds = ci >= 0 ? Number(args[ci + 1]) || 11 : 11;
  const small = [...files].sort((a, b) => statSync(a).size - statSync(b).size).find((f) => statSync(f).size >= 4000) ?? files[0]!;
  // --baseline: another build's command line measured in the same loops (before/after)
  const li = args.indexOf('--baseline');
  const baseline = li >= 0 && args[li + 1] ? args[li + 1]! : undefined;
  const bins = baseline ? [bin, baseline] : [bin];
  const label = (b: string) => (b === bin ? 'this build' : `baseline ${b}`);
  const bare: number[] = [];
  const cold = bins.map(() => [] as number[]);
  for (const b of bins) wall([b, 'extract', small]); // disk cache
  for (let r = 0; r < coldRounds; r++) {
    bare.push(wall(['-e', '0']));
    bins.forEach((b, k) => cold[k]!.push(wall([b, 'extract', small])));
  }
  bins.forEach((b, k) =>
    console.log(
      `cold start (${label(b)}): zhibiao extract ${small.replace(/^.*\//, '')} (${(statSync(small).size / 1000).toFixed(1)} KB): median ${median(cold[k]!).toFixed(0)} ms wall over ${coldRounds} runs` +
        ` (bare node -e 0: ${median(bare).toFixed(0)} ms)   (target: <= 200 ms)`,
    ),
  );
  const procRounds = Math.max(3, Math.min(rounds, 5));
  const pFloor: number[] = [];
  const pFull = bins.map(() => [] as number[]);
  for (let r = 0; r < procRounds; r++) {
    pFloor.push(wall([floorJs, ...files]));
    bins.forEach((b, k) => pFull[k]!.push(wall([b, 'extract', ...files, '--format', 'jsonl'])));
  }
  bins.forEach((b, k) =>
    console.log(
      `whole process (${label(b)}): zhibiao extract of the ${files.length} documents ${median(pFull[k]!).toFixed(0)} ms, floor process ${median(pFloor).toFixed(0)} ms,` +
        ` ratio ${(median(pFull[k]!) / median(pFloor)).toFixed(2)}x  (median of ${procRounds}; target: <= 6x)`,
    ),
  );
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
