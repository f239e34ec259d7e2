/**
 * Units named in the text: a county named before an indicator in a city
 * report (祁阳市地区生产总值…) owns the values that follow; a list of units
 * before 分别 gets one value each (伊州区、巴里坤县、伊吾县…分别为…); a unit
 * named in a clause carries on after ； until another is named, and the
 * document's own words (全市, 全县) bring the figures back to it.
 */
import type { IndicatorToken, RegionToken } from '../recognize/index.js';
import type { Chain, GrammarContext } from './chain.js';

/** Between a list of units and its indicator: a comma and the period (宁波、青岛、无锡，全年GDP增速分别为…). */
const RUN_THEN_PERIOD = /^[，,]?(?:全年|今年|去年|上年|上半年|前三季度|一季度|\d{4}年)(?:的|全年)?$/u;

export function onRegion(g: GrammarContext, ch: Chain, tok: RegionToken): void {
  // 伊州区、巴里坤县、伊吾县地区生产总值…分别: a list of units is not one subject,
  // but the values of a 分别 list may be theirs, one each
  if (ch.lastSig === 'conj' && ch.regionRun.length > 0) ch.regionRun.push(tok);
  else ch.regionRun = [tok];
  ch.pendingRegion = ch.lastSig === 'conj' || ch.lastSig === 'region' || g.text[tok.end] === '、' ? null : tok;
  ch.lastSig = 'region';
}

/** At an indicator: the unit(s) named right before it become the sentence's. */
export function unitsBeforeIndicator(g: GrammarContext, ch: Chain, tok: IndicatorToken): void {
  const st = ch.st;
  const lastRun = ch.regionRun[ch.regionRun.length - 1];
  if (ch.regionRun.length > 1 && lastRun && (tok.start - lastRun.end <= 2 || RUN_THEN_PERIOD.test(g.text.slice(lastRun.end, tok.start)))) {
    st.regionList = ch.regionRun.map((r) => ({ code: r.code, name: r.name }));
    st.region = undefined;
  }
  ch.regionRun = [];
  const p = ch.pendingRegion;
  if (p && tok.start - p.end <= 2) {
    // 祁阳市地区生产总值…: the unit named right before the indicator
    st.region = p.code === g.doc.region?.code ? undefined : { code: p.code, name: p.name };
  }
  ch.pendingRegion = null;
}
