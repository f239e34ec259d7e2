/**
 * Issue 11's command-line items, as a user runs them (a child process per
 * command, the real CLI entry): --version, zhibiao indicators, -i by id or
 * Chinese name with suggestions, ingest of a missing path, --title /
 * --source-url / --manifest, a busy port, values as people write them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../store/corpus.case.js';
import { openSqliteStore } from '../store/sqlite.js';
import { zhibiao } from './run.case.js';

let dir: string;
let db: string;


const REPORT = '标题：柳溪县2024年政府工作报告\n来源URL：http://example.gov.cn/liuxi/2024.html\n\n正文：\n2023年，柳溪县地区生产总值完成98.64亿元，同比增长5.4%。\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-analyst-'));
  db = join(dir, 'a.db');
  writeFileSync(join(dir, 'lanshan.txt'), '蓝山县2023年统计公报\n全年全县地区生产总值98.64亿元，比上年增长5.4%。\n');
  writeFileSync(join(dir, 'report.txt'), REPORT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zhibiao for an analyst', () => {
  it('prints its version', async () => {
    // in this process: `node -e … --version` would print node's own version
    const { main } = await import('./main.js');
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      expect(await main(['--version'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('lists indicator ids with Chinese names and units', () => {
    const r = zhibiao('indicators');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gdp\s+地区生产总值\s+CNY\s*$/m);
  });

  it('refuses a missing path without creating a database', () => {
    const missing = join(dir, 'missing.db');
    const r = zhibiao('ingest', join(dir, 'no-such-folder'), '--db', missing);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no such file or folder/);
    expect(existsSync(missing)).toBe(false);
  });

  it('takes a title and source address at ingest, or from a manifest, or from the header lines', () => {
    expect(zhibiao('ingest', join(dir, 'lanshan.txt'), '--db', db, '--workers', '0', '--title', '蓝山县2023年统计公报（摘要）', '--source-url', 'https://example.gov.cn/ls.html').code).toBe(0);
    expect(zhibiao('ingest', join(dir, 'report.txt'), '--db', db, '--workers', '0').code).toBe(0);
    writeFileSync(join(dir, 'sources.csv'), 'file,url,title\nreport.txt,https://example.gov.cn/other.html,"柳溪县政府工作报告, 2024"\n');
    // already stored: the manifest still sets its title and address
    expect(zhibiao('ingest', join(dir, 'report.txt'), '--db', db, '--workers', '0', '--manifest', join(dir, 'sources.csv')).code).toBe(0);
    const store = openSqliteStore(db);
    return store.documents().then(async (page) => {
      const by = new Map(page.items.map((d) => [d.path.split('/').pop(), d]));
      expect(by.get('lanshan.txt')).toMatchObject({ title: '蓝山县2023年统计公报（摘要）', sourceUrl: 'https://example.gov.cn/ls.html' });
      expect(by.get('report.txt')).toMatchObject({ title: '柳溪县政府工作报告, 2024', sourceUrl: 'https://example.gov.cn/other.html' });
      await store.close();
    });
  });

  it('accepts -i as an id or a Chinese name; an unknown one is an error with suggestions', () => {
    const byId = zhibiao('facts', '--db', db, '-i', 'gdp', '--format', 'csv');
    const byName = zhibiao('facts', '--db', db, '-i', '地区生产总值', '--format', 'csv');
    expect(byId.code).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    const bad = zhibiao('facts', '--db', db, '-i', 'gdpp');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown indicator "gdpp": did you mean gdp（地区生产总值）/);
  });

  it('shows values as people write them in tables', () => {
    const ex = zhibiao('extract', join(dir, 'lanshan.txt'), '--format', 'table', '--explain');
    expect(ex.stdout).toContain('98.64亿元');
    expect(ex.stdout).not.toContain('9864000000');
    const facts = zhibiao('facts', '--db', db, '-i', 'gdp');
    expect(facts.stdout).toContain('98.64亿元');
  });

  it('says when the port is busy', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = zhibiao('serve', '--db', db, '--port', String(port));
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use: pass another with --port`));
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
