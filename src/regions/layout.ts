/**
 * Where the prose of a scraped document is: pages keep menus, link lists and
 * tag clouds around the text. A prose line is long enough and has sentence
 * punctuation; the title zone is everything before the first prose line, the
 * tail everything after the last one.
 */
import { lastResult } from '../data/last.js';

export interface Layout {
  /** UTF-16 offset where the first prose line starts (text length when there is none). */
  bodyStart: number;
  /** UTF-16 offset where the last prose line ends (0 when there is none). */
  bodyEnd: number;
  /** 1 for the characters of prose lines. */
  prose: Uint8Array;
  /** Every line as [start, end) offsets, line breaks excluded. */
  lines: [number, number][];
}

const PROSE = /[，。；！？]/u;
const MIN_PROSE = 20;
/** Real line breaks, and the literal `\r\n` / `\n` escapes some scrapers leave in the text. */
const LINE_BREAK = /\r\n|\n|\r|\\r\\n|\\n/g;

export function isProseLine(line: string): boolean {
  const t = line.trim();
  return t.length >= MIN_PROSE && PROSE.test(t);
}

/** Region detection and document fields both lay out the same text: keep the last. */
const last = lastResult<string, Layout>();

export function layout(text: string): Layout {
  const kept = last.get(text);
  if (kept) return kept;
  const computed = computeLayout(text);
  last.set(text, computed);
  return computed;
}

function computeLayout(text: string): Layout {
  const prose = new Uint8Array(text.length);
  const lines: [number, number][] = [];
  let bodyStart = text.length;
  let bodyEnd = 0;
  let start = 0;
  const mark = (s: number, e: number) => {
    lines.push([s, e]);
    if (isProseLine(text.slice(s, e))) {
      prose.fill(1, s, e);
      if (s < bodyStart) bodyStart = s;
      if (e > bodyEnd) bodyEnd = e;
    }
  };
  if (text.indexOf('\r') < 0 && text.indexOf('\\') < 0) {
    // only \n can break a line (the usual case after normalization): no regex needed
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      mark(start, at);
      start = at + 1;
    }
  } else {
    for (const m of text.matchAll(LINE_BREAK)) {
      mark(start, m.index);
      start = m.index + m[0].length;
    }
  }
  mark(start, text.length);
  return { bodyStart, bodyEnd, prose, lines };
}
