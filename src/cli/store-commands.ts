/**
 * Database commands: ingest, facts, targets, export, serve, start.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { openSqliteStore } from '../store/sqlite.js';
import { resolveRegions } from '../store/resolve.js';
import { indicatorName } from '../store/catalog.js';
import { syncGazetteer } from '../store/regions.js';
import { StoreError, type FactFilter, type Store } from '../store/types.js';
import { MEASURES, OUTCOMES, PERIOD_PATTERN, STATUSES } from '../store/vocab.js';
import { startServer } from '../server/serve.js';
import { runIngest } from './store-ingest.js';
import { exportCommand, factsCommand, targetsCommand, type ListFormat } from './store-output.js';
import type { Measure, Status } from '../types.js';

export const DEFAULT_DB = 'zhibiao.db';

/** Collects repeated and comma-separated option values. */
function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (value: string, previous: T[] | undefined): T[] => {
    const items = list(value, undefined);
    for (const v of items) {
      if (!values.includes(v as T)) throw new InvalidArgumentError(`"${v}" is not a ${what}; use one of ${values.join(', ')}`);
    }
    return [...(previous ?? []), ...(items as T[])];
  };
}

function periods(value: string, previous: string[] | undefined): string[] {
  const items = list(value, undefined);
  for (const p of items) {
    if (!PERIOD_PATTERN.test(p)) throw new InvalidArgumentError(`"${p}" is not a period; write 2023, 2023-01/2023-09 or 2021/2025`);
  }
  return [...(previous ?? []), ...items];
}

function years(value: string, previous: number[] | undefined): number[] {
  const items = list(value, undefined);
  for (const y of items) if (!/^\d{4}$/.test(y)) throw new InvalidArgumentError(`"${y}" is not a four-digit year`);
  return [...(previous ?? []), ...items.map(Number)];
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return Number(value);
}

export interface FilterOptions {
  db: string;
  region?: string[];
  only?: boolean;
  indicator?: string[];
  measure?: Measure[];
  period?: string[];
  year?: number[];
  status?: Status[];
}

function addDbOption(cmd: Command): Command {
  return cmd.option('--db <file>', 'SQLite database file', DEFAULT_DB);
}

function addFilterOptions(cmd: Command, { status = true } = {}): Command {
  addDbOption(cmd)
    .option('-r, --region <name|code>', 'region name or code, with everything under it (repeatable, or comma-separated)', list)
    .option('--only', 'only the named regions, not the regions under them')
    .option('-i, --indicator <id>', 'indicator id, e.g. gdp (repeatable)', list)
    .option('-m, --measure <measure>', `measure: ${MEASURES.join(', ')}`, oneOf(MEASURES, 'measure'))
    .option('-p, --period <period>', 'period: 2023, 2023-01/2023-09, 2021/2025', periods)
    .option('-y, --year <year>', 'calendar year the period ends in', years);
  if (status) cmd.option('-s, --status <status>', `status: ${STATUSES.join(', ')}`, oneOf(STATUSES, 'status'));
  return cmd;
}

export async function filterFrom(store: Store, o: FilterOptions): Promise<FactFilter> {
  const regions = o.region ? await resolveRegions(store, o.region) : undefined;
  return {
    ...(regions ? { regions, descendants: !o.only } : {}),
    ...(o.indicator ? { indicators: o.indicator } : {}),
    ...(o.measure ? { measures: o.measure } : {}),
    ...(o.period ? { periods: o.period } : {}),
    ...(o.year ? { years: o.year } : {}),
    ...(o.status ? { statuses: o.status } : {}),
  };
}

/** Opens the database for reading commands; a missing file is an error that says what to do. */
function openExisting(cmd: Command, db: string): Store {
  if (db !== ':memory:' && !existsSync(db)) cmd.error(`zhibiao: no database at ${db}: run "zhibiao ingest PATH..." first, or pass --db FILE`, { exitCode: 1 });
  return openSqliteStore(db);
}

/** Runs a command body with the store open, turning store errors into a clean exit. */
async function withStore(cmd: Command, db: string, body: (store: Store) => Promise<void>, { mustExist = true } = {}): Promise<void> {
  let store: Store;
  try {
    store = mustExist ? openExisting(cmd, db) : openSqliteStore(db);
  } catch (err) {
    if (err instanceof StoreError) cmd.error(`zhibiao: ${err.message}`, { exitCode: 1 });
    throw err;
  }
  try {
    await body(store);
  } catch (err) {
    if (err instanceof StoreError) cmd.error(`zhibiao: ${err.message}`, { exitCode: 1 });
    throw err;
  } finally {
    await store.close();
  }
}

/** The bundled examples folder (beside dist/ and src/ in the package). */
export function examplesDir(): string {
  return fileURLToPath(new URL('../../examples', import.meta.url));
}

/** Serves until SIGINT/SIGTERM. */
async function serveUntilStopped(store: Store, port: number, host: string): Promise<void> {
  const server = await startServer(store, { port, host });
  process.stdout.write(`zhibiao: dashboard at ${server.url}  (API: ${server.url}api/openapi.json; Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
}

export function registerStoreCommands(program: Command): void {
  addDbOption(
    program
      .command('ingest')
      .description('read documents into the database (idempotent; re-extracts when the extractor changed)')
      .argument('<paths...>', 'files or folders (recursive)'),
  )
    .option('-w, --workers <n>', 'extractor threads (default: one per core; 0 = none)', positiveInt)
    .option('--force', 're-extract documents even if unchanged')
    .option('-q, --quiet', 'no progress bar')
    .action(async function (this: Command, paths: string[], o: { db: string; workers?: number; force?: boolean; quiet?: boolean }) {
      let failed = 0;
      await withStore(
        this,
        o.db,
        async (store) => {
          const summary = await runIngest(store, paths, { ...o, db: o.db });
          failed = summary.failed.length;
        },
        { mustExist: false },
      );
      if (failed > 0) this.error(`zhibiao: ${failed} file(s) could not be ingested (listed above)`, { exitCode: 1 });
    });

  addFilterOptions(program.command('facts').description('list stored facts'))
    .option('--doc <id>', 'only facts of this document id', positiveInt)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .option('--limit <n>', 'at most this many (default: 50 for table, all otherwise)', positiveInt)
    .option('--offset <n>', 'skip this many', positiveInt)
    .action(async function (this: Command, o: FilterOptions & { doc?: number; format: ListFormat; limit?: number; offset?: number }) {
      await withStore(this, o.db, async (store) => {
        const filter = await filterFrom(store, o);
        await factsCommand(store, { ...filter, ...(o.doc ? { documentId: o.doc } : {}) }, o);
      });
    });

  addFilterOptions(program.command('targets').description('targets against outcomes: met, missed or pending, with the gap'), { status: false })
    .option('-o, --outcome <outcome>', 'met, missed or pending', oneOf(OUTCOMES, 'outcome'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .action(async function (this: Command, o: FilterOptions & { outcome?: (typeof OUTCOMES)[number][]; format: ListFormat }) {
      await withStore(this, o.db, async (store) => {
        const filter = await filterFrom(store, o);
        await targetsCommand(store, { ...filter, ...(o.outcome ? { outcomes: o.outcome } : {}) }, o.format);
      });
    });

  addFilterOptions(program.command('export').description('write the fact table (long) or a region × period panel (--wide) for Stata, R, pandas or Excel'))
    .addOption(new Option('-f, --format <format>', 'file format').choices(['csv', 'xlsx', 'parquet']).makeOptionMandatory())
    .option('--wide', 'one row per region × period, one column per indicator × measure (status actual unless --status)')
    .option('-o, --out <file>', 'output file (csv: "-" for stdout); a .dictionary.csv is written beside csv and parquet')
    .option('--bom', 'start a CSV with a byte-order mark (for Excel on Windows)')
    .action(async function (this: Command, o: FilterOptions & { format: 'csv' | 'xlsx' | 'parquet'; wide?: boolean; out?: string; bom?: boolean }) {
      if (o.out === '-' && o.format !== 'csv') this.error('zhibiao: only csv can go to stdout; pass --out FILE', { exitCode: 1 });
      await withStore(this, o.db, async (store) => {
        const filter = await filterFrom(store, o);
        await exportCommand(store, filter, { format: o.format, wide: o.wide ?? false, out: o.out, bom: o.bom ?? false, statuses: o.status }, indicatorName);
      });
    });

  addDbOption(program.command('serve').description('serve the dashboard and JSON API on 127.0.0.1'))
    .option('--port <n>', 'port', positiveInt, 8787)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async function (this: Command, o: { db: string; port: number; host: string }) {
      await withStore(
        this,
        o.db,
        async (store) => {
          await syncGazetteer(store);
          await serveUntilStopped(store, o.port, o.host);
        },
        { mustExist: false },
      );
    });

  addDbOption(program.command('start').description('ingest the bundled examples, then serve the dashboard'))
    .option('--port <n>', 'port', positiveInt, 8787)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--examples <dir>', 'folder to ingest', examplesDir())
    .action(async function (this: Command, o: { db: string; port: number; host: string; examples: string }) {
      await withStore(
        this,
        o.db,
        async (store) => {
          // bad example files are listed by the ingest summary; the dashboard still starts
          await runIngest(store, [o.examples], { db: o.db });
          await serveUntilStopped(store, o.port, o.host);
        },
        { mustExist: false },
      );
    });
}
