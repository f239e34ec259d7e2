/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a
 * temporary folder, start it on a free port of 127.0.0.1 (and a socket in the
 * same folder), trust authentication, stop and delete it afterwards. As root
 * it runs the server as the `postgres` user (PostgreSQL refuses root).
 *
 * Binaries: $ZHIBIAO_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else
 * initdb and pg_ctl on PATH.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const has = (dir: string): boolean => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  const env = process.env.ZHIBIAO_PG_BIN;
  if (env) return has(env) ? env : undefined;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && has(dir)) return dir;
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], asPostgres: boolean, what: string): void {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`${what} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().slice(-2000)}`);
  }
}

function postgresIds(): { uid: number; gid: number } {
  const u = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) throw new Error('running as root but there is no "postgres" user to run PostgreSQL as (install the postgresql package)');
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Starts a new cluster. Throws when PostgreSQL is not installed or does not start. */
export async function startCluster(options: { bin?: string } = {}): Promise<Cluster> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb/pg_ctl): apt-get install postgresql, or set ZHIBIAO_PG_BIN');
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-pg-'));
  const data = join(dir, 'data');
  if (asPostgres) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    // C.UTF-8: byte-order sorting like SQLite's, and Unicode character classes for the trigram index
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '-U', 'postgres'], asPostgres, 'initdb');
    let port = 0;
    let started = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      try {
        run(
          join(bin, 'pg_ctl'),
          ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start'],
          asPostgres,
          'pg_ctl start',
        );
        started = true;
      } catch (err) {
        lastError = err;
      }
    }
    if (!started) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
      throw new Error(`${(lastError as Error).message}\n${log}`);
    }
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      adminUrl,
      port,
      async createDatabase(name: string): Promise<string> {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop(): Promise<void> {
        if (stopped) return;
        stopped = true;
        try {
          run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres, 'pg_ctl stop');
        } finally {
          cleanup();
        }
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
