/**
 * The floor as a whole process, for `npm run bench`: read and decode every
 * document given (files or folders) and make one regular-expression pass over
 * each, printing the number of matches. What any extractor must at least do.
 *
 *   node dist/bench/floor.js PATH...
 */
import { expandPaths } from '../cli/files.js';
import { readSource } from '../readers/index.js';

const NUMBER = /\d+(?:\.\d+)?(?:亿元|万元|%|个|家)?/gu;

let n = 0;
for (const file of expandPaths(process.argv.slice(2)).files) {
  const s = await readSource(file);
  NUMBER.lastIndex = 0;
  while (NUMBER.exec(s.text)) n++;
}
process.stdout.write(`${n}\n`);
