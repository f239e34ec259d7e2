/**
 * Counts written before their noun: the number of key projects (or signings,
 * firms) stands before the name, with the total investment before that.
 *
 *   总投资160.4亿元的28个省、市重点项目 → key_projects 28, key_projects_total_investment 160.4亿元
 *   26项省市重点项目完成投资50亿元     → key_projects 26 (and the chain goes on about them)
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
  while (k < tokens.length && tokens[k]!.t === 'sep' && (tokens[k] as { ch: string }).ch === '、') k++;
  const name = tokens[k];
  if (!name || name.t !== 'ind' || !MODIFIER.test(g.text.slice(tok.end, name.start))) return undefined;
  const id = countIndicator(name, ch.inPlan);
  if (!id) return undefined;
  // 总投资160.4亿元的: the amount before the count, named by a context word of the family
  const prev = tokens[i - 1];
  const ctx = tokens[i - 2];
  let amount: QuantityToken | undefined;
  let amountId: string | undefined;
  if (prev?.t === 'qty' && prev.unit === 'CNY' && g.text.slice(prev.end, tok.start) === '的' && ctx?.t === 'ind' && ctx.alias.kind === 'context' && ctx.end === prev.start) {
    const fam = lexicon().indicators.get(id)?.family;
    const viaFamily = fam ? ctx.alias.byFamily.get(fam) : undefined;
    if (viaFamily) {
      amount = prev;
      amountId = ch.inPlan && ctx.alias.plan ? ctx.alias.plan : viaFamily;
    }
  }
  const made = emitGroup(g, [tok], [id], ch.st, { ...NO_CUES, dist: false, spanStart: amount && ctx ? ctx.start : tok.start });
  for (const d of made) {
    d.end = name.end;
    d.rule = `prenominal/${d.rule}`;
  }
  if (amount && amountId && ctx) {
    for (const d of emitGroup(g, [amount], [amountId], ch.st, { ...NO_CUES, dist: false, spanStart: ctx.start })) {
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
