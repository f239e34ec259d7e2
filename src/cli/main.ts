/**
 * The `zhibiao` command line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';
import { MAX_TEXT_ENV, parseSize } from '../readers/limits.js';
import { InputError, type Extraction, type SourceText } from '../types.js';
import { expandPaths } from './files.js';
import { jsonl, table, type OutputFormat } from './format.js';
import { cliFlags, printable, reasonLine } from './printable.js';

export { applyJitPolicy } from './jit.js';

/** The version in package.json (beside dist/ and src/). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** One line (a refusal, or an internal error without its stack trace unless --debug). */
function describe(err: unknown): string {
  if (err instanceof InputError) return failureLine('input', err.reason);
  if (err instanceof Error) return failureLine('internal', `${err.message}${err.stack ? `\n${err.stack}` : ''}`);
  return printable(String(err));
}

/** A refusal as it is; an internal failure by its first line (the rest with --debug). */
function failureLine(kind: 'input' | 'internal', reason: string): string {
  return kind === 'input' ? printable(reason) : printable(reasonLine(`unexpected error: ${reason}`));
}

interface ExtractOptions {
  format: OutputFormat;
  explain?: boolean;
  followLinks?: boolean;
  workers?: number;
}

/**
 * Files from which worker threads are started on a machine where they pay. A
 * worker loads its own modules, lexicons and gazetteer and warms its own JIT
 * (about 0.15 s of one core) while this thread is already extracting.
 */
const PARALLEL_FROM = 24;

/**
 * Cores from which `extract` starts worker threads by default. Measured on the
 * 2-core VM (wall, interleaved): 126 dev documents 0.90–1.19 s on this thread
 * alone vs 1.15–1.58 s with one worker beside it; 630 documents 2.43–2.65 s vs
 * 3.06–3.48 s (one worker) and 3.30–3.75 s (two). Two processes there give only
 * 1.6x the throughput of one, and threads of one process less than that: V8's
 * background compiler and collector already keep the second core half busy.
 */
const PARALLEL_CORES = 4;

/**
 * Worker threads for `extract` when --workers is not given: none on a machine of
 * fewer than PARALLEL_CORES cores or for a few files, else one fewer than the
 * cores (this thread extracts too).
 */
export function autoWorkers(files: number, cores: number): number {
  return files >= PARALLEL_FROM && cores >= PARALLEL_CORES ? cores - 1 : 0;
}

/** --workers: a whole number of threads, 0 (this thread) to 256. */
function workerCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 256) throw new InvalidArgumentError(`"${value}" is not a number of threads from 0 to 256`);
  return Number(value);
}

type Outcome = { ok: true; extraction: Extraction } | { ok: false; reason: string };

/** Files read ahead of the one being extracted on this thread (each at most --max-text). */
const READ_AHEAD = 4;

/** Tasks in flight per worker: it need not wait for this thread to send the next. */
const WORKER_DEPTH = 2;

/** How far past the file being printed files are handed out (bounds results held for printing). */
const HANDOUT_WINDOW = 64;

type Read = { source: SourceText } | { error: unknown };
const readOne = (file: string): Promise<Read> => readSource(file).then((source) => ({ source }), (error: unknown) => ({ error }));

function extractRead(r: Read): Outcome {
  try {
    if ('error' in r) throw r.error;
    return { ok: true, extraction: extractSource(r.source) };
  } catch (err) {
    return { ok: false, reason: describe(err) };
  }
}

/** This thread only, reading a few files ahead. */
async function* extractHere(files: string[]): AsyncGenerator<Outcome> {
  // A read is several steps (open, stat, read, close), and each step only moves on when
  // this thread is free between two extractions: a single file read ahead was still not
  // ready when its turn came (12% of a 126-file run was idle).
  const ahead: Promise<Read>[] = [];
  for (let i = 0; i < files.length; i++) {
    while (ahead.length < READ_AHEAD && i + ahead.length < files.length) ahead.push(readOne(files[i + ahead.length]!));
    yield extractRead(await ahead.shift()!);
  }
}

interface Slot {
  outcome?: Outcome;
  pending?: Promise<Outcome>;
}

/**
 * Worker threads and this thread together. Files are handed out in input order to
 * whoever is free: a worker whenever it holds fewer than WORKER_DEPTH files, this
 * thread whenever the next file to print is not done yet. Results are printed in
 * input order; at most HANDOUT_WINDOW files past the one being printed are out.
 */
async function* extractShared(files: string[], workers: number): AsyncGenerator<Outcome> {
  const { WorkerPool } = await import('../store/pool.js');
  const pool = new WorkerPool(workers, { depth: WORKER_DEPTH });
  const slots: (Slot | undefined)[] = [];
  let next = 0; // the first file not handed out
  let out = 0; // the next file to print
  let inPool = 0;
  const feed = (): void => {
    while (inPool < workers * WORKER_DEPTH && next < files.length && next - out < HANDOUT_WINDOW) {
      const slot: Slot = {};
      slots[next] = slot;
      inPool++;
      slot.pending = pool.extract(files[next++]!).then((r) => {
        inPool--;
        slot.outcome = r.ok ? r : { ok: false, reason: failureLine(r.kind, r.reason) };
        feed();
        return slot.outcome;
      });
    }
  };
  try {
    feed();
    while (out < files.length) {
      const slot = slots[out];
      if (slot && (slot.outcome || next >= files.length || next - out >= HANDOUT_WINDOW)) {
        const outcome = slot.outcome ?? (await slot.pending!);
        slots[out++] = undefined;
        feed();
        yield outcome;
        continue;
      }
      // the next file to print is with a worker (or not handed out): extract one here meanwhile
      const i = next++;
      const mine: Slot = {};
      slots[i] = mine;
      mine.outcome = extractRead(await readOne(files[i]!));
      feed();
    }
  } finally {
    await pool.close();
  }
}

/** Extractions of `files` in input order: on this thread alone, or with `workers` worker threads. */
function extractAll(files: string[], workers: number): AsyncGenerator<Outcome> {
  return workers <= 0 ? extractHere(files) : extractShared(files, workers);
}

async function extractCommand(paths: string[], opts: ExtractOptions): Promise<number> {
  const { files, errors, skipped } = expandPaths(paths, { followLinks: opts.followLinks ?? false });
  let failed = errors.length;
  for (const e of errors) process.stderr.write(`zhibiao: ${printable(e.path)}: ${printable(e.reason)}\n`);
  for (const s of skipped) process.stderr.write(`zhibiao: ${printable(s.path)}: note: ${printable(s.reason)}\n`);
  const all: Extraction[] = [];
  const workers = opts.workers ?? autoWorkers(files.length, availableParallelism());
  let i = 0;
  for await (const r of extractAll(files, workers)) {
    const file = files[i++]!;
    if (!r.ok) {
      failed++;
      process.stderr.write(`zhibiao: ${printable(file)}: ${r.reason}\n`);
      continue;
    }
    const ex = r.extraction;
    for (const d of ex.diagnostics) {
      if (opts.explain ? true : d.rule.startsWith('document/')) process.stderr.write(`zhibiao: ${printable(file)}: note: ${printable(d.message)} [${d.rule}]\n`);
    }
    if (opts.format === 'jsonl') process.stdout.write(jsonl(ex));
    else if (opts.format === 'table') process.stdout.write(table(ex, opts.explain ?? false));
    else all.push(ex);
  }
  if (opts.format === 'json') {
    const out = all.map((ex) => ({ ...ex.document, facts: ex.facts }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  }
  if (failed > 0) {
    process.stderr.write(`zhibiao: ${failed} of ${files.length + errors.length} file(s) could not be read\n`);
    return 1;
  }
  return 0;
}

async function textCommand(file: string): Promise<number> {
  try {
    const source = await readSource(file);
    process.stdout.write(source.text);
    return 0;
  } catch (err) {
    process.stderr.write(`zhibiao: ${printable(file)}: ${describe(err)}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('zhibiao')
    .description('Chinese local-government economic documents in, source-linked indicator facts out.')
    .version(packageVersion(), '-V, --version', 'print the zhibiao version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .option('--max-text <size>', `most text one document may decode or inflate to, e.g. 20MB (default: $${MAX_TEXT_ENV}, else 50MB)`, (v: string) => {
      const n = parseSize(v);
      if (n === null) throw new InvalidArgumentError(`"${v}" is not a size; write e.g. 50MB, 512KB or a number of bytes`);
      return n;
    })
    .option('--debug', 'print stack traces of internal errors')
    .hook('preAction', (cmd) => {
      const o = cmd.opts<{ maxText?: number; debug?: boolean }>();
      // the environment reaches the extractor's worker threads too
      if (o.maxText !== undefined) process.env[MAX_TEXT_ENV] = String(o.maxText);
      cliFlags.debug = o.debug ?? false;
    });
  program
    .command('extract')
    .description('extract indicator facts from documents (files or folders)')
    .argument('<paths...>', 'files or folders (.txt .html .pdf .docx)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['jsonl', 'json', 'table']).default('jsonl'))
    .option('--explain', 'show the rule that produced each fact, and notes')
    .option('--follow-links', 'follow symbolic links that lead out of the given folders')
    .option('-w, --workers <n>', `worker threads extracting beside this one (default: one fewer than the cores, from ${PARALLEL_FROM} files on ${PARALLEL_CORES} or more cores; 0 = this thread only)`, workerCount)
    .action(async (paths: string[], opts: ExtractOptions) => {
      code = await extractCommand(paths, opts);
    });
  program
    .command('indicators')
    .description('list the indicator ids with their Chinese names and usual units (what -i accepts)')
    .action(async () => {
      const { indicatorsTable } = await import('./indicators.js');
      process.stdout.write(indicatorsTable());
    });
  program
    .command('text')
    .description('print the decoded text that fact spans point into')
    .argument('<file>')
    .action(async (file: string) => {
      code = await textCommand(file);
    });
  // The database and server commands (better-sqlite3, pg, hono, exporters) and the
  // analysis commands load only when one of them, or the full help, is asked for.
  if (argv[0] !== 'extract' && argv[0] !== 'text') {
    const { registerStoreCommands } = await import('./store-commands.js');
    registerStoreCommands(program);
    const { registerAnalysisCommands } = await import('./analysis-commands.js');
    registerAnalysisCommands(program);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // a command's own failure (cmd.error) keeps its exit code; bad usage is 2
      if (err.exitCode === 0) return 0;
      return err.code === 'commander.error' ? err.exitCode : 2;
    }
    throw err;
  }
  return code;
}
