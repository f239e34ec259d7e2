/**
 * How often each of several patterns occurs in a text, each counted as its own
 * global scan would count it (`[...text.matchAll(p)].length`; matches of different
 * patterns may overlap), for the price of about one scan.
 */
export class PatternCounter {
  /** The patterns as one alternation: it matches at a position iff one of them does. */
  private readonly any: RegExp | undefined;
  private readonly sticky: RegExp[];
  /** Per pattern, the literal text every match of it starts with, one of several (see
   *  literalPrefixes); null when not known. */
  private readonly prefixes: (string[] | null)[];
  /** Unit → the patterns that may match where it stands: those with a prefix starting
   *  with it, and those without known prefixes (ascending). */
  private readonly byFirst = new Map<number, number[]>();
  private readonly unknown: number[];

  constructor(private readonly patterns: readonly RegExp[]) {
    this.sticky = patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, '')}y`));
    this.any = alternation(patterns);
    this.prefixes = patterns.map(literalPrefixes);
    this.unknown = this.prefixes.flatMap((p, k) => (p ? [] : [k]));
  }

  /** The patterns to try at a unit (see byFirst). */
  private tryAt(unit: number): number[] {
    let list = this.byFirst.get(unit);
    if (!list) {
      list = this.prefixes.flatMap((p, k) => (p === null || p.some((x) => x.charCodeAt(0) === unit) ? [k] : []));
      this.byFirst.set(unit, list);
    }
    return list;
  }

  count(text: string): number[] {
    const counts = this.patterns.map(() => 0);
    const any = this.any;
    if (!any) {
      this.patterns.forEach((p, k) => {
        p.lastIndex = 0;
        counts[k] = [...text.matchAll(p)].length;
      });
      return counts;
    }
    // Every position where some pattern matches, in order: `any` resumes one code point
    // after each hit, not after its match. A pattern's own scan from its last match's
    // end finds the first of these where it matches, so it is tried only there.
    const next = this.patterns.map(() => 0);
    const unicode = any.unicode;
    any.lastIndex = 0;
    for (let hit = any.exec(text); hit; hit = any.exec(text)) {
      const q = hit.index;
      const step = unicode && isPairAt(text, q) ? 2 : 1;
      // only the patterns that can start here: a sticky scan of the others fails
      const tried = q < text.length ? this.tryAt(text.charCodeAt(q)) : this.unknown;
      for (const k of tried) {
        if (q < (next[k] as number)) continue;
        const pre = this.prefixes[k];
        if (pre && !startsWithOne(text, q, pre)) continue;
        const re = this.sticky[k] as RegExp;
        re.lastIndex = q;
        const m = re.exec(text);
        if (!m) continue;
        counts[k] = (counts[k] as number) + 1;
        // an empty match: the scan steps over one code point, as matchAll does
        next[k] = m[0].length > 0 ? q + m[0].length : q + step;
      }
      any.lastIndex = q + step;
    }
    return counts;
  }
}

/** One regex (global) matching where any of `patterns` does, each keeping its own anchors;
 *  undefined when they cannot be joined (a backreference, whose number would shift; named
 *  groups that clash; mixed flags). */
export function alternation(patterns: readonly RegExp[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const flags = (patterns[0] as RegExp).flags.replace(/[gy]/g, '');
  if (patterns.some((p) => p.flags.replace(/[gy]/g, '') !== flags || /\\[1-9]|\\k</.test(p.source))) return undefined;
  try {
    return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), `${flags}g`);
  } catch {
    return undefined;
  }
}

/** Characters that are literal in any position of a pattern: not syntax, not a surrogate. */
function isPlain(c: string): boolean {
  return !/[\\^$.|?*+()[\]{}\ud800-\udfff]/.test(c);
}

/** Whether a regular expression's source has a | outside groups and classes. */
export function hasTopLevelBar(src: string): boolean {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The literal texts (at most two units each) one of which starts every match of `p`,
 * read off the start of its source: plain characters and groups of plain alternatives
 * ((我|本)县 → 我县, 本县), up to the first other syntax, a character that a quantifier
 * follows, or a top-level |. Null when the pattern starts otherwise (^, a class, an
 * escape, a lookaround…), when any alternative is empty, or with the i flag.
 */
export function literalPrefixes(p: RegExp): string[] | null {
  if (p.flags.includes('i')) return null;
  const src = p.source;
  // a top-level | makes the source several patterns
  if (hasTopLevelBar(src)) return null;
  const quantified = (i: number) => i < src.length && '?*+{'.includes(src[i] as string);
  let out = [''];
  let i = 0;
  while (i < src.length && out.every((x) => x.length < 2)) {
    const c = src[i] as string;
    if (isPlain(c)) {
      if (quantified(i + 1)) break;
      out = out.map((x) => x + c);
      i++;
      continue;
    }
    if (c !== '(') break;
    // a group of plain alternatives: (a|bc) or (?:a|bc), not quantified
    const body = /^\((?:\?:)?([^()]*)\)/.exec(src.slice(i));
    if (!body) break;
    const alts = (body[1] as string).split('|');
    if (alts.some((a) => a === '' || ![...a].every(isPlain)) || quantified(i + body[0].length)) break;
    out = out.flatMap((x) => alts.map((a) => x + a));
    i += body[0].length;
  }
  out = [...new Set(out.map((x) => x.slice(0, 2)))];
  return out.some((x) => x === '') ? null : out;
}

function startsWithOne(text: string, at: number, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (text.startsWith(p, at)) return true;
  return false;
}

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}
