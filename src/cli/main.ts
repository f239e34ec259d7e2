/**
 * The `zhibiao` command line.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';
import { InputError, type Extraction } from '../types.js';
import { expandPaths } from './files.js';
import { jsonl, table, type OutputFormat } from './format.js';
import { registerStoreCommands } from './store-commands.js';
import { registerAnalysisCommands } from './analysis-commands.js';

/** The version in package.json (beside dist/ and src/). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function describe(err: unknown): string {
  if (err instanceof InputError) return err.reason;
  if (err instanceof Error) return `unexpected error: ${err.message}`;
  return String(err);
}

async function extractCommand(paths: string[], opts: { format: OutputFormat; explain?: boolean }): Promise<number> {
  const { files, errors } = expandPaths(paths);
  let failed = errors.length;
  for (const e of errors) process.stderr.write(`zhibiao: ${e.path}: ${e.reason}\n`);
  const all: Extraction[] = [];
  for (const file of files) {
    let ex: Extraction;
    try {
      const source = await readSource(file);
      ex = extractSource(source);
    } catch (err) {
      failed++;
      process.stderr.write(`zhibiao: ${file}: ${describe(err)}\n`);
      continue;
    }
    for (const d of ex.diagnostics) {
      if (opts.explain ? true : d.rule.startsWith('document/')) process.stderr.write(`zhibiao: ${file}: note: ${d.message} [${d.rule}]\n`);
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
    process.stderr.write(`zhibiao: ${file}: ${describe(err)}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('zhibiao')
    .description('Chinese local-government economic documents in, source-linked indicator facts out.')
    .version(packageVersion(), '-V, --version', 'print the zhibiao version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('extract')
    .description('extract indicator facts from documents (files or folders)')
    .argument('<paths...>', 'files or folders (.txt .html .pdf .docx)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['jsonl', 'json', 'table']).default('jsonl'))
    .option('--explain', 'show the rule that produced each fact, and notes')
    .action(async (paths: string[], opts: { format: OutputFormat; explain?: boolean }) => {
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
  registerStoreCommands(program);
  registerAnalysisCommands(program);
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
