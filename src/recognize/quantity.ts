/**
 * Quantities: a number, an optional range end, an optional magnitude
 * (万/亿/万亿/千/百), 多/余, and a unit from the unit lexicon.
 */
import { lexicon, type InternalUnit, type UnitDef } from '../lexicon/index.js';
import { CHINESE_NUMERAL_CHARS, parseChinese, scaleWritten } from './number.js';
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

/**
 * Chinese numerals, only before 个百分点 / 倍 / 番 (两个百分点, 三倍, 翻一番): the matches
 * of /([numerals点]+)(个百分点|倍|番)/gu, left to right —
 * found from the suffixes instead of trying the pattern at every position (the
 * regular expression spent most of its time failing on ordinary 一 and 十).
 * Every suffix starts with a character that is not a numeral, so a match is a
 * whole run of numerals (cut at the previous match's end) right before a suffix.
 */
export function chineseQuantities(text: string): { start: number; end: number; numeral: string; suffix: string }[] {
  const hits: { at: number; suffix: string }[] = [];
  for (const suffix of CN_SUFFIXES) {
    for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + 1)) hits.push({ at, suffix });
  }
  if (hits.length === 0) return [];
  hits.sort((a, b) => a.at - b.at);
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

/** Finds every quantity in `text`, left to right. */
export function scanQuantities(text: string): QuantityToken[] {
  const { units } = compile();
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
