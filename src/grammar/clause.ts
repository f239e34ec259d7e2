/**
 * The clause grammar: walks the tokens of one sentence and turns
 * indicator → value → growth → rank chains into fact drafts.
 *
 * Rules (each fact carries the id of the one that made it):
 *   level        indicator … value in a unit the indicator takes
 *   growth       indicator … 增长/下降 … %            (年均 → over years)
 *   cumulative   累计增长 … % / 增长 N 倍 / 翻番
 *   change       indicator … 提高/增加 … 个百分点 or an amount
 *   rank         indicator … 全市排名第N (scope from the rank words)
 *   completion   … 完成全年任务的N% (of the last indicator)
 *   share        … 占比N% / 比重N%
 *   dist         分别: values (or ranks) distributed over listed indicators or periods
 *   list         indicator、indicator (均) value: one value for each
 *   family       a value whose unit belongs to another member of the indicator's family
 *   context      总投资/完成投资/产量 … resolved by the family under discussion
 */
import { lexicon, plausibleLevel, type AliasDef, type IndicatorDef, type InternalUnit } from '../lexicon/index.js';
import { readTsv } from '../lexicon/load.js';
import type {
  CueToken,
  IndicatorToken,
  PeriodSpec,
  RegionToken,
  QuantityToken,
  RankToken,
  Token,
} from '../recognize/index.js';
import type { Bound, Measure, RankScope, RegionRef, Status, Unit } from '../types.js';
import { inPlan as isPlan, sectionAt } from './sections.js';
import { reachedBefore, resolveSpan, spanPeriod, type YearSpan } from './spans.js';
import type { DocContext, FactDraft } from './types.js';

/** Non-filler characters allowed between an indicator (or its last value) and the next value. */
const MAX_GAP = 2;

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '\n']);
const CLAUSE_SEP = new Set(['，', '；', '：', ',', ';', ':', '\t']);
const LIST_SEP = new Set(['、']);
/** Characters that never count as a gap (quotes, brackets of names). */
const IGNORABLE = /[\s“”"'‘’《》〈〉「」『』【】·]/gu;

type Sig = Token['t'] | 'conj' | 'none';

interface Subject {
  id: string;
  start: number;
  /** The indicator meant when a verb of adding governs the name. */
  added?: string | undefined;
}

interface SentenceState {
  /** Index of the sentence's first draft in the grammar's list. */
  firstDraft: number;
  /** Another unit the sentence is about (a county named in a city report). */
  region?: RegionRef;
  /** Several units listed before the indicator (祁阳、江华分别增长…): one value each. */
  regionList?: RegionRef[] | undefined;
  status: Status;
  baseYear: number;
  period: PeriodSpec | null;
  periodList: PeriodSpec[] | null;
  /** The base year of a comparison in this clause (比2011年增长). */
  refYear?: number | undefined;
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

function formatPeriod(spec: PeriodSpec | null, baseYear: number, measure: Measure, averaged: boolean): string {
  if (!spec) return String(baseYear);
  switch (spec.k) {
    case 'year':
      return String(spec.year ?? baseYear + (spec.rel ?? 0));
    case 'months': {
      const y = spec.year ?? baseYear;
      const mm = (m: number) => String(m).padStart(2, '0');
      return `${y}-${mm(spec.from)}/${y}-${mm(spec.to)}`;
    }
    case 'span':
    case 'lastN':
    case 'nextN': {
      const from = spec.k === 'span' ? spec.from : spec.k === 'lastN' ? baseYear - spec.n + 1 : baseYear + 1;
      const to = spec.k === 'span' ? spec.to : spec.k === 'lastN' ? baseYear : baseYear + spec.n;
      const overYears = averaged || measure === 'growth_cumulative';
      return overYears ? `${from}/${to}` : String(to);
    }
  }
}

/** The indicator of `id`'s family that takes `unit`, if exactly one does. */
export function resolveByUnit(id: string, unit: InternalUnit): string | undefined {
  const lex = lexicon();
  const def = lex.indicators.get(id);
  if (!def) return undefined;
  if ((def.units as string[]).includes(unit)) return id;
  const members = [...lex.indicators.values()].filter(
    (d) => d.family === def.family && (d.units as string[]).includes(unit),
  );
  return members.length === 1 ? members[0]!.id : undefined;
}

let partialPrefixes: string[] | undefined;
/** Words that make the indicator written after them a part of it (高新技术产品出口). */
function partials(): string[] {
  partialPrefixes ??= readTsv('partials.tsv', ['prefix']).map((r) => r.cells.prefix!);
  return partialPrefixes;
}

/** Words that name the document's own unit (全县生产总值…). */
const OWN_UNIT_WORDS = new Set(['全县', '全市', '全区', '全州', '全旗', '全省']);

/** Characters before a year that make it a reference (比2011年, 是2011年的), not the period. */
const REFERENCE_BEFORE = new Set(['比', '较', '是', '于', '从', '同', '与', '为']);

function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return c >= 0x3400 && c <= 0x9fff;
}

export class ClauseGrammar {
  private readonly drafts: FactDraft[] = [];

  constructor(
    private readonly text: string,
    private readonly doc: DocContext,
  ) {}

  result(): FactDraft[] {
    return this.drafts;
  }

  /** Runs the grammar over all tokens of the text, sentence by sentence. */
  /** The last span of years named in the current paragraph (五年来, 十四五): 年均 refers to it. */
  private paragraphSpan: YearSpan | null = null;

  run(tokens: Token[]): FactDraft[] {
    let from = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.t === 'sep' && SENTENCE_END.has(t.ch)) {
        this.sentence(tokens.slice(from, i + 1));
        from = i + 1;
        if (t.ch === '\n') this.paragraphSpan = null;
      }
    }
    if (from < tokens.length) this.sentence(tokens.slice(from));
    return this.drafts;
  }

  private sentence(all: Token[]): void {
    if (all.length === 0) return;
    const asides: Array<[number, number]> = [];
    const tokens = dropParentheticals(all, asides);
    const gapText = (a: number, b: number): string => {
      let s = '';
      let at = a;
      for (const [x, y] of asides) {
        if (y <= at || x >= b) continue;
        if (x > at) s += this.text.slice(at, x);
        at = Math.max(at, y);
      }
      if (at < b) s += this.text.slice(at, b);
      return s.replace(IGNORABLE, '');
    };
    const first = tokens[0] ?? all[0]!;
    const inPlan = isPlan(this.doc.sections, first.start);
    // a plan part about a five-year plan: levels are for its last year, 年均 for the span
    const planSpan = inPlan ? sectionAt(this.doc.sections, first.start)?.span : undefined;
    if (planSpan && !this.paragraphSpan) this.paragraphSpan = { from: planSpan.from, to: planSpan.to };
    const st: SentenceState = {
      firstDraft: this.drafts.length,
      status: inPlan ? 'target' : 'actual',
      baseYear: planSpan ? planSpan.to : inPlan ? this.doc.year + 1 : this.doc.year,
      period: null,
      periodList: null,
      cumulativeWord: false,
      semicolons: 0,
    };
    let subjects: Subject[] = [];
    let lastEmitted: string[] = [];
    let lastSig: Sig = 'none';
    let clauseFresh = true;
    let gap = 0;
    let prevEnd = first.start;
    let factStart = -1;
    let dir: 1 | -1 | 0 = 0;
    /** The words of the direction cue (比上年增长: a change on last year). */
    let dirSurface = '';
    /** 从/由 just seen: the next value is a start value. */
    let fromCue = false;
    let averaged = false;
    let cumulative = false;
    let pre: { bound: Bound; end: number } | null = null;
    let completion = false;
    let ratio = false;
    let compare = false;
    let dist = false;
    let distCue = false;
    let allCue = false;
    let multiAlias: AliasDef | null = null;
    let pendingRegion: RegionToken | null = null;
    /** Units joined by 、/和 just before an indicator. */
    let regionRun: RegionToken[] = [];
    /** 其中 seen: the next indicator may be a part of one already given. */
    let qizhong = false;
    let skipValue = false;
    let lastValueEnd = -1;
    let lastDrafts: FactDraft[] = [];
    let denominator = false;
    /** 拉动/带动 just seen: the indicator after it is what was contributed to. */
    let contrib = false;
    /** A verb of adding (新增, 认定) in this clause. */
    let adding = false;
    /** Indicators that received a value in this sentence, in order (for 分别 after a list of values). */
    const valued: string[] = [];

    const resetCues = () => {
      dir = 0;
      dirSurface = '';
      fromCue = false;
      averaged = false;
      cumulative = false;
      pre = null;
      completion = false;
      ratio = false;
      compare = false;
      factStart = -1;
    };

    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const between = gapText(prevEnd, tok.start);
      if (between.length > 0) {
        // A clause that opens with words of its own has a subject of its own
        // (but ，比2011年增长21.9% goes on about the subject before it).
        if (clauseFresh && !(tok.t === 'period' && (between === '比' || between === '较'))) {
          subjects = [];
          lastEmitted = [];
        }
        gap += between.length;
        if (lastSig === 'ind' || lastSig === 'conj') lastSig = 'none';
      }
      prevEnd = Math.max(prevEnd, tok.end);
      /** The token opens its clause (五年来，… / 在“十三五”时期…), not a modifier inside it (奋进“十四五”新征程). */
      const opensClause = clauseFresh && between.length <= 1;
      if (!(tok.t === 'cue' && tok.cue.kind === 'filler') && tok.t !== 'sep') clauseFresh = false;

      switch (tok.t) {
        case 'sep': {
          if (LIST_SEP.has(tok.ch)) {
            if (lastSig === 'ind' || lastSig === 'region') lastSig = 'conj';
          } else if (CLAUSE_SEP.has(tok.ch) || SENTENCE_END.has(tok.ch)) {
            clauseFresh = true;
            if (tok.ch === '；' || tok.ch === ';') {
              st.semicolons++;
              if (st.itemStatus !== undefined) st.status = st.itemStatus;
              st.itemStatus = undefined;
              // 郴州GDP2770.08亿元…；GDP同比增长8.8%: the unit carries on until another is named
              st.regionList = undefined;
              qizhong = false;
            }
            dist = false;
            distCue = false;
            allCue = false;
            lastSig = 'none';
            st.refYear = undefined;
            st.cumulativeWord = false;
            contrib = false;
            if (tok.ch !== '、') adding = false;
            resetCues();
          }
          break;
        }
        case 'period': {
          const after = this.text[tok.end];
          const before = this.text[tok.start - 1];
          const only = tok.periods.length === 1 ? this.resolvePeriod(tok.periods[0]!) : undefined;
          const yearOf = only?.k === 'year' ? only.year : only?.k === 'span' ? only.to : undefined;
          if (before === '比' || before === '较') st.refYear = st.sentenceRefYear = yearOf; // 比2011年增长, 比“十二五”末增长
          if (after === '的' && only?.k === 'year' && only.year !== undefined) {
            // 从2015年的2.6万亿元增长到2020年的3.62万亿元: the year of the value that follows
            if (before === '从' || before === '由') st.fromYear = only.year;
            st.valueYear = only.year;
          }
          if (after === '的' || (before !== undefined && REFERENCE_BEFORE.has(before))) {
            lastSig = 'period';
            break; // 是2011年的1.1倍, 比2020年: a reference year
          }
          if (only?.k === 'span' && !opensClause) {
            lastSig = 'period';
            break; // 奋进“十四五”新征程: a name, not the time the clause is about
          }
          if (tok.periods.length > 1) st.periodList = tok.periods;
          else st.period = only ?? null;
          if (st.period?.k === 'span') this.paragraphSpan = { from: st.period.from, to: st.period.to };
          lastSig = 'period';
          break;
        }
        case 'date':
          lastSig = tok.t;
          break;
        case 'region':
          // 伊州区、巴里坤县、伊吾县地区生产总值…分别: a list of units is not one subject,
          // but the values of a 分别 list may be theirs, one each
          if (lastSig === 'conj' && regionRun.length > 0) regionRun.push(tok);
          else regionRun = [tok];
          pendingRegion = lastSig === 'conj' || lastSig === 'region' || this.text[tok.end] === '、' ? null : tok;
          lastSig = 'region';
          break;
        case 'ind': {
          const chainFamilies = [...lastEmitted, ...subjects.map((x) => x.id)]
            .map((id) => lexicon().indicators.get(id)?.family)
            .filter((f): f is string => f !== undefined)
            .reverse();
          const ids = this.resolveIndicator(tok, chainFamilies, inPlan);
          if (!ids) {
            // An unresolvable context word is ordinary text.
            gap += tok.end - tok.start;
            if (clauseFresh) subjects = [];
            lastSig = 'none';
            break;
          }
          const subset =
            qizhong &&
            tok.alias.kind !== 'context' &&
            tok.alias.targets.some((id) => {
              const fam = lexicon().indicators.get(id)?.family;
              return fam !== undefined && [...valued, ...lastEmitted].some((v) => lexicon().indicators.get(v)?.family === fam);
            });
          qizhong = false;
          // 其中省重点项目4个 after 重点项目126个: a part of the indicator just given;
          // its own value is dropped, the sentence goes on about the family
          if (subset) skipValue = true;
          if (partials().some((p) => this.text.endsWith(p, tok.start)) || this.strictBlocked(tok)) {
            // 高新技术产品出口: a part of the indicator, and a new subject
            subjects = [];
            lastEmitted = [];
            gap += tok.end - tok.start;
            lastSig = 'none';
            break;
          }
          if (denominator) {
            // 占地区生产总值比重: the second indicator is the whole, not the subject.
            denominator = false;
            break;
          }
          if (contrib) {
            // 拉动社会消费品零售总额增长0.8个百分点: a contribution, not a value of the whole
            contrib = false;
            subjects = [];
            lastEmitted = [];
            skipValue = true;
            lastSig = 'none';
            break;
          }
          const lastRun = regionRun[regionRun.length - 1];
          if (regionRun.length > 1 && lastRun && tok.start - lastRun.end <= 2) {
            st.regionList = regionRun.map((r) => ({ code: r.code, name: r.name }));
            st.region = undefined;
          }
          regionRun = [];
          if (pendingRegion && tok.start - pendingRegion.end <= 2) {
            // 祁阳市地区生产总值…: the unit named right before the indicator
            st.region = pendingRegion.code === this.doc.region?.code ? undefined : { code: pendingRegion.code, name: pendingRegion.name };
          }
          pendingRegion = null;
          const added = ids.length === 1 ? tok.alias.added : undefined;
          // 新增科技型中小企业30家、高新技术企业7家: the verb of adding governs the list
          const subs = ids.map((id) => ({ id: adding && added ? added : id, start: tok.start, added }));
          if (lastSig === 'conj' && subjects.length > 0) subjects = [...subjects, ...subs];
          else subjects = subs;
          if (ids.length > 1) dist = true;
          multiAlias = ids.length > 1 ? tok.alias : lastSig === 'conj' ? multiAlias : null;
          lastEmitted = [];
          lastDrafts = [];
          gap = 0;
          resetCues();
          lastSig = 'ind';
          break;
        }
        case 'cue': {
          const before: Sig = lastSig;
          lastSig = 'cue';
          this.cue(tok, st);
          switch (tok.cue.kind) {
            case 'up':
            case 'down':
            case 'avg':
            case 'cumulative':
              dir = tok.cue.kind === 'down' ? -1 : 1;
              dirSurface = tok.cue.surface;
              if (tok.cue.kind === 'avg') averaged = true;
              if (tok.cue.kind === 'cumulative') cumulative = true;
              if (factStart < 0) factStart = tok.start;
              break;
            case 'pre':
              pre = { bound: tok.cue.arg as Bound, end: tok.end };
              if (factStart < 0) factStart = tok.start;
              break;
            case 'post':
              if (tok.start === lastValueEnd && lastDrafts.length > 0) {
                for (const d of lastDrafts) {
                  d.bound = tok.cue.arg as Bound;
                  d.end = Math.max(d.end, tok.end);
                }
                lastValueEnd = tok.end;
              }
              break;
            case 'dist':
            case 'all':
              if (tok.cue.kind === 'dist') {
                dist = true;
                distCue = true;
              } else allCue = true;
              if (tok.cue.surface.length > 2 && tok.cue.surface.includes('增长')) dir = 1;
              if (tok.cue.surface.includes('年均')) averaged = true; // 年均分别增长
              break;
            case 'completion':
              completion = true;
              if (factStart < 0) factStart = tok.start;
              break;
            case 'ratio':
              ratio = true;
              if (factStart < 0) factStart = tok.start;
              break;
            case 'compare':
              compare = true;
              break;
            case 'from':
              fromCue = true;
              break;
            case 'contrib':
              contrib = true;
              break;
            case 'flat': {
              // 固定资产投资与上年持平: growth of 0
              const targets = subjects.map((x) => x.id);
              if (targets.length === 0 || gap > MAX_GAP + 3) break;
              const zero: QuantityToken = { t: 'qty', start: tok.start, end: tok.end, value: 0, unit: '%', more: false, magnitudeOnly: false, text: tok.cue.surface };
              const made = this.emitGroup([zero], targets, st, {
                dir: 1, dirSurface: '上年', averaged: false, cumulative: false, completion: false, ratio: false, pre: null, dist: false,
                spanStart: Math.min(...subjects.map((x) => x.start)),
              });
              for (const d of made) d.rule = `flat/${d.rule}`;
              if (made.length > 0) lastEmitted = [...new Set(made.map((d) => d.indicator))];
              break;
            }
            case 'adding':
              adding = true;
              lastSig = before;
              // 规模以上工业企业新增21家: the verb after the name
              subjects = subjects.map((x) => (x.added ? { ...x, id: x.added } : x));
              break;
            case 'conj':
              lastSig = (before as Sig) === 'ind' || (before as Sig) === 'region' ? 'conj' : before;
              break;
            case 'filler':
              lastSig = before;
              if (tok.cue.surface === '占') denominator = true;
              if (tok.cue.surface === '其中') qizhong = true;
              if (OWN_UNIT_WORDS.has(tok.cue.surface)) st.region = undefined; // 全市…: back to the document's unit
              if (tok.cue.surface.startsWith('累计')) st.cumulativeWord = true;
              break;
            default:
              break;
          }
          break;
        }
        case 'qty':
        case 'rank': {
          // Gather a 分别 list: values joined by 、 (with bounds after each).
          const group: Array<QuantityToken | RankToken> = [tok];
          let j = i;
          {
            while (true) {
              let k = j + 1;
              if (tokens[k]?.t === 'cue' && (tokens[k] as CueToken).cue.kind === 'post') k++;
              const sep = tokens[k];
              const next = tokens[k + 1];
              const joins =
                (sep?.t === 'sep' && LIST_SEP.has(sep.ch)) || (sep?.t === 'cue' && sep.cue.kind === 'conj');
              if (joins && next && next.t === tok.t && sep.end === next.start) {
                group.push(next as QuantityToken | RankToken);
                j = k + 1;
              } else break;
            }
          }
          if (tok.t === 'qty' && this.isQualifier(tok, tokens[i + 1])) {
            // 10亿元以上项目: a qualifier of a noun, not a value.
            lastSig = 'qty';
            break;
          }
          // 从2015年的74微克降至44.8微克: a start value has the base year, when one is known
          let periodOverride: PeriodSpec | undefined;
          let fromValue = false;
          if (fromCue && tok.t === 'qty') {
            const y = st.valueYear ?? st.fromYear ?? (this.paragraphSpan ? this.paragraphSpan.from - 1 : undefined);
            if (y === undefined) compare = true;
            else {
              periodOverride = { k: 'year', year: y };
              fromValue = true;
            }
          } else if (st.valueYear !== undefined) periodOverride = { k: 'year', year: st.valueYear };
          st.valueYear = undefined;
          fromCue = false;
          if (compare || skipValue) {
            skipValue = false;
            resetCues();
            lastSig = tok.t;
            i = j;
            prevEnd = Math.max(prevEnd, tokens[j]!.end);
            break;
          }
          let targets = lastEmitted.length > 0 && (completion || ratio || tok.t === 'rank')
            ? lastEmitted
            : subjects.map((s) => s.id);
          if (group.length === 1 && targets.length > 1 && multiAlias && !allCue && !distCue && targets.length === multiAlias.targets.length) {
            // 城乡居民人均可支配收入27741元: one value for the coordinated name is the overall one
            targets = multiAlias.single ? [multiAlias.single] : [];
          }
          if (group.length > 1 && targets.length < group.length && !st.periodList) {
            // 接待游客…、旅游收入…，分别增长67.1%、63.5%: the indicators just given values,
            // when the chain still runs on from the last of them
            const distinct = [...new Set(valued)];
            const last = subjects[subjects.length - 1]?.id;
            if (distinct.length >= group.length && last !== undefined && last === distinct[distinct.length - 1]) {
              targets = distinct.slice(distinct.length - group.length);
              gap = 0;
            }
          }
          if (targets.length === 0 || gap > MAX_GAP) {
            lastSig = tok.t;
            resetCues();
            i = j;
            prevEnd = Math.max(prevEnd, tokens[j]!.end);
            break;
          }
          const spanStart = subjects.length > 0 && lastEmitted.length === 0
            ? Math.min(...subjects.map((s) => s.start))
            : factStart >= 0
              ? factStart
              : tok.start;
          const made = this.emitGroup(group, targets, st, {
            dir, dirSurface, averaged, cumulative, completion, ratio, dist, periodOverride, fromValue,
            pre: pre && (pre as { end: number }).end === tok.start ? (pre as { bound: Bound }).bound : null,
            spanStart,
          });
          // Post bounds after a list apply to every value in it (…6%、8.5%以上).
          i = j;
          prevEnd = Math.max(prevEnd, tokens[j]!.end);
          if (made.length === 0 && tok.t === 'qty' && tok.unit !== null && tok.unit !== '%' && tok.unit !== 'pp' && tok.unit !== 'times') {
            // an amount that fits none of the subjects (生产总值55138元: per head): the
            // chain is about something else, and what follows is not about the subjects
            subjects = [];
            lastEmitted = [];
          }
          if (made.length > 0) {
            lastEmitted = [...new Set(made.map((d) => d.indicator))];
            for (const d of made) if (d.measure === 'level') valued.push(d.indicator);
            lastDrafts = made;
            lastValueEnd = tokens[j]!.end;
            // 均/分别 lists: keep the subjects for a later clause (分别增长…)
          }
          gap = 0;
          resetCues();
          lastSig = tok.t;
          break;
        }
      }
    }
  }

  /**
   * A second, different value for the same indicator, measure, period and status
   * in one sentence is a part or another thing (其中…完成投资21.3亿元): the first stands.
   */
  private restatedDifferently(d: FactDraft, st: SentenceState): boolean {
    for (let k = this.drafts.length - 1; k >= 0 && k >= st.firstDraft; k--) {
      const e = this.drafts[k]!;
      if (e.indicator === d.indicator && e.measure === d.measure && e.period === d.period && e.status === d.status &&
          e.scope === d.scope && (e.region?.code ?? '') === (d.region?.code ?? '') && e.value !== d.value) return true;
    }
    return false;
  }

  /** A strict alias (出口) right after another noun (假发出口, 对东盟出口) is a part, not the whole. */
  private strictBlocked(tok: IndicatorToken): boolean {
    if (!tok.alias.strict) return false;
    const before = this.text[tok.start - 1];
    if (before === undefined || !isCjk(before)) return false;
    return !lexicon().strictOk.some((w) => this.text.endsWith(w, tok.start));
  }

  /** 五年来 → the years up to the one reviewed; 去年 in a text written in 2022 → 2021. */
  private resolvePeriod(p: PeriodSpec): PeriodSpec {
    if (p.k === 'year' && p.deictic && this.doc.written !== undefined) return { k: 'year', year: this.doc.written + (p.rel ?? 0) };
    return resolveSpan(p, this.doc.year);
  }

  /** Status cues change the sentence's status. */
  private cue(tok: CueToken, st: SentenceState): void {
    if (tok.cue.kind !== 'status') return;
    // 预计 at the head of a sentence covers all of it; inside one item of a ； list, that item
    const inItem = st.semicolons > 0 || this.drafts.length > st.firstDraft;
    if (inItem && st.itemStatus === undefined) st.itemStatus = st.status;
    st.status = tok.cue.arg as Status;
  }

  private resolveIndicator(tok: IndicatorToken, chainFamilies: string[], inPlan: boolean): string[] | undefined {
    const a = tok.alias;
    if (a.kind === 'context') {
      // 总投资/完成投资/总数 name a member of the family the clause chain is about
      for (const fam of chainFamilies) {
        const id = a.byFamily.get(fam);
        if (id) return [inPlan && a.plan ? a.plan : id];
      }
      return undefined;
    }
    return a.targets.map((id) => (inPlan && a.plan ? a.plan : id));
  }

  /** A number that modifies a noun (10亿元以上项目, 3个乡镇) is not a value. */
  private isQualifier(tok: QuantityToken, next: Token | undefined): boolean {
    let end = tok.end;
    if (next && next.t === 'cue' && next.cue.kind === 'post' && next.start === end) end = next.end;
    const ch = this.text[end];
    // “两个翻一番”: a number inside a quoted name is part of the name
    if (this.insideQuotedName(tok)) return true;
    if (!isCjk(ch)) return false;
    // a rate qualifies a noun only through 的 (占比30%的企业); 增长2.6%一般公共预算支出… is a value
    if ((tok.unit === '%' || tok.unit === 'pp') && ch !== '的') return false;
    if (next && next.start === end && next.t !== 'qty') {
      // a known word follows (a cue, a rank, an indicator): not a qualifier
      if (next.t === 'cue' && next.cue.kind === 'post') return false;
      return next.t === 'ind' && end !== tok.end; // 以上 + 工业项目 → qualifier
    }
    if (next && next.t === 'cue' && next.start === end) return false;
    return true;
  }

  /** A quantity inside “…” with other words of a name around it (实现“两个翻一番”). */
  private insideQuotedName(tok: QuantityToken): boolean {
    const open = this.text.lastIndexOf('“', tok.start);
    if (open < 0 || tok.start - open > 6) return false;
    const close = this.text.indexOf('”', open);
    if (close < tok.end || close - tok.end > 4) return false;
    return tok.start - open > 1 || close > tok.end;
  }

  private emitGroup(
    group: Array<QuantityToken | RankToken>,
    targets: string[],
    st: SentenceState,
    c: ValueCues & { dist: boolean; spanStart: number },
  ): FactDraft[] {
    const made: FactDraft[] = [];
    const lastEnd = group[group.length - 1]!.end;
    const pairs: Array<{ tok: QuantityToken | RankToken; id: string; period: PeriodSpec | null; rule: string; region?: RegionRef }> = [];
    const periods = st.periodList;
    const units = st.regionList;
    if (group.length > 1 && targets.length === 1 && units && units.length === group.length) {
      // 祁阳、江华、道县地区生产总值分别增长8.1%、7.5%、6.9%
      group.forEach((tok, k) => pairs.push({ tok, id: targets[0]!, period: st.period, rule: 'dist-region', region: units[k]! }));
    } else if (group.length > 1 && targets.length === group.length) {
      group.forEach((tok, k) => pairs.push({ tok, id: targets[k]!, period: st.period, rule: 'dist' }));
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
      const d = p.tok.t === 'rank'
        ? this.rankDraft(p.tok, p.id, scope, st, p.period)
        : this.valueDraft(p.tok, p.id, st, p.period, c);
      if (!d) continue;
      const region = p.region ?? st.region;
      if (region && region.code !== this.doc.region?.code) d.region = region;
      if (this.restatedDifferently(d, st)) continue;
      if (p.rule) d.rule = `${p.rule}/${d.rule}`;
      if (d.region && !p.region) d.rule = `region/${d.rule}`;
      d.start = Math.min(c.spanStart, p.tok.start);
      d.end = group.length > 1 ? lastEnd : p.tok.end;
      this.drafts.push(d);
      made.push(d);
    }
    return made;
  }

  private rankDraft(tok: RankToken, id: string, scope: RankScope | null, st: SentenceState, period: PeriodSpec | null): FactDraft | undefined {
    const sc = tok.scope ?? scope;
    if (!sc) return undefined;
    const periodText = formatPeriod(period, st.baseYear, 'rank', false);
    return {
      indicator: id,
      measure: 'rank',
      value: tok.value,
      unit: 'rank',
      scope: sc,
      period: periodText,
      status: this.statusOf(id, st, periodText),
      bound: '=',
      start: tok.start,
      end: tok.end,
      rule: 'rank',
    };
  }

  private statusOf(id: string, st: SentenceState, period?: string): Status {
    const forced = lexicon().indicators.get(id)?.status;
    if (forced) return forced;
    // a figure for a year after the one reviewed cannot be an outcome: it is planned
    if (st.status === 'actual' && period !== undefined && endYear(period) > this.doc.year) return 'target';
    return st.status;
  }

  private valueDraft(
    tok: QuantityToken,
    subjectId: string,
    st: SentenceState,
    period: PeriodSpec | null,
    c: ValueCues,
  ): FactDraft | undefined {
    const lex = lexicon();
    let unit: InternalUnit | null = tok.unit;
    if (unit === null) {
      // 56.8亿 without 元: an amount of money for money indicators.
      if (!tok.magnitudeOnly) return undefined;
      const def = lex.indicators.get(subjectId);
      if (!def || !def.units.includes('CNY')) return undefined;
      unit = 'CNY';
    }
    let id = subjectId;
    let measure: Measure;
    let value = tok.value;
    let outUnit: Unit;
    let rule: string;
    const def: IndicatorDef | undefined = lex.indicators.get(id);
    if (!def) return undefined;
    const rate = def.units[0] === '%';
    if (c.completion) {
      if (unit !== '%') return undefined;
      // 年度投资完成率115%: completion of the planned amount is a completed-investment fact
      id = def.completionTo ?? id;
      measure = 'plan_completion';
      outUnit = '%';
      rule = 'completion';
    } else if (c.ratio) {
      if (unit !== '%') return undefined;
      if (def.completionTo !== undefined || value > 100) {
        id = def.completionTo ?? id;
        measure = 'plan_completion';
        rule = 'completion';
      } else {
        measure = 'share';
        rule = 'share';
      }
      outUnit = '%';
    } else if (unit === '%' || unit === 'pp' || unit === 'times') {
      if (c.dir !== 0) {
        if (unit === 'pp') {
          measure = 'change';
          outUnit = 'pp';
          value *= c.dir;
          rule = 'change';
        } else if (unit === 'times') {
          measure = 'growth_cumulative';
          outUnit = '%';
          value = value * 100 * c.dir;
          rule = 'cumulative';
        } else {
          // 优良率提高2%: percent or points? not said (but CPI is itself a rate of change)
          if (rate && def.levelAs !== 'growth') return undefined;
          measure = c.cumulative ? 'growth_cumulative' : 'growth';
          outUnit = '%';
          value *= c.dir;
          rule = c.cumulative ? 'cumulative' : c.averaged ? 'growth-avg' : 'growth';
        }
      } else if (unit === '%' && rate) {
        measure = def.levelAs;
        outUnit = '%';
        rule = measure === 'share' ? 'share' : 'level';
      } else {
        return undefined;
      }
    } else {
      const resolved = resolveByUnit(id, unit);
      if (!resolved) return undefined;
      if (resolved !== id) {
        id = resolved;
      }
      outUnit = unit;
      if (c.dir !== 0) {
        measure = 'change';
        value *= c.dir;
        rule = 'change';
      } else {
        measure = lex.indicators.get(id)?.levelAs ?? 'level';
        rule = resolved !== subjectId ? 'family-level' : 'level';
        // 生产总值55138元 is a per-capita figure, not the region's GDP
        if (!plausibleLevel(id, value)) return undefined;
      }
    }
    let periodText: string;
    if (c.periodOverride) {
      periodText = formatPeriod(c.periodOverride, st.baseYear, measure, false);
      if (c.fromValue) rule = `from-base/${rule}`;
    } else {
      // five-year reviews and plans, comparisons with a base year further back
      const byYears = spanPeriod({
        measure,
        averaged: c.averaged,
        sums: lex.indicators.get(id)?.sums === true,
        cumulativeWord: st.cumulativeWord,
        reached: reachedBefore(this.text.slice(Math.max(0, tok.start - 4), tok.start)),
        yearOnYear: /上年|去年|同比|上一年/u.test(c.dirSurface),
        period,
        scope: this.paragraphSpan,
        ...(st.refYear !== undefined ? { refYear: st.refYear } : {}),
        ...(st.sentenceRefYear !== undefined ? { sentenceRefYear: st.sentenceRefYear } : {}),
        docYear: this.doc.year,
        baseYear: st.baseYear,
      });
      if (byYears && byYears.period === null) return undefined;
      if (byYears) {
        measure = byYears.measure;
        if (byYears.rule) rule = `${byYears.rule}/${rule}`;
      }
      periodText = byYears?.period ?? formatPeriod(period, st.baseYear, measure, c.averaged);
    }
    let bound: Bound = '=';
    if (c.pre) bound = c.pre;
    else if (tok.more) bound = '>';
    const d: FactDraft = {
      indicator: id,
      measure,
      value: round(value),
      unit: outUnit,
      period: periodText,
      status: this.statusOf(id, st, periodText),
      bound,
      start: tok.start,
      end: tok.end,
      rule,
    };
    if (tok.valueMax !== undefined) d.valueMax = round(tok.valueMax * (measure === 'growth' || measure === 'change' ? c.dir || 1 : 1));
    return d;
  }
}

/** What the cues of a clause say about the value that follows. */
interface ValueCues {
  dir: 1 | -1 | 0;
  /** The words of the direction cue. */
  dirSurface: string;
  averaged: boolean;
  cumulative: boolean;
  completion: boolean;
  ratio: boolean;
  pre: Bound | null;
  /** The value's period is given (a start value's base year). */
  periodOverride?: PeriodSpec | undefined;
  fromValue?: boolean;
}

/** The last year a period covers: 2023, 2023-01/2023-09 → 2023; 2021/2025 → 2025. */
function endYear(period: string): number {
  const m = /(\d{4})(?:-\d{2})?$/.exec(period);
  return m ? Number(m[1]) : 0;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * Tokens inside （…） that hold no value are asides (（人民币，下同）) and are
 * dropped so that their commas do not cut the clause.
 */
function dropParentheticals(tokens: Token[], asides: Array<[number, number]>): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.t === 'sep' && (t.ch === '（' || t.ch === '(')) {
      let k = i + 1;
      let hasValue = false;
      while (k < tokens.length) {
        const u = tokens[k]!;
        if (u.t === 'sep' && (u.ch === '）' || u.ch === ')')) break;
        if (u.t === 'sep' && SENTENCE_END.has(u.ch)) break;
        if (u.t === 'qty' || u.t === 'rank') hasValue = true;
        k++;
      }
      const closed = tokens[k]?.t === 'sep' && ((tokens[k] as { ch: string }).ch === '）' || (tokens[k] as { ch: string }).ch === ')');
      if (closed && !hasValue) {
        asides.push([t.start, tokens[k]!.end]);
        i = k;
        continue;
      }
      continue; // drop the bracket itself
    }
    if (t.t === 'sep' && (t.ch === '）' || t.ch === ')')) continue;
    out.push(t);
  }
  return out;
}
