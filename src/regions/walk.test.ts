import { describe, expect, it } from 'vitest';
import { buildDoubleArray } from './double-array.js';
import { walkTables } from './gazetteer.js';
import { trie } from './trie.case.js';

/** A trie of `words` over letters a=1, b=2, …, laid out as a double array, with its walk tables. */
function tables(words: string[]) {
  const { edges, nodes } = trie(words);
  const { base, check, slotOf } = buildDoubleArray(nodes.size, 26, edges);
  const letters = new Uint16Array(65536);
  for (let c = 97; c <= 122; c++) letters[c] = c - 96;
  return { walk: walkTables({ base, check }, letters), slot: (prefix: string) => slotOf[nodes.get(prefix) as number] as number };
}

describe('walkTables', () => {
  it.each([
    [['a'], 'a', 1],
    [['ab', 'abc', 'b'], 'abc', 3],
    [['ab', 'abc', 'b'], 'ab', 2],
    [['hello', 'help', 'her', 'xyz'], 'hel', 3],
    [['hello', 'help', 'her', 'xyz'], 'xyz', 3],
  ])('in the trie of %j the slot of %j has depth %i', (words, prefix, depth) => {
    const { walk, slot } = tables(words);
    expect(walk.depth[slot(prefix)]).toBe(depth);
  });

  it.each([
    [['ab', 'b', 'ca'], 'a', true],
    [['ab', 'b', 'ca'], 'c', true],
    [['ab', 'b', 'ca'], 'z', false], // a letter that starts no word
    [['ab', 'b', 'ca'], '中', false], // a unit with no letter
  ])('in the trie of %j the first step on %j is found: %s', (words, unit, found) => {
    const { walk, slot } = tables(words);
    expect(walk.first[unit.charCodeAt(0)]).toBe(found ? slot(unit) : 0);
  });

  it('gives the root and free slots depth 0', () => {
    const { walk } = tables(['ab', 'b']);
    expect(walk.depth[0]).toBe(0);
    expect([...walk.depth].filter((d) => d > 0)).toHaveLength(3);
  });
});
