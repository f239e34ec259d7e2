/**
 * The state of one sentence walk: what the clause grammar knows while it reads
 * the tokens of a sentence left to right (the subjects of the chain, the cues
 * seen since the last value, lists in progress). Each construction module
 * reads and updates it through the step it handles.
 */
import type { AliasDef } from '../lexicon/index.js';
import type { PeriodSpec, RegionToken, Token } from '../recognize/index.js';
import type { Bound, RegionRef, Status } from '../types.js';
import type { YearSpan } from './spans.js';
import type { DocContext, FactDraft } from './types.js';

/** Non-filler characters allowed between an indicator (or its last value) and the next value. */
export const MAX_GAP = 2;

export const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '\n']);

/** SENTENCE_END.has(ch), by comparisons (the walker asks at every token of a text). */
export function isSentenceEnd(ch: string): boolean {
  return ch === '。' || ch === '\n' || ch === '！' || ch === '？' || ch === '!' || ch === '?';
}
export const CLAUSE_SEP = new Set(['，', '；', '：', ',', ';', ':', '\t']);
export const LIST_SEP = new Set(['、']);

/** CLAUSE_SEP.has(ch), by comparisons. */
export function isClauseSep(ch: string): boolean {
  return ch === '，' || ch === '；' || ch === '：' || ch === ',' || ch === ';' || ch === ':' || ch === '\t';
}

/** What the last token was, for lists (A、B) and chains. */
export type Sig = Token['t'] | 'conj' | 'none';

export interface Subject {
  id: string;
  start: number;
  /** The indicator meant when a verb of adding governs the name. */
  added?: string | undefined;
}

/** What the whole sentence has established. */
export interface SentenceState {
  /** Index of the sentence's first draft in the grammar's list. */
  firstDraft: number;
  /** Another unit the sentence is about (a county named in a city report). */
  region?: RegionRef | undefined;
  /** Several units listed before the indicator (祁阳、江华分别增长…): one value each. */
  regionList?: RegionRef[] | undefined;
  status: Status;
  baseYear: number;
  period: PeriodSpec | null;
  periodList: PeriodSpec[] | null;
  /** The base year of a comparison in this clause (比2011年增长). */
  refYear?: number | undefined;
  /** The base of the comparison is some months of an earlier year (比2019年同期). */
  refMonths?: boolean | undefined;
  /** The last base year of a comparison in this sentence (比2018年增长36.5%，年均增长6.4%). */
  sentenceRefYear?: number | undefined;
  /** The year of a start value (从2015年的2.6万亿元): later 从 values of the sentence too. */
  fromYear?: number | undefined;
  /** A year written right before the next value (增长到2020年的3.62万亿元). */
  valueYear?: number | undefined;
  /** 累计 said in this clause. */
  cumulativeWord: boolean;
  /** A ； has been passed in this sentence (a list of items). */
  semicolons: number;
  /** The status before a cue inside one item of a ； list (A完成…；B预计完成…；C完成…): restored at the next ；. */
  itemStatus?: Status | undefined;
}

/** The cues seen since the last value: what they say about the next one. */
export interface ValueCues {
  dir: 1 | -1 | 0;
  /** The words of the direction cue (比上年增长: a change on last year). */
  dirSurface: string;
  averaged: boolean;
  cumulative: boolean;
  completion: boolean;
  ratio: boolean;
  pre: Bound | null;
  /** 占…的: the next % may be the share of a whole. */
  occupies?: boolean;
  /** The value's period is given (a start value's base year). */
  periodOverride?: PeriodSpec | undefined;
  fromValue?: boolean;
}

/** The walk over one sentence. */
export interface Chain {
  st: SentenceState;
  inPlan: boolean;
  subjects: Subject[];
  /** Indicators the last value went to (a rank or completion after it is theirs). */
  lastEmitted: string[];
  lastSig: Sig;
  /** At the start of a clause (only fillers so far). */
  clauseFresh: boolean;
  /** Characters of other words since the subject or the last value. */
  gap: number;
  prevEnd: number;
  /** Where the words of the next fact start (its first cue), or -1. */
  factStart: number;
  dir: 1 | -1 | 0;
  dirSurface: string;
  /** 从/由 just seen: the next value is a start value. */
  fromCue: boolean;
  averaged: boolean;
  cumulative: boolean;
  pre: { bound: Bound; end: number } | null;
  completion: boolean;
  ratio: boolean;
  compare: boolean;
  dist: boolean;
  distCue: boolean;
  /** Where the 分别 cue of the clause starts (or -1). */
  distAt: number;
  allCue: boolean;
  multiAlias: AliasDef | null;
  pendingRegion: RegionToken | null;
  /** Units joined by 、/和 just before an indicator. */
  regionRun: RegionToken[];
  /** 其中 seen: the next indicator may be a part of one already given. */
  qizhong: boolean;
  skipValue: boolean;
  lastValueEnd: number;
  lastDrafts: FactDraft[];
  /** 占: the next indicator is the whole a share is of. */
  denominator: boolean;
  /** 占 said since the last value (民生支出…，占一般公共预算支出的82.1%). */
  occupies: boolean;
  /** Where that 占 ends. */
  occupiesAt: number;
  /** 拉动/带动 just seen: the indicator after it is what was contributed to. */
  contrib: boolean;
  /** A verb of adding (新增, 认定) in this clause. */
  adding: boolean;
  /** Indicators that received a level in this sentence, in order (for 分别 after a list of values). */
  valued: string[];
  /** Each amount of the sentence in order: the indicator it went to, or '' (生猪存栏156.5万头 → ''). */
  slots: string[];
  /** Where the current clause starts. */
  clauseStart: number;
}

/** What the grammar shares with every construction. */
export interface GrammarContext {
  readonly text: string;
  readonly doc: DocContext;
  /** Every draft made so far (the current sentence's from `st.firstDraft`). */
  readonly drafts: FactDraft[];
  /** The span of years the current paragraph is about (五年来, 十四五), if any. */
  paragraphSpan: YearSpan | null;
}

export function newChain(st: SentenceState, inPlan: boolean, start: number): Chain {
  return {
    st,
    inPlan,
    subjects: [],
    lastEmitted: [],
    lastSig: 'none',
    clauseFresh: true,
    gap: 0,
    prevEnd: start,
    factStart: -1,
    dir: 0,
    dirSurface: '',
    fromCue: false,
    averaged: false,
    cumulative: false,
    pre: null,
    completion: false,
    ratio: false,
    compare: false,
    dist: false,
    distCue: false,
    distAt: -1,
    allCue: false,
    multiAlias: null,
    pendingRegion: null,
    regionRun: [],
    qizhong: false,
    skipValue: false,
    lastValueEnd: -1,
    lastDrafts: [],
    denominator: false,
    occupies: false,
    occupiesAt: -1,
    contrib: false,
    adding: false,
    valued: [],
    slots: [],
    clauseStart: start,
  };
}

/** Forgets the cues of a value (after a value, a clause end or a new subject). */
export function resetCues(ch: Chain): void {
  ch.dir = 0;
  ch.dirSurface = '';
  ch.fromCue = false;
  ch.averaged = false;
  ch.cumulative = false;
  ch.pre = null;
  ch.completion = false;
  ch.ratio = false;
  ch.compare = false;
  ch.occupies = false;
  ch.factStart = -1;
}

/**
 * The cues for a value at `at` as emitGroup takes them: one object literal (a
 * spread of a cues object cost more per value than making its draft).
 */
export function groupCues(
  ch: Chain,
  at: number,
  spanStart: number,
  periodOverride: PeriodSpec | undefined,
  fromValue: boolean,
): ValueCues & { dist: boolean; spanStart: number } {
  return {
    dir: ch.dir,
    dirSurface: ch.dirSurface,
    averaged: ch.averaged,
    cumulative: ch.cumulative,
    completion: ch.completion,
    ratio: ch.ratio,
    pre: ch.pre && ch.pre.end === at ? ch.pre.bound : null,
    occupies: ch.occupies,
    periodOverride,
    fromValue,
    dist: ch.dist,
    spanStart,
  };
}
