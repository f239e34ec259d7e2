/**
 * Uploads are read in a child process, never on the server's thread: a
 * decompression bomb, a page that takes minutes or a crash in a reader costs
 * that child, and the server keeps answering meanwhile. The child runs with
 * a V8 heap limit (`--max-old-space-size`), a watchdog on its resident memory
 * (Linux /proc) and a time limit per file; past either it is killed, the
 * upload is refused with the reason, and the next upload starts a new child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ExtractResult, Extractor } from '../store/pool.js';
import type { Extraction } from '../types.js';

export interface ChildTask {
  id: number;
  path: string;
}

export type ChildReply =
  | { id: number; ok: true; extraction: Extraction }
  | { id: number; ok: false; kind: 'input' | 'limit' | 'internal'; reason: string };

/** An extraction, or why not: `input` is a refusal of the file (`limit` set: past a limit), `internal` a failure. */
export type IsolatedResult = ExtractResult & { limit?: true };

export interface IsolationLimits {
  /** Longest one file may take, ms (default 60 s). */
  timeoutMs: number;
  /** V8 heap of the child, MB (default 1024); its resident memory may exceed it by 512 MB. */
  memoryMb: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { timeoutMs: 60_000, memoryMb: 1024 };

/** The child's script: the compiled one, or the TypeScript source through tsx (tests). */
export interface ChildScript {
  script: string;
  execArgv: string[];
  args?: string[];
}

function childScript(): ChildScript {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./upload-child.js', here).pathname, execArgv: [] };
  return { script: new URL('./upload-child.ts', here).pathname, execArgv: ['--import', 'tsx'] };
}

function residentMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // not Linux, or the child just exited
  }
}

interface Busy {
  id: number;
  resolve: (r: IsolatedResult) => void;
  timer: NodeJS.Timeout;
  watchdog: NodeJS.Timeout;
  /** Why we killed the child, if we did. */
  killed?: string;
}

export class IsolatedExtractor implements Extractor {
  readonly size = 1;
  private readonly limits: IsolationLimits;
  private readonly script: ChildScript;
  private child: ChildProcess | null = null;
  private busy: Busy | null = null;
  private readonly queue: Array<{ path: string; resolve: (r: IsolatedResult) => void }> = [];
  private nextId = 1;
  private closed = false;

  /** `script` replaces the child's script (tests: a child that hangs or eats memory). */
  constructor(limits: Partial<IsolationLimits> = {}, script?: ChildScript) {
    this.limits = { ...DEFAULT_ISOLATION, ...limits };
    this.script = script ?? childScript();
  }

  private spawn(): ChildProcess {
    const child = fork(this.script.script, this.script.args ?? [], {
      execArgv: [...this.script.execArgv, `--max-old-space-size=${this.limits.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < 4000) stderr += b.toString('utf8');
    });
    child.on('message', (reply: ChildReply) => {
      const busy = this.busy;
      if (!busy || busy.id !== reply.id) return;
      if (reply.ok) this.finish({ ok: true, extraction: reply.extraction });
      else if (reply.kind === 'limit') this.finish({ ok: false, kind: 'input', limit: true, reason: reply.reason });
      else this.finish({ ok: false, kind: reply.kind, reason: reply.reason });
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const busy = this.busy;
      if (!busy) return;
      const oom = /heap out of memory|Allocation failed/i.test(stderr);
      const why =
        busy.killed ??
        (oom || signal === 'SIGABRT' || code === 134
          ? `the reader ran out of memory (more than ${this.limits.memoryMb} MB): not read`
          : `the reader stopped (${signal ? `signal ${signal}` : `exit code ${code}`}): not read`);
      this.finish({ ok: false, kind: 'internal', reason: why });
    });
    child.on('error', () => {
      // a failed spawn or a closed channel: the exit handler reports it
    });
    child.channel?.unref();
    return child;
  }

  private finish(result: IsolatedResult): void {
    const busy = this.busy;
    if (!busy) return;
    this.busy = null;
    clearTimeout(busy.timer);
    clearInterval(busy.watchdog);
    this.child?.channel?.unref();
    busy.resolve(result);
    this.pump();
  }

  private kill(reason: string): void {
    if (this.busy) this.busy.killed = reason;
    this.child?.kill('SIGKILL');
  }

  private pump(): void {
    if (this.busy || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    const child = (this.child ??= this.spawn());
    child.channel?.ref();
    const id = this.nextId++;
    const seconds = Math.round(this.limits.timeoutMs / 100) / 10;
    const rssLimit = this.limits.memoryMb + 512;
    this.busy = {
      id,
      resolve: next.resolve,
      timer: setTimeout(() => this.kill(`reading took longer than ${seconds} s: not read`), this.limits.timeoutMs),
      watchdog: setInterval(() => {
        const rss = child.pid !== undefined ? residentMb(child.pid) : null;
        if (rss !== null && rss > rssLimit) this.kill(`the reader needed more than ${rssLimit} MB of memory: not read`);
      }, 200),
    };
    child.send({ id, path: next.path } satisfies ChildTask, (err) => {
      if (err && this.busy?.id === id) this.kill(`the reader could not be started (${err.message})`);
    });
  }

  extract(path: string): Promise<IsolatedResult> {
    if (this.closed) return Promise.resolve({ ok: false, kind: 'internal', reason: 'the upload reader is closed' });
    return new Promise((resolve) => {
      this.queue.push({ path, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.resolve({ ok: false, kind: 'internal', reason: 'the upload reader is closed' });
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.kill('the server is stopping');
    await exited;
  }
}
