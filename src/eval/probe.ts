/**
 * `npm run probe`: the recall probe over documents without gold (every dev
 * document and every raw published file): numbers with a unit or % in a
 * sentence that names an indicator but produced no fact, counted and grouped
 * by the words around them. Prints the top patterns with examples.
 *
 *   npm run probe [-- --top 30] [--json] [--facts FILE.jsonl] [DIR...]
 *
 * --facts takes the facts from an earlier `zhibiao extract --format jsonl` run
 * (its `doc` paths) instead of extracting: the names come from the current
 * lexicon, so an older extractor's output is counted by the same yardstick.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../extract.js';
import { readSource } from '../readers/index.js';
import { InputError } from '../types.js';
import { sharedDir } from './shared.js';
import { groupUnclaimed, unclaimedNumbers, type Unclaimed } from './unclaimed.js';

function filesOf(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesOf(path));
    else if (!/\.(tsv|md|json|jsonl)$/i.test(name)) out.push(path);
  }
  return out;
}

/** Facts of an extract run by document path. */
function readFacts(path: string): Map<string, Array<{ span: [number, number] }>> {
  const out = new Map<string, Array<{ span: [number, number] }>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { type?: string; doc?: string; span?: [number, number] };
    if (r.type !== 'fact' || !r.doc || !r.span) continue;
    let list = out.get(r.doc);
    if (!list) out.set(r.doc, (list = []));
    list.push({ span: r.span });
  }
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 30;
  const json = args.includes('--json');
  const factsAt = args.indexOf('--facts');
  const given = factsAt >= 0 ? readFacts(args[factsAt + 1]!) : null;
  const dirs = args.filter((a, i) => !a.startsWith('--') && i !== topAt + 1 && i !== factsAt + 1);
  const shared = sharedDir();
  if (dirs.length === 0) {
    if (!shared) {
      console.log('probe: ../shared not found; skipping the recall probe');
      return 0;
    }
    dirs.push(join(shared, 'corpus', 'dev'), join(shared, 'corpus', 'raw'));
  }
  const all: Array<Unclaimed & { doc: string }> = [];
  let docs = 0;
  let numbers = 0;
  let facts = 0;
  for (const dir of dirs) {
    for (const path of filesOf(dir)) {
      try {
        let text: string;
        let spans: Array<{ span: [number, number] }>;
        if (given) {
          text = (await readSource(path)).text;
          spans = given.get(path) ?? [];
        } else {
          const ex = await extractFile(path);
          text = ex.source.text;
          spans = ex.facts;
        }
        docs++;
        facts += spans.length;
        const un = unclaimedNumbers(text, spans);
        numbers += un.length;
        const doc = path.slice(dir.length + 1);
        for (const u of un) all.push({ ...u, doc });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
      }
    }
  }
  const groups = groupUnclaimed(all);
  if (json) {
    console.log(JSON.stringify({ documents: docs, facts, unclaimed: numbers, patterns: groups.slice(0, top) }, null, 2));
    return 0;
  }
  console.log(`probe: ${docs} documents, ${facts} facts, ${numbers} unclaimed numbers next to an indicator name, ${groups.length} patterns`);
  for (const g of groups.slice(0, top)) {
    console.log(`${String(g.count).padStart(5)} in ${String(g.documents).padStart(3)} docs  ${g.pattern}`);
    for (const e of g.examples) console.log(`         ${e}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`probe: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
