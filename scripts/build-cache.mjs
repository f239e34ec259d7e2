// After the TypeScript build: the built gazetteer as dist/regions/data/gazetteer.cache.json,
// so that a start loads it in a few milliseconds instead of rebuilding it from the tables.
// It carries a hash of the data files; a stale or missing cache is simply not used.
import { writeGazetteerCache } from '../dist/regions/gazetteer.js';

const bytes = writeGazetteerCache();
console.log(`gazetteer cache: ${(bytes / 1024).toFixed(0)} KB`);
