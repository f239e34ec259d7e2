/**
 * `zhibiao ingest` prints one line per file it could not ingest: an internal
 * error's stack trace only with --debug, control characters in names escaped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestOptions, IngestSummary } from '../store/ingest.js';
import type { Store } from '../store/types.js';
import { cliFlags } from './printable.js';
import { runIngest } from './store-ingest.js';

const TRACE = 'extractor failed: RangeError: Maximum call stack size exceeded\n    at renderNode (file:///x/dist/readers/html.js:400:5)\n    at renderNode (file:///x/dist/readers/html.js:410:7)';

vi.mock('../store/ingest.js', () => ({
  ingest: async (_store: Store, _paths: readonly string[], _o: IngestOptions): Promise<IngestSummary> => ({
    files: 2,
    inserted: 1,
    reextracted: 0,
    replaced: 0,
    unchanged: 0,
    facts: 3,
    dropped: 0,
    failed: [{ path: 'deep\u001b[2J.html', reason: TRACE }],
    seconds: 0.1,
    workers: 1,
  }),
}));

async function stderrOf(body: () => Promise<unknown>): Promise<string> {
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    await body();
  } finally {
    vi.restoreAllMocks();
  }
  return err;
}

describe('ingest error lines', () => {
  afterEach(() => {
    cliFlags.debug = false;
  });

  it('are one line per file, without the stack trace', async () => {
    const err = await stderrOf(() => runIngest({} as Store, ['x'], { db: 'x.db', quiet: true }));
    expect(err).toBe('zhibiao: 1 file(s) skipped:\n  deep\\x1b[2J.html: extractor failed: RangeError: Maximum call stack size exceeded (run with --debug for the details)\n');
  });

  it('show the trace with --debug', async () => {
    cliFlags.debug = true;
    const err = await stderrOf(() => runIngest({} as Store, ['x'], { db: 'x.db', quiet: true }));
    expect(err).toContain('    at renderNode');
  });
});
