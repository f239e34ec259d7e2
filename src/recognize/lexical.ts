/**
 * Indicator names and cue words: one trie over every literal surface
 * (longest match from each position), plus the regular-expression aliases.
 */
import { lexicon, type AliasDef, type CueDef } from '../lexicon/index.js';
import type { CueToken, IndicatorToken } from './tokens.js';

interface Node {
  /** Children by UTF-16 code unit. */
  next: Map<number, Node>;
  alias?: AliasDef;
  cue?: CueDef;
}

let root: Node | undefined;
/** UTF-16 units that start some surface: positions starting with anything else are skipped at once. */
const starts = new Uint8Array(0x10000);

function build(): Node {
  if (root) return root;
  const r: Node = { next: new Map() };
  const insert = (surface: string): Node => {
    let n = r;
    for (let k = 0; k < surface.length; k++) {
      const ch = surface.charCodeAt(k);
      let nx = n.next.get(ch);
      if (!nx) {
        nx = { next: new Map() };
        n.next.set(ch, nx);
      }
      n = nx;
    }
    return n;
  };
  const lex = lexicon();
  for (const a of lex.aliases) if (a.kind !== 'regex') insert(a.surface).alias = a;
  for (const c of lex.cues) insert(c.surface).cue = c;
  for (const k of r.next.keys()) starts[k] = 1;
  root = r;
  return r;
}

/** All lexical tokens, longest at each start; overlaps are resolved later. */
export function scanLexical(text: string): Array<IndicatorToken | CueToken> {
  const r = build();
  const out: Array<IndicatorToken | CueToken> = [];
  for (let i = 0; i < text.length; i++) {
    const c0 = text.charCodeAt(i);
    if (starts[c0] === 0) continue;
    let n: Node | undefined = r.next.get(c0);
    if (!n) continue;
    let bestNode: Node | undefined;
    let end = 0;
    for (let j = i + 1; n; j++) {
      if (n.alias || n.cue) {
        bestNode = n;
        end = j;
      }
      if (j >= text.length) break;
      n = n.next.get(text.charCodeAt(j));
    }
    if (!bestNode) continue;
    const node = bestNode;
    if (node.alias) out.push({ t: 'ind', start: i, end, alias: node.alias });
    else if (node.cue) out.push({ t: 'cue', start: i, end, cue: node.cue });
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
