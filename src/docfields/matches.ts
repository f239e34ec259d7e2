/**
 * Matching cue patterns line by line, and across the break between two lines.
 */
import { regexReach } from './reach.js';

/**
 * The matches of `re` (a global regex) in `s` from offset `from` on, as
 * `s.matchAll(re)` gives them from there. matchAll copies the regex on every
 * call, which costs more than the search on a short line. The position is
 * kept here, not in `re`, between matches.
 */
export function* execFrom(re: RegExp, s: string, from = 0): Generator<RegExpExecArray> {
  let at = from;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return;
    at = re.lastIndex;
    // an empty match: step over one unit (one code point under the u flag), as matchAll does
    if (m[0].length === 0) at += re.unicode && isPairAt(s, at) ? 2 : 1;
    yield m;
  }
}

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}

const reaches = new WeakMap<RegExp, number>();
function reachOf(pattern: RegExp): number {
  let r = reaches.get(pattern);
  if (r === undefined) {
    r = regexReach(pattern.source);
    reaches.set(pattern, r);
  }
  return r;
}

/**
 * Every match of `pattern` (a global regex) within a line, and every match that runs
 * across the break between two consecutive lines (a title split by PDF extraction:
 * 2025年焦作市国民经济和社会发展 / 统计公报), each once: the line's matches, then the
 * one that crosses into the next line, if any (found in the two run together).
 * Lines before `firstLine` are passed over (a caller that knows none of their matches exist),
 * and so are the lines `nextLine` rules out: given a line index, it returns the first line
 * at or after it that may hold the start of a match (lines.length or more for none).
 */
export function* matchLines(
  lines: readonly string[],
  pattern: RegExp,
  firstLine = 0,
  nextLine?: (line: number) => number,
): Generator<RegExpMatchArray> {
  const reach = reachOf(pattern);
  for (let i = firstLine; i < lines.length; i = nextLine ? Math.max(i + 1, nextLine(i + 1)) : i + 1) {
    const line = lines[i] as string;
    const len = line.length;
    // An attempt at p < len - reach reads only units of the line (see reach.ts), so it
    // goes the same in the line and in the pair: the pair's search can start where the
    // line's last such match ended, or at len - reach, and needs only `reach` units of
    // the next line. (An unbounded pattern searches the whole pair.)
    const safe = len - reach;
    let resume = 0;
    // (execFrom written out: a generator per line costs more than a failed search)
    for (let at = 0; ; ) {
      pattern.lastIndex = at;
      const m = pattern.exec(line);
      if (!m) break;
      at = nextFrom(pattern, line, m);
      if (m.index < safe) resume = m.index + m[0].length;
      yield m;
    }
    const next = lines[i + 1];
    if (next === undefined) continue;
    let from = Math.max(0, resume, safe);
    const pair = line + (reach < next.length ? next.slice(0, reach) : next);
    // never inside a surrogate pair, where the whole-pair search would not try (the unit
    // before is a position the line's search tried and found nothing at)
    if (pattern.unicode && from > 0 && isPairAt(pair, from - 1)) from--;
    for (let at = from; ; ) {
      pattern.lastIndex = at;
      const m = pattern.exec(pair);
      if (!m || m.index >= len) break; // the rest start after the break
      at = nextFrom(pattern, pair, m);
      // at most one match contains the break
      if (m.index + m[0].length > len) {
        yield m;
        break;
      }
    }
  }
}

/** Where the search after match `m` of `re` in `s` goes on (as in execFrom). */
function nextFrom(re: RegExp, s: string, m: RegExpExecArray): number {
  const at = re.lastIndex;
  // an empty match: step over one unit (one code point under the u flag), as matchAll does
  return m[0].length === 0 ? at + (re.unicode && isPairAt(s, at) ? 2 : 1) : at;
}

/**
 * The index of the line that holds offset `at` of the lines run together, given where
 * each line starts there (`starts`, increasing, starts[0] = 0): the last line starting
 * at or before it (0 for an empty list).
 */
export function lineAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * For matchLines' `nextLine`: the line holding the first match of `scan` (a global
 * regex) in the lines run together (`text`, the lines starting at `starts`) from the
 * start of line `line` on, or starts.length when there is none. When every match of
 * a pattern that starts in a line (or runs across its end) is one of `scan` at the
 * same offset of `text`, and `scan` cannot match the empty string, no line before the
 * one returned holds the start of a match.
 */
export function nextCandidate(text: string, starts: Int32Array, scan: RegExp, line: number): number {
  if (line >= starts.length) return line;
  let at = starts[line] as number;
  // never from inside a surrogate pair (a start before the line's is as safe)
  if (at > 0 && isPairAt(text, at - 1)) at--;
  scan.lastIndex = at;
  const m = scan.exec(text);
  return m ? lineAt(starts, m.index) : starts.length;
}
