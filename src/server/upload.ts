/**
 * Uploads: a document file over HTTP into the upload directory, checked, then
 * ingested. The client's file name is only a label: it may not name a folder
 * (no / or \, no . or .., no control characters), and the file on disk is
 * named by the content's SHA-256 plus an extension from a short list, inside
 * the configured directory, so no request can reach another path. The
 * content must be a document the readers accept (they sniff it, whatever the
 * name says). Reading happens in a child process with time and memory
 * limits (isolate.ts), never on the server's thread; the temporary file is
 * removed whatever happens.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { ingest, sha256, type DocumentOutcome } from '../store/ingest.js';
import type { Extractor } from '../store/pool.js';
import type { DocumentSummary, Store } from '../store/types.js';
import { ApiError } from './errors.js';
import { IsolatedExtractor, type IsolatedResult, type IsolationLimits } from './isolate.js';

export interface UploadConfig {
  /** Absolute folder uploads are written to. */
  dir: string;
  /** Largest accepted file, bytes. */
  maxBytes: number;
  /** Time and memory limits of the child process that reads uploads (default 60 s, 1024 MB). */
  isolation?: Partial<IsolationLimits>;
}

export const DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024;
export const UPLOAD_EXTENSIONS = ['.txt', '.html', '.htm', '.pdf', '.docx'] as const;

export function uploadConfig(dir: string, maxBytes = DEFAULT_MAX_UPLOAD, isolation?: Partial<IsolationLimits>): UploadConfig {
  return { dir: resolve(dir), maxBytes, ...(isolation ? { isolation } : {}) };
}

/**
 * Removes `.incoming-*` files an earlier server left when it was killed
 * mid-upload (older than `olderThanMs`, so another server's upload in
 * progress is left alone). Returns how many it removed.
 */
export async function removeStaleIncoming(dir: string, olderThanMs = 3600_000): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith('.incoming-'))) {
    const p = join(dir, name);
    const st = await stat(p).catch(() => null);
    if (st && Date.now() - st.mtimeMs > olderThanMs) {
      await rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}

/** The answer to a file the reader would not take: 413 past a limit, 415 not a document, 422 failed. */
function refusal(name: string, result: IsolatedResult | undefined, fallback: string): ApiError {
  if (result && !result.ok) {
    if (result.limit) return new ApiError(413, `parameter "file": ${name}: ${result.reason}`, 'file');
    if (result.kind === 'input') return new ApiError(415, `parameter "file": ${name} is not a document this server reads: ${result.reason}`, 'file');
    return new ApiError(422, `parameter "file": ${name} could not be extracted: ${result.reason}`, 'file');
  }
  return new ApiError(422, `parameter "file": ${name} could not be extracted: ${fallback}`, 'file');
}

export interface UploadResult {
  outcome: DocumentOutcome;
  document: DocumentSummary;
  facts: number;
}

function refuse(message: string): ApiError {
  return new ApiError(400, `parameter "file": ${message}`, 'file');
}

/** Checks a client file name; returns its (lower-case) extension. */
export function checkFileName(name: string): string {
  if (!name) throw refuse('the upload has no file name: send the file as form field "file" with its name');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw refuse('the file name contains control characters (such as NUL): rename the file');
  if (/[/\\]/.test(name) || name === '.' || name === '..') throw refuse(`"${name}" is a path: send the file's own name only, without folders`);
  if ([...name].length > 200) throw refuse('the file name is longer than 200 characters: rename the file');
  const ext = extname(name).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) {
    throw refuse(`"${name}": only ${UPLOAD_EXTENSIONS.join(', ')} files are accepted`);
  }
  return ext;
}

/** Stores an uploaded file in the upload directory and ingests it. */
export async function acceptUpload(
  store: Store,
  config: UploadConfig,
  name: string,
  bytes: Uint8Array,
  extractor: Extractor | undefined,
): Promise<UploadResult> {
  const ext = checkFileName(name);
  if (bytes.length === 0) throw refuse('the file is empty');
  if (bytes.length > config.maxBytes) {
    throw new ApiError(413, `parameter "file": ${bytes.length} bytes is more than this server accepts (${config.maxBytes}); split the document or ask the admin to raise --max-upload`, 'file');
  }
  const hash = sha256(bytes);
  await mkdir(config.dir, { recursive: true });
  const final = join(config.dir, `${hash}${ext}`);
  const incoming = join(config.dir, `.incoming-${randomUUID()}${ext}`);
  // read in a child process (the server's one, else one for this upload); remember why it refused
  const isolated = extractor ?? new IsolatedExtractor(config.isolation);
  let refused: IsolatedResult | undefined;
  const watched: Extractor = {
    size: 1,
    extract: async (path) => {
      const r: IsolatedResult = await isolated.extract(path);
      if (!r.ok) refused = r;
      return r;
    },
    close: async () => {},
  };
  let outcome: DocumentOutcome | undefined;
  let documentId = -1;
  let facts = 0;
  try {
    await writeFile(incoming, bytes, { flag: 'wx' });
    const summary = await ingest(store, [incoming], {
      extractor: watched,
      label: () => `upload/${hash.slice(0, 12)}/${name}`,
      onEvent: (e) => {
        if (e.type !== 'document') return;
        outcome = e.outcome;
        documentId = e.documentId;
        facts = e.facts;
      },
    });
    if (summary.failed.length > 0 || outcome === undefined) throw refusal(name, refused, summary.failed[0]?.reason ?? 'no result');
    // kept under its hash once stored
    await rename(incoming, final);
  } finally {
    await rm(incoming, { force: true });
    if (!extractor) await isolated.close();
  }
  const detail = await store.document(documentId);
  if (!detail) throw new ApiError(500, `document ${documentId} vanished right after it was stored`);
  const { text, diagnostics, facts: listed, reviews, ...document } = detail;
  return { outcome, document, facts: outcome === 'unchanged' ? listed.length : facts };
}
