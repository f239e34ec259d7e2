/**
 * Hostile-input suite (npm run hostile): generates decompression bombs, deep
 * HTML, symlink loops, a text with a bad byte and files with odd names in a
 * temporary folder, runs `zhibiao extract` on each as a child process and
 * prints, per input, the exit code, seconds and peak RSS (from /usr/bin/time -v
 * where present, else from a wrapper reading process.resourceUsage()).
 *
 * It fails (exit 1) when an input crashes zhibiao (exit code other than 0/1),
 * runs past the timeout, prints a stack trace, writes a control character to
 * stderr, loses the good file of a batch, or peaks above --max-rss MB.
 *
 * Options: --timeout S (default 120), --max-rss MB (default 1024), --only NAME,
 *          --keep (leave the generated folder).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { badByteText, deepHtml, docxBomb, ODD_NAMES, pdfBomb, symlinkLoops } from './hostile-inputs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'zhibiao.js');
const GOOD = '蓝山县2023年国民经济和社会发展统计公报\n全年地区生产总值达到98.64亿元，增长5.2%。\n';

interface Case {
  name: string;
  /** Arguments after `zhibiao`. */
  args: (dir: string) => string[];
  make: (dir: string) => void;
  /** The batch holds a good file whose document record must be printed. */
  needsGood?: boolean;
  /** What a good outcome looks like: the exit code, how many documents are printed, a line of stderr. */
  expect: { code: 0 | 1; docs?: number; stderr?: RegExp };
}

const BOMB = { code: 1, docs: 0, stderr: /: expands past \d+ MB of text: not read/ } as const;

const CASES: Case[] = [
  { name: 'bomb-200MiB.docx', make: (d) => writeFileSync(join(d, 'bomb-200MiB.docx'), docxBomb(200)), args: (d) => ['extract', join(d, 'bomb-200MiB.docx')], expect: BOMB },
  { name: 'bomb-1GiB.docx', make: (d) => writeFileSync(join(d, 'bomb-1GiB.docx'), docxBomb(1024)), args: (d) => ['extract', join(d, 'bomb-1GiB.docx')], expect: BOMB },
  {
    name: 'bomb-lying-header.docx',
    make: (d) => writeFileSync(join(d, 'bomb-lying-header.docx'), docxBomb(200, { declaredSize: 4096 })),
    args: (d) => ['extract', join(d, 'bomb-lying-header.docx')],
    expect: BOMB,
  },
  { name: 'bomb-200MiB.pdf', make: (d) => writeFileSync(join(d, 'bomb-200MiB.pdf'), pdfBomb(200)), args: (d) => ['extract', join(d, 'bomb-200MiB.pdf')], expect: BOMB },
  {
    name: 'batch: bomb + good.txt',
    needsGood: true,
    make: (d) => {
      mkdirSync(join(d, 'batch'), { recursive: true });
      writeFileSync(join(d, 'batch', 'a-bomb.docx'), docxBomb(200));
      writeFileSync(join(d, 'batch', 'b-good.txt'), GOOD);
    },
    args: (d) => ['extract', join(d, 'batch')],
    expect: { code: 1, docs: 1, stderr: BOMB.stderr },
  },
  {
    name: 'ingest: bomb + deep HTML + good.txt',
    make: (d) => {
      mkdirSync(join(d, 'ingest'), { recursive: true });
      writeFileSync(join(d, 'ingest', 'a-bomb.docx'), docxBomb(1024));
      writeFileSync(join(d, 'ingest', 'b-deep.html'), deepHtml(100_000));
      writeFileSync(join(d, 'ingest', 'c-good.txt'), GOOD);
    },
    args: (d) => ['ingest', join(d, 'ingest'), '--db', join(d, 'ingest.db'), '--quiet'],
    expect: { code: 1, stderr: /a-bomb\.docx: expands past \d+ MB of text: not read/ },
  },
  { name: 'big-60MB.txt', make: (d) => writeFileSync(join(d, 'big-60MB.txt'), Buffer.from(GOOD.repeat(Math.ceil((60 * 1024 * 1024) / Buffer.byteLength(GOOD))))), args: (d) => ['extract', join(d, 'big-60MB.txt')], expect: BOMB },
  { name: 'deep-4k.html', make: (d) => writeFileSync(join(d, 'deep-4k.html'), deepHtml(4_000)), args: (d) => ['extract', join(d, 'deep-4k.html')], expect: { code: 0, docs: 1 } },
  { name: 'deep-40k.html', make: (d) => writeFileSync(join(d, 'deep-40k.html'), deepHtml(40_000)), args: (d) => ['extract', join(d, 'deep-40k.html')], expect: { code: 0, docs: 1 } },
  { name: 'deep-100k.html', make: (d) => writeFileSync(join(d, 'deep-100k.html'), deepHtml(100_000)), args: (d) => ['extract', join(d, 'deep-100k.html')], expect: { code: 0, docs: 1 } },
  {
    name: 'loops/ (me -> ., sub/up -> ..)',
    make: (d) => {
      mkdirSync(join(d, 'loops'), { recursive: true });
      symlinkLoops(join(d, 'loops'));
    },
    args: (d) => ['extract', join(d, 'loops')],
    expect: { code: 0, docs: 2, stderr: /note: same folder as one already visited/ },
  },
  { name: 'bad-byte.txt', make: (d) => writeFileSync(join(d, 'bad-byte.txt'), badByteText()), args: (d) => ['extract', join(d, 'bad-byte.txt')], expect: { code: 0, docs: 1 } },
  {
    name: 'odd-names/ (control characters)',
    make: (d) => {
      mkdirSync(join(d, 'odd'), { recursive: true });
      // one readable, the others empty (refused, so their names are printed)
      ODD_NAMES.forEach((n, i) => writeFileSync(join(d, 'odd', n), i === 1 ? GOOD : ''));
    },
    args: (d) => ['extract', join(d, 'odd')],
    expect: { code: 1, docs: 1, stderr: /fake\\nzhibiao: all 0 file\(s\) read fine\.txt: empty file/ },
  },
];

interface Outcome {
  name: string;
  code: number | string;
  seconds: number;
  rssMb: number | null;
  stderr: string;
  stdout: string;
  timedOut: boolean;
}

const HAS_TIME = existsSync('/usr/bin/time');

/** A wrapper that runs the CLI in-process and prints its peak RSS (when /usr/bin/time is missing). */
const WRAPPER = `
const { main } = await import(${JSON.stringify(new URL('../cli/main.js', import.meta.url).href)});
process.on('exit', () => process.stderr.write('\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n'));
process.exitCode = await main(process.argv.slice(1));
`;

function run(args: string[], timeoutS: number): Promise<Omit<Outcome, 'name'>> {
  return new Promise((resolve) => {
    const started = performance.now();
    const cmd = HAS_TIME ? '/usr/bin/time' : process.execPath;
    const argv = HAS_TIME ? ['-v', process.execPath, BIN, ...args] : ['--input-type=module', '-e', WRAPPER, ...args];
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      if (stdout.length < 1_000_000) stdout += b.toString('utf8');
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 1_000_000) stderr += b.toString('utf8');
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      let rssMb: number | null = null;
      let exit: number | string = code ?? (signal ? `signal ${signal}` : '?');
      if (HAS_TIME) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (m) rssMb = Number(m[1]) / 1024;
        const st = /Exit status: (\d+)/.exec(stderr);
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (sig) exit = 128 + Number(sig[1]);
        else if (st) exit = Number(st[1]);
        stderr = stderr.replace(/\s*(Command (being timed|exited|terminated)[\s\S]*)$/, '').replace(/\tCommand being timed[\s\S]*$/, '');
      } else {
        const m = /@@maxrss (\d+)/.exec(stderr);
        if (m) rssMb = Number(m[1]) / 1024;
        stderr = stderr.replace(/\n@@maxrss \d+\n$/, '');
      }
      if (timedOut) exit = 'timeout';
      resolve({ code: exit, seconds, rssMb, stderr, stdout, timedOut });
    });
  });
}

/** What goes wrong with an outcome, or null. */
function problem(c: Case, o: Outcome, maxRss: number): string | null {
  if (o.timedOut) return 'did not finish';
  if (o.code !== 0 && o.code !== 1) return `crashed (exit ${o.code})`;
  if (/\n\s+at .+[:(]/.test(o.stderr)) return 'printed a stack trace';
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(o.stderr)) return 'printed a control character';
  if (c.needsGood && !o.stdout.includes('"type":"document"')) return 'lost the good file of the batch';
  if (o.code !== c.expect.code) return `exit ${o.code}, expected ${c.expect.code}`;
  const docs = o.stdout.split('\n').filter((l) => l.startsWith('{"type":"document"')).length;
  if (c.expect.docs !== undefined && docs !== c.expect.docs) return `${docs} document(s) read, expected ${c.expect.docs}`;
  if (c.expect.stderr && !c.expect.stderr.test(o.stderr)) return `stderr lacks ${c.expect.stderr.source}`;
  if (o.rssMb !== null && o.rssMb > maxRss) return `peak RSS ${o.rssMb.toFixed(0)} MB > ${maxRss} MB`;
  return null;
}

function oneLine(s: string): string {
  const first = s.split('\n').find((l) => l.trim()) ?? '';
  return JSON.stringify(first.length > 110 ? `${first.slice(0, 110)}…` : first).slice(1, -1);
}

async function mainSuite(): Promise<number> {
  const { values } = parseArgs({
    options: {
      timeout: { type: 'string', default: '120' },
      'max-rss': { type: 'string', default: '1024' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const timeout = Number(values.timeout);
  const maxRss = Number(values['max-rss']);
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-hostile-'));
  const cases = CASES.filter((c) => !values.only || c.name.includes(values.only));
  process.stdout.write(`hostile-input suite: ${cases.length} input(s) in ${dir}; peak RSS from ${HAS_TIME ? '/usr/bin/time -v' : 'process.resourceUsage()'}; timeout ${timeout} s\n\n`);
  const rows: Array<[string, string, string, string, string]> = [['input', 'exit', 'seconds', 'peak RSS MB', 'verdict / first stderr line']];
  let bad = 0;
  try {
    for (const c of cases) {
      c.make(dir);
      const o: Outcome = { name: c.name, ...(await run(c.args(dir), timeout)) };
      const p = problem(c, o, maxRss);
      if (p) bad++;
      const rss = o.rssMb === null ? '?' : o.rssMb.toFixed(0);
      rows.push([c.name, String(o.code), o.seconds.toFixed(2), rss, `${p ? `FAIL: ${p}` : 'ok'} | ${oneLine(o.stderr)}`]);
      process.stdout.write(`${c.name}\texit ${o.code}\t${o.seconds.toFixed(2)} s\t${rss} MB\t${p ? `FAIL: ${p}` : 'ok'}\n`);
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write('\n' + rows.map((r) => r.map((x, i) => (i === r.length - 1 ? x : x.padEnd(widths[i]!))).join('  ')).join('\n') + '\n');
  process.stdout.write(`\n${bad === 0 ? 'all inputs handled' : `${bad} input(s) not handled`}\n`);
  return bad === 0 ? 0 : 1;
}

process.exitCode = await mainSuite();
