import { describe, expect, it } from 'vitest';
import { buildDoubleArray, childSlot } from './double-array.js';
import { trie } from './trie.case.js';


const MAX = 26;

describe('buildDoubleArray', () => {
  it.each([
    [[]],
    [['a']],
    [['ab', 'abc', 'b', 'ca', 'cz']],
    [['z', 'zz', 'zzz', 'za', 'az', 'a']],
    [['hello', 'help', 'helm', 'hero', 'her', 'xyz', 'yz', 'q']],
  ])('walks exactly the edges of %j', (words) => {
    const { edges, nodes } = trie(words);
    const da = buildDoubleArray(nodes.size, MAX, edges);
    const slots = new Set<number>();
    for (const [prefix, node] of nodes) {
      // every prefix is reached letter by letter, at the slot it was given
      let s = 0;
      for (const ch of prefix) s = childSlot(da, s, ch.charCodeAt(0) - 96);
      expect(s, prefix).toBe(da.slotOf[node]);
      slots.add(s);
      // negatives: no other letter (0 included) leads anywhere, and no read falls off the arrays
      for (let letter = 0; letter <= MAX; letter++) {
        const isEdge = nodes.has(prefix + String.fromCharCode(96 + letter)) && letter > 0;
        const t = childSlot(da, s, letter);
        if (isEdge) expect(t, `${prefix}+${letter}`).toBeGreaterThan(0);
        else expect(t, `${prefix}+${letter}`).toBe(-1);
        expect((da.base[s] as number) + letter).toBeLessThan(da.check.length);
      }
    }
    expect(slots.size).toBe(nodes.size); // distinct slots
  });

  it('packs a wide root and many one-child chains', () => {
    const words: string[] = [];
    for (let a = 0; a < 26; a++) for (let b = 0; b < 26; b += 3) words.push(String.fromCharCode(97 + a, 97 + b, 97 + ((a + b) % 26)));
    const { edges, nodes } = trie(words);
    const da = buildDoubleArray(nodes.size, MAX, edges);
    for (const w of words) {
      let s = 0;
      for (const ch of w) s = childSlot(da, s, ch.charCodeAt(0) - 96);
      expect(s).toBe(da.slotOf[nodes.get(w) as number]);
    }
    expect(da.check.length).toBeLessThan(2 * nodes.size + MAX + 2);
  });

  it('rejects letters out of range', () => {
    expect(() => buildDoubleArray(2, 3, [[0, 4, 1]])).toThrow(/out of/);
    expect(() => buildDoubleArray(2, 3, [[0, 0, 1]])).toThrow(/out of/);
  });
});
