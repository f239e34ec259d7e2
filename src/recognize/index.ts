/**
 * recognize: normalized text → one ordered, non-overlapping token stream.
 * Where candidates overlap, the earlier one wins, then the longer one, then
 * by kind priority (a period over a quantity, an indicator over a cue).
 */
import { scanLexical } from './lexical.js';
import { scanPeriods } from './period.js';
import { scanQuantities } from './quantity.js';
import { scanRanks } from './rank.js';
import type { SepToken, Token } from './tokens.js';

const PRIORITY: Readonly<Record<Token['t'], number>> = {
  date: 7,
  period: 6,
  rank: 5,
  ind: 4,
  qty: 3,
  region: 2,
  cue: 1,
  sep: 0,
};

const SEPARATORS = /[，、；：,;:。！？!?\n\t（）()]/g;

export function scanSeparators(text: string): SepToken[] {
  const out: SepToken[] = [];
  SEPARATORS.lastIndex = 0;
  for (let m = SEPARATORS.exec(text); m; m = SEPARATORS.exec(text)) {
    out.push({ t: 'sep', start: m.index, end: m.index + 1, ch: m[0] });
  }
  return out;
}

export function tokenize(text: string, extra: Token[] = []): Token[] {
  const all: Token[] = [
    ...scanSeparators(text),
    ...scanPeriods(text),
    ...scanRanks(text),
    ...scanQuantities(text),
    ...scanLexical(text),
    ...extra,
  ];
  // earlier start first; then longer; then by kind priority — one numeric key each
  const keys = new Float64Array(all.length);
  const order = new Uint32Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    keys[i] = t.start * 1e6 + (99999 - Math.min(99999, t.end - t.start)) * 10 + (9 - PRIORITY[t.t]);
    order[i] = i;
  }
  order.sort((a, b) => keys[a]! - keys[b]!);
  const out: Token[] = [];
  let reach = 0;
  for (let i = 0; i < order.length; i++) {
    const tok = all[order[i]!]!;
    if (tok.start < reach) continue;
    out.push(tok);
    reach = tok.end;
  }
  return out;
}

export type * from './tokens.js';
