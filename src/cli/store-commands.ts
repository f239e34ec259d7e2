/**
 * Database commands: ingest, facts, targets, export (and backups), import,
 * serve, start, admin.
 *
 * --db is a SQLite file or a postgres:// URL; its default comes from the
 * ZHIBIAO_DB environment variable, else zhibiao.db.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { dbLabel, defaultDb, openStore } from '../store/open.js';
import { importDump, writeDump } from '../store/backup.js';
import { resolveRegions } from '../store/resolve.js';
import { indicatorName } from '../store/catalog.js';
import { syncGazetteer } from '../store/regions.js';
import { StoreError, type FactFilter, type FactReviewState, type Role, type Store } from '../store/types.js';
import { MEASURES, OUTCOMES, PERIOD_PATTERN, STATUSES } from '../store/vocab.js';
import { startServer } from '../server/serve.js';
import { issueToken, ROLES, type ReadAccess } from '../server/auth.js';
import { DEFAULT_MAX_UPLOAD, uploadConfig } from '../server/upload.js';
import { runIngest } from './store-ingest.js';
import { resolveIndicators, UnknownIndicatorError } from './indicators.js';
import { ManifestError, readManifest, type SourceFields } from './manifest.js';
import { exportCommand, factsCommand, targetsCommand, type ListFormat } from './store-output.js';
import type { Measure, Status } from '../types.js';

export { DEFAULT_DB } from '../store/open.js';

const FACT_REVIEW_STATES = ['unreviewed', 'accepted', 'corrected', 'rejected', 'added'] as const;

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

/** 20MB, 512KB, 1GB or a number of bytes. */
function size(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`"${value}" is not a size; write e.g. 20MB, 512KB or a number of bytes`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  const n = Math.floor(Number(m[1]) * factor);
  if (n < 1) throw new InvalidArgumentError('the size must be at least 1 byte');
  return n;
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
  review?: FactReviewState[];
}

function addDbOption(cmd: Command): Command {
  return cmd.option('--db <file|url>', 'SQLite database file or postgres://user@host/db URL (default: $ZHIBIAO_DB, else zhibiao.db)', defaultDb());
}

function addFilterOptions(cmd: Command, { status = true } = {}): Command {
  addDbOption(cmd)
    .option('-r, --region <name|code>', 'region name or code, with everything under it (repeatable, or comma-separated)', list)
    .option('--only', 'only the named regions, not the regions under them')
    .option('-i, --indicator <id|name>', 'indicator id or Chinese name, e.g. gdp or 地区生产总值 (repeatable; zhibiao indicators lists them)', list)
    .option('-m, --measure <measure>', `measure: ${MEASURES.join(', ')}`, oneOf(MEASURES, 'measure'))
    .option('-p, --period <period>', 'period: 2023, 2023-01/2023-09, 2021/2025', periods)
    .option('-y, --year <year>', 'calendar year the period ends in', years)
    .option('--review <state>', `review states: ${FACT_REVIEW_STATES.join(', ')} (default: all but rejected)`, oneOf(FACT_REVIEW_STATES, 'review state'));
  if (status) cmd.option('-s, --status <status>', `status: ${STATUSES.join(', ')}`, oneOf(STATUSES, 'status'));
  return cmd;
}

export async function filterFrom(store: Store, o: FilterOptions): Promise<FactFilter> {
  const regions = o.region ? await resolveRegions(store, o.region) : undefined;
  let indicators: string[] | undefined;
  if (o.indicator) {
    const stored = new Set((await store.indicators()).map((u) => u.indicator));
    try {
      indicators = resolveIndicators(o.indicator, stored);
    } catch (err) {
      if (err instanceof UnknownIndicatorError) throw new StoreError('invalid', err.message, { field: 'indicator' });
      throw err;
    }
  }
  return {
    ...(regions ? { regions, descendants: !o.only } : {}),
    ...(indicators ? { indicators } : {}),
    ...(o.measure ? { measures: o.measure } : {}),
    ...(o.period ? { periods: o.period } : {}),
    ...(o.year ? { years: o.year } : {}),
    ...(o.status ? { statuses: o.status } : {}),
    ...(o.review ? { reviews: o.review } : {}),
  };
}

/** Runs a command body with the store open (reading commands: the SQLite file must exist), turning store errors into a clean exit. */
export async function withStore(cmd: Command, db: string, body: (store: Store) => Promise<void>, { mustExist = true } = {}): Promise<void> {
  let store: Store;
  try {
    store = await openStore(db, { mustExist });
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

interface ServeCliOptions {
  port: number;
  host: string;
  read?: ReadAccess;
  uploadDir?: string;
  maxUpload?: number;
}

/** Serves until SIGINT/SIGTERM. */
async function serveUntilStopped(store: Store, o: ServeCliOptions, cmd: Command): Promise<void> {
  const uploads = o.uploadDir ? uploadConfig(o.uploadDir, o.maxUpload ?? DEFAULT_MAX_UPLOAD) : null;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(store, { port: o.port, host: o.host, read: o.read ?? 'open', uploads });
  } catch (err) {
    // a busy port is the user's to fix: say so, no "internal error"
    if (err instanceof Error && /is in use/.test(err.message)) cmd.error(`zhibiao: ${err.message}`, { exitCode: 1 });
    throw err;
  }
  process.stdout.write(`zhibiao: dashboard at ${server.url}  (API: ${server.url}api/openapi.json; Ctrl-C stops)\n`);
  process.stdout.write(
    `zhibiao: reads ${o.read === 'token' ? 'need a token' : 'are open'}; writes need a token${uploads ? `; uploads go to ${uploads.dir} (at most ${uploads.maxBytes} bytes)` : '; uploads are off (--upload-dir DIR)'}\n`,
  );
  if ((await store.users()).length === 0) {
    process.stdout.write('zhibiao: no users yet: create the first admin with zhibiao admin create-user NAME --role admin\n');
  }
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
    .option('--title <title>', 'title of the document (one file only; default: read from the document)')
    .option('--source-url <url>', 'address of the original (one file only)')
    .option('--manifest <csv>', 'titles and addresses of the files: a CSV of file,url,title')
    .option('--follow-links', 'follow symbolic links that lead out of the given folders')
    .action(async function (
      this: Command,
      paths: string[],
      o: { db: string; workers?: number; force?: boolean; quiet?: boolean; title?: string; sourceUrl?: string; manifest?: string; followLinks?: boolean },
    ) {
      const missing = paths.filter((p) => !existsSync(p));
      if (missing.length) this.error(`zhibiao: no such file or folder: ${missing.join(', ')} (nothing was ingested; check the path)`, { exitCode: 2 });
      if ((o.title || o.sourceUrl) && (paths.length !== 1 || statSync(paths[0]!).isDirectory())) {
        this.error('zhibiao: --title and --source-url name one document: give one file, or use --manifest for several', { exitCode: 2 });
      }
      if (o.sourceUrl && !/^https?:\/\/\S+$/i.test(o.sourceUrl)) this.error(`zhibiao: --source-url "${o.sourceUrl}" is not an http(s) address`, { exitCode: 2 });
      let source: ((path: string) => SourceFields | undefined) | undefined;
      if (o.manifest) {
        try {
          source = readManifest(o.manifest);
        } catch (err) {
          if (err instanceof ManifestError) this.error(`zhibiao: ${err.message}`, { exitCode: 2 });
          throw err;
        }
      }
      const one: SourceFields = { ...(o.title ? { title: o.title } : {}), ...(o.sourceUrl ? { sourceUrl: o.sourceUrl } : {}) };
      if (one.title || one.sourceUrl) source = () => one;
      let failed = 0;
      await withStore(
        this,
        o.db,
        async (store) => {
          const summary = await runIngest(store, paths, { ...o, db: dbLabel(o.db), ...(source ? { source } : {}) });
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

  addFilterOptions(program.command('targets').description('targets against outcomes: met, missed, pending (period not over) or no_data (no outcome), with the gap'), { status: false })
    .option('-o, --outcome <outcome>', 'met, missed, pending or no_data', oneOf(OUTCOMES, 'outcome'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .action(async function (this: Command, o: FilterOptions & { outcome?: (typeof OUTCOMES)[number][]; format: ListFormat }) {
      await withStore(this, o.db, async (store) => {
        const filter = await filterFrom(store, o);
        await targetsCommand(store, { ...filter, ...(o.outcome ? { outcomes: o.outcome } : {}) }, o.format);
      });
    });

  addFilterOptions(
    program
      .command('export')
      .description('write the fact table (long) or a region × period panel (--wide) for Stata, R, pandas or Excel; or back up the whole database (--all FILE)'),
  )
    .addOption(new Option('-f, --format <format>', 'file format (required unless --all)').choices(['csv', 'xlsx', 'parquet']))
    .option('--wide', 'one row per region × period, one column per indicator × measure (best available value: reviewed > actual > estimate, flagged in _est columns; one status with --status)')
    .option('-o, --out <file>', 'output file (csv: "-" for stdout); a .dictionary.csv is written beside csv and parquet')
    .option('--bom', 'start a CSV with a byte-order mark (for Excel on Windows)')
    .option('--all <file>', 'back up everything (documents with text, facts, reviews, users with token hashes, audit log) as JSON Lines; zhibiao import reads it')
    .action(async function (this: Command, o: FilterOptions & { format?: 'csv' | 'xlsx' | 'parquet'; wide?: boolean; out?: string; bom?: boolean; all?: string }) {
      if (o.all !== undefined) {
        if (o.format || o.wide || o.out || o.region || o.indicator || o.measure || o.period || o.year || o.status || o.review) {
          this.error('zhibiao: --all backs up the whole database: it takes no --format, --out or filters', { exitCode: 2 });
        }
        const file = o.all;
        await withStore(this, o.db, async (store) => {
          const counts = await writeDump(store, file);
          process.stdout.write(`zhibiao: ${dbLabel(o.db)} backed up to ${file}: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
        });
        return;
      }
      const format = o.format;
      if (!format) this.error("zhibiao: error: required option '-f, --format <format>' not specified (csv, xlsx or parquet), or --all FILE for a backup", { exitCode: 2 });
      if (o.out === '-' && format !== 'csv') this.error('zhibiao: only csv can go to stdout; pass --out FILE', { exitCode: 1 });
      await withStore(this, o.db, async (store) => {
        const filter = await filterFrom(store, o);
        await exportCommand(store, filter, { format, wide: o.wide ?? false, out: o.out, bom: o.bom ?? false, statuses: o.status }, indicatorName);
      });
    });

  addDbOption(program.command('import').description('fill an empty database from a backup (zhibiao export --all); works across SQLite and PostgreSQL').argument('<file>', 'the backup (JSON Lines)'))
    .action(async function (this: Command, file: string, o: { db: string }) {
      await withStore(
        this,
        o.db,
        async (store) => {
          await syncGazetteer(store);
          const counts = await importDump(store, file);
          process.stdout.write(`zhibiao: ${file} imported into ${dbLabel(o.db)}: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
        },
        { mustExist: false },
      );
    });

  const admin = program.command('admin').description('users and tokens (tokens are shown once and stored as SHA-256 hashes)');
  addDbOption(
    admin
      .command('create-user')
      .description('create a user and print its first token (the first admin: --role admin)')
      .argument('<name>', 'user name (letters, digits, _ . @ -)'),
  )
    .addOption(new Option('--role <role>', 'reader, reviewer or admin').choices(ROLES).makeOptionMandatory())
    .option('--label <text>', 'where the token will be used')
    .action(async function (this: Command, name: string, o: { db: string; role: Role; label?: string }) {
      await withStore(
        this,
        o.db,
        async (store) => {
          const user = await store.createUser(name, o.role);
          const { token } = await issueToken(store, user.name, o.label ?? null);
          await store.audit({ user: null, action: 'user.create', target: `user:${user.name}`, detail: { role: user.role, via: 'cli' } });
          process.stderr.write(`zhibiao: user ${user.name} (${user.role}) created. Its token, shown only now:\n`);
          process.stdout.write(`${token}\n`);
        },
        { mustExist: false },
      );
    });
  addDbOption(admin.command('create-token').description('print a new token for a user').argument('<name>', 'user name'))
    .option('--label <text>', 'where the token will be used')
    .action(async function (this: Command, name: string, o: { db: string; label?: string }) {
      await withStore(this, o.db, async (store) => {
        const { token, id } = await issueToken(store, name, o.label ?? null);
        await store.audit({ user: null, action: 'token.create', target: `user:${name}`, detail: { token: id, via: 'cli' } });
        process.stderr.write(`zhibiao: token ${id} for ${name}, shown only now:\n`);
        process.stdout.write(`${token}\n`);
      });
    });
  addDbOption(admin.command('users').description('list users, roles and their tokens')).action(async function (this: Command, o: { db: string }) {
    await withStore(this, o.db, async (store) => {
      const tokens = await store.tokens();
      for (const u of await store.users()) {
        const mine = tokens.filter((t) => t.user === u.name);
        process.stdout.write(
          `${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\ttokens: ${mine.map((t) => `${t.id}${t.revokedAt ? ' (revoked)' : ''}${t.label ? ` ${t.label}` : ''}`).join(', ') || '—'}\n`,
        );
      }
    });
  });
  addDbOption(admin.command('revoke-token').description('revoke a token by its id (see admin users)').argument('<id>', 'token id', positiveInt)).action(
    async function (this: Command, id: number, o: { db: string }) {
      await withStore(this, o.db, async (store) => {
        const t = await store.revokeToken(id);
        await store.audit({ user: null, action: 'token.revoke', target: `token:${id}`, detail: { via: 'cli' } });
        process.stdout.write(`zhibiao: token ${t.id} of ${t.user} revoked\n`);
      });
    },
  );

  addDbOption(program.command('serve').description('serve the dashboard and JSON API on 127.0.0.1'))
    .option('--port <n>', 'port', positiveInt, 8787)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--read <access>', 'open: anyone may read; token: reads need a token too (writes always do)').choices(['open', 'token']).default('open'))
    .option('--upload-dir <dir>', 'accept document uploads (POST /api/documents) into this folder; off without it')
    .option('--max-upload <size>', 'largest upload, e.g. 20MB', size, DEFAULT_MAX_UPLOAD)
    .action(async function (this: Command, o: { db: string } & ServeCliOptions) {
      await withStore(
        this,
        o.db,
        async (store) => {
          await syncGazetteer(store);
          await serveUntilStopped(store, o, this);
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
          await runIngest(store, [o.examples], { db: dbLabel(o.db) });
          await serveUntilStopped(store, o, this);
        },
        { mustExist: false },
      );
    });
}
