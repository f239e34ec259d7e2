/**
 * No change: 与上年持平, 同比持平, 基本持平 after an indicator is growth 0.
 *
 *   全年固定资产投资与上年持平 → fai growth 0
 */
import type { CueToken, QuantityToken } from '../recognize/index.js';
import { MAX_GAP, type Chain, type GrammarContext } from './chain.js';
import { emitGroup } from './distribution.js';

export function onFlat(g: GrammarContext, ch: Chain, tok: CueToken): void {
  const targets = ch.subjects.map((x) => x.id);
  if (targets.length === 0 || ch.gap > MAX_GAP + 3) return;
  const zero: QuantityToken = { t: 'qty', start: tok.start, end: tok.end, value: 0, unit: '%', more: false, magnitudeOnly: false, text: tok.cue.surface };
  const made = emitGroup(g, [zero], targets, ch.st, {
    dir: 1, dirSurface: '上年', averaged: false, cumulative: false, completion: false, ratio: false, pre: null, dist: false,
    spanStart: Math.min(...ch.subjects.map((x) => x.start)),
  });
  for (const d of made) d.rule = `flat/${d.rule}`;
  if (made.length > 0) ch.lastEmitted = [...new Set(made.map((d) => d.indicator))];
}
