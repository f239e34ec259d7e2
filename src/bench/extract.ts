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
 *        [--baseline CHECKOUT] [--no-process]
 *
 * --bin measures another build's command line instead of this one; --baseline
 * measures a second build (a built checkout of an older commit: its dist/ and
 * bin/zhibiao.js) in the same interleaved loops against the same floor, in
 * process and as whole processes, for before/after figures from one run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedDir } from '../eval/shared.js';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';

type Reader = (path: string) => Promise<{ text: string }>;
type Extractor = (source: never) => { facts: unknown[] };
interface Build {
  label: string;
  read: Reader;
  extract: Extractor;
  bin: string;
}

/** Another build's reader and extractor, loaded into this process beside this one's. */
async function loadBuild(root: string): Promise<Build> {
  const dist = join(root, 'dist');
  const bin = join(root, 'bin', 'zhibiao.js');
  if (!existsSync(join(dist, 'extract.js')) || !existsSync(bin)) throw new Error(`${root} is not a built checkout (no dist/extract.js or bin/zhibiao.js; run npm run build there)`);
  const ex = (await import(pathToFileURL(join(dist, 'extract.js')).href)) as { extractSource: Extractor };
  const rd = (await import(pathToFileURL(join(dist, 'readers', 'index.js')).href)) as { readSource: Reader };
  return { label: `baseline ${root}`, read: rd.readSource, extract: ex.extractSource, bin };
}

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

async function fullPass(files: string[], build: Pick<Build, 'read' | 'extract'>): Promise<number> {
  let n = 0;
  for (const f of files) {
    const s = await build.read(f);
    n += build.extract(s as never).facts.length;
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
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bi = args.indexOf('--bin');
  const bin = bi >= 0 && args[bi + 1] ? args[bi + 1]! : join(root, 'bin', 'zhibiao.js');
  const self: Build = { label: 'this build', read: readSource, extract: extractSource as unknown as Extractor, bin };
  // --baseline: a built checkout (or, as before, its bin/zhibiao.js) measured in the same loops
  const li = args.indexOf('--baseline');
  const baseArg = li >= 0 && args[li + 1] ? resolve(args[li + 1]!) : undefined;
  const builds = [self];
  if (baseArg) builds.push(await loadBuild(baseArg.endsWith('.js') ? dirname(dirname(baseArg)) : baseArg));
  // warm-up: load lexicons, JIT every path
  await floorPass(files);
  for (const b of builds) await fullPass(files, b);
  // interleave them so that a busy neighbour slows all alike
  const floorTimes: number[] = [];
  const floorCpu: number[] = [];
  const fullTimes = builds.map(() => [] as number[]);
  const fullCpu = builds.map(() => [] as number[]);
  const facts = builds.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    let c = cpuMs();
    floorTimes.push((await time(() => floorPass(files), 1)).ms);
    floorCpu.push(cpuMs() - c);
    for (const [k, b] of builds.entries()) {
      c = cpuMs();
      const f = await time(() => fullPass(files, b), 1);
      fullCpu[k]!.push(cpuMs() - c);
      fullTimes[k]!.push(f.ms);
      facts[k] = f.out;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const floor = { ms: median(floorTimes) };
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(2)} MB/s, ${(files.length / (ms / 1000)).toFixed(0)} docs/s`;
  console.log(`bench: ${files.length} documents, ${mb.toFixed(2)} MB, median of ${rounds} rounds, one core`);
  console.log(`floor (read + decode + one regex pass): ${floor.ms.toFixed(1)} ms  ${rate(floor.ms)}`);
  for (const [k, b] of builds.entries()) {
    const ms = median(fullTimes[k]!);
    console.log(`extract (read + full pipeline), ${b.label}: ${ms.toFixed(1)} ms  ${rate(ms)}  ${facts[k]} facts`);
    console.log(
      `  ratio extract/floor: ${(ms / floor.ms).toFixed(2)}x (target: <= 5x); in CPU time (user + system of this process): ${(median(fullCpu[k]!) / median(floorCpu)).toFixed(2)}x` +
        ` (floor ${median(floorCpu).toFixed(1)} ms, extract ${median(fullCpu[k]!).toFixed(1)} ms); ${(ms / files.length).toFixed(2)} ms per document`,
    );
  }
  if (args.includes('--no-process')) return 0;

  // whole processes: cold start and the corpus, each against its floor, interleaved
  const floorJs = fileURLToPath(new URL('./floor.js', import.meta.url));
  const ci = args.indexOf('--cold');
  const coldRounds = ci >= 0 ? Number(args[ci + 1]) || 11 : 11;
  const small = [...files].sort((a, b) => statSync(a).size - statSync(b).size).find((f) => statSync(f).size >= 4000) ?? files[0]!;
  const bins = builds.map((b) => b.bin);
  const label = (b: string) => builds.find((x) => x.bin === b)!.label;
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
  // this build as it runs by default (worker threads for many files), and on one thread
  // (--workers 0), beside the baseline as it runs
  const runs: { label: string; args: string[] }[] = [
    { label: 'this build, default threads', args: [bin, 'extract', ...files, '--format', 'jsonl'] },
    { label: 'this build, --workers 0', args: [bin, 'extract', ...files, '--format', 'jsonl', '--workers', '0'] },
    ...builds.slice(1).map((b) => ({ label: b.label, args: [b.bin, 'extract', ...files, '--format', 'jsonl'] })),
  ];
  const pFloor: number[] = [];
  const pFull = runs.map(() => [] as number[]);
  for (let r = 0; r < procRounds; r++) {
    pFloor.push(wall([floorJs, ...files]));
    runs.forEach((x, k) => pFull[k]!.push(wall(x.args)));
  }
  runs.forEach((x, k) =>
    console.log(
      `whole process (${x.label}): zhibiao extract of the ${files.length} documents ${median(pFull[k]!).toFixed(0)} ms, floor process ${median(pFloor).toFixed(0)} ms,` +
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
