/**
 * The words between two tokens of a sentence: how many characters there are
 * outside asides （…） and ignorable marks (quotes, brackets of names, spaces).
 * Counted in place: the walker asks at every token, and building the string
 * (most of a document's text lies between tokens) cost more than the grammar.
 */

/**
 * Characters that never count as a gap: white space (what \s matches: the
 * ECMAScript WhiteSpace and LineTerminator units) and quotes, brackets of names.
 * Listed rather than found by testing /[\s…]/u on every unit at start-up
 * (65,536 tests); the test file checks the two agree.
 */
export const IGNORABLE_UNITS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' +
  '“”"\'‘’《》〈〉「」『』【】·';

/** 1 for each UTF-16 unit of IGNORABLE_UNITS (no ignorable character lies outside the BMP). */
const IGNORED = (() => {
  const table = new Uint8Array(0x10000);
  for (let k = 0; k < IGNORABLE_UNITS.length; k++) table[IGNORABLE_UNITS.charCodeAt(k)] = 1;
  return table;
})();

/** Asides of a sentence: [start, end) ranges, in text order. */
export type Asides = ReadonlyArray<readonly [number, number]>;

function countIn(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (IGNORED[text.charCodeAt(i)] === 0) n++;
  return n;
}

/** The number of characters (UTF-16 units) of words between `a` and `b`. */
export function gapLength(text: string, a: number, b: number, asides: Asides): number {
  let n = 0;
  let at = a;
  for (const [x, y] of asides) {
    if (y <= at || x >= b) continue;
    if (x > at) n += countIn(text, at, x);
    at = Math.max(at, y);
  }
  if (at < b) n += countIn(text, at, b);
  return n;
}

/** The words between `a` and `b`, as a string (what gapLength counts). */
export function gapText(text: string, a: number, b: number, asides: Asides): string {
  let s = '';
  let at = a;
  const add = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (IGNORED[text.charCodeAt(i)] === 0) s += text[i];
  };
  for (const [x, y] of asides) {
    if (y <= at || x >= b) continue;
    if (x > at) add(at, x);
    at = Math.max(at, y);
  }
  if (at < b) add(at, b);
  return s;
}
