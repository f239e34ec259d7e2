/**
 * A stand-in for upload-child.ts in the isolation tests: `slow MS` blocks its
 * thread for MS ms and then refuses the file, `hang` never answers, `hog`
 * allocates until the heap limit kills it.
 */
import type { ChildReply, ChildTask } from './isolate.js';

const [mode, arg] = process.argv.slice(2);
process.on('message', (task: ChildTask) => {
  if (mode === 'slow') {
    const until = Date.now() + Number(arg ?? 2000);
    while (Date.now() < until) {
      // busy: this process's thread is blocked, the server's is not
    }
    process.send!({ id: task.id, ok: false, kind: 'internal', reason: 'slow stand-in reader' } satisfies ChildReply);
  } else if (mode === 'hog') {
    const keep: string[][] = [];
    for (;;) keep.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${keep.length}-padding`));
  }
  // hang: never answer
});
