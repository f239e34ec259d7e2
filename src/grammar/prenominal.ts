/**
 * Counts written before their noun: the number of key projects (or signings,
 * firms) stands before the name, with the total investment before that.
 *
 *   总投资160.4亿元的28个省、市重点项目 → key_projects 28, key_projects_total_investment 160.4亿元
 *   26项省市重点项目完成投资50亿元     → key_projects 26 (and the chain goes on about them)
 *   27个总投资69.5亿元的重点项目        → key_projects 27, key_projects_total_investment 69.5亿元
 *   3个乡镇, 10亿元以上项目            → qualifiers, no value (no indicator follows)
 */
import { lexicon } from '../lexicon/index.js';
import type { IndicatorToken, QuantityToken, Token } from '../recognize/index.js';
import { resetCues, type Chain, type GrammarContext, type ValueCues } from './chain.js';
import { emitGroup } from './distribution.js';

/** Words allowed between the count and the name (省、市; 城建; 县级以上). */
const MODIFIER = /^(?:\p{Script=Han}[\p{Script=Han}、]{0,5})?$/u;
const NO_CUES: ValueCues = { dir: 0, dirSurface: '', averaged: false, cumulative: false, completion: false, ratio: false, pre: null };

function countIndicator(tok: IndicatorToken, inPlan: boolean): string | undefined {
  const a = tok.alias;
  if (a.kind === 'context' || a.targets.length !== 1) return undefined;
  const id = inPlan && a.plan ? a.plan : a.targets[0]!;
  return lexicon().indicators.get(id)?.units.includes('count') ? id : undefined;
}

/**
 * The count at `tokens[i]` read as the value of the indicator named after it;
 * returns the index of that name, or undefined when the construction does not apply.
 */
export function prenominalCount(g: GrammarContext, ch: Chain, tokens: readonly Token[], i: number): number | undefined {
  const tok = tokens[i]!;
  if (tok.t !== 'qty' || tok.unit !== 'count') return undefined;
  let k = i + 1;
  // 27个总投资69.5亿元的重点项目: the amount between the count and the name
  let inner: { ctx: IndicatorToken; amount: QuantityToken } | undefined;
  const c1 = tokens[k];
  const c2 = tokens[k + 1];
  if (c1?.t === 'ind' && c1.alias.kind === 'context' && c1.start === tok.end && c2?.t === 'qty' && c2.unit === 'CNY' && c2.start === c1.end &&
      g.text[c2.end] === '的') {
    inner = { ctx: c1, amount: c2 };
    k += 2;
  }
  while (k < tokens.length && tokens[k]!.t === 'sep' && (tokens[k] as { ch: string }).ch === '、') k++;
  const name = tokens[k];
  const modifier = g.text.slice(inner ? inner.amount.end + 1 : tok.end, name?.start ?? 0);
  if (!name || name.t !== 'ind' || !MODIFIER.test(modifier)) return undefined;
  const id = countIndicator(name, ch.inPlan);
  if (!id) return undefined;
  // 总投资160.4亿元的: the amount before the count, named by a context word of the family
  const prev = tokens[i - 1];
  const ctx = tokens[i - 2];
  let amount: QuantityToken | undefined;
  let amountId: string | undefined;
  if (inner) {
    const fam = lexicon().indicators.get(id)?.family;
    const viaFamily = fam ? inner.ctx.alias.byFamily.get(fam) : undefined;
    if (viaFamily) {
      amount = inner.amount;
      amountId = ch.inPlan && inner.ctx.alias.plan ? inner.ctx.alias.plan : viaFamily;
    }
  } else if (prev?.t === 'qty' && prev.unit === 'CNY' && g.text.slice(prev.end, tok.start) === '的' && ctx?.t === 'ind' && ctx.alias.kind === 'context' && ctx.end === prev.start) {
    const fam = lexicon().indicators.get(id)?.family;
    const viaFamily = fam ? ctx.alias.byFamily.get(fam) : undefined;
    if (viaFamily) {
      amount = prev;
      amountId = ch.inPlan && ctx.alias.plan ? ctx.alias.plan : viaFamily;
    }
  }
  const made = emitGroup(g, [tok], [id], ch.st, { ...NO_CUES, dist: false, spanStart: amount && ctx && !inner ? ctx.start : tok.start });
  for (const d of made) {
    d.end = name.end;
    d.rule = `prenominal/${d.rule}`;
  }
  if (amount && amountId) {
    for (const d of emitGroup(g, [amount], [amountId], ch.st, { ...NO_CUES, dist: false, spanStart: inner ? tok.start : (ctx?.start ?? tok.start) })) {
      d.end = name.end;
      d.rule = `prenominal/${d.rule}`;
    }
  }
  if (made.length === 0) return undefined;
  // the chain goes on about the projects (…，完成投资50亿元)
  ch.subjects = [{ id, start: name.start }];
  ch.lastEmitted = [id];
  ch.lastDrafts = made;
  ch.gap = 0;
  resetCues(ch);
  ch.lastSig = 'ind';
  ch.prevEnd = Math.max(ch.prevEnd, name.end);
  return k;
}
