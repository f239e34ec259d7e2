/**
 * Portable SQL fragments shared by the store implementations. Only ANSI SQL
 * that SQLite and PostgreSQL both accept lives here; placeholders are `?`
 * (a PostgreSQL store renumbers them to `$n` in one place, `numberParams`).
 */
import type { FactFilter, FactOrder } from './types.js';

export type SqlParam = string | number | null;

/** A WHERE clause under construction: fragments joined with AND, and their parameters. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: SqlParam[] = [];

  add(clause: string, ...params: SqlParam[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** `column IN (?, …)`; an empty list matches nothing. */
  in(column: string, values: readonly SqlParam[] | undefined): this {
    if (values === undefined) return this;
    if (values.length === 0) return this.add('1 = 0');
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  toSql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** The fact filter as conditions on the facts table aliased `alias`; `regionCodes` is the expanded region set. */
export function factWhere(filter: FactFilter, alias: string, regionCodes: readonly string[] | undefined): Where {
  const w = new Where();
  w.in(`${alias}.region_code`, regionCodes);
  w.in(`${alias}.indicator`, filter.indicators);
  w.in(`${alias}.measure`, filter.measures);
  w.in(`${alias}.period`, filter.periods);
  w.in(`${alias}.year`, filter.years);
  w.in(`${alias}.status`, filter.statuses);
  w.in(`${alias}.unit`, filter.units);
  if (filter.documentId !== undefined) w.add(`${alias}.document_id = ?`, filter.documentId);
  // a fact a correction replaced is never listed (the correction is); rejected ones only when asked for
  w.add(`${alias}.superseded = 0`);
  if (filter.reviews) w.in(`${alias}.review_state`, filter.reviews);
  else w.add(`${alias}.review_state <> 'rejected'`);
  return w;
}

/** The facts listed by default: not replaced by a correction, not rejected. */
export function visibleFact(alias: string): string {
  return `${alias}.superseded = 0 AND ${alias}.review_state <> 'rejected'`;
}

/** A LIKE pattern matching `s` literally anywhere (with `ESCAPE '\\'`). */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function factOrderBy(order: FactOrder | undefined, alias: string): string {
  switch (order ?? 'document') {
    case 'document':
      return `${alias}.document_id, ${alias}.span_start, ${alias}.id`;
    case 'region':
      return `${alias}.region_code, ${alias}.indicator, ${alias}.period, ${alias}.id`;
    case 'indicator':
      return `${alias}.indicator, ${alias}.region_code, ${alias}.period, ${alias}.id`;
    // equal values: by document content and span, which a re-extraction keeps (ids it does not); needs documents joined as d
    case 'value_desc':
      return `${alias}.value DESC, d.hash, ${alias}.span_start, ${alias}.span_end, ${alias}.indicator, ${alias}.measure, ${alias}.period, ${alias}.id`;
    case 'value_asc':
      return `${alias}.value ASC, d.hash, ${alias}.span_start, ${alias}.span_end, ${alias}.indicator, ${alias}.measure, ${alias}.period, ${alias}.id`;
  }
}

/**
 * Which of several documents stating the same value wins: a statistical
 * bulletin over a work report over news, then the newer document, then the
 * first fact.
 */
export function sourcePreference(docAlias: string, factAlias: string): string {
  return `CASE ${docAlias}.kind WHEN 'bulletin' THEN 0 WHEN 'report' THEN 1 ELSE 2 END, COALESCE(${docAlias}.year, 0) DESC, ${factAlias}.id`;
}

/**
 * The best available value among facts of one region and slice: a reviewed
 * fact (accepted, corrected, added) first, then an actual before an estimate,
 * then the source preference. (The same order as `compareOutcomes`.)
 */
export function bestPreference(docAlias: string, factAlias: string): string {
  return `CASE WHEN ${factAlias}.review_state IN ('accepted', 'corrected', 'added') THEN 0 ELSE 1 END,
    CASE ${factAlias}.status WHEN 'actual' THEN 0 WHEN 'estimate' THEN 1 ELSE 2 END, ${sourcePreference(docAlias, factAlias)}`;
}

/** `?` → `$1, $2, …` for drivers that number their parameters (PostgreSQL). */
export function numberParams(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
