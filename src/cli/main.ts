/**
 * The `zhibiao` command line.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';
import { MAX_TEXT_ENV, parseSize } from '../readers/limits.js';
import { InputError, type Extraction, type SourceText } from '../types.js';
import { expandPaths } from './files.js';
import { jsonl, table, type OutputFormat } from './format.js';
import { cliFlags, printable, reasonLine } from './printable.js';

/** The version in package.json (beside dist/ and src/). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** One line (a refusal, or an internal error without its stack trace unless --debug). */
function describe(err: unknown): string {
  if (err instanceof InputError) return printable(err.reason);
  if (err instanceof Error) return printable(reasonLine(`unexpected error: ${err.message}${err.stack ? `\n${err.stack}` : ''}`));
  return printable(String(err));
}

async function extractCommand(paths: string[], opts: { format: OutputFormat; explain?: boolean; followLinks?: boolean }): Promise<number> {
  const { files, errors, skipped } = expandPaths(paths, { followLinks: opts.followLinks ?? false });
  let failed = errors.length;
  for (const e of errors) process.stderr.write(`zhibiao: ${printable(e.path)}: ${printable(e.reason)}\n`);
  for (const s of skipped) process.stderr.write(`zhibiao: ${printable(s.path)}: note: ${printable(s.reason)}\n`);
  const all: Extraction[] = [];
  // read the next file while this one is extracted (the read waits on the disk and the thread pool)
  type Read = { source: SourceText } | { error: unknown };
  const read = (i: number): Promise<Read> | null =>
    i < files.length ? readSource(files[i]!).then((source) => ({ source }), (error: unknown) => ({ error })) : null;
  let next = read(0);
  for (const [i, file] of files.entries()) {
    let ex: Extraction;
    try {
      const r = (await next) as Read;
      next = read(i + 1);
      if ('error' in r) throw r.error;
      ex = extractSource(r.source);
    } catch (err) {
      failed++;
      process.stderr.write(`zhibiao: ${printable(file)}: ${describe(err)}\n`);
      continue;
    }
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
    .action(async (paths: string[], opts: { format: OutputFormat; explain?: boolean; followLinks?: boolean }) => {
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
