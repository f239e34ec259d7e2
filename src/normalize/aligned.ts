/**
 * Aligned text: a string together with, for every UTF-16 unit of it, the
 * half-open range of the original source (UTF-16 offsets) it came from.
 * Every normalization pass reads one AlignedText and writes another, so the
 * way back to the source is never lost.
 */
export interface AlignedText {
  /** The original text every range points into. */
  readonly source: string;
  readonly text: string;
  /** `start[i]`: source offset where unit `i` of `text` begins. */
  readonly start: Int32Array;
  /** `end[i]`: source offset where unit `i` of `text` ends (exclusive). */
  readonly end: Int32Array;
}

/** The identity alignment of a source text. */
export function identity(source: string): AlignedText {
  return identityWithIndex(source).text;
}

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/;

/**
 * The identity alignment and the code-point index (see codePointIndex) of a source
 * text. Without surrogate pairs, the usual case, all three arrays are views of one
 * array 0, 1, …, n: one fill instead of three. (Nothing writes to either.)
 */
export function identityWithIndex(source: string): { text: AlignedText; cp: Int32Array } {
  const n = source.length;
  const ramp = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) ramp[i] = i;
  const text = { source, text: source, start: ramp.subarray(0, n), end: ramp.subarray(1) };
  return { text, cp: SURROGATE_PAIR.test(source) ? codePointIndex(source) : ramp };
}

/**
 * Where a pass writes the next AlignedText: `emit` copies units of the previous
 * text (keeping their ranges), `emitAs` writes replacement text whose units all
 * take the range covering previous units `[from, to)`, `finish` gives the result.
 */
export interface AlignedSink {
  emit(from: number, to: number): void;
  emitAs(text: string, from: number, to: number): void;
  finish(): AlignedText;
}

/** How a pass makes its sink for a previous text. */
export type SinkFor = (prev: AlignedText) => AlignedSink;

/** A sink with arrays of its own: the previous text stays as it is. */
export const freshArrays: SinkFor = (prev) => new AlignedBuilder(prev);

/**
 * A sink that writes over the previous text's own arrays (see InPlaceBuilder): for
 * a pass whose previous text nothing reads afterwards, and whose arrays nothing else shares.
 */
export const inPlace: SinkFor = (prev) => new InPlaceBuilder(prev);

/**
 * What the three sinks share: emits that continue one another (a line, then its
 * newline) are gathered into one run of previous units `[runFrom, runTo)`, copied
 * by `copyRun` as one slice and one array copy when something else comes.
 */
abstract class RunSink implements AlignedSink {
  protected readonly parts: string[] = [];
  protected n = 0;
  protected runFrom = 0;
  protected runTo = 0;

  /** Copy previous units `[from, to)` unchanged. */
  emit(from: number, to: number): void {
    if (to <= from) return;
    if (from === this.runTo && this.runTo > this.runFrom) {
      this.runTo = to;
      return;
    }
    this.flush();
    this.runFrom = from;
    this.runTo = to;
  }

  /** Copies the run gathered so far, if any. */
  protected flush(): void {
    const from = this.runFrom;
    const to = this.runTo;
    if (to <= from) return;
    this.runFrom = this.runTo = 0;
    this.copyRun(from, to);
  }

  /** Appends previous units `[from, to)` (to > from): their text onto parts, their ranges at n. */
  protected abstract copyRun(from: number, to: number): void;
  abstract emitAs(text: string, from: number, to: number): void;
  abstract finish(): AlignedText;
}

/** Arrays of `cap` units holding the first `n` of `starts` and `ends`. */
function grown(starts: Int32Array, ends: Int32Array, n: number, cap: number): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
  const s = new Int32Array(cap);
  const e = new Int32Array(cap);
  s.set(starts.subarray(0, n));
  e.set(ends.subarray(0, n));
  return [s, e];
}

/**
 * Builds the next AlignedText from a previous one. `emit` copies units of
 * the previous text (keeping their ranges); `emitAs` writes replacement text
 * whose units all take the range covering previous units `[from, to)`.
 */
export class AlignedBuilder extends RunSink {
  // allocated on the first write (a pass that keeps everything writes nothing)
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);

  constructor(private readonly prev: AlignedText) {
    super();
  }

  private grow(extra: number): void {
    if (this.n + extra <= this.starts.length) return;
    const cap = Math.max(this.starts.length * 2, this.n + extra, this.prev.text.length + 16);
    [this.starts, this.ends] = grown(this.starts, this.ends, this.n, cap);
  }

  protected copyRun(from: number, to: number): void {
    const len = to - from;
    this.grow(len);
    const prev = this.prev;
    this.parts.push(prev.text.slice(from, to));
    const { starts, ends } = this;
    if (len < 32) {
      // a short run: a loop is cheaper than two subarray views
      for (let k = 0; k < len; k++) {
        starts[this.n + k] = prev.start[from + k] as number;
        ends[this.n + k] = prev.end[from + k] as number;
      }
    } else {
      starts.set(prev.start.subarray(from, to), this.n);
      ends.set(prev.end.subarray(from, to), this.n);
    }
    this.n += len;
  }

  /** Write `text` in place of previous units `[from, to)` (to > from). */
  emitAs(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    this.flush();
    this.grow(text.length);
    this.parts.push(text);
    const s = this.prev.start[from] ?? 0;
    const e = this.prev.end[to - 1] ?? s;
    for (let k = 0; k < text.length; k++) {
      this.starts[this.n] = s;
      this.ends[this.n] = e;
      this.n++;
    }
  }

  finish(): AlignedText {
    // everything kept, in one piece: the previous text is the result
    if (this.n === 0 && this.runFrom === 0 && this.runTo === this.prev.text.length) return this.prev;
    this.flush();
    // Views instead of copies when little would be saved (a pass usually keeps
    // nearly every unit): one large copy less per pass on a long document.
    const view = this.n >= this.starts.length * 0.75;
    return {
      source: this.prev.source,
      text: this.parts.join(''),
      start: view ? this.starts.subarray(0, this.n) : this.starts.slice(0, this.n),
      end: view ? this.ends.subarray(0, this.n) : this.ends.slice(0, this.n),
    };
  }
}

/**
 * AlignedBuilder for a pass that never writes ahead of what it reads (every emitted
 * range starts at or after the end of the output so far, and a replacement is no
 * longer than what it replaces: a pass that only drops units or replaces one unit
 * by one): the ranges are written over the previous text's arrays, which it
 * invalidates, so a chain of such passes shares one pair of arrays instead of
 * allocating two per pass. Writing ahead of the reads throws.
 */
export class InPlaceBuilder extends RunSink {
  constructor(private readonly prev: AlignedText) {
    super();
  }

  protected copyRun(from: number, to: number): void {
    const { prev, n } = this;
    if (from < n) throw new Error('InPlaceBuilder: a copy from before the output so far');
    this.parts.push(prev.text.slice(from, to));
    const len = to - from;
    if (from !== n) {
      const { start, end } = prev;
      if (len < 32) {
        // a short run: a loop is cheaper than copyWithin (which copies forwards just the same)
        for (let k = 0; k < len; k++) {
          start[n + k] = start[from + k] as number;
          end[n + k] = end[from + k] as number;
        }
      } else {
        start.copyWithin(n, from, to);
        end.copyWithin(n, from, to);
      }
    }
    this.n = n + len;
  }

  emitAs(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    this.flush();
    const { prev } = this;
    if (from < this.n || this.n + text.length > to) throw new Error('InPlaceBuilder: a replacement longer than what it replaces');
    this.parts.push(text);
    const s = prev.start[from] ?? 0;
    const e = prev.end[to - 1] ?? s;
    prev.start.fill(s, this.n, this.n + text.length);
    prev.end.fill(e, this.n, this.n + text.length);
    this.n += text.length;
  }

  finish(): AlignedText {
    if (this.n === 0 && this.runFrom === 0 && this.runTo === this.prev.text.length) return this.prev;
    this.flush();
    const { prev, n } = this;
    return { source: prev.source, text: this.parts.join(''), start: prev.start.subarray(0, n), end: prev.end.subarray(0, n) };
  }
}

/**
 * The first pass over a source text (its identity alignment, never made): the
 * ranges are written straight from the source offsets into arrays of its own,
 * which it always makes, so the passes after it can write over them (InPlaceBuilder).
 */
export class SourceBuilder extends RunSink {
  private start: Int32Array;
  private end: Int32Array;

  constructor(private readonly source: string) {
    super();
    this.start = new Int32Array(source.length + 16);
    this.end = new Int32Array(source.length + 16);
  }

  private grow(extra: number): void {
    if (this.n + extra <= this.start.length) return;
    [this.start, this.end] = grown(this.start, this.end, this.n, Math.max(this.start.length * 2, this.n + extra));
  }

  protected copyRun(from: number, to: number): void {
    const len = to - from;
    this.grow(len);
    this.parts.push(this.source.slice(from, to));
    const { start, end } = this;
    const d = from - this.n;
    for (let k = this.n, z = this.n + len; k < z; k++) {
      start[k] = k + d;
      end[k] = k + d + 1;
    }
    this.n += len;
  }

  emitAs(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    this.flush();
    this.grow(text.length);
    this.parts.push(text);
    this.start.fill(from, this.n, this.n + text.length);
    this.end.fill(to, this.n, this.n + text.length);
    this.n += text.length;
  }

  finish(): AlignedText {
    this.flush();
    const { n } = this;
    return { source: this.source, text: this.parts.join(''), start: this.start.subarray(0, n), end: this.end.subarray(0, n) };
  }
}

/** Source range (UTF-16) covered by units `[a, b)` of an aligned text. */
export function sourceRange(t: AlignedText, a: number, b: number): [number, number] {
  if (b <= a) {
    const at = a < t.text.length ? (t.start[a] ?? 0) : t.source.length;
    return [at, at];
  }
  return [t.start[a] ?? 0, t.end[b - 1] ?? 0];
}

/**
 * Code-point index: `cp[u]` is the number of code points before UTF-16
 * offset `u` (length `source.length + 1`).
 */
export function codePointIndex(source: string): Int32Array {
  const cp = new Int32Array(source.length + 1);
  let c = 0;
  for (let u = 0; u < source.length; u++) {
    cp[u] = c;
    const code = source.charCodeAt(u);
    // A low surrogate that follows a high surrogate is the same code point.
    if (!(code >= 0xdc00 && code <= 0xdfff && u > 0 && isHigh(source.charCodeAt(u - 1)))) c++;
    else cp[u] = c - 1;
  }
  cp[source.length] = c;
  return cp;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
