/**
 * Indicator names and cue words: one trie over every literal surface
 * (longest match from each position), plus the regular-expression aliases.
 */
import { lexicon, type AliasDef, type CueDef } from '../lexicon/index.js';
import type { CueToken, IndicatorToken } from './tokens.js';

/**
 * One trie over every literal surface, stored flat: node ids are integers, the
 * edge from node n on UTF-16 unit u is found in an open-addressing table of
 * typed arrays (by n and u), and what a node ends (an alias or a cue)
 * sits in dense arrays by node id. Built once; cheaper to walk from every
 * position of a document than a Map per node.
 */
interface Trie {
  /** Edge slots of three: parent node at 3h (-1: empty), unit at 3h + 1, child at 3h + 2. */
  slots: Int32Array;
  shift: number;
  mask: number;
  /** Child of the root for each UTF-16 unit (-1: none): also the filter of starts. */
  root: Int32Array;
  alias: (AliasDef | undefined)[];
  cue: (CueDef | undefined)[];
}

let trie: Trie | undefined;

function build(): Trie {
  if (trie) return trie;
  const edges = new Map<number, number>();
  const alias: (AliasDef | undefined)[] = [undefined];
  const cue: (CueDef | undefined)[] = [undefined];
  let nodes = 1;
  const insert = (surface: string): number => {
    let n = 0;
    for (let k = 0; k < surface.length; k++) {
      const key = n * 65536 + surface.charCodeAt(k);
      let nx = edges.get(key);
      if (nx === undefined) {
        nx = nodes++;
        edges.set(key, nx);
        alias.push(undefined);
        cue.push(undefined);
      }
      n = nx;
    }
    return n;
  };
  const lex = lexicon();
  for (const a of lex.aliases) if (a.kind !== 'regex') alias[insert(a.surface)] = a;
  for (const c of lex.cues) cue[insert(c.surface)] = c;
  let bits = 4;
  while (1 << bits < edges.size * 2) bits++;
  const slots = new Int32Array(3 << bits).fill(-1);
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  const root = new Int32Array(0x10000).fill(-1);
  for (const [key, child] of edges) {
    const node = Math.floor(key / 65536);
    const unit = key % 65536;
    if (node === 0) root[unit] = child;
    let h = slotOf(node, unit, shift);
    while (slots[3 * h] !== -1) h = (h + 1) & mask;
    slots[3 * h] = node;
    slots[3 * h + 1] = unit;
    slots[3 * h + 2] = child;
  }
  trie = { slots, shift, mask, root, alias, cue };
  return trie;
}

function slotOf(node: number, unit: number, shift: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) >>> shift;
}

function child(t: Trie, node: number, unit: number): number {
  const slots = t.slots;
  let h = slotOf(node, unit, t.shift);
  for (;;) {
    const k = slots[3 * h] as number;
    if (k === node && slots[3 * h + 1] === unit) return slots[3 * h + 2] as number;
    if (k === -1) return -1;
    h = (h + 1) & t.mask;
  }
}

/** All lexical tokens, longest at each start; overlaps are resolved later. */
export function scanLexical(text: string): Array<IndicatorToken | CueToken> {
  const t = build();
  const { root, alias, cue } = t;
  const out: Array<IndicatorToken | CueToken> = [];
  for (let i = 0; i < text.length; i++) {
    let n = root[text.charCodeAt(i)] as number;
    if (n < 0) continue;
    let bestNode = -1;
    let end = 0;
    for (let j = i + 1; n >= 0; j++) {
      if (alias[n] !== undefined || cue[n] !== undefined) {
        bestNode = n;
        end = j;
      }
      if (j >= text.length) break;
      n = child(t, n, text.charCodeAt(j));
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
