/**
 * The manifest `zhibiao ingest --manifest` reads: a CSV of `file,url,title`
 * (a header row naming these columns is optional; any order when named).
 * Files are matched by path (relative to the manifest's folder, or as
 * given) or, failing that, by file name.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface SourceFields {
  title?: string;
  sourceUrl?: string;
}

/** RFC 4180 fields of a CSV text (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

export class ManifestError extends Error {}

/** Reads a manifest into a lookup from a file path to its title and address. */
export function readManifest(path: string): (file: string) => SourceFields | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ManifestError(`cannot read manifest ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}): give a CSV of file,url,title`);
  }
  const rows = parseCsv(text);
  let cols = { file: 0, url: 1, title: 2 };
  const head = rows[0]?.map((h) => h.trim().toLowerCase());
  if (head && head.includes('file')) {
    cols = { file: head.indexOf('file'), url: head.indexOf('url'), title: head.indexOf('title') };
    rows.shift();
  }
  const base = dirname(resolve(path));
  const byPath = new Map<string, SourceFields>();
  const byName = new Map<string, SourceFields>();
  rows.forEach((r, i) => {
    const file = r[cols.file]?.trim();
    if (!file) throw new ManifestError(`manifest ${path} line ${i + 2}: no file name in column "file"`);
    const url = cols.url >= 0 ? r[cols.url]?.trim() : undefined;
    const title = cols.title >= 0 ? r[cols.title]?.trim() : undefined;
    if (url && !/^https?:\/\//i.test(url)) throw new ManifestError(`manifest ${path} line ${i + 2}: "${url}" is not an http(s) address`);
    const fields: SourceFields = { ...(title ? { title } : {}), ...(url ? { sourceUrl: url } : {}) };
    byPath.set(resolve(base, file), fields);
    byPath.set(resolve(file), fields);
    byName.set(basename(file), fields);
  });
  return (file) => byPath.get(resolve(file)) ?? byName.get(basename(file));
}
