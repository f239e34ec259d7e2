/**
 * How often each of several patterns occurs in a text, each counted as its own
 * global scan would count it (`[...text.matchAll(p)].length`; matches of different
 * patterns may overlap), for the price of about one scan.
 */
export class PatternCounter {
  /** The patterns as one alternation: it matches at a position iff one of them does. */
  private readonly any: RegExp | undefined;
  private readonly sticky: RegExp[];

  constructor(private readonly patterns: readonly RegExp[]) {
    this.sticky = patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, '')}y`));
    this.any = alternation(patterns);
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
      for (let k = 0; k < this.sticky.length; k++) {
        if (q < (next[k] as number)) continue;
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

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}
