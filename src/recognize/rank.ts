/**
 * Ranks with their scope: 全市排名第3, 排名全省第5位, 居全市第一, 位居全市之首,
 * 排名永州市第三, 居全国地级市第1位; bare ordinals 第一 inside a rank list.
 */
import type { RankScope } from '../types.js';
import { anchoredMatches, positionsOf, sticky, type PositionsOf } from './anchored.js';
import { parseNumber } from './number.js';
import type { RankToken } from './tokens.js';

const VERB = '(?:排名|排在|排位|排|居于|居|位居|位列|位于|名列|列)';
const SCOPE =
  '(全市|全州|全盟|全省|全区|全国|同类[\\u4e00-\\u9fa5]{0,4}?|[\\u4e00-\\u9fa5]{2,6}?(?:市|省|州|自治区))';
const ORD = '(?:第([0-9一二三四五六七八九十]+)(?:位|名)?|(之首|首位|榜首))';

// Sticky: each is tried only near its anchors (anchored.ts), a verb's first
// character or 第, at the offsets noted; a scope is 2 to 9 characters.
/** The first characters of VERB. */
const VERB_FIRST = '排居位名列';
const WITH_VERB_FIRST = sticky(new RegExp(`${VERB}${SCOPE}([^，。；,;第]{0,8}?)${ORD}`, 'u')); // verb at 0
const WITH_SCOPE_FIRST = sticky(new RegExp(`${SCOPE}${VERB}${ORD}`, 'u')); // verb at 2…9
const BARE = sticky(/(?<=[、,，])第([0-9一二三四五六七八九十]+)(?:位|名)?/u); // 第 at 0
/** 排第7名, 居第15位: a place with no scope written (the grammar may know it from the document). */
const NO_SCOPE = sticky(/(?:排名|排在|排|居|位居|位列|名列)第([0-9一二三四五六七八九十]+)(?:位|名)/u); // verb at 0
/** 位居全省第十一位，全市第一位: a scope and an ordinal with 位/名, no verb. */
const SCOPE_ORDINAL = sticky(/(?<=[、,，]|增速|增幅|总量|均)(全市|全州|全省|全区|全国)第([0-9一二三四五六七八九十]+)(?:位|名|(?=[，。；、,;]))/u); // 第 at 2

export function scopeOf(word: string): RankScope | null {
  if (word.startsWith('同类')) return 'peer';
  if (word === '全国') return 'nation';
  if (word === '全省' || word === '全区' || word.endsWith('省') || word.endsWith('自治区')) return 'province';
  if (word === '全市' || word === '全州' || word === '全盟' || word.endsWith('市') || word.endsWith('州')) return 'prefecture';
  return null;
}

/** The anchor characters of the patterns (what scanRanks asks its `positions` for). */
export const RANK_ANCHORS: readonly string[] = [VERB_FIRST, '第'];

/** `positions`: where the anchor characters are in `text` (one walk for all of them: anchorIndex). */
export function scanRanks(text: string, positions: PositionsOf = (chars) => positionsOf(text, chars)): RankToken[] {
  const out: RankToken[] = [];
  const add = (m: RegExpExecArray, scopeWord: string | undefined, n: string | undefined, top: string | undefined) => {
    // 第一方阵, 第一梯队, 第二批: a tier or a batch, not a place in a ranking
    if (/^(方阵|梯队|档次|档|批|类|次|届)/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))) return;
    const value = top ? 1 : n !== undefined ? parseNumber(n) : undefined;
    if (value === undefined || value < 1 || value > 500) return;
    const scope = scopeWord ? scopeOf(scopeWord) : null;
    const tok: RankToken = { t: 'rank', start: m.index, end: m.index + m[0].length, value, scope };
    if (scopeWord && !scopeWord.startsWith('全') && !scopeWord.startsWith('同类')) tok.scopeName = scopeWord;
    out.push(tok);
  };
  const verbs = positions(VERB_FIRST);
  const ordinals = positions('第');
  for (const m of anchoredMatches(text, WITH_VERB_FIRST, verbs, 0, 0)) add(m, m[1], m[3], m[4]);
  for (const m of anchoredMatches(text, WITH_SCOPE_FIRST, verbs, 2, 9)) add(m, m[1], m[2], m[3]);
  for (const m of anchoredMatches(text, SCOPE_ORDINAL, ordinals, 2, 2)) add(m, m[1], m[2], undefined);
  for (const m of anchoredMatches(text, BARE, ordinals, 0, 0)) add(m, undefined, m[1], undefined);
  for (const m of anchoredMatches(text, NO_SCOPE, verbs, 0, 0)) add(m, undefined, m[1], undefined);
  return out;
}
