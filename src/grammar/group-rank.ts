/**
 * Group ranks: one rank said of the indicators just given values, named as a
 * group (三项指标增速均居全市第二, 上述指标均居全省前列 with an ordinal).
 *
 *   地区生产总值、规上工业增加值、固定资产投资分别增长6.5%、8.1%、9.2%，三项指标增速均居全市第二
 *     → a rank 2 (prefecture) for each of gdp, industrial_va, fai
 */
import type { Chain, GrammarContext } from './chain.js';
import { parseNumber } from '../recognize/number.js';

/** The words of a clause that name the indicators before it as a group (三项指标, 上述指标, 以上各项指标). */
const GROUP = /^(?:(?:这|上述|以上|前述)?(?:([一二三四五六七八九十两\d]+)项|上述|以上|各项)(?:主要)?(?:经济)?指标)(?:增速|增幅|总量)?(?:均|都|全部)?$/u;

/** The indicators a rank goes to when its clause names the ones before it as a group; [] otherwise. */
export function groupRankTargets(g: GrammarContext, ch: Chain, rankStart: number): string[] {
  const words = g.text.slice(ch.clauseStart, rankStart).replace(/[，；：,;:\s]/gu, '').replace(/(?:稳|继续|分别)?$/u, '');
  const m = GROUP.exec(words.replace(/居|位居|排名|位列|排$/u, ''));
  if (!m) return [];
  const seen: string[] = [];
  for (let k = ch.st.firstDraft; k < g.drafts.length; k++) {
    const d = g.drafts[k]!;
    if (d.measure === 'rank') continue;
    const at = seen.indexOf(d.indicator);
    if (at >= 0) seen.splice(at, 1);
    seen.push(d.indicator);
  }
  const n = m[1] !== undefined ? parseNumber(m[1]) : undefined;
  if (n !== undefined && (n < 1 || n > seen.length)) return [];
  return n !== undefined ? seen.slice(seen.length - n) : seen;
}
