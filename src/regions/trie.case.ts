/**
 * A test trie for the double-array suites: the edges of the trie of `words`
 * over letters a=1, b=2, …, and the node number of each prefix. Not part of
 * the build.
 */
export function trie(words: string[]): { edges: [number, number, number][]; nodes: Map<string, number> } {
  const nodes = new Map<string, number>([['', 0]]);
  const edges: [number, number, number][] = [];
  for (const w of words) {
    for (let i = 1; i <= w.length; i++) {
      const prefix = w.slice(0, i);
      if (nodes.has(prefix)) continue;
      nodes.set(prefix, nodes.size);
      edges.push([nodes.get(w.slice(0, i - 1)) as number, w.charCodeAt(i - 1) - 96, nodes.get(prefix) as number]);
    }
  }
  return { edges, nodes };
}
