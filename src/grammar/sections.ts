/**
 * Review vs. plan parts of a work report, found by their headings: a plan
 * heading (二、2024年工作安排, 主要预期目标是) opens a part whose figures are
 * targets for the following year; a review heading (一、2023年工作回顾) opens
 * a review part again (some published texts repeat the whole report).
 */
import { compilePattern, readTsv } from '../lexicon/load.js';

interface SectionPatterns {
  plan: RegExp[];
  review: RegExp[];
  /** What `plan.some((p) => p.test(line))` tells, in one test (anyOf). */
  anyPlan: (line: string) => boolean;
  anyReview: (line: string) => boolean;
}

/**
 * A test whether any of `res` matches: one regex of their alternatives when
 * that means the same (the same flags, none global or sticky, no
 * backreferences, whose numbers the other patterns' groups would shift, and
 * it compiles), else the tests one by one.
 */
export function anyOf(res: readonly RegExp[]): (s: string) => boolean {
  const some = (s: string) => res.some((p) => p.test(s));
  if (res.length === 0) return some;
  const flags = res[0]!.flags;
  if (/[gy]/.test(flags) || res.some((p) => p.flags !== flags || /\\(?:[1-9]|k<)/.test(p.source))) return some;
  try {
    const one = new RegExp(res.map((p) => `(?:${p.source})`).join('|'), flags);
    return (s) => one.test(s);
  } catch {
    return some;
  }
}

let patterns: SectionPatterns | undefined;

function sectionPatterns(): SectionPatterns {
  if (patterns) return patterns;
  const rows = readTsv('sections.tsv', ['pattern', 'part']);
  const parts: { plan: RegExp[]; review: RegExp[] } = { plan: [], review: [] };
  for (const r of rows) {
    const part = r.cells.part;
    if (part !== 'plan' && part !== 'review') throw new Error(`sections.tsv:${r.line}: part must be plan or review`);
    parts[part].push(compilePattern(r, 'pattern'));
  }
  patterns = { ...parts, anyPlan: anyOf(parts.plan), anyReview: anyOf(parts.review) };
  return patterns;
}

/** One part of a report: from `start` (normalized offset) on, plan or review. */
export interface Section {
  start: number;
  plan: boolean;
  /** A plan part about a five-year plan period (二、“十四五”时期的主要目标任务). */
  span?: { from: number; to: number };
}

/** 十四五 → 2021–2025 (regular since the 6th plan, 1981–1985); 今后五年 → the five years after `year`. */
function fiveYearSpan(line: string, year: number): { from: number; to: number } | undefined {
  const next = /(?:今后|未来)([三五])年/u.exec(line);
  if (next) return { from: year + 1, to: year + (next[1] === '三' ? 3 : 5) };
  const m = /十([一二三四五六七八九])五/u.exec(line);
  if (!m) return undefined;
  const n = 10 + '一二三四五六七八九'.indexOf(m[1]!) + 1;
  const from = 2021 + (n - 14) * 5;
  return { from, to: from + 4 };
}

/**
 * The parts of a report, in order. `year` is the year reviewed: a heading
 * that names it (2023年工作回顾) is never a plan heading.
 */
export function findSections(text: string, year: number): Section[] {
  const ps = sectionPatterns();
  const out: Section[] = [];
  let plan = false;
  let from = 0;
  // The plan part never opens in the first tenth of a report (title, preamble).
  const earliest = Math.floor(text.length * 0.1);
  const reviewYear = new RegExp(`^.{0,12}${year}年`);
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to);
    if (line.length <= 200) {
      if (plan && ps.anyReview(line)) {
        plan = false;
        out.push({ start: from, plan });
      } else if ((from >= earliest || OPENS_TARGETS.test(line)) && ps.anyPlan(line) && !reviewYear.test(line)) {
        // (the year test after the headings': the same answer, and nearly every line is no heading)
        // every plan heading opens a part: 二、“十四五”时期的主要目标 then 三、2021年主要工作
        const span = fiveYearSpan(line, year);
        if (!plan || span || out[out.length - 1]?.span) out.push({ start: from, plan: true, ...(span ? { span } : {}) });
        plan = true;
      }
    }
    from = to + 1;
  }
  return out;
}

/** A line that states the targets themselves (主要预期目标是：…, 今年政府工作的总体要求是：…): a plan part even at the top of a text. */
const OPENS_TARGETS = /^.{0,30}(?:预期目标|总体要求|主要目标)(?:是|为)[：:]/u;

/** The part offset `at` lies in, if any. */
export function sectionAt(sections: readonly Section[], at: number): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) {
    if (s.start > at) break;
    found = s;
  }
  return found;
}

/** Whether offset `at` lies in a plan part. */
export function inPlan(sections: readonly Section[], at: number): boolean {
  return sectionAt(sections, at)?.plan ?? false;
}
