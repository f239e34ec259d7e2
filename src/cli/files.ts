/**
 * Expands command-line paths (files and folders, recursively) into the list
 * of files to read, in a stable order.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Extensions a folder walk picks up (a file named explicitly is always tried). */
export const DOCUMENT_EXTENSIONS = ['.txt', '.text', '.html', '.htm', '.shtml', '.xhtml', '.pdf', '.docx', '.doc'];

export interface Expanded {
  files: string[];
  /** Paths that do not exist or cannot be listed, with the reason. */
  errors: Array<{ path: string; reason: string }>;
}

export function expandPaths(paths: readonly string[]): Expanded {
  const files: string[] = [];
  const errors: Expanded['errors'] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      errors.push({ path: dir, reason: `cannot list folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch (err) {
        errors.push({ path: p, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
        continue;
      }
      if (isDir) walk(p);
      else if (DOCUMENT_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push({ path: p, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(err)}` });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, errors };
}
