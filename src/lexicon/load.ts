/**
 * Loads the lexicon data files (TSV with a header line) that sit beside this
 * module in `data/`, and validates them: a malformed row is a load-time error
 * naming the file and line, never a silent skip.
 */
import { readFileSync } from 'node:fs';

export class LexiconError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`lexicon ${file}:${line}: ${problem}`);
    this.name = 'LexiconError';
  }
}

export interface TsvRow {
  readonly file: string;
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** Reads `data/NAME`; requires the given columns; `#` lines are comments. */
export function readTsv(name: string, required: readonly string[]): TsvRow[] {
  const url = new URL(`./data/${name}`, import.meta.url);
  const text = readFileSync(url, 'utf8');
  const lines = text.split('\n');
  // Leading `#` lines document the file; the first other line is the header.
  let h = 0;
  while (h < lines.length && (lines[h] ?? '').startsWith('#')) h++;
  const header = (lines[h] ?? '').replace(/\r$/, '').split('\t');
  for (const col of required) {
    if (!header.includes(col)) throw new LexiconError(name, h + 1, `missing column "${col}"`);
  }
  const rows: TsvRow[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const parts = raw.split('\t');
    const cells: Record<string, string> = {};
    header.forEach((h, k) => {
      cells[h] = (parts[k] ?? '').trim();
    });
    for (const col of required) {
      if (!cells[col]) throw new LexiconError(name, i + 1, `empty "${col}"`);
    }
    rows.push({ file: name, line: i + 1, cells });
  }
  return rows;
}

/** Compiles a regex from a data cell, reporting the file and line when it is invalid. */
export function compilePattern(row: TsvRow, col: string, flags = 'u'): RegExp {
  const src = row.cells[col] ?? '';
  try {
    return new RegExp(src, flags);
  } catch (err) {
    throw new LexiconError(row.file, row.line, `bad pattern in "${col}": ${(err as Error).message}`);
  }
}
