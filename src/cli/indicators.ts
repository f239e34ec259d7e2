/**
 * Indicator names on the command line: `-i gdp` or `-i 地区生产总值`, an
 * unknown one refused with the nearest ids and names; and the list
 * `zhibiao indicators` prints.
 */
import { indicatorCatalog } from '../store/catalog.js';
import { renderTable } from './store-table.js';

export class UnknownIndicatorError extends Error {}

/** Levenshtein distance (small strings). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** Up to `n` catalogue entries near `q` (by id or by Chinese name). */
export function suggestIndicators(q: string, n = 5): string[] {
  const scored = [...indicatorCatalog().values()].map((i) => {
    const contains = i.id.includes(q) || i.name.includes(q) || q.includes(i.name) ? 0 : 1;
    const d = Math.min(distance(q, i.id) / Math.max(1, i.id.length), distance(q, i.name) / Math.max(1, [...i.name].length));
    return { i, score: contains * 10 + d };
  });
  return scored
    .filter((s) => s.score < 10.6)
    .sort((a, b) => a.score - b.score)
    .slice(0, n)
    .map((s) => `${s.i.id}（${s.i.name}）`);
}

/**
 * Indicator ids for what the user typed: an id, or a Chinese name of the
 * catalogue. `known` are ids stored in the database outside the catalogue.
 */
export function resolveIndicators(values: readonly string[], known: ReadonlySet<string> = new Set()): string[] {
  const catalog = indicatorCatalog();
  const byName = new Map([...catalog.values()].map((i) => [i.name, i.id]));
  return values.map((raw) => {
    const v = raw.trim();
    if (catalog.has(v) || known.has(v)) return v;
    const id = byName.get(v);
    if (id) return id;
    const near = suggestIndicators(v);
    throw new UnknownIndicatorError(
      `unknown indicator "${v}"${near.length ? `: did you mean ${near.join(', ')}?` : ''} (zhibiao indicators lists them all)`,
    );
  });
}

/** The catalogue as a table: id, Chinese name, usual unit. */
export function indicatorsTable(): string {
  return renderTable(
    ['id', '指标', '单位'],
    [...indicatorCatalog().values()].map((i) => [i.id, i.name, i.unit ?? '']),
  );
}
