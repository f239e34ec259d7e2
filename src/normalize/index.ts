/**
 * normalize: SourceText → NormalizedText. Every unit of the normalized text
 * keeps the source range it came from, so any span found downstream maps back
 * to an exact quote of the source.
 */
import { identityWithIndex, sourceRange, type AlignedText } from './aligned.js';
import { mapCharacters, replaceEscapes, type ScriptCounts } from './chars.js';
import { collapseSpaces, dropFootnoteMarks, fixStopInDecimal, reflowLines, type LineStats } from './lines.js';

export interface NormalizedText extends AlignedText {
  /** Code-point index of the source (see codePointIndex). */
  readonly cp: Int32Array;
  readonly lines: LineStats;
  /** Han characters in the source and how many were Traditional forms. */
  readonly script: ScriptCounts;
}

export interface NormalizeOptions {
  /** Convert Traditional characters to Simplified (default true). */
  simplify?: boolean;
}

export function normalize(source: string, options: NormalizeOptions = {}): NormalizedText {
  const { text: first, cp } = identityWithIndex(source);
  let t = first;
  t = replaceEscapes(t);
  const script: ScriptCounts = { han: 0, converted: 0 };
  t = mapCharacters(t, options.simplify ?? true, script);
  const reflowed = reflowLines(t);
  t = fixStopInDecimal(dropFootnoteMarks(collapseSpaces(reflowed.text)));
  return { ...t, cp, lines: reflowed.stats, script };
}

/** Maps normalized units `[a, b)` to a code-point span of the source. */
export function toSourceSpan(n: NormalizedText, a: number, b: number): [number, number] {
  const [s, e] = sourceRange(n, a, b);
  return [n.cp[s] ?? 0, n.cp[e] ?? 0];
}

/** The source text at a code-point span (what a fact's `quote` must equal). */
export function quoteAt(source: string, span: readonly [number, number]): string {
  return Array.from(source).slice(span[0], span[1]).join('');
}

export type { AlignedText } from './aligned.js';
