/**
 * Worker thread of `zhibiao ingest`: runs the extractor on the paths the main
 * thread sends and posts back the extraction or the reason it failed. It
 * never writes to the database (the main thread is the only writer).
 */
import { parentPort } from 'node:worker_threads';
import { extractResult, type WorkerReply, type WorkerTask } from './pool.js';

if (!parentPort) throw new Error('ingest-worker.js must run as a worker thread (it is started by zhibiao ingest)');
const port = parentPort;

port.on('message', (task: WorkerTask) => {
  void extractResult(task.path).then((result) => port.postMessage({ id: task.id, ...result } satisfies WorkerReply));
});
