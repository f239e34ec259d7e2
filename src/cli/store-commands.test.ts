/**
 * The database commands end to end, as a user runs them (a child process per
 * command, the real CLI entry, a real database file).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, REPO_ROOT } from '../store/corpus.case.js';
import { BACKENDS, removeTempDatabases } from '../store/backends.case.js';

let dir: string;
let db: string;

function zhibiao(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return zhibiaoEnv({}, ...args);
}

function zhibiaoEnv(env: Record<string, string>, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));", ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ZHIBIAO_DB: '', ...env } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-cli-'));
  db = join(dir, 'cli.db');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeTempDatabases();
});

describe('zhibiao ingest', () => {
  it('ingests a folder, lists a bad file with its reason, and exits non-zero', () => {
    const folder = join(dir, 'docs');
    mkdirSync(folder);
    for (const f of corpusFiles()) copyFileSync(f, join(folder, f.split('/').pop()!));
    writeFileSync(join(folder, 'broken.pdf'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]));
    const r = zhibiao('ingest', folder, '--db', db, '--workers', '2');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(new RegExp(`new ${corpusFiles().length}, .*failed 1`));
    expect(r.stderr).toMatch(/broken\.pdf: \S+/);
  });

  it('a second run changes nothing and exits 0', () => {
    const r = zhibiao('ingest', join(dir, 'docs', corpusFiles()[0]!.split('/').pop()!), '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new 0, re-extracted 0, replaced 0, unchanged 1, failed 0/);
  });
});

describe('zhibiao facts', () => {
  it('prints JSON Lines in the contract shape, filtered by region', () => {
    const r = zhibiao('facts', '--db', db, '--format', 'jsonl', '--region', '湖南省');
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(0);
    for (const rec of records) {
      expect(rec).toMatchObject({ type: 'fact', region: { code: expect.stringMatching(/^43\d{4}$/) } });
      for (const k of ['doc', 'indicator', 'measure', 'value', 'unit', 'period', 'status', 'bound', 'span', 'quote', 'rule']) expect(rec).toHaveProperty(k);
    }
  });

  it('prints CSV and a table', () => {
    const csv = zhibiao('facts', '--db', db, '--format', 'csv', '--status', 'actual');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^fact_id,doc,document_id,/);
    const table = zhibiao('facts', '--db', db, '--limit', '3');
    expect(table.stdout).toMatch(/地区\s+指标\s+数值/);
    expect(table.stdout).toMatch(/3 of \d+ fact\(s\)/);
  });

  it('refuses an ambiguous region with the codes to use, and a bad measure', () => {
    const r = zhibiao('facts', '--db', db, '--region', '新华区');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/130105.*pass the code instead/);
    const m = zhibiao('facts', '--db', db, '--measure', 'size');
    expect(m.code).not.toBe(0);
    expect(m.stderr).toMatch(/"size" is not a measure/);
  });

  it('says to ingest first when the database does not exist', () => {
    const r = zhibiao('facts', '--db', join(dir, 'none.db'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/run "zhibiao ingest/);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe('zhibiao targets and export', () => {
  it('lists targets with outcomes as CSV', () => {
    const r = zhibiao('targets', '--db', db, '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^region_code,region_name,indicator,measure,unit,period,target_bound,target,/);
    for (const l of lines.slice(1)) expect(l).toMatch(/,(met|missed|pending|no_data),/);
  });

  it('writes a wide xlsx and a long parquet with its dictionary', () => {
    const xlsx = join(dir, 'panel.xlsx');
    const a = zhibiao('export', '--db', db, '--format', 'xlsx', '--wide', '--out', xlsx);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/dictionary/);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const pq = join(dir, 'facts.parquet');
    const b = zhibiao('export', '--db', db, '--format', 'parquet', '--out', pq);
    expect(b.code).toBe(0);
    expect(readFileSync(pq).subarray(0, 4).toString()).toBe('PAR1');
    expect(readFileSync(join(dir, 'facts.dictionary.csv'), 'utf8')).toMatch(/^column,type,description/);
  });

  it('requires a format', () => {
    const r = zhibiao('export', '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--format/);
  });
});

describe('team server commands', () => {
  it('admin create-user prints a token once; admin users lists roles and token ids, never tokens', () => {
    const r = zhibiao('admin', 'create-user', 'boss', '--role', 'admin', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^zb_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/shown only now/);
    const again = zhibiao('admin', 'create-user', 'boss', '--role', 'reader', '--db', db);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/user "boss" exists/);
    const bad = zhibiao('admin', 'create-user', 'x', '--role', 'owner', '--db', db);
    expect(bad.code).not.toBe(0);
    const list = zhibiao('admin', 'users', '--db', db);
    expect(list.stdout).toMatch(/^boss\tadmin\ttokens: 1$/m);
    expect(list.stdout).not.toContain(r.stdout.trim());
  });

  it('backs up with export --all, restores into another backend with import, and both answer the same; ZHIBIAO_DB names the database', async () => {
    const backup = join(dir, 'backup.jsonl');
    const b = zhibiao('export', '--all', backup, '--db', db);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/backed up to .*backup\.jsonl: 1 users, 1 tokens, \d+ documents, \d+ facts/);
    const target = BACKENDS[1]!.available ? await BACKENDS[1]!.newDatabase() : join(dir, 'restored.db');
    const i = zhibiao('import', backup, '--db', target);
    expect(i.code, i.stderr).toBe(0);
    const before = zhibiao('facts', '--db', db, '--format', 'jsonl');
    const after = zhibiaoEnv({ ZHIBIAO_DB: target }, 'facts', '--format', 'jsonl');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(after.stdout.length).toBeGreaterThan(100);
    const twice = zhibiao('import', backup, '--db', target);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toMatch(/not empty/);
    const mixed = zhibiao('export', '--all', join(dir, 'x.jsonl'), '--format', 'csv', '--db', db);
    expect(mixed.code).not.toBe(0);
  });

  it('lists facts by review state', () => {
    const r = zhibiao('facts', '--db', db, '--format', 'csv', '--review', 'unreviewed', '--limit', '3');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/,review_state,review_id$/);
    for (const l of lines.slice(1)) expect(l).toMatch(/,unreviewed,$/);
    const bad = zhibiao('facts', '--db', db, '--review', 'approved');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/"approved" is not a review state/);
  });
});
