/**
 * normalize: SourceText → NormalizedText. Every unit of the normalized text
 * keeps the source range it came from, so any span found downstream maps back
 * to an exact quote of the source.
 */
import { codePointIndex, inPlace, sourceRange, type AlignedText } from './aligned.js';
import { mapSource, type ScriptCounts } from './chars.js';
import { collapseSpaces, dropFootnoteMarks, fixStopInDecimal, reflowLines, type LineStats } from './lines.js';

export interface NormalizedText extends AlignedText {
  /**
   * Code-point index of the source (see codePointIndex); null when the source
   * has no surrogate pair, where code points and UTF-16 offsets are the same
   * (an identity array was 4 bytes per unit: 72 MB for a 50 MB text). Read it
   * through codePointAt.
   */
  readonly cp: Int32Array | null;
  readonly lines: LineStats;
  /** Han characters in the source and how many were Traditional forms. */
  readonly script: ScriptCounts;
}

export interface NormalizeOptions {
  /** Convert Traditional characters to Simplified (default true). */
  simplify?: boolean;
}

export function normalize(source: string, options: NormalizeOptions = {}): NormalizedText {
  const script: ScriptCounts = { han: 0, converted: 0 };
  // Escapes, entities and the character map in one pass, into arrays of its own that
  // every later pass writes over (none writes ahead of what it reads): one pair of
  // offset arrays for the whole chain instead of a new pair per pass.
  const { text: mapped, hasPair } = mapSource(source, options.simplify ?? true, script);
  const reflowed = reflowLines(mapped, inPlace);
  const t = fixStopInDecimal(dropFootnoteMarks(collapseSpaces(reflowed.text, inPlace), inPlace), inPlace);
  const cp = hasPair ? codePointIndex(source) : null;
  return { ...t, start: trimmed(t.start), end: trimmed(t.end), cp, lines: reflowed.stats, script };
}

/** The code-point offset in the source of its UTF-16 offset `u` (0 to source.length). */
export function codePointAt(n: NormalizedText, u: number): number {
  return n.cp === null ? u : (n.cp[u] ?? 0);
}

/** A view of an array much longer than itself, copied (so the rest can be freed). */
function trimmed(a: Int32Array): Int32Array {
  return a.length >= a.buffer.byteLength / 4 * 0.75 ? a : a.slice();
}

/** Maps normalized units `[a, b)` to a code-point span of the source. */
export function toSourceSpan(n: NormalizedText, a: number, b: number): [number, number] {
  const [s, e] = sourceRange(n, a, b);
  return [codePointAt(n, s), codePointAt(n, e)];
}

/** The source text at a code-point span (what a fact's `quote` must equal). */
export function quoteAt(source: string, span: readonly [number, number]): string {
  return Array.from(source).slice(span[0], span[1]).join('');
}

export type { AlignedText } from './aligned.js';
