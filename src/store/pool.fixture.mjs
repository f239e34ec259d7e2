// A stand-in extraction worker for pool.test.ts: answers tasks one at a time after
// a short delay, with the number of tasks it held when it finished each; a path
// "die" ends the worker while it is on that task.
import { parentPort } from 'node:worker_threads';

const tasks = [];
let running = false;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function drain() {
  running = true;
  for (let task = tasks.shift(); task; task = tasks.shift()) {
    await sleep(5);
    const held = tasks.length + 1; // this one and those sent behind it meanwhile
    if (task.path === 'die') process.exit(3);
    parentPort.postMessage({ id: task.id, ok: true, extraction: { path: task.path, held, thread: process.pid + ':' + (globalThis.__n ??= Math.random()) } });
  }
  running = false;
}

parentPort.on('message', (task) => {
  tasks.push(task);
  if (!running) void drain();
});
