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

/** Where anchor characters are in one text: positionsOf for each set of characters asked. */
export type PositionsOf = (chars: string) => number[];

/** Collects the anchor positions of one text, unit by unit, as a walk over it meets them. */
export interface AnchorCollector {
  /** Each UTF-16 unit's set, 1-based (0: in none): add(i, setOf[unit]) for each nonzero one, in text order. */
  readonly setOf: Uint16Array;
  add(i: number, k: number): void;
  /** The positions, once the walk is done (what anchorIndex gives). */
  readonly positions: PositionsOf;
}

/**
 * The fixed sets of anchor characters, for walks that collect them: a walk
 * over the text that is made anyway (scanLexical) can collect the anchors in
 * the same loop, instead of a walk of its own (anchorIndex).
 */
export function anchorSets(sets: readonly string[]): (text: string) => AnchorCollector {
  const distinct = [...new Set(sets)];
  /** The sets each UTF-16 unit belongs to. */
  const members = new Map<number, number[]>();
  distinct.forEach((chars, b) => {
    for (let k = 0; k < chars.length; k++) {
      const c = chars.charCodeAt(k);
      const list = members.get(c) ?? [];
      if (!list.includes(b)) list.push(b);
      members.set(c, list);
    }
  });
  // each unit's set, 1-based, when it is in one (nearly always); SEVERAL when in more
  const SEVERAL = 0xffff;
  if (distinct.length >= SEVERAL) throw new Error('anchorIndex: too many sets');
  const setOf = new Uint16Array(0x10000);
  for (const [c, list] of members) setOf[c] = list.length === 1 ? list[0]! + 1 : SEVERAL;
  const slot = new Map(distinct.map((chars, b) => [chars, b]));
  return (text) => {
    const lists: number[][] = distinct.map(() => []);
    return {
      setOf,
      add(i: number, k: number): void {
        if (k !== SEVERAL) lists[k - 1]!.push(i);
        else for (const b of members.get(text.charCodeAt(i))!) lists[b]!.push(i);
      },
      positions: (chars) => {
        const b = slot.get(chars);
        return b !== undefined ? lists[b]! : positionsOf(text, chars);
      },
    };
  };
}

/**
 * Finds the positions of several sets of anchor characters in one walk over
 * a text (a separate indexOf scan per character cost more than one walk for
 * all of them): the sets are fixed here, a text is given to `index`. Each
 * set's positions are what positionsOf gives; a set not fixed here is looked
 * up by positionsOf.
 */
export function anchorIndex(sets: readonly string[]): (text: string) => PositionsOf {
  const collector = anchorSets(sets);
  return (text) => {
    const c = collector(text);
    const setOf = c.setOf;
    for (let i = 0; i < text.length; i++) {
      const k = setOf[text.charCodeAt(i)]!;
      if (k !== 0) c.add(i, k);
    }
    return c.positions;
  };
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
