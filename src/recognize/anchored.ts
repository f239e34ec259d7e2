/**
 * Matches of a regular expression found from its anchors: a global scan tries
 * the pattern at every position of a document, most of which cannot start a
 * match. When every match holds an anchor (a character from a small set) at
 * an offset from its start within [dMin, dMax], only the starts
 * anchor − dMax … anchor − dMin can match; trying the pattern sticky at just
 * those, left to right and never before the last match's end, gives exactly
 * the matches of the global scan.
 */

/** Positions of `chars` (single UTF-16 units) in `text`, ascending. */
export function positionsOf(text: string, chars: string): number[] {
  // indexOf per character (a fast search) and one sort beat a test of every character
  const out: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k]!;
    for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) out.push(at);
  }
  if (chars.length > 1) out.sort((a, b) => a - b);
  return out;
}

/** The sticky copy of `re` (no g) that anchoredMatches tries at chosen starts. */
export function sticky(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);
}

/**
 * The matches `re` (sticky) has left to right in `text`, given the ascending
 * positions of its anchors and the offsets [dMin, dMax] an anchor may have from
 * a match's start. The caller promises every match has such an anchor; then
 * the result equals that of the same pattern with the g flag.
 */
export function anchoredMatches(
  text: string,
  re: RegExp,
  anchors: readonly number[],
  dMin: number,
  dMax: number,
): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  /** The first start not yet tried (and not inside the last match). */
  let next = 0;
  for (const a of anchors) {
    const last = a - dMin;
    for (let s = Math.max(next, a - dMax); s <= last; s++) {
      next = s + 1;
      // a global scan with the u flag never starts inside a surrogate pair
      if (s > 0 && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) continue;
      re.lastIndex = s;
      const m = re.exec(text);
      if (!m) continue;
      out.push(m);
      next = m[0].length > 0 ? s + m[0].length : s + 1;
      // this anchor's window may hold another start after the match
      s = next - 1;
    }
  }
  return out;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
