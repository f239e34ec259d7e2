/**
 * Which real documents the tests ingest: the seeds of ../shared/corpus when the
 * shared folder sits beside the repository, else the bundled examples/.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const SEEDS = join(SHARED, 'corpus', 'seeds');
export const EXAMPLES = join(REPO_ROOT, 'examples');

export function hasShared(): boolean {
  return existsSync(SEEDS);
}

/** The folder of real documents to ingest in tests. */
export function corpusDir(): string {
  return hasShared() ? SEEDS : EXAMPLES;
}

export function corpusFiles(): string[] {
  const dir = corpusDir();
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && /\.(txt|html?|pdf|docx)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}
