/**
 * Numbers that are not values: a number that modifies a noun (10亿元以上项目,
 * 3个乡镇), a number inside a quoted name (实现“两个翻一番”), and asides in
 * brackets (（人民币，下同）) whose commas must not cut the clause.
 */
import type { QuantityToken, Token } from '../recognize/index.js';
import { isSentenceEnd } from './chain.js';

export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return c >= 0x3400 && c <= 0x9fff;
}

/** A quantity inside “…” with other words of a name around it (实现“两个翻一番”). */
export function insideQuotedName(text: string, tok: QuantityToken): boolean {
  // look only at the few characters around the number (a scan of the whole text per number is quadratic);
  // by char code: text[i] of a character past Latin-1 is a new string each time
  let open = -1;
  for (let i = tok.start - 1; i >= 0 && i >= tok.start - 6; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x201c /* “ */) {
      open = i;
      break;
    }
    if (c === 0x201d /* ” */) return false;
  }
  if (open < 0) return false;
  let close = -1;
  for (let i = open + 1; i < text.length && i <= tok.end + 4; i++) {
    if (text.charCodeAt(i) === 0x201d /* ” */) {
      close = i;
      break;
    }
  }
  if (close < tok.end) return false;
  return tok.start - open > 1 || close > tok.end;
}

/** A number that modifies a noun (10亿元以上项目, 3个乡镇) is not a value. */
export function isQualifier(text: string, tok: QuantityToken, next: Token | undefined): boolean {
  let end = tok.end;
  if (next && next.t === 'cue' && next.cue.kind === 'post' && next.start === end) end = next.end;
  // the character after the number, by code (NaN past the end: no CJK, no 的)
  const c = text.charCodeAt(end);
  // “两个翻一番”: a number inside a quoted name is part of the name
  if (insideQuotedName(text, tok)) return true;
  if (!(c >= 0x3400 && c <= 0x9fff) /* isCjk */) return false;
  // a rate qualifies a noun only through 的 (占比30%的企业); 增长2.6%一般公共预算支出… is a value
  if ((tok.unit === '%' || tok.unit === 'pp') && c !== 0x7684 /* 的 */) return false;
  if (next && next.start === end && next.t !== 'qty') {
    // a known word follows (a cue, a rank, an indicator): not a qualifier
    if (next.t === 'cue' && next.cue.kind === 'post') return false;
    return next.t === 'ind' && end !== tok.end; // 以上 + 工业项目 → qualifier
  }
  if (next && next.t === 'cue' && next.start === end) return false;
  return true;
}

/**
 * Tokens inside （…） that hold no value are asides (（人民币，下同）) and are
 * dropped so that their commas do not cut the clause. Reads tokens[from, to)
 * (one sentence) and fills `out` (emptied first) with the rest, or with its
 * first `limit` tokens.
 */
export function dropParentheticals(
  tokens: readonly Token[],
  from: number,
  to: number,
  asides: Array<[number, number]>,
  out: Token[] = [],
  limit = Infinity,
): Token[] {
  // `out` is overwritten in place and cut to length at the end: emptying it
  // first gave up its storage, which every sentence then grew again
  let n = 0;
  for (let i = from; i < to && n < limit; i++) {
    const t = tokens[i]!;
    if (t.t === 'sep' && (t.ch === '（' || t.ch === '(')) {
      let k = i + 1;
      let hasValue = false;
      while (k < to) {
        const u = tokens[k]!;
        if (u.t === 'sep' && (u.ch === '）' || u.ch === ')')) break;
        if (u.t === 'sep' && isSentenceEnd(u.ch)) break;
        // a value, or an indicator's name (占总人口比重（常住人口城镇化率）为…), is no aside
        if (u.t === 'qty' || u.t === 'rank' || (u.t === 'ind' && u.alias.kind !== 'context')) hasValue = true;
        k++;
      }
      const end = k < to ? tokens[k] : undefined;
      const closed = end?.t === 'sep' && (end.ch === '）' || end.ch === ')');
      if (closed && !hasValue) {
        asides.push([t.start, end.end]);
        i = k;
        continue;
      }
      continue; // drop the bracket itself
    }
    if (t.t === 'sep' && (t.ch === '）' || t.ch === ')')) continue;
    if (n < out.length) out[n] = t;
    else out.push(t);
    n++;
  }
  if (out.length !== n) out.length = n;
  return out;
}
