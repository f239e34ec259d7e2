/**
 * The bundle that bin/zhibiao.js starts (dist/bundle/, written by npm run build):
 * the same output as the modules tsc wrote, data files found from the bundled
 * modules, the worker entry bundled too. Needs a built dist/ (npm install builds it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundled = `${root}dist/bundle/main.js`;
const plain = `${root}dist/cli/main.js`;
const examples = readdirSync(`${root}examples`).filter((n) => n.endsWith('.txt')).map((n) => `${root}examples/${n}`);

/** `zhibiao ARGS` through one entry module; stdout, or the failure. */
function run(entry: string, args: string[]): string {
  // a script file, not --eval: worker threads inherit the process's execArgv
  const script = join(mkdtempSync(join(tmpdir(), 'zhibiao-bundle-')), 'run.mjs');
  writeFileSync(script, `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(process.argv.slice(2));\n`);
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!existsSync(bundled) || !existsSync(plain))('the command-line bundle', () => {
  it('extracts exactly what the unbundled modules extract', () => {
    const args = ['extract', ...examples, '--format', 'jsonl', '--explain'];
    const out = run(bundled, args);
    expect(out.split('\n').filter((l) => l.includes('"type":"fact"')).length).toBeGreaterThan(20);
    expect(out).toBe(run(plain, args));
  });

  it('starts its bundled extraction worker', () => {
    const out = run(bundled, ['extract', ...examples, '--format', 'jsonl', '--workers', '2']);
    expect(out).toBe(run(plain, ['extract', ...examples, '--format', 'jsonl', '--workers', '0']));
  });

  it('finds the data beside the modules (the gazetteer and the indicator list)', () => {
    expect(run(bundled, ['indicators'])).toBe(run(plain, ['indicators']));
  });
});
