/**
 * Reads the data files (src/lexicon/data, src/regions/data, src/docfields/data): TSV with
 * leading `#` comment lines and a header line, or JSON. A malformed file is a
 * load-time error naming the file and line, never a silent skip.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';

export class DataFileError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, problem: string) {
    super(`data file ${file}:${line}: ${problem}`);
    this.name = 'DataFileError';
    this.file = file;
    this.line = line;
  }
}

export interface DataRow {
  readonly file: string;
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

function nameOf(url: URL): string {
  return basename(fileURLToPath(url));
}

/**
 * Parses TSV text. Every `required` column must be present in the header and
 * non-empty on every row; other columns may be empty.
 */
export function parseTsv(text: string, file: string, required: readonly string[]): DataRow[] {
  const lines = text.split('\n');
  let h = 0;
  while (h < lines.length && (lines[h] ?? '').startsWith('#')) h++;
  const header = (lines[h] ?? '').replace(/\r$/, '').split('\t');
  for (const col of required) {
    if (!header.includes(col)) throw new DataFileError(file, h + 1, `missing column "${col}"`);
  }
  const rows: DataRow[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const parts = raw.split('\t');
    if (parts.length > header.length) {
      throw new DataFileError(file, i + 1, `${parts.length} cells for ${header.length} columns`);
    }
    const cells: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) {
      const v = parts[k];
      cells[header[k] as string] = v === undefined ? '' : v.trim();
    }
    for (let k = 0; k < required.length; k++) {
      if (!cells[required[k] as string]) throw new DataFileError(file, i + 1, `empty "${required[k]}"`);
    }
    rows.push({ file, line: i + 1, cells });
  }
  return rows;
}

/**
 * Streams the rows of a TSV data file as arrays of cells in header order, without
 * building an object per row: for the large tables, where loading time matters.
 * Returns the column index of each name in `columns` (all must exist; the
 * `required` ones must be non-empty on every row).
 */
export function eachTsvRow(
  url: URL,
  columns: readonly string[],
  required: readonly string[],
  fn: (cells: string[], line: number) => void,
): void {
  const file = nameOf(url);
  const text = readFileSync(url, 'utf8');
  const lines = text.split('\n');
  let h = 0;
  while (h < lines.length && (lines[h] ?? '').startsWith('#')) h++;
  const header = (lines[h] ?? '').replace(/\r$/, '').split('\t');
  const index = columns.map((col) => {
    const k = header.indexOf(col);
    if (k < 0) throw new DataFileError(file, h + 1, `missing column "${col}"`);
    return k;
  });
  const req = required.map((col) => header.indexOf(col));
  for (let i = h + 1; i < lines.length; i++) {
    let raw = lines[i] as string;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '' || raw.startsWith('#')) continue;
    const parts = raw.split('\t');
    if (parts.length > header.length) {
      throw new DataFileError(file, i + 1, `${parts.length} cells for ${header.length} columns`);
    }
    const cells = index.map((k) => parts[k] ?? '');
    for (let r = 0; r < req.length; r++) {
      const k = req[r] as number;
      if (!parts[k]) throw new DataFileError(file, i + 1, `empty "${header[k]}"`);
    }
    fn(cells, i + 1);
  }
}

/** Reads a TSV data file given its URL (resolve it with `new URL('./data/x.tsv', import.meta.url)`). */
export function readTsvFile(url: URL, required: readonly string[]): DataRow[] {
  return parseTsv(readFileSync(url, 'utf8'), nameOf(url), required);
}

/** Reads a JSON data file; the caller validates the shape with `expect*` helpers. */
export function readJsonFile(url: URL): { file: string; value: unknown } {
  const file = nameOf(url);
  const text = readFileSync(url, 'utf8');
  try {
    return { file, value: JSON.parse(text) as unknown };
  } catch (err) {
    throw new DataFileError(file, 1, `invalid JSON: ${(err as Error).message}`);
  }
}

/** Returns `obj[key]` as an array of non-empty strings, or throws naming the file and key. */
export function expectStringArray(obj: unknown, key: string, file: string): string[] {
  const v = typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0)) {
    throw new DataFileError(file, 1, `"${key}" must be an array of non-empty strings`);
  }
  return v as string[];
}

/** Returns `obj[key]` as a number, or throws naming the file and key. */
export function expectNumber(obj: unknown, key: string, file: string): number {
  const v = typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new DataFileError(file, 1, `"${key}" must be a number`);
  }
  return v;
}
