/**
 * The clause grammar: walks the tokens of one sentence and turns
 * indicator → value → growth → rank chains into fact drafts. The walker only
 * keeps the chain (chain.ts) and hands each token to the construction that
 * reads it:
 *
 *   names.ts         indicator names: context words, parts, 其中, 占…, 拉动…, 新增…
 *   units.ts         units named in the text (a county's figures in a city report)
 *   periods.ts       periods, base years of comparisons, start-value years
 *   cues.ts          cue words (direction, bounds, 分别/均, completion, 从, 持平 …)
 *   status.ts        the reach of 预计/力争 (a sentence or one item of a ； list)
 *   values.ts        values: qualifiers, comparisons, start values, targets
 *   distribution.ts  分别/均: values over indicators, units or periods
 *   drafts.ts        a value as a fact: measure, unit, bound, status
 *   completion.ts    plan completion and shares
 *   spans.ts         five-year reviews and plans, base years further back
 *   flat.ts          持平: growth 0
 *
 * Each fact carries the id of the rules that made it (level, growth, change,
 * cumulative, rank, completion, share, dist…, list, family-level, span-…,
 * from-base, region, flat).
 */
import type { Token } from '../recognize/index.js';
import { isClauseSep, isSentenceEnd, newChain, resetCues, type Chain, type GrammarContext, type SentenceState } from './chain.js';
import { onCue } from './cues.js';
import { onIndicator } from './names.js';
import { onPeriod } from './periods.js';
import { gapLength, gapText } from './gaps.js';
import { dropParentheticals } from './qualifiers.js';
import { inPlan as isPlan, sectionAt } from './sections.js';
import type { YearSpan } from './spans.js';
import { endItemStatus } from './status.js';
import type { DocContext, FactDraft } from './types.js';
import { onRegion } from './units.js';
import { onValue } from './values.js';

export { resolveByUnit } from './drafts.js';

/** 比/较 before a period: a comparison that goes on about the clause's subject. */
const COMPARE_WORDS = new Set(['比', '较']);

/** Tokens whose handlers reach beyond the sentence: values and 持平 make drafts, periods set paragraphSpan. */
function mayLeaveSomething(t: Token): boolean {
  return t.t === 'qty' || t.t === 'rank' || t.t === 'period' || (t.t === 'cue' && t.cue.kind === 'flat');
}

export class ClauseGrammar implements GrammarContext {
  readonly drafts: FactDraft[] = [];
  /** The last span of years named in the current paragraph (五年来, 十四五): 年均 refers to it. */
  paragraphSpan: YearSpan | null = null;

  constructor(
    readonly text: string,
    readonly doc: DocContext,
  ) {}

  result(): FactDraft[] {
    return this.drafts;
  }

  /** Runs the grammar over all tokens of the text, sentence by sentence. */
  run(tokens: Token[]): FactDraft[] {
    let from = 0;
    let textFrom = 0;
    let active = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.t !== 'sep') {
        if (!active && mayLeaveSomething(t)) active = true;
      } else if (isSentenceEnd(t.ch)) {
        this.sentence(tokens, from, i + 1, textFrom, active);
        from = i + 1;
        textFrom = t.end;
        active = false;
        if (t.ch === '\n') this.paragraphSpan = null;
      }
    }
    if (from < tokens.length) this.sentence(tokens, from, tokens.length, textFrom, active);
    return this.drafts;
  }

  /** The tokens of the current sentence without asides (reused: no construction keeps them). */
  private readonly kept: Token[] = [];

  /**
   * One sentence, tokens[from, to); `textFrom` is where its text starts (after
   * the previous sentence's end). `active`: some token of it may leave
   * something behind (mayLeaveSomething).
   */
  private sentence(all: readonly Token[], from: number, to: number, textFrom: number, active: boolean): void {
    if (from >= to) return;
    const asides: Array<[number, number]> = [];
    // A sentence that may leave something is read whole now; of the others
    // only the first token past the asides is needed, and only that is read.
    const tokens = dropParentheticals(all, from, to, asides, this.kept, active ? Infinity : 1);
    // the first token past the asides says whether the sentence is in a plan part
    const first = tokens[0] ?? all[from]!;
    const inPlan = isPlan(this.doc.sections, first.start);
    // a plan part about a five-year plan: levels are for its last year, 年均 for the span
    const planSpan = inPlan ? sectionAt(this.doc.sections, first.start)?.span : undefined;
    if (planSpan && !this.paragraphSpan) this.paragraphSpan = { from: planSpan.from, to: planSpan.to };
    // Only values (and 持平) make drafts and only periods set the paragraph's span:
    // a sentence with none of them leaves nothing behind, so it is not walked.
    if (!active) return;
    const st: SentenceState = {
      firstDraft: this.drafts.length,
      status: inPlan ? 'target' : 'actual',
      baseYear: planSpan ? planSpan.to : inPlan ? this.doc.year + 1 : this.doc.year,
      // news about some months: a sentence that names no period is about them
      period: this.doc.months && !inPlan ? { k: 'months', from: this.doc.months.from, to: this.doc.months.to } : null,
      periodList: null,
      cumulativeWord: false,
      semicolons: 0,
      // every field from the start: one object shape for the constructions' reads and writes
      region: undefined,
      regionList: undefined,
      refYear: undefined,
      refMonths: undefined,
      sentenceRefYear: undefined,
      fromYear: undefined,
      valueYear: undefined,
      itemStatus: undefined,
    };
    const ch = newChain(st, inPlan, first.start);
    ch.clauseStart = textFrom;

    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const between = gapLength(this.text, ch.prevEnd, tok.start, asides);
      if (between > 0) {
        // A clause that opens with words of its own has a subject of its own
        // (but ，比2011年增长21.9% goes on about the subject before it).
        if (ch.clauseFresh && !(tok.t === 'period' && between === 1 && COMPARE_WORDS.has(gapText(this.text, ch.prevEnd, tok.start, asides)))) {
          ch.subjects = [];
          ch.lastEmitted = [];
        }
        ch.gap += between;
        if (ch.lastSig === 'ind' || ch.lastSig === 'conj') ch.lastSig = 'none';
      }
      ch.prevEnd = Math.max(ch.prevEnd, tok.end);
      /** The token opens its clause (五年来，… / 在“十三五”时期…), not a modifier inside it (奋进“十四五”新征程). */
      const opensClause = ch.clauseFresh && between <= 1;
      if (!(tok.t === 'cue' && tok.cue.kind === 'filler') && tok.t !== 'sep') ch.clauseFresh = false;

      switch (tok.t) {
        case 'sep':
          this.separator(ch, tok.ch);
          break;
        case 'period':
          onPeriod(this, ch, tok, opensClause);
          break;
        case 'date':
          ch.lastSig = tok.t;
          break;
        case 'region':
          onRegion(this, ch, tok);
          break;
        case 'ind':
          onIndicator(this, ch, tok, opensClause);
          break;
        case 'cue':
          onCue(this, ch, tok);
          break;
        case 'qty':
        case 'rank':
          i = onValue(this, ch, tokens, i);
          break;
      }
    }
  }

  /** 、 joins a list; ，；： end a clause (and ； an item of a list). */
  private separator(ch: Chain, sep: string): void {
    if (sep === '、' /* LIST_SEP */) {
      if (ch.lastSig === 'ind' || ch.lastSig === 'region') ch.lastSig = 'conj';
      return;
    }
    if (!isClauseSep(sep) && !isSentenceEnd(sep)) return;
    const st = ch.st;
    ch.clauseFresh = true;
    ch.clauseStart = ch.prevEnd;
    if (sep === '；' || sep === ';') {
      endItemStatus(ch);
      // 郴州GDP2770.08亿元…；GDP同比增长8.8%: the unit carries on until another is named
      st.regionList = undefined;
      ch.qizhong = false;
    }
    ch.dist = false;
    ch.distCue = false;
    ch.distAt = -1;
    ch.allCue = false;
    ch.lastSig = 'none';
    st.refYear = undefined;
    st.refMonths = undefined;
    st.cumulativeWord = false;
    ch.contrib = false;
    ch.adding = false;
    resetCues(ch);
  }
}
