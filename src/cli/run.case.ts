/** Test helpers: the CLI run in-process, or as a process of its own from the sources. */
import { spawnSync } from 'node:child_process';
import { vi } from 'vitest';
import { REPO_ROOT } from '../store/corpus.case.js';
import { main } from './main.js';

/** `zhibiao ARGS` as a process of its own (from the TypeScript sources, through tsx), with no ZHIBIAO_DB. */
export function zhibiao(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));", ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ZHIBIAO_DB: '' } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
