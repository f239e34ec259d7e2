/**
 * A fixed pool of worker threads running the extractor. A worker takes its
 * tasks one at a time, in the order sent; the pool keeps up to `depth` of them
 * in flight per worker, so that a worker need not wait for this thread to send
 * the next one. A worker that dies takes only the file it was on down with it
 * (that file is reported failed; the files queued behind it go to another
 * worker) and is replaced.
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

interface Queued {
  task: WorkerTask;
  resolve: (r: ExtractResult) => void;
}

interface Slot {
  worker: Worker;
  /** Sent and not answered, oldest first: the first is the one the worker is on. */
  inFlight: Queued[];
  /** Whether this worker ever answered (a worker that dies before is a start-up failure). */
  answered: boolean;
}

export interface PoolOptions {
  /** Tasks in flight per worker (default 1). */
  depth?: number;
  /** Starts a worker (default: the extraction worker beside this module); for tests. */
  start?: () => Worker;
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
  private readonly depth: number;
  private readonly start: () => Worker;
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closing = false;
  private startupFailures = 0;
  private broken: string | undefined;

  constructor(size: number = defaultWorkers(), options: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(size));
    this.depth = Math.max(1, Math.floor(options.depth ?? 1));
    this.start = options.start ?? startWorker;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: this.start(), inFlight: [], answered: false };
    slot.worker.on('message', (reply: WorkerReply) => {
      slot.answered = true;
      const at = slot.inFlight.findIndex((q) => q.task.id === reply.id);
      if (at < 0) return;
      const [done] = slot.inFlight.splice(at, 1) as [Queued];
      done.resolve(reply.ok ? { ok: true, extraction: reply.extraction } : { ok: false, kind: reply.kind, reason: reply.reason });
      this.pump();
    });
    const die = (why: string): void => {
      const [current, ...waiting] = slot.inFlight;
      slot.inFlight = [];
      if (current) current.resolve({ ok: false, kind: 'internal', reason: `extractor worker stopped while reading this file (${why})` });
      if (this.closing) {
        for (const w of waiting) w.resolve({ ok: false, kind: 'internal', reason: 'the worker pool is closed' });
        return;
      }
      // the worker had not started these: they go back to the head of the queue, in order
      this.queue.unshift(...waiting);
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

  /** Sends queued tasks: first to idle workers, then up to `depth` per worker. */
  private pump(): void {
    for (let fill = 1; fill <= this.depth; fill++) {
      for (const slot of this.slots) {
        if (slot.inFlight.length >= fill) continue;
        const next = this.queue.shift();
        if (!next) return;
        slot.inFlight.push(next);
        slot.worker.postMessage(next.task);
      }
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
