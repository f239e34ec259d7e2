/**
 * Child process for the crash test (ingest.test.ts): ingests PATHS into DB and
 * prints one line per committed document, so the test can kill it mid-batch.
 * Usage: node --import tsx src/store/ingest-child.case.ts DB PATH...   (DB: a SQLite file or a postgres:// URL)
 */
import { ingest } from './ingest.js';
import { openStore } from './open.js';

const [db, ...paths] = process.argv.slice(2);
if (!db || paths.length === 0) throw new Error('usage: ingest-child.case.ts DB PATH...');
const store = await openStore(db);
await ingest(store, paths, {
  workers: 2,
  onEvent: (e) => {
    if (e.type === 'document') process.stdout.write(`committed\t${e.documentId}\t${e.facts}\t${e.path}\t${e.outcome}\n`);
    if (e.type === 'failed') process.stdout.write(`failed\t${e.path}\t${e.reason}\n`);
  },
});
await store.close();
process.stdout.write('finished\n');
