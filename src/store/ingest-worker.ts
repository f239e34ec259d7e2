/**
 * Worker thread of `zhibiao ingest`: runs the extractor on the paths the main
 * thread sends and posts back the extraction or the reason it failed. It
 * never writes to the database (the main thread is the only writer).
 */
import { parentPort } from 'node:worker_threads';
import { extractResult, type WorkerReply, type WorkerTask } from './pool.js';

if (!parentPort) throw new Error('ingest-worker.js must run as a worker thread (it is started by zhibiao ingest)');
const port = parentPort;

// One task at a time, in the order sent: the pool may send the next before this one
// is done, and counts on the oldest unanswered task being the one this worker is on.
const tasks: WorkerTask[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let task = tasks.shift(); task; task = tasks.shift()) {
    const result = await extractResult(task.path);
    port.postMessage({ id: task.id, ...result } satisfies WorkerReply);
  }
  running = false;
}

port.on('message', (task: WorkerTask) => {
  tasks.push(task);
  if (!running) void drain();
});
