/**
 * Sweep: read every file in a directory and print one line per file.
 *
 *   node dist/readers/sweep.js [DIR] [--dump OUTDIR]
 *
 * DIR defaults to ../shared/corpus/raw beside the repository. Refusals are
 * normal results; the exit code is non-zero only when a reader crashed.
 * With --dump, the text of each readable file is written to OUTDIR/<name>.txt.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../types.js';
import { readSource } from './index.js';

interface Row {
  file: string;
  status: 'ok' | 'refused' | 'CRASH';
  format: string;
  encoding: string;
  chars: number;
  ms: number;
  reason: string;
}

function pad(s: string, n: number): string {
  // Count wide characters as two columns so the table lines up in a terminal.
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, n - w));
}

async function main(argv: string[]): Promise<number> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const args = [...argv];
  let dumpDir: string | null = null;
  const dumpAt = args.indexOf('--dump');
  if (dumpAt >= 0) {
    dumpDir = args[dumpAt + 1] ?? null;
    args.splice(dumpAt, 2);
    if (!dumpDir) {
      console.error('sweep: --dump needs a directory');
      return 2;
    }
  }
  const dir = resolve(args[0] ?? join(repoRoot, '..', 'shared', 'corpus', 'raw'));
  if (!existsSync(dir)) {
    console.log(`sweep: ${dir} does not exist; nothing to read`);
    return 0;
  }
  if (dumpDir) await mkdir(dumpDir, { recursive: true });
  const names = (await readdir(dir)).sort();
  const rows: Row[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const t0 = performance.now();
    try {
      const src = await readSource(path);
      const ms = performance.now() - t0;
      const warn = src.diagnostics.filter((d) => d.rule.startsWith('decode/') && d.rule !== 'decode/encoding').map((d) => d.rule);
      rows.push({ file: name, status: 'ok', format: src.format, encoding: src.encoding, chars: [...src.text].length, ms, reason: warn.join(' ') });
      if (dumpDir) {
        const diag = src.diagnostics.map((d) => `# ${d.rule}: ${d.message}`).join('\n');
        await writeFile(join(dumpDir, `${basename(name)}.txt`), `${src.text}\n\n# title: ${src.title ?? ''}\n${diag}\n`);
      }
    } catch (err) {
      const ms = performance.now() - t0;
      if (err instanceof InputError) {
        rows.push({ file: name, status: 'refused', format: '-', encoding: '-', chars: 0, ms, reason: err.reason });
      } else {
        const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        rows.push({ file: name, status: 'CRASH', format: '-', encoding: '-', chars: 0, ms, reason: msg.split('\n')[0] ?? '' });
      }
    }
    const r = rows[rows.length - 1]!;
    console.log(
      `${pad(r.status, 8)}${pad(r.file, 48)}${pad(r.format, 6)}${pad(r.encoding, 10)}${String(r.chars).padStart(8)}${r.ms.toFixed(0).padStart(7)} ms  ${r.reason}`,
    );
  }
  const ok = rows.filter((r) => r.status === 'ok').length;
  const refused = rows.filter((r) => r.status === 'refused').length;
  const crashed = rows.filter((r) => r.status === 'CRASH').length;
  console.log(`${rows.length} files: ${ok} ok, ${refused} refused, ${crashed} crashed`);
  return crashed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`sweep: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
