/**
 * The gazetteer as rows of the regions table: each region with its parent and
 * its province and prefecture, so "everything under X" is one indexed lookup.
 */
import { createHash } from 'node:crypto';
import { gazetteer, type Gazetteer } from '../regions/gazetteer.js';
import type { RegionRow, Store } from './types.js';

export function regionRows(g: Gazetteer = gazetteer()): RegionRow[] {
  return g.all().map((r) => {
    const chain = [r, ...g.ancestors(r.code)];
    return {
      code: r.code,
      name: r.name,
      level: r.level,
      parent: r.parent,
      province: chain.find((x) => x.level === 'province')?.code ?? null,
      prefecture: chain.find((x) => x.level === 'prefecture')?.code ?? null,
      aliases: [...r.aliases],
    };
  });
}

/** A hash of the rows, stored so an unchanged gazetteer is not rewritten. */
export function fingerprint(rows: readonly RegionRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.code}\t${r.name}\t${r.level}\t${r.parent ?? ''}\t${r.aliases.join(',')}\n`);
  return h.digest('hex').slice(0, 16);
}

/** Writes the gazetteer into the store when it changed. */
export async function syncGazetteer(store: Store, g: Gazetteer = gazetteer()): Promise<boolean> {
  const rows = regionRows(g);
  return store.syncRegions(rows, fingerprint(rows));
}
