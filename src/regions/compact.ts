/**
 * A view of a text with whitespace removed, for matching names and cues that
 * PDF extraction or letter-spacing broke apart (石 家 庄 市, a title split over
 * two lines), with the way back to the original offsets.
 *
 * Removed: Unicode whitespace (including U+3000 and NBSP), zero-width characters,
 * literal `\r` / `\n` escape sequences left in scraped text, and runs of two or
 * more `?` (ideographic spaces lost in an encoding round trip).
 */
import { lastResult } from '../data/last.js';

export interface CompactText {
  /** The text without the removed characters. */
  readonly text: string;
  /** `origin[i]` is the UTF-16 offset in the original text of `text[i]`; `origin[text.length]` is the original length. */
  readonly origin: Int32Array;
}

function isSpace(c: number): boolean {
  // Unicode White_Space, plus zero-width characters and the BOM
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0xfeff
  );
}

/** Region detection and the pipeline compact the same document text: keep the last. */
const last = lastResult<string, CompactText>();

export function compact(original: string): CompactText {
  const kept = last.get(original);
  if (kept) return kept;
  const result = computeCompact(original);
  // only whole documents are worth keeping (lines and titles are cheap)
  if (original.length > 2000) last.set(original, result);
  return result;
}

function computeCompact(original: string): CompactText {
  const n = original.length;
  const parts: string[] = [];
  const origin = new Int32Array(n + 1);
  let k = 0;
  let i = 0;
  let runStart = 0; // start of the current run of kept characters
  const flush = (end: number) => {
    if (end > runStart) parts.push(original.slice(runStart, end));
  };
  while (i < n) {
    const c = original.charCodeAt(i);
    // the common case first: CJK and full-width forms, and printable ASCII other than
    // \ and ?, are kept (of the removed characters only U+FEFF lies above U+3000)
    if (c > 0x3000 ? c !== 0xfeff : c > 0x20 && c < 0x7f && c !== 0x5c && c !== 0x3f) {
      origin[k++] = i++;
      continue;
    }
    let skip = 0;
    if (isSpace(c)) skip = 1;
    else if (c === 0x5c /* \\ */ && (original[i + 1] === 'r' || original[i + 1] === 'n')) skip = 2;
    else if (c === 0x3f /* ? */ && original.charCodeAt(i + 1) === 0x3f) {
      let j = i;
      while (original.charCodeAt(j) === 0x3f) j++;
      skip = j - i;
    }
    if (skip > 0) {
      flush(i);
      i += skip;
      runStart = i;
      continue;
    }
    origin[k++] = i;
    i++;
  }
  flush(n);
  origin[k] = n;
  // a view when little is removed (the usual case), a copy when much is
  return { text: parts.join(''), origin: k + 1 >= n * 0.75 ? origin.subarray(0, k + 1) : origin.slice(0, k + 1) };
}

/** The first index in [lo, n) whose origin (increasing) is at least `offset`, else n. */
export function firstAtOrAfter(origin: Int32Array, n: number, offset: number, lo = 0): number {
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((origin[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What compact removes, as one pattern (the same characters as isSpace, the escapes, runs of ?). */
const REMOVED = /[\s\u0085\u200b-\u200d\u2060\ufeff]|\\[rn]|\?{2,}/gu;

/** The text of compact(s) without the way back: for short lines and titles that only need matching. */
export function compactText(s: string): string {
  return s.replace(REMOVED, '');
}
