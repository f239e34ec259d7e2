/**
 * Golden documents: each example beside the facts it must give
 * (examples/golden/NAME.facts.tsv). After a reviewed change to the grammar,
 * regenerate them explicitly with
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/pipeline/golden.test.ts
 *
 * and read the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../extract.js';

const dir = 'examples';
const golden = join(dir, 'golden');
const names = readdirSync(dir).filter((f) => f.endsWith('.txt'));

function line(f: { region: { code: string }; indicator: string; measure: string; value: number; value_max?: number; unit: string; scope?: string; period: string; status: string; bound: string; span: [number, number]; rule: string }): string {
  return [f.region.code, f.indicator, f.measure, f.value, f.value_max ?? '', f.unit, f.scope ?? '', f.period, f.status, f.bound, `${f.span[0]}-${f.span[1]}`, f.rule].join('\t');
}

describe('golden documents', () => {
  it.each(names)('%s', async (name) => {
    const ex = await extractFile(join(dir, name));
    const d = ex.document;
    const got = [`# ${d.region?.code ?? ''}\t${d.year ?? ''}\t${d.kind}\t${d.script}\t${d.chars}`, ...ex.facts.map(line)].join('\n') + '\n';
    const file = join(golden, name.replace(/\.txt$/, '.facts.tsv'));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      writeFileSync(file, got);
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`${file} did not exist: written, review it and run again`);
    }
    expect(got).toBe(readFileSync(file, 'utf8'));
  });
});
