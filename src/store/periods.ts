/**
 * Period strings of the fact contract, parsed into the columns the store
 * indexes: `2023` (a calendar year), `2023-01/2023-09` (a span of months),
 * `2021/2025` (a span of years).
 */

export type PeriodKind = 'year' | 'months' | 'years';

export interface ParsedPeriod {
  kind: PeriodKind;
  /** First month covered, `YYYY-MM`. */
  start: string;
  /** Last month covered, `YYYY-MM`. */
  end: string;
  /** Calendar year the period ends in. */
  year: number;
}

const YEAR = /^(\d{4})$/;
const MONTHS = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/;
const YEARS = /^(\d{4})\/(\d{4})$/;

/** Parses a contract period; undefined when the string does not follow the contract. */
export function parsePeriod(period: string): ParsedPeriod | undefined {
  let m = YEAR.exec(period);
  if (m) {
    const y = Number(m[1]);
    return { kind: 'year', start: `${m[1]}-01`, end: `${m[1]}-12`, year: y };
  }
  m = MONTHS.exec(period);
  if (m) {
    const [m1, m2] = [Number(m[2]), Number(m[4])];
    if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12) return undefined;
    const start = `${m[1]}-${m[2]}`;
    const end = `${m[3]}-${m[4]}`;
    if (start > end) return undefined;
    return { kind: 'months', start, end, year: Number(m[3]) };
  }
  m = YEARS.exec(period);
  if (m) {
    if (Number(m[1]) > Number(m[2])) return undefined;
    return { kind: 'years', start: `${m[1]}-01`, end: `${m[2]}-12`, year: Number(m[2]) };
  }
  return undefined;
}

/** True when the string is a contract period. */
export function isPeriod(period: string): boolean {
  return parsePeriod(period) !== undefined;
}

/** Chinese label of a period: 2023年, 2023年1—9月, 2021—2025年. */
export function periodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'years') return `${p.start.slice(0, 4)}—${p.end.slice(0, 4)}年`;
  const [sy, sm] = [p.start.slice(0, 4), Number(p.start.slice(5))];
  const [ey, em] = [p.end.slice(0, 4), Number(p.end.slice(5))];
  if (sy !== ey) return `${sy}年${sm}月—${ey}年${em}月`;
  if (sm === em) return `${sy}年${sm}月`;
  return `${sy}年${sm}—${em}月`;
}
