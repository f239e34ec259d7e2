/**
 * recognize: normalized text → one ordered, non-overlapping token stream.
 * Where candidates overlap, the earlier one wins, then the longer one, then
 * by kind priority (a period over a quantity, an indicator over a cue).
 */
import { scanLexical } from './lexical.js';
import { anchorSets } from './anchored.js';
import { PERIOD_ANCHORS, scanPeriods } from './period.js';
import { scanQuantities } from './quantity.js';
import { RANK_ANCHORS, scanRanks } from './rank.js';
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

const SEPARATORS = '，、；：,;:。！？!?\n\t（）()';
/** 1 + the index in SEPARATORS of each UTF-16 unit (0: none): a table test per character, and no new one-character string per token. */
const SEPARATOR_AT = (() => {
  const table = new Uint8Array(0x10000);
  for (let k = 0; k < SEPARATORS.length; k++) table[SEPARATORS.charCodeAt(k)] = k + 1;
  return table;
})();
/**
 * The separators as string literals, in SEPARATORS order: a literal is
 * internalized, so the grammar's comparisons and set look-ups of a separator's
 * character find it by identity (a character cut from a string is a new string).
 */
const SEPARATOR_CHARS = ['，', '、', '；', '：', ',', ';', ':', '。', '！', '？', '!', '?', '\n', '\t', '（', '）', '(', ')'];
if (SEPARATOR_CHARS.join('') !== SEPARATORS) throw new Error('SEPARATOR_CHARS out of step with SEPARATORS');

export function scanSeparators(text: string): SepToken[] {
  const out: SepToken[] = [];
  for (let i = 0; i < text.length; i++) {
    const k = SEPARATOR_AT[text.charCodeAt(i)]!;
    if (k !== 0) out.push({ t: 'sep', start: i, end: i + 1, ch: SEPARATOR_CHARS[k - 1]! });
  }
  return out;
}

/**
 * Sorts `order` (indices) by `keys[index]`, equal keys keeping their order: a
 * bottom-up merge sort on typed arrays (several times faster than sort() with
 * a comparator, which calls back into JavaScript for every comparison).
 */
function stableSortByKey(order: Uint32Array<ArrayBuffer>, keys: Float64Array): void {
  const n = order.length;
  if (n < 2) return;
  let src = order;
  let dst = new Uint32Array(n);
  // short runs by insertion sort first
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i]!;
      const k = keys[v]!;
      let j = i - 1;
      while (j >= lo && keys[src[j]!]! > k) {
        src[j + 1] = src[j]!;
        j--;
      }
      src[j + 1] = v;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let o = lo;
      if (mid >= hi || keys[src[mid - 1]!]! <= keys[src[mid]!]!) {
        // already in order (the usual case: scanners emit mostly by position)
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      while (a < mid && b < hi) {
        // <=: on equal keys the left (earlier) one first
        if (keys[src[a]!]! <= keys[src[b]!]!) dst[o++] = src[a++]!;
        else dst[o++] = src[b++]!;
      }
      while (a < mid) dst[o++] = src[a++]!;
      while (b < hi) dst[o++] = src[b++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== order) order.set(src);
}

/** The anchors of periods and ranks, found in one walk over a text. */
const ANCHORS = anchorSets([...PERIOD_ANCHORS, ...RANK_ANCHORS]);

export function tokenize(text: string, extra: Token[] = []): Token[] {
  // the lexical walk collects the anchors (no walk of their own); the lists keep their order of precedence
  const anchors = ANCHORS(text);
  const lexical = scanLexical(text, anchors);
  const positions = anchors.positions;
  return layOut(text, [scanPeriods(text, positions), scanRanks(text, positions), scanQuantities(text), lexical, extra]);
}

/**
 * The token stream of `text` from the candidate lists (in order of precedence
 * on a full tie) and the separators between the kept candidates: what
 * layOutBySort gives, by one walk over the text. Among the candidates that
 * start at one offset only the first in that order matters (the earliest
 * start is kept whole, so nothing else starting there is), so each offset
 * keeps its best; the walk takes the best at each offset it reaches and jumps
 * to its end (the candidates and separators under it are not kept), and lays
 * out a separator where no candidate starts. An empty candidate, which does
 * not cover its own offset, takes the sorted path.
 */
export function layOut(text: string, lists: ReadonlyArray<readonly Token[]>): Token[] {
  const len = text.length;
  let best = bestBuffer;
  if (best.length < len) best = bestBuffer = new Int32Array(Math.max(len, 2 * best.length));
  /** Every candidate, in list order; best[start] is 1 + the index of that offset's best. */
  const all: Token[] = [];
  let plain = true;
  for (const list of lists) {
    for (let k = 0; k < list.length; k++) {
      const t = list[k]!;
      const idx = all.push(t);
      const start = t.start;
      if (!(start >= 0 && t.end > start && t.end <= len)) {
        plain = false;
        continue;
      }
      const held = best[start]!;
      if (held === 0 || before(t, all[held - 1]!)) best[start] = idx;
    }
  }
  if (!plain) {
    for (const t of all) if (t.start >= 0 && t.start < len) best[t.start] = 0;
    return layOutBySort(text, all);
  }
  const out: Token[] = [];
  for (let i = 0; i < len; ) {
    const b = best[i]!;
    if (b !== 0) {
      const tok = all[b - 1]!;
      out.push(tok);
      i = tok.end;
      continue;
    }
    const k = SEPARATOR_AT[text.charCodeAt(i)]!;
    if (k !== 0) out.push({ t: 'sep', start: i, end: i + 1, ch: SEPARATOR_CHARS[k - 1]! });
    i++;
  }
  // the buffer is left all zero for the next text
  for (const t of all) best[t.start] = 0;
  return out;
}

/** The per-offset best candidate indices of layOut (zero between calls: cleared after use). */
let bestBuffer = new Int32Array(1 << 16);

/** Whether `a` sorts before `b`, which starts at the same offset: longer, then by kind priority. */
function before(a: Token, b: Token): boolean {
  const la = Math.min(99999, a.end - a.start);
  const lb = Math.min(99999, b.end - b.start);
  if (la !== lb) return la > lb;
  return PRIORITY[a.t] > PRIORITY[b.t];
}

/**
 * The reference layout: every candidate sorted (earlier start, then longer,
 * then by kind priority, then list order), each kept when it starts at or
 * after the end of the last kept one, the separators laid out in the gaps.
 */
export function layOutBySort(text: string, all: readonly Token[]): Token[] {
  // Separators are most of the tokens and never win a tie (one character, the
  // lowest priority), so only the other tokens are sorted; the separators are
  // found while the kept tokens are laid out, in the gaps between them (no
  // separator objects for the text under a token, no second merge).
  // earlier start first; then longer; then by kind priority — one numeric key each
  const keys = new Float64Array(all.length);
  const order = new Uint32Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    keys[i] = t.start * 1e6 + (99999 - Math.min(99999, t.end - t.start)) * 10 + (9 - PRIORITY[t.t]);
    order[i] = i;
  }
  stableSortByKey(order, keys);
  const out: Token[] = [];
  let reach = 0;
  /** Separators before this offset are laid out already. */
  let sepFrom = 0;
  for (let i = 0; i < order.length; i++) {
    const tok = all[order[i]!]!;
    if (tok.start < reach) continue;
    pushSeparators(text, sepFrom, tok.start, out);
    sepFrom = tok.start;
    // an empty token sorts after a separator at its offset, which then covers it
    if (tok.end === tok.start && tok.start < text.length && SEPARATOR_AT[text.charCodeAt(tok.start)] !== 0) continue;
    out.push(tok);
    reach = tok.end;
    sepFrom = Math.max(sepFrom, tok.end);
  }
  pushSeparators(text, sepFrom, text.length, out);
  return out;
}

/** Appends the separators of text[from, to) to `out`. */
function pushSeparators(text: string, from: number, to: number, out: Token[]): void {
  for (let i = from; i < to; i++) {
    const k = SEPARATOR_AT[text.charCodeAt(i)]!;
    if (k !== 0) out.push({ t: 'sep', start: i, end: i + 1, ch: SEPARATOR_CHARS[k - 1]! });
  }
}

export type * from './tokens.js';
