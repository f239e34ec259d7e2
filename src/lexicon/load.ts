/**
 * Loads the lexicon data files (TSV with a header line) that sit beside this
 * module in `data/`, with the shared TSV reader: a malformed row is a
 * load-time error naming the file and line, never a silent skip.
 */
import { DataFileError, readTsvFile, type DataRow } from '../data/tsv.js';

export { DataFileError as LexiconError };
export type TsvRow = DataRow;

/** Reads `data/NAME`; requires the given columns; `#` lines are comments. */
export function readTsv(name: string, required: readonly string[]): TsvRow[] {
  return readTsvFile(new URL(`./data/${name}`, import.meta.url), required);
}

/** Compiles a regex from a data cell, reporting the file and line when it is invalid. */
export function compilePattern(row: TsvRow, col: string, flags = 'u'): RegExp {
  const src = row.cells[col] ?? '';
  try {
    return new RegExp(src, flags);
  } catch (err) {
    throw new DataFileError(row.file, row.line, `bad pattern in "${col}": ${(err as Error).message}`);
  }
}
