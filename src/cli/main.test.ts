import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { autoWorkers } from './main.js';
import { run } from './run.case.js';


describe('zhibiao extract', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes contract JSON Lines: a document record, then its facts', async () => {
    const { code, out } = await run(['extract', 'examples/lanshan_2023_review.txt', '--format', 'jsonl']);
    expect(code).toBe(0);
    const recs = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs[0]).toMatchObject({ type: 'document', region: { code: '431127', name: '蓝山县' }, year: 2023, kind: 'news' });
    expect(recs.slice(1).every((r) => r.type === 'fact' && typeof r.rule === 'string')).toBe(true);
    expect(recs).toContainEqual(expect.objectContaining({ indicator: 'gdp', measure: 'level', value: 9864000000, period: '2023-01/2023-09' }));
  });

  it('reports a bad file on one line, goes on with the others, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-cli-'));
    const bin = join(dir, 'scan.pdf');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const { code, out, err } = await run(['extract', bin, 'missing.txt', 'examples/lanshan_2023_review.txt']);
    expect(code).toBe(1);
    expect(out).toContain('"type":"document"');
    const lines = err.trim().split('\n');
    expect(lines.some((l) => l.startsWith(`zhibiao: ${bin}: `))).toBe(true);
    expect(lines.some((l) => l.startsWith('zhibiao: missing.txt: no such file'))).toBe(true);
    expect(err).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  });

  it('gives the same output, in input order, on worker threads as on this thread, a bad file included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-cli-w-'));
    writeFileSync(join(dir, 'broken.pdf'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const four = ['examples/lanshan_2023_review.txt', join(dir, 'broken.pdf'), 'examples/ningyuan_2023_work_report.txt', 'examples/shuangpai_2023_q3_traditional.txt'];
    // enough files that this thread and both workers each take some
    const files = Array.from({ length: 6 }, () => four).flat();
    const inline = await run(['extract', ...files, '--workers', '0']);
    const threads = await run(['extract', ...files, '--workers', '2']);
    expect(threads.code).toBe(1);
    expect(threads.out).toBe(inline.out);
    expect(threads.out.match(/"type":"document"/g)).toHaveLength(18);
    expect(threads.err).toBe(inline.err);
    expect(threads.err).toContain(`zhibiao: ${join(dir, 'broken.pdf')}: `);
  });

  it.each([
    [1, 8, 0], // a single file: this thread
    [23, 8, 0], // too few files to repay a worker's start
    [24, 8, 7], // this thread and a worker per other core
    [126, 2, 0], // two cores: threads measured slower than this thread alone
    [6000, 2, 0],
    [6000, 1, 0],
    [6000, 4, 3],
  ])('autoWorkers(%i files, %i cores) = %i', (files, cores, want) => {
    expect(autoWorkers(files, cores)).toBe(want);
  });

  it('refuses a --workers value that is not a number of threads', async () => {
    const r = await run(['extract', 'examples/lanshan_2023_review.txt', '--workers', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not a number of threads');
  });

  it('shows the rule of each fact with --explain', async () => {
    const { out } = await run(['extract', 'examples/ningyuan_2023_work_report.txt', '--format', 'table', '--explain']);
    expect(out).toMatch(/dist\/growth/);
    expect(out).toMatch(/2024\s+target/);
  });

  it('prints the decoded text that spans point into', async () => {
    const { code, out } = await run(['text', 'examples/shuangpai_2023_q3_traditional.txt']);
    expect(code).toBe(0);
    expect(out).toContain('雙牌縣');
  });
});
