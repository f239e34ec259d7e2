/**
 * Indicator names in a chain: which indicator a name means here, and when a
 * name is not a subject at all.
 *
 *   总投资 after 重点项目…           → key_projects_total_investment (a context word)
 *   高新技术产品出口, 对东盟出口       → a part, not exports (partials.tsv, strict names)
 *   其中省重点项目4个 after 重点项目126个 → a part of the indicator just given: its value dropped
 *   占地区生产总值比重               → the whole a share is of, not the subject
 *   拉动社会消费品零售总额增长0.8个百分点 → a contribution: no value of it
 *   新增…、高新技术企业7家           → the added indicator (aliases.tsv `added`)
 */
import { lexicon } from '../lexicon/index.js';
import { readTsv } from '../lexicon/load.js';
import type { IndicatorToken } from '../recognize/index.js';
import { resetCues, type Chain, type GrammarContext } from './chain.js';
import { isCjk } from './qualifiers.js';
import { unitsBeforeIndicator } from './units.js';

let partialPrefixes: string[] | undefined;
/** Words that make the indicator written after them a part of it (高新技术产品出口). */
export function partials(): string[] {
  partialPrefixes ??= readTsv('partials.tsv', ['prefix']).map((r) => r.cells.prefix!);
  return partialPrefixes;
}

/** Words by their last UTF-16 unit: which of them a text may end with at some offset. */
export type ByLast = ReadonlyMap<number, readonly string[]>;

export function byLast(words: readonly string[]): ByLast {
  const out = new Map<number, string[]>();
  for (const w of words) {
    // '' ends everywhere: kept under -1
    const last = w.length === 0 ? -1 : w.charCodeAt(w.length - 1);
    const list = out.get(last);
    if (list) list.push(w);
    else out.set(last, [w]);
  }
  return out;
}

/**
 * Whether one of the words ends right at `at` (text.endsWith(w, at)): only the
 * words ending in the unit before `at` are tried, not the whole list at every name.
 */
export function endsWithAny(text: string, at: number, words: ByLast): boolean {
  if (words.has(-1)) return true;
  const list = at > 0 ? words.get(text.charCodeAt(at - 1)) : undefined;
  return list !== undefined && list.some((w) => text.endsWith(w, at));
}

let partialIndex: ByLast | undefined;
let strictOkIndex: ByLast | undefined;

/** A strict alias (出口) right after another noun (假发出口, 对东盟出口) is a part, not the whole. */
export function strictBlocked(text: string, tok: IndicatorToken): boolean {
  if (!tok.alias.strict) return false;
  const before = text[tok.start - 1];
  if (before === undefined || !isCjk(before)) return false;
  strictOkIndex ??= byLast(lexicon().strictOk);
  return !endsWithAny(text, tok.start, strictOkIndex);
}

/** The indicators a name means here; undefined for a context word with no family in the chain. */
function resolveIndicator(tok: IndicatorToken, chainFamilies: () => string[], inPlan: boolean): string[] | undefined {
  const a = tok.alias;
  if (a.kind === 'context') {
    // 总投资/完成投资/总数 name a member of the family the clause chain is about
    for (const fam of chainFamilies()) {
      const id = a.byFamily.get(fam);
      if (id) return [inPlan && a.plan ? a.plan : id];
    }
    return undefined;
  }
  return a.targets.map((id) => (inPlan && a.plan ? a.plan : id));
}

const familyOf = (id: string): string | undefined => lexicon().indicators.get(id)?.family;

/** `opensClause`: nothing but fillers before the name in its clause. */
export function onIndicator(g: GrammarContext, ch: Chain, tok: IndicatorToken, opensClause: boolean): void {
  // the chain's families first (latest first), then, for a word that opens its clause, those
  // the sentence gave values (谋划实施重点项目217个，竣工项目116个，累计完成投资178.6亿元: the
  // key projects'; but 乳制品产量, 创新平台总数 are other things')
  // (only a context word reads them)
  const chainFamilies = (): string[] => {
    const sentence: string[] = [];
    if (opensClause) for (let k = g.drafts.length - 1; k >= ch.st.firstDraft; k--) sentence.push(g.drafts[k]!.indicator);
    return [...[...ch.lastEmitted, ...ch.subjects.map((x) => x.id)].reverse(), ...sentence]
      .map(familyOf)
      .filter((f): f is string => f !== undefined);
  };
  const ids = resolveIndicator(tok, chainFamilies, ch.inPlan);
  if (!ids) {
    // An unresolvable context word is ordinary text.
    ch.gap += tok.end - tok.start;
    if (ch.clauseFresh) ch.subjects = [];
    ch.lastSig = 'none';
    return;
  }
  const subset =
    ch.qizhong &&
    tok.alias.kind !== 'context' &&
    tok.alias.targets.some((id) => {
      const fam = familyOf(id);
      return fam !== undefined && [...ch.valued, ...ch.lastEmitted].some((v) => familyOf(v) === fam);
    });
  ch.qizhong = false;
  // 其中省重点项目4个 after 重点项目126个: a part of the indicator just given;
  // its own value is dropped, the sentence goes on about the family
  if (subset) ch.skipValue = true;
  partialIndex ??= byLast(partials());
  if (endsWithAny(g.text, tok.start, partialIndex) || strictBlocked(g.text, tok)) {
    // 高新技术产品出口: a part of the indicator, and a new subject
    ch.subjects = [];
    ch.lastEmitted = [];
    ch.gap += tok.end - tok.start;
    ch.lastSig = 'none';
    return;
  }
  // by char code (text[i] of a CJK character is a new string): （ U+FF08, ） U+FF09
  if (g.text.charCodeAt(tok.start - 1) === 0xff08 && g.text.charCodeAt(tok.end) === 0xff09) {
    // 占总人口比重（常住人口城镇化率）为74.63%: the bracketed name says what the figure is
    ch.subjects = [];
    ch.lastEmitted = [];
    ch.denominator = false;
    ch.occupies = false;
    ch.ratio = false;
  } else if (ch.denominator) {
    // 占地区生产总值比重: the second indicator is the whole, not the subject.
    ch.denominator = false;
    return;
  }
  if (ch.contrib) {
    // 拉动社会消费品零售总额增长0.8个百分点: a contribution, not a value of the whole
    ch.contrib = false;
    ch.subjects = [];
    ch.lastEmitted = [];
    ch.skipValue = true;
    ch.lastSig = 'none';
    return;
  }
  unitsBeforeIndicator(g, ch, tok);
  const added = ids.length === 1 ? tok.alias.added : undefined;
  // 新增科技型中小企业30家、高新技术企业7家: the verb of adding governs the list
  const subs = ids.map((id) => ({ id: ch.adding && added ? added : id, start: tok.start, added }));
  if (ch.lastSig === 'conj' && ch.subjects.length > 0) ch.subjects = [...ch.subjects, ...subs];
  else ch.subjects = subs;
  if (ids.length > 1) ch.dist = true;
  ch.multiAlias = ids.length > 1 ? tok.alias : ch.lastSig === 'conj' ? ch.multiAlias : null;
  ch.lastEmitted = [];
  ch.lastDrafts = [];
  ch.gap = 0;
  resetCues(ch);
  if (tok.alias.growth) {
    // GDP增速分别为8.2%、8.3%: the name says growth
    ch.dir = 1;
    ch.dirSurface = tok.alias.surface;
  }
  ch.lastSig = 'ind';
}
