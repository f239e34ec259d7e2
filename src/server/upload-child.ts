/**
 * The child process that reads and extracts uploaded files (see isolate.ts).
 * It answers each `{ id, path }` with the extraction or why there is none:
 * `limit` (past the text cap: 413), `input` (not a readable document: 415) or
 * `internal` (the extractor failed: 422). It never touches the database.
 */
import { extractFile } from '../extract.js';
import { LimitError } from '../readers/limits.js';
import { InputError } from '../types.js';
import type { ChildReply, ChildTask } from './isolate.js';

if (!process.send) throw new Error('upload-child.js must be started by the server (child_process.fork)');
const send = process.send.bind(process);

process.on('message', (task: ChildTask) => {
  void (async (): Promise<ChildReply> => {
    try {
      return { id: task.id, ok: true, extraction: await extractFile(task.path) };
    } catch (err) {
      if (err instanceof LimitError) return { id: task.id, ok: false, kind: 'limit', reason: err.reason };
      if (err instanceof InputError) return { id: task.id, ok: false, kind: 'input', reason: err.reason };
      const message = err instanceof Error ? err.message : String(err);
      return { id: task.id, ok: false, kind: 'internal', reason: `extractor failed: ${message.split('\n', 1)[0]}` };
    }
  })().then((reply) => send(reply));
});
