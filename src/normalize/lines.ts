/**
 * Line-level passes: drop page chrome and page headers/footers, re-join lines
 * that PDF extraction broke mid-sentence, and drop spaces inside Chinese text
 * and numbers. All passes keep the alignment to the source.
 */
import { compilePattern, readTsv } from '../lexicon/load.js';
import { freshArrays, type AlignedSink, type AlignedText, type SinkFor } from './aligned.js';

let chromeTest: ((line: string) => boolean) | undefined;
/** Whether a line is page chrome: one of the chrome patterns matches it. */
function chrome(): (line: string) => boolean {
  chromeTest ??= anyTest(readTsv('chrome.tsv', ['pattern']).map((r) => compilePattern(r, 'pattern')));
  return chromeTest;
}

/**
 * A test of whether any of `patterns` (flag u) matches: the patterns as one
 * alternation (anyOf: one regex run per line instead of one per pattern), except
 * those that open with `^.{0,N}` (see openAny), each tried as its rest searched for.
 */
export function anyTest(patterns: readonly RegExp[]): (line: string) => boolean {
  const opened: Array<{ max: number; rest: RegExp }> = [];
  const others: RegExp[] = [];
  for (const p of patterns) {
    const o = openAny(p);
    if (o) opened.push(o);
    else others.push(p);
  }
  const one = anyOf(others);
  return (line) => {
    if (one.test(line)) return true;
    for (const o of opened) if (startsWithin(line, o.max, o.rest)) return true;
    return false;
  };
}

/**
 * `^.{0,N}REST` (flag u alone, REST without a top-level |) as N and REST made global:
 * the pattern matches a string exactly when REST's leftmost match starts after at most
 * N code points, none of them a line terminator (what . does not match). Found by the
 * search for REST, which skips ahead to its literals, where the pattern tries REST
 * after each of the N + 1 lengths of the prefix. Otherwise undefined.
 */
export function openAny(p: RegExp): { max: number; rest: RegExp } | undefined {
  const m = /^\^\.\{0,(\d+)\}/.exec(p.source);
  if (!m || p.flags !== 'u') return undefined;
  const rest = p.source.slice(m[0].length);
  if (/^[?*+{]/.test(rest) || hasTopLevelBar(rest)) return undefined;
  return { max: Number(m[1]), rest: new RegExp(rest, 'gu') };
}

/** Whether a regex source has a | outside every group and class. */
function hasTopLevelBar(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Whether `rest`'s leftmost match in `s` starts after at most `max` code points and no line terminator. */
function startsWithin(s: string, max: number, rest: RegExp): boolean {
  rest.lastIndex = 0;
  const m = rest.exec(s);
  if (!m) return false;
  let n = 0;
  for (let i = 0; i < m.index; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return false;
    // (the low half of a pair is the same code point)
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighAt(s, i - 1))) n++;
    if (n > max) return false;
  }
  return true;
}

function isHighAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * One regex that matches where any of `patterns` (flag u) matches. Each keeps its
 * own anchors inside its branch; a pattern with a backreference (which numbering
 * would break) is refused.
 */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  for (const p of patterns) if (/\\[1-9]|\\k</.test(p.source)) throw new Error(`a backreference cannot be combined: ${p.source}`);
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|') || '(?!)', 'u');
}

/** Longest line the chrome patterns are tried on. */
const CHROME_MAX = 90;

interface Line {
  from: number;
  to: number; // exclusive, without the newline
  content: string; // trimmed
  /** strippedWidth(content), computed once (detectWrap and the re-join read it 2–3 times). */
  width: number;
}

/** Display width: CJK counts 1, ASCII (digits, Latin, spaces) 0.5. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Units JavaScript's `\s` matches (the whitespace `replace(/\s+/g, '')` removes). */
function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * width(s.replace(/\s+/g, '')) without building the string: whitespace is
 * skipped, and a surrogate pair (also one that only the removal brings
 * together) counts once, as iterating the stripped string by code points does.
 */
export function strippedWidth(s: string, from = 0, to = s.length): number {
  // (of s.slice(from, to): a range of a flat text reads faster than a slice of it)
  let w = 0;
  let pendingHigh = false;
  const end = Math.min(to, s.length);
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    // the common cases first: printable ASCII, and CJK or full-width forms (no space, no surrogate)
    if (c > 0x20 && c < 0x7f) {
      w += 0.5;
      pendingHigh = false;
      continue;
    }
    if (c > 0x3000 && c !== 0xfeff && (c < 0xd800 || c > 0xdfff)) {
      w += 1;
      pendingHigh = false;
      continue;
    }
    if (isJsSpace(c)) continue;
    if (pendingHigh && c >= 0xdc00 && c <= 0xdfff) {
      pendingHigh = false; // the second half of a pair already counted
      continue;
    }
    pendingHigh = c >= 0xd800 && c <= 0xdbff;
    w += c < 0x2000 ? 0.5 : 1;
  }
  return w;
}

/**
 * What a line starts or ends with, read from its first or last units (all the
 * characters below are BMP: a surrogate is none of them). A regex with $ is tried at
 * every position of the line.
 */
const codes = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
const STOPS = codes('。！？!?；;：:');
const STOPS_BEFORE_CLOSE = codes('。！？');
const CLOSES_AFTER_STOP = codes('"”』」）)');
/** A line break after an opening quote or bracket, or before a closing one or a comma, is no paragraph end. */
const OPENING = codes('“‘《〈「『（(【');
const CLOSING = codes('”’》〉」』）)】，、。；：,;:');
const LIST_COMMAS = codes('、，');

/** /[。！？!?；;：:]$|[。！？]["”』」）)]$/u.test(s) */
export function endsSentence(s: string): boolean {
  const n = s.length;
  const last = s.charCodeAt(n - 1);
  return STOPS.has(last) || (CLOSES_AFTER_STOP.has(last) && STOPS_BEFORE_CLOSE.has(s.charCodeAt(n - 2)));
}

/** /[“‘《〈「『（(【]$/u.test(s) */
export function opensInline(s: string): boolean {
  return OPENING.has(s.charCodeAt(s.length - 1));
}

/** /^[”’》〉」』）)】，、。；：,;:]/u.test(s) */
export function closesInline(s: string): boolean {
  return CLOSING.has(s.charCodeAt(0));
}

/** /[、，]$/u.test(s) */
export function endsWithListComma(s: string): boolean {
  return LIST_COMMAS.has(s.charCodeAt(s.length - 1));
}

/** /\d$/u.test(s) */
export function endsWithDigit(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0x30 && c <= 0x39;
}
/** A line that starts with the unit of a number (亿元，…; %，…). */
const NUMBER_UNIT_START = /^(?:[亿万千百]?(?:元|美元|人次|人|吨|亩|公顷|户|家|个|千瓦|标箱)|个百分点|[%％])/u;
const HEADING_START = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．]\D|第[一二三四五六七八九十]+[章节部分])/u;

export interface LineStats {
  wrapped: boolean;
  /** Typical width of a full line when wrapped. */
  lineWidth: number;
  droppedLines: number;
}

/**
 * A document is "wrapped" (PDF-style hard line breaks) when most of its
 * content lines share one width and do not end a sentence.
 */
function detectWrap(lines: Line[]): { wrapped: boolean; lineWidth: number } {
  const widths = new Map<number, number>();
  let n = 0;
  for (const l of lines) {
    if (!l.content) continue;
    const w = Math.round(l.width);
    if (w < 8) continue;
    n++;
    widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  if (n < 20) return { wrapped: false, lineWidth: 0 };
  let best = 0;
  let bestW = 0;
  for (const [w] of widths) {
    // count lines within [w-2, w]
    let c = 0;
    for (let k = w - 2; k <= w; k++) c += widths.get(k) ?? 0;
    if (c > best || (c === best && w > bestW)) {
      best = c;
      bestW = w;
    }
  }
  let open = 0;
  let full = 0;
  for (const l of lines) {
    if (!l.content) continue;
    const w = l.width;
    if (w >= bestW - 3.5 && w <= bestW + 1.5) {
      full++;
      if (!endsSentence(l.content)) open++;
    }
  }
  const wrapped = bestW >= 10 && bestW <= 60 && best / n >= 0.4 && open / Math.max(1, full) >= 0.6;
  return { wrapped, lineWidth: bestW };
}

/** Drops chrome lines and re-joins wrapped lines. */
export function reflowLines(t: AlignedText, make: SinkFor = freshArrays): { text: AlignedText; stats: LineStats } {
  const s = t.text;
  const keep: Line[] = [];
  let dropped = 0;
  const isChrome = chrome();
  for (let from = 0; from <= s.length; ) {
    let to = s.indexOf('\n', from);
    if (to < 0) to = s.length;
    const content = s.slice(from, to).trim();
    if (content && content.length <= CHROME_MAX && isChrome(content)) dropped++;
    // (trim removes only what strippedWidth skips: the width of the untrimmed range)
    else if (content) keep.push({ from, to, content, width: strippedWidth(s, from, to) });
    from = to + 1;
  }
  const { wrapped, lineWidth } = detectWrap(keep);
  const b = make(t);
  for (let k = 0; k < keep.length; k++) {
    const l = keep[k]!;
    b.emit(l.from, l.to);
    const next = keep[k + 1];
    if (!next) {
      if (l.to < s.length) b.emit(l.to, l.to + 1);
      continue;
    }
    // HTML with inline markup per quoted word (二、“\n十四五\n”时期…) breaks lines inside a phrase;
    // so does a highlighted phrase (践行\n以人民为中心发展思想\n，在…): a short line whose own end
    // is such a break is part of the line before it
    const after = keep[k + 2];
    let join =
      opensInline(l.content) ||
      closesInline(next.content) ||
      endsWithListComma(l.content) ||
      // a number at the end of a line and its unit at the start of the next (15397.0\n亿元，比上年末…)
      (endsWithDigit(l.content) && NUMBER_UNIT_START.test(next.content)) ||
      (after !== undefined && next.content.length <= 16 && !endsSentence(l.content) && !HEADING_START.test(next.content) &&
        !HEADING_START.test(l.content) && closesInline(after.content));
    if (!join && wrapped) {
      const full = l.width >= lineWidth - 3.5;
      join = full && !endsSentence(l.content) && !HEADING_START.test(next.content);
    }
    if (!join) b.emit(l.to, l.to + 1); // the newline after this line
  }
  return { text: b.finish(), stats: { wrapped, lineWidth, droppedLines: dropped } };
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Drops horizontal spaces except where they separate two ASCII words or two
 * numbers ("GDP growth", "12 34" stay apart). Tabs (table cells) are kept.
 */
export function collapseSpaces(t: AlignedText, make: SinkFor = freshArrays): AlignedText {
  const s = t.text;
  let i = s.indexOf(' ');
  if (i < 0) return t;
  const b = make(t);
  let copyFrom = 0;
  for (; i >= 0; i = s.indexOf(' ', i)) {
    let j = i;
    while (j < s.length && s.charCodeAt(j) === 0x20) j++;
    const before = i > 0 ? s.charCodeAt(i - 1) : 0;
    const after = j < s.length ? s.charCodeAt(j) : 0;
    b.emit(copyFrom, i);
    if (isAsciiWord(before) && isAsciiWord(after) && !(isDigit(before) !== isDigit(after)) && !brokenNumber(s, i, j)) {
      b.emit(i, i + 1); // keep one space
    }
    copyFrom = j;
    i = j;
  }
  b.emit(copyFrom, s.length);
  return b.finish();
}

/**
 * A decimal number a PDF broke with a space, in running Chinese text (完成40.8 2亿元,
 * 年均增长1 2.7%): digits on both sides, a decimal point on one side, Han text
 * before, a unit or Han text after; 表1 2025年 and 12 34 stay apart.
 */
function brokenNumber(s: string, i: number, j: number): boolean {
  let a = i;
  while (a > 0 && /[\d.]/u.test(s[a - 1]!)) a--;
  let z = j;
  while (z < s.length && /[\d.]/u.test(s[z]!)) z++;
  const left = s.slice(a, i);
  const right = s.slice(j, z);
  if (!/^\d/u.test(left) || !/^\d/u.test(right) || !(left.includes('.') || right.includes('.'))) return false;
  if (left.includes('.') && right.includes('.')) return false;
  const prev = s[a - 1] ?? '';
  let after = z;
  while (s[after] === ' ') after++;
  const next = s[after] ?? '';
  return /\p{Script=Han}/u.test(prev) && /[\p{Script=Han}%]/u.test(next);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Footnote markers written after a word or a number ([3], 〔13〕, ①) are
 * dropped: 规模以上工业[3]增加值 is 规模以上工业增加值, 874.4万人[3] a quantity
 * with no stray number after it. A marker that opens a line or follows
 * punctuation (a list item) stays.
 */
const FOOTNOTE = /(?<=[\p{Script=Han}\d%”）)])(?:\[\d{1,2}\]|〔\d{1,2}〕|[①-⑳])/uy;
const FOOTNOTE_FIRST = /[\[〔①-⑳]/gu;
/** Where FOOTNOTE_FIRST next matches from `from` on (one unit; found with test, which makes no match array). */
export function footnoteFirst(s: string, from: number): number {
  FOOTNOTE_FIRST.lastIndex = from;
  return FOOTNOTE_FIRST.test(s) ? FOOTNOTE_FIRST.lastIndex - 1 : -1;
}

/** Where a match can start at or after `from` (never before it), or -1: see matchesFrom. */
export type Finder = (s: string, from: number) => number;

/**
 * The matches `s.matchAll` would give for `re` made global, found by trying the
 * sticky `re` only where `first` (a global regex for the units a match can start
 * with, or a Finder of the offsets where one can) matches: a pattern that opens with
 * a lookbehind is otherwise tried, lookbehind first, at every position of the text.
 * Matches must not be empty.
 */
export function* matchesFrom(s: string, first: RegExp | Finder, re: RegExp): Generator<RegExpExecArray> {
  if (!re.sticky || (typeof first !== 'function' && !first.global)) throw new Error('matchesFrom needs a sticky pattern and a global first');
  if (typeof first !== 'function') {
    first.lastIndex = 0;
    for (let f = first.exec(s); f; f = first.exec(s)) {
      re.lastIndex = f.index;
      const m = re.exec(s);
      if (!m) continue;
      if (m[0].length === 0) throw new Error('matchesFrom: empty match');
      yield m;
      first.lastIndex = m.index + m[0].length;
    }
    return;
  }
  // (a Finder never returns an offset before the one it is given)
  for (let at = first(s, 0); at >= 0; ) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) {
      at = first(s, at + 1);
      continue;
    }
    if (m[0].length === 0) throw new Error('matchesFrom: empty match');
    yield m;
    at = first(s, m.index + m[0].length);
  }
}

/** Every match (see matchesFrom) replaced by `by` ('' drops it), keeping the alignment. */
function replaceMatches(t: AlignedText, first: Finder, re: RegExp, by: string, make: SinkFor): AlignedText {
  const s = t.text;
  let b: AlignedSink | undefined;
  let copyFrom = 0;
  for (const m of matchesFrom(s, first, re)) {
    b ??= make(t);
    b.emit(copyFrom, m.index);
    if (by) b.emitAs(by, m.index, m.index + m[0].length);
    copyFrom = m.index + m[0].length;
  }
  if (!b) return t;
  b.emit(copyFrom, s.length);
  return b.finish();
}

export function dropFootnoteMarks(t: AlignedText, make: SinkFor = freshArrays): AlignedText {
  return replaceMatches(t, footnoteFirst, FOOTNOTE, '', make);
}

/** A full stop typed inside a decimal (增长2。4%): between digits and before a rate, it is a point. */
const STOP_IN_DECIMAL = /(?<=\d)。(?=\d{1,3}(?:%|个百分点))/uy;
/** A 。 between two digits, where STOP_IN_DECIMAL's lookbehind and lookahead can hold. */
export function stopFirst(s: string, from: number): number {
  for (let i = s.indexOf('。', from); i >= 0; i = s.indexOf('。', i + 1)) if (isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1))) return i;
  return -1;
}

export function fixStopInDecimal(t: AlignedText, make: SinkFor = freshArrays): AlignedText {
  return replaceMatches(t, stopFirst, STOP_IN_DECIMAL, '.', make);
}
