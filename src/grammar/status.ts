/**
 * The reach of status words (预计, 初步核算, 力争, 确保): at the head of a
 * sentence they cover all of it; inside one item of a ； list, that item only.
 *
 *   初步预计，A增长6%；B增长8%。      → both estimates
 *   A完成3.2亿元；B预计增长6%；C增长8%。 → only B an estimate
 */
import type { CueToken } from '../recognize/index.js';
import type { Status } from '../types.js';
import type { Chain, GrammarContext } from './chain.js';

export function onStatusCue(g: GrammarContext, ch: Chain, tok: CueToken): void {
  const st = ch.st;
  const inItem = st.semicolons > 0 || g.drafts.length > st.firstDraft;
  if (inItem && st.itemStatus === undefined) st.itemStatus = st.status;
  st.status = tok.cue.arg as Status;
}

/** At a ；: the status said inside the item just ended ends with it. */
export function endItemStatus(ch: Chain): void {
  const st = ch.st;
  st.semicolons++;
  if (st.itemStatus !== undefined) st.status = st.itemStatus;
  st.itemStatus = undefined;
}
