/**
 * Ingest: files → extractions (worker threads) → database (this thread, each
 * document atomic; on SQLite the saves of a bulk batch share commits, and a
 * document is reported stored once its save is committed).
 *
 * Idempotent: a file whose content hash is already stored with the current
 * extractor version is skipped; with another version it is re-extracted in
 * place (same document id). A file whose path was stored with other content is
 * replaced. Bad files are reported and skipped; they never stop the batch.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EXTRACTOR_VERSION } from '../extract.js';
import { expandPaths } from '../cli/files.js';
import { InlineExtractor, WorkerPool, defaultWorkers, type Extractor } from './pool.js';
import { syncGazetteer } from './regions.js';
import type { SaveOutcome, Store } from './types.js';

export type DocumentOutcome = SaveOutcome | 'unchanged';

export type IngestEvent =
  | { type: 'start'; total: number; workers: number }
  | { type: 'document'; path: string; outcome: DocumentOutcome; facts: number; dropped: number; documentId: number }
  | { type: 'failed'; path: string; reason: string };

export interface IngestOptions {
  /** Worker threads running the extractor (default: one per core; 0 = extract on this thread). */
  workers?: number;
  /** The version recorded with each fact (default: the extractor's). A different stored version re-extracts. */
  extractorVersion?: string;
  /** Re-extract even unchanged documents. */
  force?: boolean;
  /** An extractor to use instead of a new pool (it is not closed; the server keeps one for uploads). */
  extractor?: Extractor;
  /** Follow symbolic links out of the given folders (see cli/files.ts). */
  followLinks?: boolean;
  /** The path stored for a file (default: the path as given), e.g. a name for an uploaded file. */
  label?: (path: string) => string;
  /** The title and source address given for a file (`--title`, `--source-url`, a manifest), if any. */
  source?: (path: string) => { title?: string; sourceUrl?: string } | undefined;
  onEvent?: (event: IngestEvent) => void;
}

export interface IngestSummary {
  files: number;
  inserted: number;
  reextracted: number;
  replaced: number;
  unchanged: number;
  facts: number;
  /** Facts the extractor produced that break the contract and were not stored (see document diagnostics). */
  dropped: number;
  failed: { path: string; reason: string }[];
  /** Links and repeats the folder walk did not follow (not failures). */
  skipped?: { path: string; reason: string }[];
  seconds: number;
  workers: number;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function ingest(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  const emit = options.onEvent ?? (() => {});
  await syncGazetteer(store);

  const { files, errors: problems, skipped } = expandPaths(paths, { followLinks: options.followLinks ?? false });
  const summary: IngestSummary = {
    files: files.length + problems.length,
    inserted: 0,
    reextracted: 0,
    replaced: 0,
    unchanged: 0,
    facts: 0,
    dropped: 0,
    failed: [],
    skipped,
    seconds: 0,
    workers: 0,
  };
  const fail = (path: string, reason: string): void => {
    summary.failed.push({ path, reason });
    emit({ type: 'failed', path, reason });
  };

  const requested = options.workers ?? defaultWorkers();
  const size = Math.min(requested, Math.max(1, files.length));
  const extractor: Extractor = options.extractor ?? (requested === 0 ? new InlineExtractor() : new WorkerPool(size, { depth: 2 }));
  summary.workers = options.extractor ? options.extractor.size : requested === 0 ? 0 : size;
  emit({ type: 'start', total: summary.files, workers: summary.workers });
  for (const p of problems) fail(p.path, p.reason);

  // content claimed in this batch (hash → the first path and whether it got stored): stored once
  const claimed = new Map<string, { path: string; stored: Promise<boolean> }>();
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, extractor.size * 2);
  // saves whose commit is shared (a SQLite bulk ingest): reported once committed
  const uncommitted = new Set<Promise<void>>();

  const handle = async (path: string): Promise<void> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      fail(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)}): check that it exists and is readable`);
      return;
    }
    const hash = sha256(bytes);
    const twin = claimed.get(hash);
    if (twin) {
      if (await twin.stored) {
        summary.unchanged++;
        emit({ type: 'document', path, outcome: 'unchanged', facts: 0, dropped: 0, documentId: (await store.knownDocument(hash))?.id ?? -1 });
      } else fail(path, `same content as ${twin.path}, which could not be ingested`);
      return;
    }
    // claim the content before any await, so a twin read meanwhile waits for this one
    let settle: (stored: boolean) => void = () => {};
    claimed.set(hash, { path, stored: new Promise<boolean>((resolve) => (settle = resolve)) });
    const known = await store.knownDocument(hash);
    const given = options.source?.(path);
    if (known && known.extractorVersion === version && !options.force) {
      if (given && (given.title || given.sourceUrl)) await store.setDocumentSource(known.id, given);
      summary.unchanged++;
      emit({ type: 'document', path, outcome: 'unchanged', facts: 0, dropped: 0, documentId: known.id });
      settle(true);
      return;
    }
    try {
      const result = await extractor.extract(path);
      if (!result.ok) {
        fail(path, result.reason);
        settle(false);
        return;
      }
      // the stored path stays the first one seen for this content; another process may have stored it meanwhile
      const saved = await store.saveExtraction({
        hash,
        path: known ? known.path : (options.label?.(path) ?? path),
        bytes: bytes.length,
        extractorVersion: version,
        extraction: result.extraction,
        ...(given?.title ? { title: given.title } : {}),
        ...(given?.sourceUrl ? { sourceUrl: given.sourceUrl } : {}),
        ifChanged: !options.force,
      });
      const report = (): void => {
        summary[saved.outcome]++;
        summary.facts += saved.facts;
        summary.dropped += saved.dropped;
        emit({ type: 'document', path, outcome: saved.outcome, facts: saved.facts, dropped: saved.dropped, documentId: saved.id });
        settle(true);
      };
      if (!saved.committed) return report();
      // a document is reported stored only once it is committed (a killed process loses no reported document)
      const p: Promise<void> = saved.committed
        .then(report, (err: unknown) => {
          fail(path, `could not store this file: the database rolled it back (${err instanceof Error ? err.message : String(err)}); run the ingest again`);
          settle(false);
        })
        .finally(() => uncommitted.delete(p));
      uncommitted.add(p);
    } catch (err) {
      settle(false);
      throw err;
    }
  };

  const run = async (): Promise<void> => {
    for (const path of files) {
      const p: Promise<void> = handle(path)
        .catch((err: unknown) => fail(path, `could not store this file: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  };
  try {
    // the batch is durable when ingest returns, not after every document (see Store.bulk)
    await (store.bulk ? store.bulk(run, { documents: files.length }) : run());
    // the bulk batch has committed its last saves by now: their reports
    await Promise.all(uncommitted);
  } finally {
    if (!options.extractor) await extractor.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
