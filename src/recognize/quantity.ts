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
  /** Chinese numerals, only before 个百分点 / 倍 / 番 (两个百分点, 三倍, 翻一番). */
  cn: RegExp;
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
  const cn = `[${CHINESE_NUMERAL_CHARS}点]+`;
  // 1: number  2: % on the low end  3: range high end  4: 多/余  5: magnitude  6: 多/余  7: unit
  const src = String.raw`(${num})(%)?(?:(?:[-—–~～至到]|——)(${num}))?(多|余)?(${mag})?(多|余)?(${unitAlt})?`;
  compiled = { re: new RegExp(src, 'gu'), cn: new RegExp(`(${cn})(个百分点|倍|番)`, 'gu'), units };
  return compiled;
}

/** Finds every quantity in `text`, left to right. */
export function scanQuantities(text: string): QuantityToken[] {
  const { re, cn, units } = compile();
  const out: QuantityToken[] = [];
  if (text.includes('倍') || text.includes('番') || text.includes('百分点')) {
    cn.lastIndex = 0;
    for (let m = cn.exec(text); m; m = cn.exec(text)) {
      const v = parseChinese(m[1]!);
      if (v === undefined) continue;
      const unitSurface = m[2]!;
      const unit: InternalUnit = unitSurface === '倍' ? 'times' : unitSurface === '番' ? 'times' : 'pp';
      // 翻一番 = doubling = +100%: expressed as times (2^n − 1)
      const value = unitSurface === '番' ? 2 ** v - 1 : v;
      out.push({ t: 'qty', start: m.index, end: m.index + m[0].length, value, unit, more: false, magnitudeOnly: false, text: m[0] });
    }
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
