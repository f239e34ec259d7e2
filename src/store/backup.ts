/**
 * Backups as JSON Lines: a header line (format, version, schema), one line per
 * table row (users, tokens, documents with their text, facts, reviews and
 * their history, the audit log), and an end line with the row counts, so a
 * file cut short is refused instead of half imported. The same file moves a
 * database between SQLite and PostgreSQL: ids are kept.
 *
 * Token hashes are included: a restored server keeps everyone's tokens
 * working, and a SHA-256 of a 256-bit random token cannot be turned back into
 * the token. The file still holds every document and who did what: keep it
 * as private as the database.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { StoreError, type DumpRecord, type Store } from './types.js';

/** Writes the whole database to `file` (never over an existing file); returns the row counts per table. */
export async function writeDump(store: Store, file: string): Promise<Record<string, number>> {
  const cannot = (err: unknown): StoreError =>
    new StoreError('invalid', `cannot write ${file}: ${(err as Error).message} (an existing file is never overwritten: pick a new name)`, { cause: err });
  const out = createWriteStream(file, { flags: 'wx' });
  const write = (chunk: string): Promise<void> =>
    new Promise((resolve, reject) => out.write(chunk, (err) => (err ? reject(cannot(err)) : resolve())));
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (err) => reject(cannot(err)));
  });
  let buffer = '';
  const counts = await store.dump(async (record) => {
    buffer += `${JSON.stringify(record)}\n`;
    if (buffer.length >= 1 << 20) {
      const chunk = buffer;
      buffer = '';
      await write(chunk);
    }
  });
  if (buffer) await write(buffer);
  await new Promise<void>((resolve, reject) => {
    out.once('error', (err) => reject(cannot(err)));
    out.end(() => resolve());
  });
  return counts;
}

/** The records of a dump file, parsed line by line. */
export async function* readDump(file: string): AsyncGenerator<DumpRecord> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const opened = once(input, 'open').catch((err: unknown) => {
    throw new StoreError('invalid', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  });
  await opened;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw new StoreError('invalid', `${file} line ${n} is not JSON (${(err as Error).message}): is this a file written by zhibiao export --all?`, { cause: err });
    }
    if (typeof rec !== 'object' || rec === null || !('type' in rec)) throw new StoreError('invalid', `${file} line ${n} is not a dump record`);
    yield rec as DumpRecord;
  }
}

/** Fills an empty database from a dump file. */
export function importDump(store: Store, file: string): Promise<Record<string, number>> {
  return store.restore(readDump(file));
}
