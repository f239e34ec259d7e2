/**
 * Reference data about indicators (ids, Chinese names, usual units), read from
 * the extractor's lexicon so the database, the exports and the dashboard name
 * indicators exactly as the extractor does.
 */
import { lexicon } from '../lexicon/index.js';
import type { Unit } from '../types.js';

export interface IndicatorInfo {
  id: string;
  name: string;
  /** Usual unit of a level value. */
  unit: Unit | null;
}

let catalog: Map<string, IndicatorInfo> | undefined;

/** The indicators of the lexicon, in lexicon order. */
export function indicatorCatalog(): ReadonlyMap<string, IndicatorInfo> {
  catalog ??= new Map([...lexicon().indicators.values()].map((d) => [d.id, { id: d.id, name: d.name, unit: d.units[0] ?? null }]));
  return catalog;
}

/** Chinese name of an indicator id, or undefined for ids outside the lexicon. */
export function indicatorName(id: string): string | undefined {
  return indicatorCatalog().get(id)?.name;
}
