import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WorkerPool, type ExtractResult } from './pool.js';

const start = () => new Worker(new URL('./pool.fixture.mjs', import.meta.url));
type Echo = { path: string; held: number; thread: string };
const echo = (r: ExtractResult): Echo => {
  if (!r.ok) throw new Error(r.reason);
  return r.extraction as unknown as Echo;
};

describe('WorkerPool', () => {
  it('answers every task with its own result, at most `depth` held by a worker', async () => {
    for (const depth of [1, 2, 3]) {
      const pool = new WorkerPool(2, { depth, start });
      try {
        const paths = Array.from({ length: 12 }, (_, i) => `f${i}`);
        const out = (await Promise.all(paths.map((p) => pool.extract(p)))).map(echo);
        expect(out.map((e) => e.path)).toEqual(paths);
        expect(Math.max(...out.map((e) => e.held))).toBeLessThanOrEqual(depth);
        if (depth > 1) expect(Math.max(...out.map((e) => e.held))).toBeGreaterThan(1);
        expect(new Set(out.map((e) => e.thread)).size).toBe(2);
      } finally {
        await pool.close();
      }
    }
  });

  it('fails only the file a dying worker was on; the files queued behind it are extracted by its replacement', async () => {
    const pool = new WorkerPool(1, { depth: 3, start });
    try {
      const results = await Promise.all(['a', 'die', 'b', 'c', 'd'].map((p) => pool.extract(p)));
      expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true]);
      const failed = results[1]!;
      expect(!failed.ok && failed.reason).toMatch(/worker stopped while reading this file \(exit code 3\)/);
      expect(results.filter((r) => r.ok).map((r) => echo(r).path)).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      await pool.close();
    }
  });

  it('answers tasks sent after close as failed', async () => {
    const pool = new WorkerPool(1, { depth: 2, start });
    await pool.close();
    const r = await pool.extract('x');
    expect(r.ok).toBe(false);
  });
});
