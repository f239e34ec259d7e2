/**
 * The command line under hostile input: link loops in folder walks, control
 * characters in file names, bombs in a batch, internal errors without traces.
 */
import { mkdtempSync as makeTemp, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { docxBomb, ODD_NAMES, symlinkLoops } from '../bench/hostile-inputs.js';
import { MAX_TEXT_ENV } from '../readers/limits.js';
import { expandPaths } from './files.js';
import { run } from './run.case.js';
import { cliFlags, printable, reasonLine } from './printable.js';


const made: string[] = [];
/** A temporary folder, removed after the suite. */
function mkdtempSync(prefix: string): string {
  const d = makeTemp(prefix);
  made.push(d);
  return d;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const GOOD = '蓝山县2023年国民经济和社会发展统计公报\n全年地区生产总值达到98.64亿元，增长5.2%。\n';

describe('folder walks and symbolic links', () => {
  it('visits each real file once in a folder with link loops, and says what it skipped', () => {
    const root = mkdtempSync(join(tmpdir(), 'zb-loops-'));
    const outside = mkdtempSync(join(tmpdir(), 'zb-outside-'));
    writeFileSync(join(outside, 'elsewhere.txt'), GOOD);
    symlinkLoops(root, outside);
    const { files, errors, skipped } = expandPaths([root]);
    expect(files).toEqual([join(root, 'a.txt'), join(root, 'sub', 'b.txt')]);
    expect(errors).toEqual([]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { path: join(root, 'me'), reason: expect.stringMatching(/already visited/) },
        { path: join(root, 'sub', 'up'), reason: expect.stringMatching(/already visited/) },
        { path: join(root, 'out'), reason: expect.stringMatching(/out of the given folders: not followed \(--follow-links/) },
      ]),
    );
    const followed = expandPaths([root], { followLinks: true });
    expect(followed.files).toEqual([join(root, 'a.txt'), join(root, 'out', 'elsewhere.txt'), join(root, 'sub', 'b.txt')]);
  });

  it('extract finishes on a folder with loops and reads each document once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'zb-loops-'));
    symlinkLoops(root);
    const { code, out, err } = await run(['extract', root]);
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => l.includes('"type":"document"'))).toHaveLength(2);
    expect(err).toMatch(/me: note: same folder as one already visited/);
  });

  it('a link to the same file twice yields it once', () => {
    const root = mkdtempSync(join(tmpdir(), 'zb-twice-'));
    mkdirSync(join(root, 'x'));
    writeFileSync(join(root, 'x', 'a.txt'), GOOD);
    symlinkSync(join(root, 'x', 'a.txt'), join(root, 'x', 'b.txt'));
    expect(expandPaths([root]).files).toEqual([join(root, 'x', 'a.txt')]);
  });
});

describe('file names with control characters', () => {
  afterEach(() => vi.restoreAllMocks());

  it('escapes them, so a name cannot fake a zhibiao: line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-odd-'));
    for (const n of ODD_NAMES) writeFileSync(join(dir, n), '');
    const { code, err } = await run(['extract', dir]);
    expect(code).toBe(1);
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    const lines = err.trim().split('\n');
    expect(lines.every((l) => l.startsWith('zhibiao: '))).toBe(true);
    expect(lines.filter((l) => l.startsWith('zhibiao: all 0'))).toHaveLength(0);
    expect(err).toContain('fake\\nzhibiao: all 0 file(s) read fine.txt: empty file');
    expect(err).toContain('esc\\x1b[31mred.txt');
    expect(err).toContain('rtl\\u202etxt.exe.txt');
  });

  it('printable() leaves Chinese and ordinary names alone', () => {
    expect(printable('报告/蓝山县 2023.txt')).toBe('报告/蓝山县 2023.txt');
    expect(printable('a\tb')).toBe('a\\tb');
  });
});

describe('a batch with a bomb', () => {
  afterEach(() => {
    delete process.env[MAX_TEXT_ENV];
  });

  it('refuses the bomb on one line and reads the rest; --max-text sets the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-batch-'));
    writeFileSync(join(dir, 'a-bomb.docx'), docxBomb(20));
    writeFileSync(join(dir, 'b-good.txt'), GOOD);
    const { code, out, err } = await run(['extract', dir, '--max-text', '5MB']);
    expect(code).toBe(1);
    expect(out).toContain('"doc":"' + join(dir, 'b-good.txt'));
    const lines = err.trim().split('\n');
    expect(lines[0]).toBe(`zhibiao: ${join(dir, 'a-bomb.docx')}: expands past 5 MB of text: not read (the limit is --max-text / ZHIBIAO_MAX_TEXT)`);
    expect(lines).toHaveLength(2); // and the summary
  });

  it('refuses a bad --max-text', async () => {
    const { code, err } = await run(['extract', 'examples/lanshan_2023_review.txt', '--max-text', 'lots']);
    expect(code).toBe(2);
    expect(err).toMatch(/"lots" is not a size/);
  });
});

describe('internal errors', () => {
  afterEach(() => {
    cliFlags.debug = false;
  });

  it('are one line; the stack trace only with --debug', () => {
    const reason = 'extractor failed: RangeError: Maximum call stack size exceeded\n    at renderNode (html.js:1:2)\n    at renderNode (html.js:1:2)';
    expect(reasonLine(reason)).toBe('extractor failed: RangeError: Maximum call stack size exceeded (run with --debug for the details)');
    cliFlags.debug = true;
    expect(reasonLine(reason)).toBe(reason);
  });
});
