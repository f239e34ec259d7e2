/**
 * How far to the right of where it starts a regular expression can look: the
 * most UTF-16 units a match attempt consumes or reads with a lookahead
 * (Infinity when unbounded: *, +, {n,}, backreferences). Lookbehinds read to
 * the left and anchors read nothing, so neither adds. An attempt at position p
 * of a string therefore depends only on the units before p + reach (and on
 * whether the string ends at or before p + reach); matchLines uses this to
 * search only the end of a line for matches that cross into the next one.
 *
 * The bound is an upper one: every atom that can match a supplementary code
 * point under the u flag (., \D, \S, \W, \p{…}, negated classes, classes with
 * such characters) counts 2. A source this parser does not understand counts
 * Infinity.
 */
export function regexReach(source: string): number {
  const p = new Parser(source);
  const r = p.alternation();
  return p.at === source.length ? r.reach : Infinity;
}

interface Extent {
  /** Most units consumed. */
  len: number;
  /** Most units read to the right of the start (>= len). */
  reach: number;
}

const NOTHING: Extent = { len: 0, reach: 0 };
const UNBOUNDED: Extent = { len: Infinity, reach: Infinity };

class Parser {
  at = 0;
  constructor(private readonly s: string) {}

  /** a|b|c, up to a closing parenthesis or the end. */
  alternation(): Extent {
    let best = this.sequence();
    while (this.s[this.at] === '|') {
      this.at++;
      const e = this.sequence();
      best = { len: Math.max(best.len, e.len), reach: Math.max(best.reach, e.reach) };
    }
    return best;
  }

  private sequence(): Extent {
    let len = 0;
    let reach = 0;
    while (this.at < this.s.length && this.s[this.at] !== '|' && this.s[this.at] !== ')') {
      const atom = this.quantified();
      reach = Math.max(reach, len + atom.reach);
      len += atom.len;
    }
    return { len, reach };
  }

  private quantified(): Extent {
    const atom = this.atom();
    const q = this.quantifier();
    if (q === undefined) return atom;
    if (this.s[this.at] === '?') this.at++; // lazy: same bounds
    if (q === 0) return NOTHING;
    if (q === Infinity) return atom.len === 0 && atom.reach === 0 ? NOTHING : UNBOUNDED;
    return { len: q * atom.len, reach: (q - 1) * atom.len + atom.reach };
  }

  /** The most repetitions a quantifier allows, or undefined when none follows. */
  private quantifier(): number | undefined {
    const c = this.s[this.at];
    if (c === '*' || c === '+') {
      this.at++;
      return Infinity;
    }
    if (c === '?') {
      this.at++;
      return 1;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.at));
      if (!m) return undefined; // a literal {
      this.at += m[0].length;
      if (m[2] === undefined) return Number(m[1]);
      return m[3] === '' ? Infinity : Number(m[3]);
    }
    return undefined;
  }

  private atom(): Extent {
    const s = this.s;
    const c = s[this.at] as string;
    if (c === '(') return this.group();
    if (c === '^' || c === '$') {
      this.at++;
      return NOTHING;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.at++;
    if (c === '.') return wide;
    // a literal: two units for a surrogate pair
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && this.at < s.length) {
      this.at++;
      return wide;
    }
    return narrow;
  }

  private group(): Extent {
    const s = this.s;
    this.at++; // (
    let kind: 'plain' | 'ahead' | 'behind' = 'plain';
    if (s.startsWith('?:', this.at)) this.at += 2;
    else if (s.startsWith('?=', this.at) || s.startsWith('?!', this.at)) {
      this.at += 2;
      kind = 'ahead';
    } else if (s.startsWith('?<=', this.at) || s.startsWith('?<!', this.at)) {
      this.at += 3;
      kind = 'behind';
    } else if (s.startsWith('?<', this.at)) {
      const close = s.indexOf('>', this.at);
      if (close < 0) return this.fail();
      this.at = close + 1;
    } else if (s[this.at] === '?') return this.fail(); // a modifier group this parser does not know
    const inner = this.alternation();
    if (s[this.at] !== ')') return this.fail();
    this.at++;
    if (kind === 'ahead') return { len: 0, reach: inner.reach };
    if (kind === 'behind') return NOTHING;
    return inner;
  }

  private charClass(): Extent {
    const s = this.s;
    this.at++; // [
    let width = s[this.at] === '^' ? 2 : 1;
    if (s[this.at] === '^') this.at++;
    while (this.at < s.length && s[this.at] !== ']') {
      if (s[this.at] === '\\') {
        const next = s[this.at + 1] ?? '';
        if (next === 'p' || next === 'P' || (next === 'u' && s[this.at + 2] === '{')) {
          // \p{…}, \u{…}: skipped whole, and possibly supplementary
          const close = s.indexOf('}', this.at);
          if (close < 0) return this.fail();
          this.at = close + 1;
          width = 2;
          continue;
        }
        if ('DSW'.includes(next)) width = 2;
        this.at += 2;
        continue;
      }
      const code = s.charCodeAt(this.at);
      if (code >= 0xd800 && code <= 0xdfff) width = 2;
      this.at++;
    }
    if (s[this.at] !== ']') return this.fail();
    this.at++;
    return width === 2 ? wide : narrow;
  }

  private escape(): Extent {
    const s = this.s;
    const next = s[this.at + 1] ?? '';
    this.at += 2;
    if (next === 'b' || next === 'B') return NOTHING;
    if (/[1-9]/.test(next) || next === 'k') return this.fail(); // a backreference: as long as its group
    if ('DSW'.includes(next)) return wide;
    if (next === 'p' || next === 'P') {
      const close = s.indexOf('}', this.at);
      if (s[this.at] !== '{' || close < 0) return this.fail();
      this.at = close + 1;
      return wide;
    }
    if (next === 'u' && s[this.at] === '{') {
      const close = s.indexOf('}', this.at);
      if (close < 0) return this.fail();
      const cp = parseInt(s.slice(this.at + 1, close), 16);
      this.at = close + 1;
      return cp > 0xffff ? wide : narrow;
    }
    if (next === 'u') this.at += 4;
    else if (next === 'x') this.at += 2;
    else if (next === 'c') this.at += 1;
    return narrow;
  }

  /** Something not understood: give up (Infinity) and stop parsing. */
  private fail(): Extent {
    this.at = this.s.length + 1;
    return UNBOUNDED;
  }
}

const narrow: Extent = { len: 1, reach: 1 };
const wide: Extent = { len: 2, reach: 2 };
