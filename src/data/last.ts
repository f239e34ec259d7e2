/**
 * One-entry caches for the views several stages compute from the same document
 * text: its whitespace-free form, its layout, its zones, its region mentions.
 * Each keeps its last result only (the stages ask about one document at a time).
 *
 * forgetLastResults() drops them all: the pipeline calls it once the stages that
 * share them are done, so that a large document's views are not held through
 * the rest of its extraction (a 50 MB text's were about 300 MB), nor after it
 * in a long-running worker.
 */
export interface LastResult<K, V> {
  /** The value kept for `key`, if the last one stored was for the same key. */
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  clear(): void;
}

const every = new Set<{ clear(): void }>();

/** A one-entry cache; `same` tells two keys apart (default: Object.is). */
export function lastResult<K, V>(same: (a: K, b: K) => boolean = Object.is): LastResult<K, V> {
  let last: { key: K; value: V } | undefined;
  const cache: LastResult<K, V> = {
    get: (key) => (last && same(last.key, key) ? last.value : undefined),
    set: (key, value) => {
      last = { key, value };
    },
    clear: () => {
      last = undefined;
    },
  };
  every.add(cache);
  return cache;
}

/** Drops the value of every one-entry cache. */
export function forgetLastResults(): void {
  for (const c of every) c.clear();
}
