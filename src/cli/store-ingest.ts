/**
 * `zhibiao ingest` on a terminal: a progress bar (documents/s, facts, errors)
 * while it runs, a summary and the list of bad files at the end.
 */
import cliProgress from 'cli-progress';
import { ingest, type IngestSummary } from '../store/ingest.js';
import type { Store } from '../store/types.js';
import { printable, reasonLine } from './printable.js';

export interface IngestCliOptions {
  db: string;
  workers?: number;
  force?: boolean;
  quiet?: boolean;
  /** Title and address given per file. */
  source?: (path: string) => { title?: string; sourceUrl?: string } | undefined;
  followLinks?: boolean;
}

export async function runIngest(store: Store, paths: readonly string[], o: IngestCliOptions): Promise<IngestSummary> {
  const tty = Boolean(process.stderr.isTTY) && !o.quiet;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let facts = 0;
  let errors = 0;
  const started = performance.now();
  const payload = (): Record<string, string | number> => {
    const secs = (performance.now() - started) / 1000;
    return { rate: secs > 0 ? (done / secs).toFixed(1) : '0.0', facts, errors };
  };

  const summary = await ingest(store, paths, {
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
    ...(o.force ? { force: true } : {}),
    ...(o.source ? { source: o.source } : {}),
    ...(o.followLinks ? { followLinks: true } : {}),
    onEvent: (e) => {
      if (e.type === 'start') {
        if (tty && e.total > 0) {
          bar = new cliProgress.SingleBar(
            {
              format: 'ingest {bar} {value}/{total} docs | {rate} docs/s | facts {facts} | errors {errors}',
              hideCursor: true,
              clearOnComplete: true,
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(e.total, 0, payload());
        }
        return;
      }
      done++;
      if (e.type === 'document') facts += e.facts;
      else errors++;
      bar?.update(done, payload());
    },
  });
  bar?.stop();

  const s = summary;
  const stored = s.inserted + s.reextracted + s.replaced;
  const rate = s.seconds > 0 ? (stored / s.seconds).toFixed(1) : '—';
  const lines = [
    `zhibiao: ingested ${s.files} file(s) into ${o.db} in ${s.seconds.toFixed(1)} s with ${s.workers} worker(s)`,
    `  new ${s.inserted}, re-extracted ${s.reextracted}, replaced ${s.replaced}, unchanged ${s.unchanged}, failed ${s.failed.length}`,
    `  ${s.facts} fact(s) written, ${rate} documents/s`,
  ];
  if (s.dropped) lines.push(`  warning: ${s.dropped} fact(s) broke the fact contract and were not stored (see each document's diagnostics, rule store/invalid-fact)`);
  process.stdout.write(lines.join('\n') + '\n');
  for (const k of s.skipped ?? []) process.stderr.write(`zhibiao: ${printable(k.path)}: note: ${printable(k.reason)}\n`);
  if (s.failed.length) {
    process.stderr.write(`zhibiao: ${s.failed.length} file(s) skipped:\n`);
    // one line each: an internal error's stack trace only with --debug
    for (const f of s.failed) process.stderr.write(`  ${printable(f.path)}: ${printable(reasonLine(f.reason))}\n`);
  }
  return summary;
}
