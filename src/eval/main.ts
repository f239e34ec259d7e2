/**
 * `npm run eval`: extracts the documents of both gold sets and scores them
 * against the gold facts with the contract's matching rules (same rules as
 * shared/tools/score.py):
 *
 *   seeds  shared/gold/     the five seed documents of shared/corpus/seeds
 *   dev    shared/gold-dev/ fifteen documents of shared/corpus/dev
 *
 * Each set is scored on its own, per document kind (report / bulletin / news),
 * and both together. Fails (exit 1) on any inexact span, or when a set's F1
 * falls below its own baseline in eval/baseline.json, which only goes up.
 *
 *   npm run eval                 summary per document, per kind, per set
 *   npm run eval -- --detail     every miss and false positive
 *   npm run eval -- --update     raise each baseline to the current F1 (never lowers it)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractRecords } from '../cli/format.js';
import { extractFile } from '../extract.js';
import { docBase, score, type Rec } from './score.js';
import { repoRoot, sharedDir } from './shared.js';

function readJsonl(path: string): Rec[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as Rec;
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON: ${(err as Error).message}`);
      }
    });
}

function contractIndicators(shared: string): Set<string> {
  const lines = readFileSync(join(shared, 'spec', 'indicators.tsv'), 'utf8').split('\n').slice(1);
  return new Set(lines.filter((l) => l.trim()).map((l) => l.split('\t')[0]!));
}

interface GoldSet {
  name: 'seeds' | 'dev';
  gold: string;
  corpus: string;
}

interface SetResult {
  set: GoldSet;
  gold: Rec[];
  predicted: Rec[];
  sources: Map<string, string[]>;
  kinds: Map<string, string>;
  ms: number;
}

function line(label: string, s: ReturnType<typeof score>): string {
  return (
    `${label}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} doc-fields ${s.docFields.toFixed(3)} ` +
    `grounded ${s.grounded.toFixed(3)} (tp ${s.tp} fp ${s.fp} fn ${s.fn}, ${s.docs.length} docs)`
  );
}

async function runSet(set: GoldSet): Promise<SetResult> {
  const gold: Rec[] = [];
  const kinds = new Map<string, string>();
  const files: string[] = [];
  for (const f of readdirSync(set.gold).filter((n) => n.endsWith('.jsonl')).sort()) {
    const recs = readJsonl(join(set.gold, f));
    gold.push(...recs);
    const head = recs.find((r) => r.type === 'document');
    kinds.set(docBase(f), String(head?.kind ?? '?'));
    files.push(`${docBase(f)}.txt`);
  }
  const predicted: Rec[] = [];
  const sources = new Map<string, string[]>();
  const t0 = performance.now();
  for (const f of files) {
    const ex = await extractFile(join(set.corpus, f));
    predicted.push(...(contractRecords(ex) as unknown as Rec[]));
    sources.set(docBase(f), Array.from(ex.source.text));
  }
  return { set, gold, predicted, sources, kinds, ms: performance.now() - t0 };
}

const ofDocs = (recs: Rec[], docs: ReadonlySet<string>): Rec[] => recs.filter((r) => docs.has(docBase(String(r.doc ?? ''))));

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const detail = args.includes('--detail');
  const shared = sharedDir();
  if (!shared) {
    console.log('eval: ../shared not found (it sits beside the repository in CI); skipping the accuracy gate');
    return 0;
  }
  const indicators = contractIndicators(shared);
  const sets: GoldSet[] = [
    { name: 'seeds', gold: join(shared, 'gold'), corpus: join(shared, 'corpus', 'seeds') },
    { name: 'dev', gold: join(shared, 'gold-dev'), corpus: join(shared, 'corpus', 'dev') },
  ];
  const baselinePath = join(repoRoot, 'eval', 'baseline.json');
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Record<string, { f1: number }>;
  const results: SetResult[] = [];
  for (const set of sets) {
    if (!existsSync(set.gold)) {
      console.log(`eval: ${set.gold} not found; skipping the ${set.name} set`);
      continue;
    }
    results.push(await runSet(set));
  }
  let ok = true;
  const summary: string[] = [];
  for (const r of results) {
    const s = score(r.gold, r.predicted, indicators, r.sources);
    console.log(`\n== ${r.set.name} (${r.set.gold}) ==`);
    for (const d of s.docs) {
      const p = d.tp + d.fp ? d.tp / (d.tp + d.fp) : 0;
      const rc = d.gold ? d.tp / d.gold : 0;
      console.log(`${d.doc}: gold ${d.gold} (+${d.ambiguous} ambiguous) predicted ${d.predicted} tp ${d.tp} fp ${d.fp} fn ${d.fn} P ${p.toFixed(3)} R ${rc.toFixed(3)}`);
      if (detail) {
        for (const e of d.fieldErrors) console.log(`  document ${e}`);
        for (const m of d.misses) console.log(`  MISS ${m.indicator} ${m.measure} ${m.value} ${m.unit} ${m.scope ?? ''} ${m.period} ${m.status} | ${String(m.quote ?? '').replace(/\s+/g, ' ')}`);
        for (const m of d.falsePositives) console.log(`  FP   ${m.indicator} ${m.measure} ${m.value} ${m.unit} ${m.scope ?? ''} ${m.period} ${m.status} [${String(m.rule ?? '')}] | ${String(m.quote ?? '').replace(/\s+/g, ' ')}`);
      }
    }
    for (const kind of [...new Set(r.kinds.values())].sort()) {
      const docs = new Set([...r.kinds].filter(([, k]) => k === kind).map(([d]) => d));
      console.log(line(`  ${r.set.name} ${kind}`, score(ofDocs(r.gold, docs), ofDocs(r.predicted, docs), indicators, r.sources)));
    }
    const base = baseline[r.set.name]?.f1 ?? 0;
    console.log(`extracted ${s.docs.length} documents in ${r.ms.toFixed(0)} ms`);
    const l = `${line(r.set.name, s)} baseline F1 ${base.toFixed(3)}`;
    console.log(l);
    summary.push(l);
    if (s.spansExact !== s.spansChecked) {
      console.log(`eval: FAIL: ${r.set.name}: ${s.spansChecked - s.spansExact} fact(s) whose quote is not the source text at their span`);
      ok = false;
    }
    const f1 = Math.floor(s.f1 * 1000) / 1000;
    if (f1 < base) {
      console.log(`eval: FAIL: ${r.set.name}: F1 ${f1.toFixed(3)} is below the baseline ${base.toFixed(3)} (eval/baseline.json)`);
      ok = false;
    } else if (args.includes('--update') && f1 > base) {
      baseline[r.set.name] = { f1 };
      writeFileSync(baselinePath, JSON.stringify(baseline, null, 2) + '\n');
      console.log(`eval: ${r.set.name} baseline raised to ${f1.toFixed(3)}`);
    }
  }
  if (results.length > 1) {
    const all = results.flatMap((r) => [...r.sources]);
    const allKinds = new Map(results.flatMap((r) => [...r.kinds]));
    const gold = results.flatMap((r) => r.gold);
    const predicted = results.flatMap((r) => r.predicted);
    const sources = new Map(all);
    console.log('\n== both sets ==');
    for (const kind of [...new Set(allKinds.values())].sort()) {
      const docs = new Set([...allKinds].filter(([, k]) => k === kind).map(([d]) => d));
      console.log(line(`  all ${kind}`, score(ofDocs(gold, docs), ofDocs(predicted, docs), indicators, sources)));
    }
    console.log(line('all', score(gold, predicted, indicators, sources)));
    for (const l of summary) console.log(l);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
