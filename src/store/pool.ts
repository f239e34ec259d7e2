/**
 * A fixed pool of worker threads running the extractor. One task per worker
 * at a time; a worker that dies takes only its current file down with it (the
 * file is reported failed) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { extractFile } from '../extract.js';
import { InputError, type Extraction } from '../types.js';

export interface WorkerTask {
  id: number;
  path: string;
}

export type WorkerReply =
  | { id: number; ok: true; extraction: Extraction }
  | { id: number; ok: false; kind: 'input' | 'internal'; reason: string };

export type ExtractResult =
  | { ok: true; extraction: Extraction }
  | { ok: false; kind: 'input' | 'internal'; reason: string };

/** Runs the extractor on one file; a refusal or a crash becomes a failed result, never a throw. */
export async function extractResult(path: string): Promise<ExtractResult> {
  try {
    return { ok: true, extraction: await extractFile(path) };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, kind: 'input', reason: err.reason };
    return { ok: false, kind: 'internal', reason: `extractor failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
  }
}

export interface Extractor {
  extract(path: string): Promise<ExtractResult>;
  close(): Promise<void>;
  readonly size: number;
}

/**
 * Starts the worker script beside this module. Under tsx or vitest (running
 * the TypeScript sources) the worker first registers tsx's loader, since
 * Node 20 workers do not inherit the parent's module hooks.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./ingest-worker.js', here));
  const entry = JSON.stringify(new URL('./ingest-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`, { eval: true });
}

interface Slot {
  worker: Worker;
  busy: { id: number; resolve: (r: ExtractResult) => void } | null;
  /** Whether this worker ever answered (a worker that dies before is a start-up failure). */
  answered: boolean;
}

/** Start-up failures after which the pool gives up instead of respawning. */
const MAX_STARTUP_FAILURES = 3;

/**
 * One worker per core. Measured with `npm run bench:national` (6,000 documents,
 * SQLite, 2-core VM shared with other jobs, whose CPU-only check gave 0.86x for
 * a second thread at the time): 1 worker 78.4 s, 2 workers 66.3 s. Since
 * ingest no longer syncs the disk per document, the main thread is mostly
 * idle and a second worker pays even on a busy machine.
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool implements Extractor {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: { task: WorkerTask; resolve: (r: ExtractResult) => void }[] = [];
  private nextId = 1;
  private closing = false;
  private startupFailures = 0;
  private broken: string | undefined;

  constructor(size: number = defaultWorkers()) {
    this.size = Math.max(1, Math.floor(size));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), busy: null, answered: false };
    slot.worker.on('message', (reply: WorkerReply) => {
      slot.answered = true;
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      slot.busy = null;
      busy.resolve(reply.ok ? { ok: true, extraction: reply.extraction } : { ok: false, kind: reply.kind, reason: reply.reason });
      this.pump();
    });
    const die = (why: string): void => {
      const busy = slot.busy;
      slot.busy = null;
      if (busy) busy.resolve({ ok: false, kind: 'internal', reason: `extractor worker stopped while reading this file (${why})` });
      if (this.closing) return;
      if (!slot.answered && ++this.startupFailures >= MAX_STARTUP_FAILURES) {
        this.fail(`extractor workers cannot start (${why}); try --workers 0 to extract on the main thread`);
        return;
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    slot.worker.on('error', (err) => die(err.message));
    slot.worker.on('exit', (code) => {
      if (!this.closing) die(`exit code ${code}`);
    });
    return slot;
  }

  /** Gives up: every queued and future task fails with the reason. */
  private fail(reason: string): void {
    this.broken = reason;
    for (const q of this.queue.splice(0)) q.resolve({ ok: false, kind: 'internal', reason });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = { id: next.task.id, resolve: next.resolve };
      slot.worker.postMessage(next.task);
    }
  }

  extract(path: string): Promise<ExtractResult> {
    if (this.closing) return Promise.resolve({ ok: false, kind: 'internal', reason: 'the worker pool is closed' });
    if (this.broken) return Promise.resolve({ ok: false, kind: 'internal', reason: this.broken });
    return new Promise((resolve) => {
      this.queue.push({ task: { id: this.nextId++, path }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Extraction on the calling thread (`--workers 0`): for debugging and single small files. */
export class InlineExtractor implements Extractor {
  readonly size = 1;
  extract(path: string): Promise<ExtractResult> {
    return extractResult(path);
  }
  async close(): Promise<void> {}
}
