/**
 * The industry-structure rule: 三次产业结构为10.0:38.5:51.5 gives share facts
 * for the primary, secondary and tertiary sectors. When the sentence says how
 * the structure changed (由…调整为…), the last ratio is the current one.
 */
import { inPlan as isPlan } from './sections.js';
import type { DocContext, FactDraft } from './types.js';

const NUM = String.raw`(\d{1,2}(?:\.\d+)?)`;
const SEP = '[:：∶]';
const STRUCTURE = new RegExp(`三次产业(?:结构|比例|构成|比重|之比)[^。；;\\n]{0,24}?${NUM}${SEP}${NUM}${SEP}${NUM}`, 'gu');
const TRIPLE = new RegExp(`${NUM}${SEP}${NUM}${SEP}${NUM}`, 'gu');
const IDS = ['gdp_primary', 'gdp_secondary', 'gdp_tertiary'] as const;

/** A year written right before a ratio (由2016年的6.2:61.2:32.6, 到2019年底的8.8:27.0:64.2). */
const YEAR_BEFORE = /(20\d\d)年(?:底|末)?的?$/u;

function shares(values: number[], year: number, plan: boolean, start: number, end: number, rule: string): FactDraft[] {
  return IDS.map((id, k) => ({
    indicator: id,
    measure: 'share' as const,
    value: values[k]!,
    unit: '%' as const,
    period: String(year),
    status: plan ? ('target' as const) : ('actual' as const),
    bound: '=' as const,
    start,
    end,
    rule,
  }));
}

const valuesOf = (t: RegExpExecArray): number[] => [Number(t[1]), Number(t[2]), Number(t[3])];
const isShares = (v: number[]): boolean => {
  const sum = v.reduce((a, b) => a + b, 0);
  return sum >= 98 && sum <= 102; // shares of one total
};

export function structureFacts(text: string, doc: DocContext): FactDraft[] {
  const out: FactDraft[] = [];
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    // the last ratio of the sentence is the current structure
    let end = text.indexOf('。', m.index);
    if (end < 0) end = text.length;
    const nl = text.indexOf('\n', m.index);
    if (nl >= 0 && nl < end) end = nl;
    const triples: RegExpExecArray[] = [];
    TRIPLE.lastIndex = m.index;
    for (let t = TRIPLE.exec(text); t && t.index < end; t = TRIPLE.exec(text)) triples.push(t);
    const last = triples[triples.length - 1];
    if (!last) continue;
    const values = valuesOf(last);
    if (!isShares(values)) continue;
    const plan = isPlan(doc.sections, m.index);
    // 2024年全市生产总值为…，三次产业结构为…: a year named earlier in the sentence
    const sentenceStart = Math.max(text.lastIndexOf('。', m.index), text.lastIndexOf('\n', m.index)) + 1;
    const before = text.slice(sentenceStart, m.index);
    // (not a start year 从2018年的…, not a base 比2018年)
    const years = [...before.matchAll(/(?<![从由比较])(20\d\d)年(?![\d一二三四五六七八九十]{1,2}月)/gu)];
    const named = years.length > 0 ? Number(years[years.length - 1]![1]) : undefined;
    const lastYear = YEAR_BEFORE.exec(text.slice(m.index, last.index))?.[1];
    const year = lastYear ? Number(lastYear) : (named ?? (plan ? doc.year + 1 : doc.year));
    out.push(...shares(values, year, plan, m.index, last.index + last[0].length, 'structure'));
    // 由2016年的6.2:61.2:32.6调整为…: the first ratio is the structure of its base year, when written
    const first = triples[0]!;
    if (first !== last && /[从由]/u.test(text.slice(m.index, first.index)) && isShares(valuesOf(first))) {
      const own = YEAR_BEFORE.exec(text.slice(m.index, first.index))?.[1];
      const from = /[从由](20\d\d)年的/u.exec(before)?.[1];
      const base = own ?? from;
      if (base) out.push(...shares(valuesOf(first), Number(base), false, m.index, first.index + first[0].length, 'structure-base'));
    }
    STRUCTURE.lastIndex = Math.max(STRUCTURE.lastIndex, end);
  }
  return out;
}
