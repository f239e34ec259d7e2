/**
 * Expands command-line paths (files and folders, recursively) into the list
 * of files to read, in a stable order.
 *
 * Each real file and folder is visited once (by device and inode), so a link
 * loop (`me -> .`, `sub/up -> ..`) or two links to one file cannot repeat or
 * hang the walk. A symbolic link found inside a folder is followed only when
 * it stays inside the folders given, unless `followLinks` is set; links that
 * are not followed are listed in `skipped` with the reason.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** Extensions a folder walk picks up (a file named explicitly is always tried). */
export const DOCUMENT_EXTENSIONS = ['.txt', '.text', '.html', '.htm', '.shtml', '.xhtml', '.pdf', '.docx', '.doc'];

export interface Expanded {
  files: string[];
  /** Paths that do not exist or cannot be listed, with the reason. */
  errors: Array<{ path: string; reason: string }>;
  /** Links and repeats the walk did not follow, with the reason (not errors). */
  skipped: Array<{ path: string; reason: string }>;
}

export interface ExpandOptions {
  /** Follow symbolic links that lead out of the given folders too. */
  followLinks?: boolean;
}

const key = (st: Stats): string => `${st.dev}:${st.ino}`;

export function expandPaths(paths: readonly string[], options: ExpandOptions = {}): Expanded {
  const files: string[] = [];
  const errors: Expanded['errors'] = [];
  const skipped: Expanded['skipped'] = [];
  const seen = new Set<string>();
  const roots: string[] = [];
  const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);
  const inside = (real: string) => roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));

  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      errors.push({ path: dir, reason: `cannot list folder: ${code(err)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      let st: Stats;
      try {
        st = lstatSync(p);
        if (st.isSymbolicLink()) {
          let real: string;
          try {
            real = realpathSync(p);
            st = statSync(p);
          } catch (err) {
            skipped.push({ path: p, reason: `broken symbolic link (${code(err)}): skipped` });
            continue;
          }
          if (!options.followLinks && !inside(real)) {
            skipped.push({ path: p, reason: 'symbolic link out of the given folders: not followed (--follow-links follows it)' });
            continue;
          }
        }
      } catch (err) {
        errors.push({ path: p, reason: `cannot read: ${code(err)}` });
        continue;
      }
      const isDir = st.isDirectory();
      if (!isDir && !DOCUMENT_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) continue;
      if (seen.has(key(st))) {
        skipped.push({ path: p, reason: `same ${isDir ? 'folder' : 'file'} as one already visited (a link): skipped` });
        continue;
      }
      seen.add(key(st));
      if (isDir) walk(p);
      else files.push(p);
    }
  };

  const stats: Array<{ path: string; st: Stats }> = [];
  for (const p of paths) {
    try {
      const st = statSync(p);
      stats.push({ path: p, st });
      if (st.isDirectory()) roots.push(realpathSync(p));
    } catch (err) {
      const c = code(err);
      errors.push({ path: p, reason: c === 'ENOENT' ? 'no such file or folder' : `cannot read: ${c}` });
    }
  }
  for (const { path, st } of stats) {
    if (st.isDirectory()) {
      if (seen.has(key(st))) {
        skipped.push({ path, reason: 'folder already given: skipped' });
        continue;
      }
      seen.add(key(st));
      walk(path);
    } else {
      // a file named on the command line is read as asked; a walk does not repeat it
      seen.add(key(st));
      files.push(path);
    }
  }
  return { files, errors, skipped };
}
