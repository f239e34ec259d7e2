/**
 * Stand-ins: a part of an indicator that a document gives instead of the whole
 * (only RMB deposits, no 本外币 total) is read as the whole, for the region,
 * measure and period where the whole has no figure of its own. The pairs are
 * data (lexicon/data/standins.tsv).
 */
import { readTsv } from '../lexicon/load.js';
import type { FactDraft } from './types.js';

let pairs: Map<string, string> | undefined;

function standins(): Map<string, string> {
  if (pairs) return pairs;
  pairs = new Map();
  for (const r of readTsv('standins.tsv', ['part', 'whole'])) pairs.set(r.cells.part!, r.cells.whole!);
  return pairs;
}

const slot = (d: FactDraft, indicator: string): string => `${d.region?.code ?? ''}|${indicator}|${d.measure}|${d.period}|${d.status}`;

/** The drafts with parts renamed to their whole where the whole is missing (in place; returns the list). */
export function applyStandins(drafts: FactDraft[]): FactDraft[] {
  const map = standins();
  // most documents give no part at all: nothing to rename, no slots to make
  let parts = false;
  for (const d of drafts) {
    if (map.has(d.indicator)) {
      parts = true;
      break;
    }
  }
  if (!parts) return drafts;
  const present = new Set<string>();
  for (const d of drafts) present.add(slot(d, d.indicator));
  for (const d of drafts) {
    const whole = map.get(d.indicator);
    if (!whole || present.has(slot(d, whole))) continue;
    d.indicator = whole;
    d.rule = `standin/${d.rule}`;
  }
  return drafts;
}
