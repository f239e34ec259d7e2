/**
 * `npm run eval`: extracts the seed documents and scores them against the
 * gold facts with the contract's matching rules (same rules as
 * shared/tools/score.py). Fails (exit 1) on any inexact span or when F1 falls
 * below the recorded baseline in eval/baseline.json, which only goes up.
 *
 *   npm run eval                 summary per document and overall
 *   npm run eval -- --detail     every miss and false positive
 *   npm run eval -- --update     raise the baseline to the current F1 (never lowers it)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const detail = args.includes('--detail');
  const shared = sharedDir();
  if (!shared) {
    console.log('eval: ../shared not found (it sits beside the repository in CI); skipping the accuracy gate');
    return 0;
  }
  const seeds = join(shared, 'corpus', 'seeds');
  const goldDir = join(shared, 'gold');
  const gold: Rec[] = [];
  for (const f of readdirSync(goldDir).filter((n) => n.endsWith('.jsonl')).sort()) gold.push(...readJsonl(join(goldDir, f)));
  const predicted: Rec[] = [];
  const sources = new Map<string, string[]>();
  const t0 = performance.now();
  for (const f of readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort()) {
    const ex = await extractFile(join(seeds, f));
    predicted.push(...(contractRecords(ex) as unknown as Rec[]));
    sources.set(docBase(f), Array.from(ex.source.text));
  }
  const ms = performance.now() - t0;
  const s = score(gold, predicted, contractIndicators(shared), sources);
  for (const d of s.docs) {
    const p = d.tp + d.fp ? d.tp / (d.tp + d.fp) : 0;
    const r = d.gold ? d.tp / d.gold : 0;
    console.log(`${d.doc}: gold ${d.gold} (+${d.ambiguous} ambiguous) predicted ${d.predicted} tp ${d.tp} fp ${d.fp} fn ${d.fn} P ${p.toFixed(3)} R ${r.toFixed(3)}`);
    if (detail) {
      for (const e of d.fieldErrors) console.log(`  document ${e}`);
      for (const m of d.misses) console.log(`  MISS ${m.indicator} ${m.measure} ${m.value} ${m.unit} ${m.scope ?? ''} ${m.period} ${m.status} | ${String(m.quote ?? '').replace(/\s+/g, ' ')}`);
      for (const m of d.falsePositives) console.log(`  FP   ${m.indicator} ${m.measure} ${m.value} ${m.unit} ${m.scope ?? ''} ${m.period} ${m.status} [${String(m.rule ?? '')}] | ${String(m.quote ?? '').replace(/\s+/g, ' ')}`);
    }
  }
  const baselinePath = join(repoRoot, 'eval', 'baseline.json');
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as { f1: number };
  console.log(`extracted ${s.docs.length} documents in ${ms.toFixed(0)} ms`);
  console.log(
    `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} doc-fields ${s.docFields.toFixed(3)} grounded ${s.grounded.toFixed(3)} ` +
      `(tp ${s.tp} fp ${s.fp} fn ${s.fn}, ${s.docs.length} docs) baseline F1 ${baseline.f1.toFixed(3)}`,
  );
  let ok = true;
  if (s.spansExact !== s.spansChecked) {
    console.log(`eval: FAIL: ${s.spansChecked - s.spansExact} fact(s) whose quote is not the source text at their span`);
    ok = false;
  }
  const f1 = Math.floor(s.f1 * 1000) / 1000;
  if (f1 < baseline.f1) {
    console.log(`eval: FAIL: F1 ${f1.toFixed(3)} is below the baseline ${baseline.f1.toFixed(3)} (eval/baseline.json)`);
    ok = false;
  } else if (args.includes('--update') && f1 > baseline.f1) {
    writeFileSync(baselinePath, JSON.stringify({ f1 }, null, 2) + '\n');
    console.log(`eval: baseline raised to ${f1.toFixed(3)}`);
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
