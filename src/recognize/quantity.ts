/**
 * Quantities: a number, an optional range end, an optional magnitude
 * (万/亿/万亿/千/百), 多/余, and a unit from the unit lexicon.
 */
import { lexicon, type InternalUnit, type UnitDef } from '../lexicon/index.js';
import { CHINESE_NUMERAL_CHARS, parseChinese, scale, scaleWritten } from './number.js';
import type { QuantityToken } from './tokens.js';

const MAGNITUDES: Readonly<Record<string, number>> = {
  万亿: 1e12, 千亿: 1e11, 百亿: 1e10, 千万: 1e7, 百万: 1e6, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2,
};

/** Words of a lexicon by their first UTF-16 unit, each list in the order to try them (longest first). */
type ByFirst = Map<number, string[]>;

function byFirst(words: string[]): ByFirst {
  const out: ByFirst = new Map();
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    const list = out.get(w.charCodeAt(0));
    if (list) list.push(w);
    else out.set(w.charCodeAt(0), [w]);
  }
  return out;
}

interface Compiled {
  units: Map<string, UnitDef>;
  unitWords: ByFirst;
  magnitudeWords: ByFirst;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const units = new Map<string, UnitDef>();
  for (const u of lexicon().units) units.set(u.surface, u);
  compiled = { units, unitWords: byFirst([...units.keys()]), magnitudeWords: byFirst(Object.keys(MAGNITUDES)) };
  return compiled;
}

/** The first of `words` (tried in order) written at `at`. */
function wordAt(text: string, at: number, words: ByFirst): string | undefined {
  const list = words.get(text.charCodeAt(at));
  if (list) for (const w of list) if (text.startsWith(w, at)) return w;
  return undefined;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The end of a number \d+(?:,\d{3})*(?:\.\d+)? at `at`, or -1 (no digit there). */
export function numberEnd(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === at) return -1;
  while (text.charCodeAt(i) === 0x2c /* , */ && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) i += 4;
  if (text.charCodeAt(i) === 0x2e /* . */ && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** 5%—5.5%, 3~5万元: the characters that join the ends of a range ("——" too). */
const RANGE = new Set([...'-—–~～至到'].map((c) => c.charCodeAt(0)));

/** The parts of a quantity as written, in the order they follow the number. */
export interface QuantityMatch {
  end: number;
  number: string;
  percent: boolean;
  high?: string;
  /** 多/余 before or after the magnitude. */
  more: boolean;
  magnitude?: string;
  unit?: string;
}

/**
 * The quantity written from the digit at `at`: what the regular expression
 * (num)(%)?(?:(?:[-—–~～至到]|——)(num))?(多|余)?(magnitude)?(多|余)?(unit)?
 * matches there (each part optional, so the first that fits is kept), by hand:
 * it is tried at every digit of a document, and the match objects of a
 * regular expression with seven groups cost more than the reading.
 */
export function matchQuantity(text: string, at: number): QuantityMatch | undefined {
  const { unitWords, magnitudeWords } = compile();
  let i = numberEnd(text, at);
  if (i < 0) return undefined;
  const m: QuantityMatch = { end: i, number: text.slice(at, i), percent: false, more: false };
  if (text.charCodeAt(i) === 0x25 /* % */) {
    m.percent = true;
    i++;
  }
  if (RANGE.has(text.charCodeAt(i))) {
    let highEnd = numberEnd(text, i + 1);
    let highAt = i + 1;
    if (highEnd < 0 && text.startsWith('——', i)) {
      highAt = i + 2;
      highEnd = numberEnd(text, highAt);
    }
    if (highEnd >= 0) {
      m.high = text.slice(highAt, highEnd);
      i = highEnd;
    }
  }
  const isMore = (c: number): boolean => c === 0x591a /* 多 */ || c === 0x4f59; /* 余 */
  if (isMore(text.charCodeAt(i))) {
    m.more = true;
    i++;
  }
  const magnitude = wordAt(text, i, magnitudeWords);
  if (magnitude !== undefined) {
    m.magnitude = magnitude;
    i += magnitude.length;
  }
  if (isMore(text.charCodeAt(i))) {
    m.more = true;
    i++;
  }
  const unit = wordAt(text, i, unitWords);
  if (unit !== undefined) {
    m.unit = unit;
    i += unit.length;
  }
  m.end = i;
  return m;
}

const NUMERAL_UNITS = (() => {
  const set = new Uint8Array(0x10000);
  for (const ch of `${CHINESE_NUMERAL_CHARS}点`) set[ch.charCodeAt(0)] = 1;
  return set;
})();
const CN_SUFFIXES = ['个百分点', '倍', '番'] as const;
const SUFFIX = /个百分点|[倍番]/g;

/**
 * Chinese numerals, only before 个百分点 / 倍 / 番 (两个百分点, 三倍, 翻一番): the matches
 * of /([numerals点]+)(个百分点|倍|番)/gu, left to right —
 * found from the suffixes instead of trying the pattern at every position (the
 * regular expression spent most of its time failing on ordinary 一 and 十).
 * Every suffix starts with a character that is not a numeral, so a match is a
 * whole run of numerals (cut at the previous match's end) right before a suffix.
 */
export function chineseQuantities(text: string): { start: number; end: number; numeral: string; suffix: string }[] {
  // the suffixes in text order, by one scan of the regular-expression engine (no
  // two overlap: 个百分点 holds neither 倍 nor 番), each told by its last character
  const hits: { at: number; suffix: string }[] = [];
  SUFFIX.lastIndex = 0;
  while (SUFFIX.test(text)) {
    const end = SUFFIX.lastIndex;
    const suffix = text.charCodeAt(end - 1) === 0x70b9 /* 点 */ ? CN_SUFFIXES[0] : text.charCodeAt(end - 1) === 0x500d /* 倍 */ ? CN_SUFFIXES[1] : CN_SUFFIXES[2];
    hits.push({ at: end - suffix.length, suffix });
  }
  if (hits.length === 0) return [];
  const out: { start: number; end: number; numeral: string; suffix: string }[] = [];
  let lastIndex = 0;
  for (const { at, suffix } of hits) {
    if (at < lastIndex) continue;
    let a = at;
    while (a > lastIndex && NUMERAL_UNITS[text.charCodeAt(a - 1)] === 1) a--;
    if (a === at) continue;
    out.push({ start: a, end: at + suffix.length, numeral: text.slice(a, at), suffix });
    lastIndex = at + suffix.length;
  }
  return out;
}

/** The value of a written number (1,234.5): numberEnd has checked its form. */
function writtenValue(digits: string): number {
  return Number(digits.indexOf(',') >= 0 ? digits.replace(/,/g, '') : digits);
}

const DIGIT = /[0-9]/g;

/** The quantities written in Chinese numerals (chineseQuantities) as tokens. */
function chineseTokens(text: string): QuantityToken[] {
  const chinese: QuantityToken[] = [];
  for (const m of chineseQuantities(text)) {
    const v = parseChinese(m.numeral);
    if (v === undefined) continue;
    const unitSurface = m.suffix;
    const unit: InternalUnit = unitSurface === '倍' ? 'times' : unitSurface === '番' ? 'times' : 'pp';
    // 翻一番 = doubling = +100%: expressed as times (2^n − 1)
    const value = unitSurface === '番' ? 2 ** v - 1 : v;
    chinese.push({ t: 'qty', start: m.start, end: m.end, value, unit, more: false, magnitudeOnly: false, text: text.slice(m.start, m.end) });
  }
  return chinese;
}

/**
 * Exact powers of ten as written (10 ** d is too, but a literal needs no
 * proof): a number of at most 15 digits, read as a whole W with d decimals,
 * is W / 10^d, and that quotient of two exact doubles is rounded once, as
 * Number() rounds the written decimal.
 */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * scaleWritten for a number read as `whole` (its digits without the point
 * and commas, `digits` of them, `decimals` after the point), at most 15
 * digits: each branch of scaleWritten with Number() of the digits replaced by
 * the same value computed from `whole`.
 */
export function scaleRead(whole: number, digits: number, decimals: number, factor: number): number {
  const p = POW10[decimals]!;
  if (Number.isInteger(factor) && factor % p === 0) return whole * (factor / p);
  const value = decimals === 0 ? whole : whole / p;
  if (factor === 1 && digits <= 12) return value;
  return scale(value, factor);
}

/** Words by their first UTF-16 unit for the reader: the lists of candidates, longest first, and what each stands for. */
interface WordTable<T> {
  /** 1 + the index in `lists` of each UTF-16 unit's list (0: no word starts with it). */
  first: Uint16Array;
  lists: Array<Array<{ word: string; value: T }>>;
}

function wordTable<T>(entries: ReadonlyArray<readonly [string, T]>): WordTable<T> {
  const first = new Uint16Array(0x10000);
  const lists: Array<Array<{ word: string; value: T }>> = [];
  // longest first, equal lengths in the given order (as byFirst)
  for (const [word, value] of [...entries].sort((a, b) => b[0].length - a[0].length)) {
    const u = word.charCodeAt(0);
    if (first[u] === 0) first[u] = lists.push([]);
    lists[first[u]! - 1]!.push({ word, value });
  }
  return { first, lists };
}

interface Reader {
  units: WordTable<UnitDef>;
  magnitudes: WordTable<number>;
  percent: UnitDef | undefined;
}

let reader: Reader | undefined;

function readerTables(): Reader {
  if (reader) return reader;
  const { units } = compile();
  reader = { units: wordTable([...units]), magnitudes: wordTable(Object.entries(MAGNITUDES)), percent: units.get('%') };
  return reader;
}

/** The entry of the first word of `table` (tried in order) written at `at`, or undefined. */
function entryAt<T>(text: string, at: number, table: WordTable<T>): { word: string; value: T } | undefined {
  const k = table.first[text.charCodeAt(at)];
  if (k === undefined || k === 0) return undefined;
  for (const e of table.lists[k - 1]!) if (text.startsWith(e.word, at)) return e;
  return undefined;
}

/**
 * A number read at a digit (numberEnd's form), its value kept as the integer
 * of its digits (exact up to 15 digits). Reused: the reader reads one at a time.
 */
interface ReadNumber {
  end: number;
  whole: number;
  digits: number;
  decimals: number;
}

/** Reads the number \d+(?:,\d{3})*(?:\.\d+)? at `at` into `r`; false when no digit is there. */
function readNumber(text: string, at: number, r: ReadNumber): boolean {
  let i = at;
  let whole = 0;
  let c = text.charCodeAt(i);
  while (c >= 0x30 && c <= 0x39) {
    whole = whole * 10 + (c - 0x30);
    c = text.charCodeAt(++i);
  }
  if (i === at) return false;
  let digits = i - at;
  while (c === 0x2c /* , */ && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
    whole = whole * 1000 + (text.charCodeAt(i + 1) - 0x30) * 100 + (text.charCodeAt(i + 2) - 0x30) * 10 + (text.charCodeAt(i + 3) - 0x30);
    digits += 3;
    i += 4;
    c = text.charCodeAt(i);
  }
  let decimals = 0;
  if (c === 0x2e /* . */ && isDigit(text.charCodeAt(i + 1))) {
    c = text.charCodeAt(++i);
    while (c >= 0x30 && c <= 0x39) {
      whole = whole * 10 + (c - 0x30);
      decimals++;
      c = text.charCodeAt(++i);
    }
    digits += decimals;
  }
  r.end = i;
  r.whole = whole;
  r.digits = digits;
  r.decimals = decimals;
  return true;
}

/** The value of a written number (writtenValue), from what readNumber read of text[from, r.end). */
function readValue(text: string, from: number, r: ReadNumber): number {
  if (r.digits > 15) return writtenValue(text.slice(from, r.end));
  return r.decimals === 0 ? r.whole : r.whole / POW10[r.decimals]!;
}

/** The value scaled (scaleWritten), from what readNumber read of text[from, r.end). */
function readScaled(text: string, from: number, r: ReadNumber, factor: number): number {
  if (r.digits > 15) return scaleWritten(text.slice(from, r.end), factor);
  return scaleRead(r.whole, r.digits, r.decimals, factor);
}

const isMore = (c: number): boolean => c === 0x591a /* 多 */ || c === 0x4f59; /* 余 */

/**
 * Finds every quantity in `text`, left to right: what scanQuantitiesByMatch
 * finds, read in one pass with the parts as offsets and the number as an
 * integer of its digits (no match object, no string per part, no Number() of
 * a string), the unit and magnitude words from tables by their first unit.
 */
export function scanQuantities(text: string): QuantityToken[] {
  const { units, magnitudes, percent } = readerTables();
  const chinese = chineseTokens(text);
  const arabic: QuantityToken[] = [];
  const low: ReadNumber = { end: 0, whole: 0, digits: 0, decimals: 0 };
  const high: ReadNumber = { end: 0, whole: 0, digits: 0, decimals: 0 };
  for (let at = 0; at < text.length; ) {
    // the next digit: the regular-expression engine's scan is faster than a loop over units
    // here, and test() allocates nothing
    DIGIT.lastIndex = at;
    if (!DIGIT.test(text)) break;
    const start = DIGIT.lastIndex - 1;
    readNumber(text, start, low);
    let i = low.end;
    let isPercent = false;
    if (text.charCodeAt(i) === 0x25 /* % */) {
      isPercent = true;
      i++;
    }
    let hasHigh = false;
    let highAt = i + 1;
    if (RANGE.has(text.charCodeAt(i))) {
      hasHigh = readNumber(text, highAt, high);
      if (!hasHigh && text.startsWith('——', i)) {
        highAt = i + 2;
        hasHigh = readNumber(text, highAt, high);
      }
      if (hasHigh) i = high.end;
    }
    let more = false;
    if (isMore(text.charCodeAt(i))) {
      more = true;
      i++;
    }
    const magnitude = entryAt(text, i, magnitudes);
    if (magnitude !== undefined) i += magnitude.word.length;
    if (isMore(text.charCodeAt(i))) {
      more = true;
      i++;
    }
    const unitEntry = entryAt(text, i, units);
    if (unitEntry !== undefined) i += unitEntry.word.length;
    const end = i;
    at = end;
    // a match never starts inside a number: the scan meets its first digit first
    if (text.charCodeAt(start - 1) === 0x2e /* . */) continue;
    const unitDef = unitEntry !== undefined ? unitEntry.value : isPercent ? percent : undefined;
    // A percent low end ("5%—5.5%") must carry the same unit at the high end;
    // "5%" followed by something that is not a range: the match ended at %.
    const factor = isPercent && !hasHigh ? 1 : (magnitude !== undefined ? magnitude.value : 1) * (unitDef?.factor ?? 1);
    const token: QuantityToken = {
      t: 'qty',
      start,
      end,
      value: readScaled(text, start, low, factor),
      unit: unitDef?.unit ?? null,
      more,
      magnitudeOnly: unitDef === undefined && magnitude !== undefined,
      text: text.slice(start, end),
    };
    // the written ends are compared only for a range
    if (hasHigh && readValue(text, highAt, high) >= readValue(text, start, low)) token.valueMax = readScaled(text, highAt, high, factor);
    arabic.push(token);
  }
  // both lists run left to right, and no two tokens start together (a numeral is no digit)
  return mergeByStart(chinese, arabic);
}


/**
 * The reference reader of scanQuantities: each quantity read by matchQuantity
 * (its parts as strings) and valued by scaleWritten.
 */
export function scanQuantitiesByMatch(text: string): QuantityToken[] {
  const { units } = compile();
  const chinese = chineseTokens(text);
  const arabic: QuantityToken[] = [];
  for (let at = 0; at < text.length; ) {
    // the next digit: the regular-expression engine's scan is faster than a loop over units
    // here, and test() allocates nothing
    DIGIT.lastIndex = at;
    if (!DIGIT.test(text)) break;
    at = DIGIT.lastIndex - 1;
    const m = matchQuantity(text, at)!;
    const start = at;
    at = m.end;
    // a match never starts inside a number: the scan meets its first digit first
    if (text.charCodeAt(start - 1) === 0x2e /* . */) continue;
    // the written ends are compared only for a range
    const high = m.high !== undefined ? writtenValue(m.high) : undefined;
    const magnitude = m.magnitude !== undefined ? (MAGNITUDES[m.magnitude] ?? 1) : 1;
    const unitDef = m.unit !== undefined ? units.get(m.unit) : m.percent ? units.get('%') : undefined;
    let factor = magnitude * (unitDef?.factor ?? 1);
    const unit = unitDef?.unit ?? null;
    // A percent low end ("5%—5.5%") must carry the same unit at the high end.
    if (m.percent && high === undefined) {
      // "5%" followed by something that is not a range: the match ended at %.
      factor = 1;
    }
    const token: QuantityToken = {
      t: 'qty',
      start,
      end: m.end,
      value: scaleWritten(m.number, factor),
      unit,
      more: m.more,
      magnitudeOnly: unitDef === undefined && m.magnitude !== undefined,
      text: text.slice(start, m.end),
    };
    if (high !== undefined && high >= writtenValue(m.number)) token.valueMax = scaleWritten(m.high!, factor);
    arabic.push(token);
  }
  // both lists run left to right, and no two tokens start together (a numeral is no digit)
  return mergeByStart(chinese, arabic);
}

function mergeByStart(a: QuantityToken[], b: QuantityToken[]): QuantityToken[] {
  if (a.length === 0) return b;
  const out: QuantityToken[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start < b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
