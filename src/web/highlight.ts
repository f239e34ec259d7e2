/**
 * Cutting a document text into runs for highlighting. Fact spans count
 * Unicode code points; JavaScript strings index UTF-16 units, so the text is
 * indexed by code point once (a character outside the BMP, e.g. 𠮷, is one
 * code point and two UTF-16 units).
 */

export interface SpanRef {
  id: number;
  span: readonly [number, number];
}

export interface Run {
  /** Code-point offsets of the run, half-open. */
  start: number;
  end: number;
  text: string;
  /** Facts whose span covers the run. */
  facts: number[];
  /** Facts whose span starts at this run (anchors go here). */
  starts: number[];
}

/** Text indexed by code point: `slice(a, b)` takes code-point offsets. */
export class CodePointText {
  /** UTF-16 index of each code point, plus the length at the end. */
  private readonly units: number[];
  constructor(readonly text: string) {
    const units: number[] = [];
    let i = 0;
    for (const ch of text) {
      units.push(i);
      i += ch.length;
    }
    units.push(i);
    this.units = units;
  }
  get length(): number {
    return this.units.length - 1;
  }
  slice(start: number, end: number): string {
    const a = this.units[Math.max(0, Math.min(start, this.length))]!;
    const b = this.units[Math.max(0, Math.min(end, this.length))]!;
    return this.text.slice(a, b);
  }
  /** The code point at `i` (empty past the end). */
  at(i: number): string {
    return this.slice(i, i + 1);
  }
}

/** Runs of text between every span boundary, each with the facts covering it. */
export function highlightRuns(text: CodePointText, spans: readonly SpanRef[]): Run[] {
  const n = text.length;
  const clamp = (x: number): number => Math.max(0, Math.min(n, x));
  const cuts = new Set<number>([0, n]);
  for (const s of spans) {
    cuts.add(clamp(s.span[0]));
    cuts.add(clamp(s.span[1]));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1] ?? n;
    const starts = spans.filter((s) => clamp(s.span[0]) === start).map((s) => s.id);
    if (end <= start && starts.length === 0) continue;
    const facts = spans.filter((s) => clamp(s.span[0]) <= start && clamp(s.span[1]) >= end && end > start).map((s) => s.id);
    runs.push({ start, end: Math.max(start, end), text: text.slice(start, end), facts, starts });
  }
  return runs;
}

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';', '\n']);

/** The sentence around a span: from after the previous sentence end to the next one (at most `max` code points each side). */
export function sentenceAround(text: CodePointText, span: readonly [number, number], max = 200): [number, number] {
  let s = Math.max(0, Math.min(span[0], text.length));
  const floor = Math.max(0, s - max);
  while (s > floor && !SENTENCE_END.has(text.at(s - 1))) s--;
  let e = Math.max(s, Math.min(span[1], text.length));
  const ceil = Math.min(text.length, e + max);
  while (e < ceil && !SENTENCE_END.has(text.at(e))) e++;
  if (e < text.length && text.at(e) !== '\n' && SENTENCE_END.has(text.at(e))) e++;
  return [s, e];
}

/** A stable pastel colour per indicator id. */
export function indicatorHue(indicator: string): number {
  // FNV-1a, then spread by the golden angle so similar ids get distant hues
  let h = 0x811c9dc5;
  for (const ch of indicator) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return Math.round((h * 137.508) % 360);
}
