/**
 * Robustness gate (run by .ci/run): extracts every document in
 * ../shared/corpus/dev and fails on any crash or any fact whose quote is not
 * the source text at its span. Prints facts per document so a reviewer can
 * see coverage. Skips with a message when ../shared is absent.
 *
 *   node dist/eval/robust.js [DIR]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../extract.js';
import { InputError } from '../types.js';
import { sharedDir } from './shared.js';

async function main(): Promise<number> {
  const shared = sharedDir();
  const dir = process.argv[2] ?? (shared ? join(shared, 'corpus', 'dev') : null);
  if (!dir) {
    console.log('robust: ../shared not found; skipping the dev-corpus sweep');
    return 0;
  }
  const files = readdirSync(dir).filter((n) => n.endsWith('.txt') && n !== 'MANIFEST.tsv').sort();
  let crashes = 0;
  let refused = 0;
  let inexact = 0;
  let facts = 0;
  let noRegion = 0;
  for (const name of files) {
    const path = join(dir, name);
    try {
      const ex = await extractFile(path);
      const cps = Array.from(ex.source.text);
      let bad = 0;
      for (const f of ex.facts) {
        if (cps.slice(f.span[0], f.span[1]).join('') !== f.quote) bad++;
      }
      inexact += bad;
      facts += ex.facts.length;
      if (!ex.document.region) noRegion++;
      const d = ex.document;
      console.log(
        `${String(ex.facts.length).padStart(4)} facts  ${d.region ? d.region.name : '?'} ${d.year ?? '?'} ${d.kind}  ${name}${bad ? `  INEXACT SPANS: ${bad}` : ''}`,
      );
    } catch (err) {
      if (err instanceof InputError) {
        refused++;
        console.log(`   - refused  ${name}: ${err.reason}`);
      } else {
        crashes++;
        console.log(`   ! CRASH    ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  }
  console.log(
    `robust: ${files.length} documents, ${facts} facts, ${refused} refused, ${crashes} crashes, ${inexact} inexact spans, ${noRegion} without a region`,
  );
  return crashes > 0 || inexact > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`robust: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
