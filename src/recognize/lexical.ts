/**
 * Indicator names and cue words: one trie over every literal surface
 * (longest match from each position), plus the regular-expression aliases.
 */
import type { AnchorCollector } from './anchored.js';
import { lexicon, type AliasDef, type CueDef } from '../lexicon/index.js';
import { buildDoubleArray } from '../regions/double-array.js';
import type { CueToken, IndicatorToken } from './tokens.js';

/**
 * One trie over every literal surface, as a double array: a node's child on
 * UTF-16 unit u sits at slot base[node] + alphabet[u] and is a child when
 * check[that slot] is the node (node ids are slots). Walking it is two array
 * reads per character (a hash table of edges was several). The root's children
 * come from a direct table by unit, which is also the filter of starts.
 */
interface Trie {
  /** The child of the root on each UTF-16 unit (0: none). */
  root: Int32Array;
  /** 1 + the index of each UTF-16 unit used in a surface (0: none). */
  alphabet: Uint16Array;
  base: Int32Array;
  /** The parent of the node at each slot (-1: free slot). */
  check: Int32Array;
  /** 1 where a surface ends. */
  ends: Uint8Array;
  alias: (AliasDef | undefined)[];
  cue: (CueDef | undefined)[];
}

let trie: Trie | undefined;

/**
 * The trie as edges first (one map of node and unit to child, each edge and
 * each unit's letter recorded as it is made), then laid out as a double array.
 */
function build(): Trie {
  if (trie) return trie;
  /** The child of a node by unit, keyed node * 0x10000 + unit. */
  const child = new Map<number, number>();
  const edges: Array<[number, number, number]> = [];
  /** The root's children by unit. */
  const rootKids: Array<[number, number]> = [];
  const alphabet = new Uint16Array(0x10000);
  let letters = 0;
  let nodes = 1;
  const aliasOf: (AliasDef | undefined)[] = [undefined];
  const cueOf: (CueDef | undefined)[] = [undefined];
  const insert = (surface: string): number => {
    let n = 0;
    for (let k = 0; k < surface.length; k++) {
      const u = surface.charCodeAt(k);
      const key = n * 0x10000 + u;
      let nx = child.get(key);
      if (nx === undefined) {
        nx = nodes++;
        aliasOf.push(undefined);
        cueOf.push(undefined);
        child.set(key, nx);
        if (alphabet[u] === 0) alphabet[u] = ++letters;
        edges.push([n, alphabet[u]!, nx]);
        if (n === 0) rootKids.push([u, nx]);
      }
      n = nx;
    }
    return n;
  };
  const lex = lexicon();
  for (const a of lex.aliases) if (a.kind !== 'regex') aliasOf[insert(a.surface)] = a;
  for (const c of lex.cues) cueOf[insert(c.surface)] = c;

  const { base, check, slotOf } = buildDoubleArray(nodes, letters, edges);
  const size = base.length;
  const ends = new Uint8Array(size);
  const alias: (AliasDef | undefined)[] = new Array<AliasDef | undefined>(size).fill(undefined);
  const cue: (CueDef | undefined)[] = new Array<CueDef | undefined>(size).fill(undefined);
  for (let old = 1; old < nodes; old++) {
    const slot = slotOf[old]!;
    alias[slot] = aliasOf[old];
    cue[slot] = cueOf[old];
    if (aliasOf[old] !== undefined || cueOf[old] !== undefined) ends[slot] = 1;
  }
  const root = new Int32Array(0x10000);
  for (const [u, kid] of rootKids) root[u] = slotOf[kid]!;
  trie = { root, alphabet, base, check, ends, alias, cue };
  return trie;
}

/** All lexical tokens, longest at each start; overlaps are resolved later. */
export function scanLexical(text: string, anchors?: AnchorCollector): Array<IndicatorToken | CueToken> {
  const { root, alphabet, base, check, ends, alias, cue } = build();
  const out: Array<IndicatorToken | CueToken> = [];
  const len = text.length;
  // the walk meets every unit once: it collects the anchors of periods and ranks on the way
  const setOf = anchors?.setOf;
  for (let i = 0; i < len; i++) {
    const u = text.charCodeAt(i);
    if (setOf !== undefined) {
      const k = setOf[u]!;
      if (k !== 0) anchors!.add(i, k);
    }
    let n = root[u]!;
    if (n === 0) continue;
    let bestNode = -1;
    let end = 0;
    for (let j = i + 1; ; j++) {
      if (ends[n] === 1) {
        bestNode = n;
        end = j;
      }
      if (j >= len) break;
      const a = alphabet[text.charCodeAt(j)]!;
      if (a === 0) break;
      // a leaf's base is 0: its slot `a` is some other node's child, never its own
      const slot = base[n]! + a;
      if (check[slot] !== n) break;
      n = slot;
    }
    if (bestNode < 0) continue;
    const a = alias[bestNode];
    if (a) out.push({ t: 'ind', start: i, end, alias: a });
    else {
      const c = cue[bestNode];
      if (c) out.push({ t: 'cue', start: i, end, cue: c });
    }
  }
  for (const a of lexicon().aliases) {
    if (a.kind !== 'regex' || !a.pattern) continue;
    a.pattern.lastIndex = 0;
    for (let m = a.pattern.exec(text); m; m = a.pattern.exec(text)) {
      if (m[0].length === 0) {
        a.pattern.lastIndex++;
        continue;
      }
      out.push({ t: 'ind', start: m.index, end: m.index + m[0].length, alias: a });
    }
  }
  return out;
}
