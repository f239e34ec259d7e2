/**
 * A value (or a list of values) in a chain: whether it is one at all (a
 * qualifier, a comparison, a part), which indicators it goes to, and its
 * drafts; start values of 从X增长到Y take the base year when one is known.
 *
 *   地区生产总值67.05亿元，同比增长5.1%   → two values of gdp
 *   10亿元以上项目                       → a qualifier, no value
 *   比全省高1.2个百分点                   → a comparison, no value
 *   从2015年的74微克降至44.8微克           → 2015's value and the end value
 */
import type { PeriodSpec, Token } from '../recognize/index.js';
import { groupCues, MAX_GAP, resetCues, type Chain, type GrammarContext } from './chain.js';
import { emitGroup, gatherGroup, targetsOf } from './distribution.js';
import { prenominalCount } from './prenominal.js';
import { isQualifier } from './qualifiers.js';

/** Math.min of the subjects' starts (not empty), without the mapped copy and the spread. */
function firstStart(subjects: ReadonlyArray<{ start: number }>): number {
  let min = subjects[0]!.start;
  for (let k = 1; k < subjects.length; k++) min = Math.min(min, subjects[k]!.start);
  return min;
}

/** Handles the value at `tokens[i]`; returns the index of the last token it used. */
export function onValue(g: GrammarContext, ch: Chain, tokens: readonly Token[], i: number): number {
  const st = ch.st;
  const tok = tokens[i]!;
  if (tok.t !== 'qty' && tok.t !== 'rank') return i;
  const { group, last: j } = gatherGroup(tokens, i);
  const skipTo = (): number => {
    ch.prevEnd = Math.max(ch.prevEnd, tokens[j]!.end);
    return j;
  };
  // 28个省、市重点项目: a count before its noun
  const named = prenominalCount(g, ch, tokens, i);
  if (named !== undefined) return named;
  if (tok.t === 'qty' && isQualifier(g.text, tok, tokens[i + 1])) {
    // 10亿元以上项目: a qualifier of a noun, not a value.
    ch.lastSig = 'qty';
    return i;
  }
  // 从2015年的74微克降至44.8微克: a start value has the base year, when one is known
  let periodOverride: PeriodSpec | undefined;
  let fromValue = false;
  if (ch.fromCue && tok.t === 'qty') {
    const y = st.valueYear ?? st.fromYear ?? (g.paragraphSpan ? g.paragraphSpan.from - 1 : undefined);
    if (y === undefined) ch.compare = true;
    else {
      periodOverride = { k: 'year', year: y };
      fromValue = true;
    }
  } else if (st.valueYear !== undefined) periodOverride = { k: 'year', year: st.valueYear };
  st.valueYear = undefined;
  ch.fromCue = false;
  if (ch.compare || ch.skipValue) {
    ch.skipValue = false;
    resetCues(ch);
    ch.lastSig = tok.t;
    return skipTo();
  }
  // 占公共预算支出的91.26%: the whole named between 占 and 的 is no gap
  if (ch.occupies && tok.t === 'qty' && tok.unit === '%' && ch.occupiesAt >= 0 && /^[^，。；：,;:\d]{1,16}的?$/u.test(g.text.slice(ch.occupiesAt, tok.start))) {
    ch.gap = 0;
  }
  const targets = targetsOf(g, ch, group);
  const amount = tok.t === 'qty' && tok.unit !== null && tok.unit !== '%' && tok.unit !== 'pp' && tok.unit !== 'times';
  if (targets.length === 0 || ch.gap > MAX_GAP) {
    if (amount) ch.slots.push('');
    ch.lastSig = tok.t;
    resetCues(ch);
    return skipTo();
  }
  const spanStart = ch.subjects.length > 0 && ch.lastEmitted.length === 0
    ? firstStart(ch.subjects)
    : ch.factStart >= 0
      ? ch.factStart
      : tok.start;
  const made = emitGroup(g, group, targets, st, groupCues(ch, tok.start, spanStart, periodOverride, fromValue));
  skipTo();
  if (made.length === 0 && tok.t === 'qty' && tok.unit !== null && tok.unit !== '%' && tok.unit !== 'pp' && tok.unit !== 'times') {
    // an amount that fits none of the subjects (生产总值55138元: per head): the
    // chain is about something else, and what follows is not about the subjects
    ch.subjects = [];
    ch.lastEmitted = [];
  }
  if (amount) {
    // one slot per amount: the indicator it went to, or '' (分别 by position reads them)
    const levels = new Set(made.filter((d) => d.measure === 'level').map((d) => d.indicator));
    if (group.length === 1) ch.slots.push(levels.size > 0 ? [...levels][0]! : '');
    else group.forEach((_, k) => {
      const id = targets.length === 1 ? targets[0]! : targets[k];
      ch.slots.push(id && levels.has(id) ? id : '');
    });
  }
  if (made.length > 0) {
    ch.lastEmitted = [...new Set(made.map((d) => d.indicator))];
    for (const d of made) if (d.measure === 'level') ch.valued.push(d.indicator);
    ch.lastDrafts = made;
    ch.lastValueEnd = tokens[j]!.end;
    // 均/分别 lists: keep the subjects for a later clause (分别增长…)
  }
  ch.gap = 0;
  resetCues(ch);
  ch.lastSig = tok.t;
  return j;
}
