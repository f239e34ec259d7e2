import type { Section } from './sections.js';
import type { Bound, Measure, RankScope, RegionRef, Status, Unit } from '../types.js';

/** A fact before its span is mapped back to the source (offsets: normalized text). */
export interface FactDraft {
  indicator: string;
  measure: Measure;
  value: number;
  valueMax?: number;
  unit: Unit;
  scope?: RankScope;
  period: string;
  status: Status;
  bound: Bound;
  start: number;
  end: number;
  rule: string;
  /** Set when the fact is about another unit than the document's. */
  region?: RegionRef;
}

/** What the grammar knows about the whole document. */
export interface DocContext {
  /** The year reviewed (a report delivered in early 2024 → 2023). */
  year: number;
  /** Review and plan parts of a report (empty: everything is review). */
  sections: readonly Section[];
  /** News about some months (1-2月广东经济…): the period of a sentence that names none. */
  months?: { from: number; to: number };
  /** The year the text was written (今年/去年/明年 count from it), when it differs from `year`. */
  written?: number;
  /** The document's own unit, when known. */
  region?: RegionRef;
}
