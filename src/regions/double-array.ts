/**
 * A double-array trie (Aoe 1989): the children of the node in slot `s` sit in
 * slots `base[s] + letter`, each marked `check[slot] = s`. Finding a child is two
 * array reads and a comparison, hit or miss; the gazetteer's matcher walks its
 * trie from every position of a document and most steps are misses, which cost
 * an open-addressing hash table several probes.
 *
 * Letters are numbered from 1. Letter 0 (a unit that occurs in no word) never
 * finds a child: `base[s] + 0` is no child slot of `s`. The root is slot 0, and
 * a free slot has check -1. The arrays are long enough that `base[s] + letter`
 * never reads past their end for any letter up to `maxLetter`.
 */
export interface DoubleArray {
  readonly base: Int32Array;
  readonly check: Int32Array;
}

/** The slot of the child of slot `s` by `letter`, or -1. */
export function childSlot(da: DoubleArray, s: number, letter: number): number {
  const t = (da.base[s] as number) + letter;
  return da.check[t] === s ? t : -1;
}

/**
 * Lays out a trie given as edges `[parent, letter, child]` over nodes
 * `0..nodeCount-1` (0 the root; letters 1..maxLetter). Nodes are placed
 * breadth-first, each node's children at the first base where all fit.
 * Returns the arrays and `slotOf[node]`, the slot each node landed in.
 */
export function buildDoubleArray(
  nodeCount: number,
  maxLetter: number,
  edges: Iterable<readonly [number, number, number]>,
): DoubleArray & { slotOf: Int32Array } {
  // children of each node as [letter, child] pairs, by letter
  const kids: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const [parent, letter, child] of edges) {
    if (letter < 1 || letter > maxLetter) throw new Error(`letter ${letter} out of 1..${maxLetter}`);
    (kids[parent] as number[]).push(letter, child);
  }
  for (let k = 0; k < nodeCount; k++) {
    const list = kids[k] as number[];
    if (list.length <= 2) continue;
    const pairs: [number, number][] = [];
    for (let q = 0; q < list.length; q += 2) pairs.push([list[q] as number, list[q + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    kids[k] = pairs.flat();
  }

  let cap = nodeCount + 2 * maxLetter + 16;
  let base = new Int32Array(cap);
  let check = new Int32Array(cap).fill(-1);
  // nextFree[p]: a slot >= p that may be free (path-compressed, see free())
  let nextFree = new Int32Array(cap + 1).map((_, k) => k);
  const grow = (need: number) => {
    if (need < cap) return;
    const size = Math.max(2 * cap, need + 1);
    const b = new Int32Array(size);
    b.set(base);
    const c = new Int32Array(size).fill(-1);
    c.set(check);
    const f = new Int32Array(size + 1).map((_, k) => k);
    f.set(nextFree.subarray(0, cap));
    base = b;
    check = c;
    nextFree = f;
    cap = size;
  };
  /** The first free slot at or after `p`. */
  const free = (p: number): number => {
    grow(p + maxLetter + 1);
    let r = p;
    while (nextFree[r] !== r) r = nextFree[r] as number;
    // compress the path walked
    while (nextFree[p] !== r) {
      const up = nextFree[p] as number;
      nextFree[p] = r;
      p = up;
    }
    return r;
  };
  const take = (t: number) => {
    nextFree[t] = t + 1;
  };

  const slotOf = new Int32Array(nodeCount).fill(-1);
  slotOf[0] = 0;
  take(0);
  let used = 1; // one past the highest slot taken
  let maxBase = 0;
  const queue = [0];
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi] as number;
    const s = slotOf[node] as number;
    const list = kids[node] as number[];
    if (list.length === 0) continue; // a leaf keeps base 0: base + letter is some other node's slot
    const first = list[0] as number;
    let b = 0;
    for (let p = free(first); ; p = free(p + 1)) {
      b = p - first;
      let fits = true;
      for (let q = 2; q < list.length && fits; q += 2) fits = check[b + (list[q] as number)] === -1;
      if (fits) break;
    }
    base[s] = b;
    if (b > maxBase) maxBase = b;
    for (let q = 0; q < list.length; q += 2) {
      const t = b + (list[q] as number);
      check[t] = s;
      take(t);
      if (t + 1 > used) used = t + 1;
      slotOf[list[q + 1] as number] = t;
      queue.push(list[q + 1] as number);
    }
  }
  const size = Math.max(used, maxBase + maxLetter + 1);
  return { base: base.slice(0, size), check: check.slice(0, size), slotOf };
}
