/**
 * 分别 and 均: several values over several indicators, units or periods, and
 * one value for a list of indicators.
 *
 *   城乡居民人均可支配收入分别增长5.0%、7.8%   → urban 5.0, rural 7.8 (dist)
 *   祁阳、江华、道县地区生产总值分别增长8.1%、7.5%、6.9% → one per unit (dist-region)
 *   一、二、三季度GDP增速分别排名第三、第一、第三 → one per period (dist-period)
 *   游客接待量、旅游综合收入均增长40%以上     → both (list)
 *   接待游客…、旅游收入…，分别增长67.1%、63.5% → the indicators just valued
 *   城乡居民人均可支配收入27741元              → the overall income (one value for a coordinated name)
 */
import type { CueToken, PeriodSpec, QuantityToken, RankToken, Token } from '../recognize/index.js';
import type { RankScope, RegionRef } from '../types.js';
import { LIST_SEP, type Chain, type GrammarContext, type SentenceState, type ValueCues } from './chain.js';
import { rankDraft, valueDraft } from './drafts.js';
import { groupRankTargets } from './group-rank.js';
import type { FactDraft } from './types.js';

export type Value = QuantityToken | RankToken;

/** The values joined by 、/和 from token `i` on (with a bound after each): the group and its last index. */
export function gatherGroup(tokens: readonly Token[], i: number): { group: Value[]; last: number } {
  const tok = tokens[i] as Value;
  const group: Value[] = [tok];
  let j = i;
  while (true) {
    let k = j + 1;
    if (tokens[k]?.t === 'cue' && (tokens[k] as CueToken).cue.kind === 'post') k++;
    const sep = tokens[k];
    const next = tokens[k + 1];
    const joins = (sep?.t === 'sep' && LIST_SEP.has(sep.ch)) || (sep?.t === 'cue' && sep.cue.kind === 'conj');
    if (joins && next && next.t === tok.t && sep.end === next.start) {
      group.push(next as Value);
      j = k + 1;
    } else break;
  }
  return { group, last: j };
}

/** Names listed before the first subject of a clause that are not indicators (空气质量综合指数、PM2.5浓度). */
const OTHER_ITEMS = /^(?:[^，。；、\d]{2,20}?[、和及与])+$/u;
/** … and after the last one (社会消费品零售总额、限额以上消费品零售额分别完成…). */
const OTHER_ITEMS_AFTER = /^(?:[、和及与][^，。；、\d]{2,20}?)+$/u;

/**
 * The indicators a group of values goes to, from the chain's subjects and the
 * cues of the sentence; '' marks a value of something that is not an indicator.
 */
export function targetsOf(g: GrammarContext, ch: Chain, group: readonly Value[]): string[] {
  const first = group[0]!;
  let targets = ch.lastEmitted.length > 0 && (ch.completion || ch.ratio || first.t === 'rank')
    ? ch.lastEmitted
    : ch.subjects.map((s) => s.id);
  const alias = ch.multiAlias;
  if (group.length === 1 && targets.length > 1 && alias && !ch.allCue && !ch.distCue && targets.length === alias.targets.length) {
    // 城乡居民人均可支配收入27741元: one value for the coordinated name is the overall one
    targets = alias.single ? [alias.single] : [];
  }
  // (a list of units before the indicator takes the values one each: emitGroup)
  const perUnit = ch.st.regionList !== undefined && ch.st.regionList.length === group.length && targets.length === 1;
  if (group.length > 1 && targets.length < group.length && !ch.st.periodList && !perUnit) {
    // 接待游客…、旅游收入…，分别增长67.1%、63.5%: the indicators just given values,
    // when the chain still runs on from the last of them
    const distinct = [...new Set(ch.valued)];
    const last = ch.subjects[ch.subjects.length - 1]?.id;
    if (distinct.length >= group.length && last !== undefined && last === distinct[distinct.length - 1]) {
      targets = distinct.slice(distinct.length - group.length);
      ch.gap = 0;
    } else if (ch.distCue) {
      // 年末生猪存栏156.5万头，全年生猪出栏318.5万头，分别下降20.8%和1.2%: by position among the amounts
      // (接待游客1529万人次，实现综合效益157.8亿元，分别增长36%、37%: the chain has moved on to other words)
      const opens = ch.distAt >= 0 && g.text.slice(ch.clauseStart, ch.distAt).replace(/[，；：,;:\s]/gu, '') === '';
      const slots = first.t === 'qty' && opens ? ch.slots.slice(-group.length) : [];
      const lastNamed = [...slots].reverse().find((x) => x !== '');
      if (slots.length === group.length && lastNamed !== undefined && slots.some((x) => x === '') && (last === undefined || last === lastNamed)) {
        targets = slots;
        ch.gap = 0;
      } else if (last !== undefined && targets.length > 0 && ch.subjects.length === targets.length) {
        // 空气质量综合指数、PM2.5浓度分别下降45.6%、51.7%: by position in the list of names
        const first = Math.min(...ch.subjects.map((s) => s.start));
        const before = g.text.slice(ch.clauseStart, first).replace(/^[，；：,;:\s]+/u, '');
        const lastEnd = Math.max(...ch.subjects.map((s) => s.start));
        const afterText = ch.distAt > lastEnd ? g.text.slice(lastEnd, ch.distAt) : '';
        const nameEnd = afterText.search(/[、和及与]/u);
        const after = nameEnd > 0 ? afterText.slice(nameEnd) : '';
        if (OTHER_ITEMS.test(before)) {
          const others = (before.match(/[、和及与]/gu) ?? []).length;
          if (others + targets.length === group.length) targets = [...Array<string>(others).fill(''), ...targets];
        } else if (OTHER_ITEMS_AFTER.test(after)) {
          const others = (after.match(/[、和及与]/gu) ?? []).length;
          if (others + targets.length === group.length) {
            targets = [...targets, ...Array<string>(others).fill('')];
            ch.gap = 0;
          }
        }
      }
    }
  }
  if (targets.length === 0 && first.t === 'rank') {
    // 三项指标增速均居全市第二: the indicators the sentence just gave, as a group
    targets = groupRankTargets(g, ch, first.start);
    if (targets.length > 0) ch.gap = 0;
  }
  if (first.t === 'rank' && g.text.slice(ch.clauseStart, first.start).replace(/[，；：,;:\s]/gu, '') === '') {
    // 增长5.6%，增速比上半年加快0.3个百分点，居全省第4位: a rank that opens its clause ranks
    // the indicator the sentence gave its last figure
    // (not when an amount of something else came after it: PM10年均浓度41微克，全省…排名第一)
    const last = g.drafts.length > ch.st.firstDraft ? g.drafts[g.drafts.length - 1] : undefined;
    const lastSlot = ch.slots[ch.slots.length - 1];
    if (targets.length === 0 && last && last.measure !== 'rank' && (lastSlot === undefined || lastSlot === last.indicator)) targets = [last.indicator];
    if (targets.length > 0) ch.gap = 0;
  }
  return targets;
}

/**
 * A second, different value for the same indicator, measure, period and status
 * in one sentence is a part or another thing (其中…完成投资21.3亿元): the first stands.
 */
function restatedDifferently(g: GrammarContext, d: FactDraft, st: SentenceState): boolean {
  // a second rank ranks something else of the indicator (总量居全省第6…；增速全省第一)
  if (d.measure === 'rank') return false;
  for (let k = g.drafts.length - 1; k >= 0 && k >= st.firstDraft; k--) {
    const e = g.drafts[k]!;
    if (e.indicator === d.indicator && e.measure === d.measure && e.period === d.period && e.status === d.status &&
        e.scope === d.scope && (e.region?.code ?? '') === (d.region?.code ?? '') && e.value !== d.value) return true;
  }
  return false;
}

/** Pairs the values of a group with their indicators (units, periods) and makes the drafts. */
export function emitGroup(
  g: GrammarContext,
  group: readonly Value[],
  targets: readonly string[],
  st: SentenceState,
  c: ValueCues & { dist: boolean; spanStart: number },
): FactDraft[] {
  const made: FactDraft[] = [];
  const lastEnd = group[group.length - 1]!.end;
  const pairs: Array<{ tok: Value; id: string; period: PeriodSpec | null; rule: string; region?: RegionRef }> = [];
  const periods = st.periodList;
  const units = st.regionList;
  if (group.length > 1 && targets.length === 1 && units && units.length === group.length) {
    // 祁阳、江华、道县地区生产总值分别增长8.1%、7.5%、6.9%
    group.forEach((tok, k) => pairs.push({ tok, id: targets[0]!, period: st.period, rule: 'dist-region', region: units[k]! }));
  } else if (group.length > 1 && targets.length === group.length) {
    // '' holds the place of a value of something that is not an indicator
    group.forEach((tok, k) => {
      if (targets[k]) pairs.push({ tok, id: targets[k]!, period: st.period, rule: 'dist' });
    });
  } else if (group.length > 1 && targets.length === 1 && periods && periods.length === group.length) {
    group.forEach((tok, k) => pairs.push({ tok, id: targets[0]!, period: periods[k]!, rule: 'dist-period' }));
  } else if (group.length === 1) {
    const rule = targets.length > 1 ? 'list' : '';
    for (const id of targets) pairs.push({ tok: group[0]!, id, period: st.period, rule });
  }
  // otherwise the values are about something the sentence lists that is not an
  // indicator (北部、中部、南部县区…分别为): nothing to say
  let scope: RankScope | null = null;
  for (const p of pairs) {
    if (p.tok.t === 'rank' && p.tok.scope) scope = p.tok.scope;
  }
  for (const p of pairs) {
    const d = p.tok.t === 'rank' ? rankDraft(g, p.tok, p.id, scope, st, p.period) : valueDraft(g, p.tok, p.id, st, p.period, c);
    if (!d) continue;
    const region = p.region ?? st.region;
    if (region && region.code !== g.doc.region?.code) d.region = region;
    if (restatedDifferently(g, d, st)) continue;
    if (p.rule) d.rule = `${p.rule}/${d.rule}`;
    if (d.region && !p.region) d.rule = `region/${d.rule}`;
    d.start = Math.min(c.spanStart, p.tok.start);
    d.end = group.length > 1 ? lastEnd : p.tok.end;
    g.drafts.push(d);
    made.push(d);
  }
  return made;
}
