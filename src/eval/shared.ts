/**
 * Where the shared development corpora live: `../shared` beside the
 * repository (or $ZHIBIAO_SHARED). Absent on a user's clone.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (works from src/ and dist/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(): string | null {
  const dir = process.env.ZHIBIAO_SHARED ?? join(repoRoot, '..', 'shared');
  return existsSync(join(dir, 'spec', 'FACTS.md')) ? dir : null;
}
