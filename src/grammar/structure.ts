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

export function structureFacts(text: string, doc: DocContext): FactDraft[] {
  const out: FactDraft[] = [];
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    // the last ratio of the sentence is the current structure
    let end = text.indexOf('。', m.index);
    if (end < 0) end = text.length;
    const nl = text.indexOf('\n', m.index);
    if (nl >= 0 && nl < end) end = nl;
    let last: RegExpExecArray | null = null;
    TRIPLE.lastIndex = m.index;
    for (let t = TRIPLE.exec(text); t && t.index < end; t = TRIPLE.exec(text)) last = t;
    if (!last) continue;
    const values = [Number(last[1]), Number(last[2]), Number(last[3])];
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum < 98 || sum > 102) continue; // not shares of one total
    const plan = isPlan(doc.sections, m.index);
    // 2024年全市生产总值为…，三次产业结构为…: a year named earlier in the sentence
    const sentenceStart = Math.max(text.lastIndexOf('。', m.index), text.lastIndexOf('\n', m.index)) + 1;
    const years = [...text.slice(sentenceStart, m.index).matchAll(/(20\d\d)年(?![\d一二三四五六七八九十]{1,2}月)/gu)];
    const named = years.length > 0 ? Number(years[years.length - 1]![1]) : undefined;
    const year = named ?? (plan ? doc.year + 1 : doc.year);
    IDS.forEach((id, k) => {
      out.push({
        indicator: id,
        measure: 'share',
        value: values[k]!,
        unit: '%',
        period: String(year),
        status: plan ? 'target' : 'actual',
        bound: '=',
        start: m!.index,
        end: last!.index + last![0].length,
        rule: 'structure',
      });
    });
    STRUCTURE.lastIndex = Math.max(STRUCTURE.lastIndex, end);
  }
  return out;
}
