/**
 * Cue words in a chain (lexicon/data/cues.tsv): the direction and kind of
 * the next value (增长, 下降, 年均, 累计增长), bounds (以上, 突破), 分别/均,
 * completion and share words, comparisons, start values (从/由),
 * contributions (拉动), no change (持平), verbs of adding (新增), fillers.
 */
import type { CueToken } from '../recognize/index.js';
import type { Bound } from '../types.js';
import type { Chain, GrammarContext, Sig } from './chain.js';
import { onFlat } from './flat.js';
import { onStatusCue } from './status.js';

export function onCue(g: GrammarContext, ch: Chain, tok: CueToken): void {
  const before: Sig = ch.lastSig;
  ch.lastSig = 'cue';
  const cue = tok.cue;
  switch (cue.kind) {
    case 'status':
      onStatusCue(g, ch, tok);
      break;
    case 'up':
    case 'down':
    case 'avg':
    case 'cumulative':
      ch.dir = cue.kind === 'down' ? -1 : 1;
      ch.dirSurface = cue.surface;
      if (cue.kind === 'avg') ch.averaged = true;
      if (cue.kind === 'cumulative') ch.cumulative = true;
      if (ch.factStart < 0) ch.factStart = tok.start;
      break;
    case 'pre':
      ch.pre = { bound: cue.arg as Bound, end: tok.end };
      if (ch.factStart < 0) ch.factStart = tok.start;
      break;
    case 'post':
      // a bound after the value (…8.5%以上) widens the drafts just made
      if (tok.start === ch.lastValueEnd && ch.lastDrafts.length > 0) {
        for (const d of ch.lastDrafts) {
          d.bound = cue.arg as Bound;
          d.end = Math.max(d.end, tok.end);
        }
        ch.lastValueEnd = tok.end;
      }
      break;
    case 'dist':
    case 'all':
      if (cue.kind === 'dist') {
        ch.dist = true;
        ch.distCue = true;
        ch.distAt = tok.start;
      } else ch.allCue = true;
      if (cue.surface.length > 2 && cue.surface.includes('增长')) ch.dir = 1;
      if (cue.surface.includes('年均')) ch.averaged = true; // 年均分别增长
      break;
    case 'completion':
      ch.completion = true;
      if (ch.factStart < 0) ch.factStart = tok.start;
      break;
    case 'ratio':
      ch.ratio = true;
      if (ch.factStart < 0) ch.factStart = tok.start;
      break;
    case 'compare':
      ch.compare = true;
      break;
    case 'from':
      ch.fromCue = true;
      break;
    case 'contrib':
      ch.contrib = true;
      break;
    case 'flat':
      onFlat(g, ch, tok);
      break;
    case 'adding':
      ch.adding = true;
      ch.lastSig = before;
      // 规模以上工业企业新增21家: the verb after the name
      ch.subjects = ch.subjects.map((x) => (x.added ? { ...x, id: x.added } : x));
      break;
    case 'conj':
      ch.lastSig = before === 'ind' || before === 'region' ? 'conj' : before;
      break;
    case 'filler':
      ch.lastSig = before;
      if (cue.surface === '占') {
        ch.denominator = true;
        ch.occupies = true;
        ch.occupiesAt = tok.end;
      }
      if (cue.surface === '其中') ch.qizhong = true;
      if (cue.arg === 'own') ch.st.region = undefined; // 全市…: back to the document's unit
      if (cue.surface.startsWith('累计')) ch.st.cumulativeWord = true;
      break;
    default:
      break;
  }
}
