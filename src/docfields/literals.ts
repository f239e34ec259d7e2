/**
 * Literals a regular expression's every match contains one of: `requiredLiterals`
 * gives a list such that a string without any of them has no match (undefined when
 * this parser finds none, or does not understand the source). A cue whose zone
 * holds none of its literals is passed over without running its pattern, which
 * (opening with \d, a class or a group) is otherwise tried at almost every position.
 *
 * Literal here means an unquantified character outside classes and escapes; a run
 * of them in a sequence is one literal. A group counts when it must match (no
 * quantifier, or one with a minimum of at least 1); lookarounds and anything
 * optional count nothing. Case-insensitive patterns are not handled (undefined).
 */
export function requiredLiterals(re: RegExp): string[] | undefined {
  if (re.ignoreCase) return undefined;
  const p = new Parser(re.source);
  const r = p.alternation();
  return p.at === re.source.length && r ? minimal(r) : undefined;
}

const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** A requirement without literals that contain another (a string with the longer one has the shorter). */
function minimal(lits: string[]): string[] {
  const uniq = [...new Set(lits)];
  return uniq.filter((a) => !uniq.some((b) => b !== a && a.includes(b)));
}

/**
 * The better of two requirements to search for: fewer literals (each is one search
 * of the text when absent), then a longer shortest literal (rarer, and found faster).
 */
function better(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.length !== b.length) return a.length < b.length ? a : b;
  const ma = Math.min(...a.map((s) => s.length));
  const mb = Math.min(...b.map((s) => s.length));
  return mb > ma ? b : a;
}

class Parser {
  at = 0;
  constructor(private readonly s: string) {}

  /** a|b|c up to a ) or the end: each alternative must have a requirement. */
  alternation(): string[] | undefined {
    const all: string[] = [];
    let ok = true;
    for (;;) {
      const r = this.sequence();
      if (r) all.push(...r);
      else ok = false;
      if (this.s[this.at] !== '|') break;
      this.at++;
    }
    return ok ? minimal(all) : undefined;
  }

  private sequence(): string[] | undefined {
    let best: string[] | undefined;
    let run = '';
    const end = () => {
      if (run) best = better(best, [run]);
      run = '';
    };
    while (this.at < this.s.length && this.s[this.at] !== '|' && this.s[this.at] !== ')') {
      const c = this.s[this.at] as string;
      if (c === '(') {
        end();
        const g = this.group();
        if (this.fail) return undefined;
        const min = this.quantifier();
        if (min === undefined || min >= 1) best = better(best, g);
        continue;
      }
      if (c === '[') {
        end();
        this.charClass();
        this.quantifier();
        continue;
      }
      if (c === '\\') {
        // an escape is no literal here (\. included): skipped whole
        end();
        if (!this.escape()) return this.stop();
        this.quantifier();
        continue;
      }
      if (c === '^' || c === '$') {
        end();
        this.at++;
        continue;
      }
      if (SPECIAL.has(c) && c !== '.') {
        // a quantifier with nothing before it, a stray } or ]: not understood
        return this.stop();
      }
      // a character (a surrogate pair whole), or .
      const code = c.charCodeAt(0);
      const len = code >= 0xd800 && code <= 0xdbff && this.at + 1 < this.s.length ? 2 : 1;
      const ch = this.s.slice(this.at, this.at + len);
      this.at += len;
      if (this.peekQuantifier()) {
        end();
        this.quantifier();
        continue;
      }
      if (c === '.') end();
      else run += ch;
    }
    end();
    return best;
  }

  fail = false;

  private stop(): undefined {
    this.fail = true;
    this.at = this.s.length + 1;
    return undefined;
  }

  /** Skips an escape outside a class; false when not understood. */
  private escape(): boolean {
    const s = this.s;
    const next = s[this.at + 1] ?? '';
    this.at += 2;
    if (next === 'u' && s[this.at] === '{') return this.skipPast('}');
    if (next === 'p' || next === 'P') return s[this.at] === '{' && this.skipPast('}');
    if (next === 'k') return s[this.at] === '<' && this.skipPast('>');
    if (next === 'u') this.at += 4;
    else if (next === 'x') this.at += 2;
    else if (next === 'c') this.at += 1;
    return this.at <= s.length;
  }

  private skipPast(close: string): boolean {
    const i = this.s.indexOf(close, this.at);
    if (i < 0) return false;
    this.at = i + 1;
    return true;
  }

  private peekQuantifier(): boolean {
    const c = this.s[this.at];
    return c === '?' || c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.s.slice(this.at)));
  }

  /** Skips a quantifier: its minimum, or undefined when there is none. */
  private quantifier(): number | undefined {
    const c = this.s[this.at];
    let min: number | undefined;
    if (c === '?' || c === '*') {
      this.at++;
      min = 0;
    } else if (c === '+') {
      this.at++;
      min = 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.at));
      if (!m) return undefined;
      this.at += m[0].length;
      min = Number(m[1]);
    } else return undefined;
    if (this.s[this.at] === '?') this.at++; // lazy
    return min;
  }

  /** ( … ): the inner requirement, none for a lookaround. */
  private group(): string[] | undefined {
    const s = this.s;
    this.at++;
    let look = false;
    if (s.startsWith('?:', this.at)) this.at += 2;
    else if (s.startsWith('?=', this.at) || s.startsWith('?!', this.at)) {
      this.at += 2;
      look = true;
    } else if (s.startsWith('?<=', this.at) || s.startsWith('?<!', this.at)) {
      this.at += 3;
      look = true;
    } else if (s.startsWith('?<', this.at)) {
      const close = s.indexOf('>', this.at);
      if (close < 0) return this.stop();
      this.at = close + 1;
    } else if (s[this.at] === '?') return this.stop();
    const inner = this.alternation();
    if (this.fail || s[this.at] !== ')') return this.stop();
    this.at++;
    return look ? undefined : inner;
  }

  private charClass(): void {
    const s = this.s;
    this.at++;
    if (s[this.at] === '^') this.at++;
    while (this.at < s.length && s[this.at] !== ']') this.at += s[this.at] === '\\' ? 2 : 1;
    if (s[this.at] !== ']') {
      this.stop();
      return;
    }
    this.at++;
  }
}
