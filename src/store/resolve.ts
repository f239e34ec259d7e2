/**
 * Region arguments as people type them (江永县, 永州, 431125) → region codes.
 */
import { StoreError, type RegionRow, type Store } from './types.js';

/** Resolves one name or code; throws StoreError when it matches none or several. */
export async function resolveRegion(store: Store, input: string): Promise<RegionRow> {
  const q = input.trim();
  const found = await store.findRegions(q);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new StoreError(
      'unknown_region',
      `no region named or coded "${q}": use a 6-digit code (e.g. 431125) or a full name (e.g. 江永县)`,
    );
  }
  const withParents = await Promise.all(
    found.slice(0, 8).map(async (r) => {
      const parent = r.parent ? await store.region(r.parent) : undefined;
      return `${r.code} ${parent ? parent.name : ''}${r.name}`;
    }),
  );
  throw new StoreError(
    'ambiguous_region',
    `"${q}" names ${found.length} regions (${withParents.join(', ')}${found.length > 8 ? ', …' : ''}): pass the code instead`,
  );
}

export async function resolveRegions(store: Store, inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const i of inputs) {
    // a well-formed code the gazetteer lacks still filters facts stored under it
    if (/^\d{6}$/.test(i.trim()) && !(await store.region(i.trim()))) out.push(i.trim());
    else out.push((await resolveRegion(store, i)).code);
  }
  return out;
}
