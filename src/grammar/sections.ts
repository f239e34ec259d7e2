/**
 * Review vs. plan parts of a work report, found by their headings.
 * Everything after the plan heading is a target for the following year.
 */
import { compilePattern, readTsv } from '../lexicon/load.js';

let patterns: RegExp[] | undefined;

function planPatterns(): RegExp[] {
  patterns ??= readTsv('sections.tsv', ['pattern']).map((r) => compilePattern(r, 'pattern'));
  return patterns;
}

/** Offset of the first line that opens the plan part, or Infinity. */
export function findPlanStart(text: string): number {
  const ps = planPatterns();
  let from = 0;
  // The plan part never opens in the first tenth of a report (title, preamble).
  const earliest = Math.floor(text.length * 0.1);
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (from >= earliest) {
      const line = text.slice(from, to);
      if (line.length <= 200 && ps.some((p) => p.test(line))) return from;
    }
    from = to + 1;
  }
  return Infinity;
}
