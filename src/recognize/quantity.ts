/**
 * Quantities: a number, an optional range end, an optional magnitude
 * (万/亿/万亿/千/百), 多/余, and a unit from the unit lexicon.
 */
import { lexicon, type InternalUnit, type UnitDef } from '../lexicon/index.js';
import { CHINESE_NUMERAL_CHARS, parseArabic, parseChinese, scaleWritten } from './number.js';
import type { QuantityToken } from './tokens.js';

const MAGNITUDES: Readonly<Record<string, number>> = {
  万亿: 1e12, 千亿: 1e11, 百亿: 1e10, 千万: 1e7, 百万: 1e6, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2,
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface Compiled {
  /** Arabic numbers with range, magnitude, 多/余 and unit. */
  re: RegExp;
  units: Map<string, UnitDef>;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const units = new Map<string, UnitDef>();
  for (const u of lexicon().units) units.set(u.surface, u);
  const unitAlt = [...units.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
  const num = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
  const mag = Object.keys(MAGNITUDES).sort((a, b) => b.length - a.length).join('|');
  // 1: number  2: % on the low end  3: range high end  4: 多/余  5: magnitude  6: 多/余  7: unit
  const src = String.raw`(${num})(%)?(?:(?:[-—–~～至到]|——)(${num}))?(多|余)?(${mag})?(多|余)?(${unitAlt})?`;
  compiled = { re: new RegExp(src, 'gu'), units };
  return compiled;
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

/** Finds every quantity in `text`, left to right. */
export function scanQuantities(text: string): QuantityToken[] {
  const { re, units } = compile();
  const out: QuantityToken[] = [];
  for (const m of chineseQuantities(text)) {
    const v = parseChinese(m.numeral);
    if (v === undefined) continue;
    const unitSurface = m.suffix;
    const unit: InternalUnit = unitSurface === '倍' ? 'times' : unitSurface === '番' ? 'times' : 'pp';
    // 翻一番 = doubling = +100%: expressed as times (2^n − 1)
    const value = unitSurface === '番' ? 2 ** v - 1 : v;
    out.push({ t: 'qty', start: m.start, end: m.end, value, unit, more: false, magnitudeOnly: false, text: text.slice(m.start, m.end) });
  }
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // a match never starts inside a number: the scan meets its first digit first
    const before = text.charCodeAt(m.index - 1);
    if (before === 0x2e /* . */) continue;
    const low = parseArabic(m[1]!);
    if (low === undefined) continue;
    const high = m[3] !== undefined ? parseArabic(m[3]) : undefined;
    const magnitude = m[5] !== undefined ? (MAGNITUDES[m[5]] ?? 1) : 1;
    const unitDef = m[7] !== undefined ? units.get(m[7]) : m[2] !== undefined ? units.get('%') : undefined;
    let factor = magnitude * (unitDef?.factor ?? 1);
    const unit = unitDef?.unit ?? null;
    // A percent low end ("5%—5.5%") must carry the same unit at the high end.
    if (m[2] !== undefined && high === undefined) {
      // "5%" followed by something that is not a range: the match ended at %.
      factor = 1;
    }
    const token: QuantityToken = {
      t: 'qty',
      start: m.index,
      end: m.index + m[0].length,
      value: scaleWritten(m[1]!, factor),
      unit,
      more: m[4] !== undefined || m[6] !== undefined,
      magnitudeOnly: unitDef === undefined && m[5] !== undefined,
      text: m[0],
    };
    if (high !== undefined && high >= low) token.valueMax = scaleWritten(m[3]!, factor);
    out.push(token);
  }
  return out.sort((a, b) => a.start - b.start);
}
