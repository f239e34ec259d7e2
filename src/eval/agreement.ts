/**
 * Fact agreement between published originals (../shared/corpus/raw: PDF,
 * HTML, DOCX) and the plain-text versions of the same documents in
 * ../shared/corpus/dev. Pairs are found by the document fields (same region,
 * year and kind), not by file names. For each pair it reports the share of
 * the text version's facts (contract indicators) that the original also
 * yields: same indicator, measure, period, status, unit, scope, region and a
 * value within 0.5%.
 *
 *   node dist/eval/agreement.js
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../extract.js';
import { isContractIndicator } from '../lexicon/index.js';
import { InputError, type Extraction, type Fact } from '../types.js';
import { matchKey, type Rec } from './score.js';
import { sharedDir } from './shared.js';

function docKey(ex: Extraction): string | null {
  const d = ex.document;
  return d.region ? `${d.region.code}|${d.year}|${d.kind}` : null;
}

function found(f: Fact, pool: Fact[], used: Set<number>): boolean {
  const k = matchKey(f as unknown as Rec);
  for (let i = 0; i < pool.length; i++) {
    if (used.has(i)) continue;
    const g = pool[i]!;
    if (matchKey(g as unknown as Rec) !== k) continue;
    const ok = f.unit === 'count' || f.measure === 'rank' ? g.value === f.value : Math.abs(g.value - f.value) <= 0.005 * Math.abs(f.value);
    if (ok) {
      used.add(i);
      return true;
    }
  }
  return false;
}

async function main(): Promise<number> {
  const shared = sharedDir();
  if (!shared) {
    console.log('agreement: ../shared not found; skipping');
    return 0;
  }
  const rawDir = join(shared, 'corpus', 'raw');
  const devDir = join(shared, 'corpus', 'dev');
  const texts = new Map<string, { name: string; ex: Extraction }>();
  for (const name of readdirSync(devDir).filter((n) => n.endsWith('.txt')).sort()) {
    const ex = await extractFile(join(devDir, name));
    const k = docKey(ex);
    if (k) texts.set(k, { name, ex });
  }
  let pairs = 0;
  let sum = 0;
  for (const name of readdirSync(rawDir).sort()) {
    let ex: Extraction;
    try {
      ex = await extractFile(join(rawDir, name));
    } catch (err) {
      if (err instanceof InputError) continue;
      throw err;
    }
    const k = docKey(ex);
    const twin = k ? texts.get(k) : undefined;
    if (!twin) continue;
    const want = twin.ex.facts.filter((f) => isContractIndicator(f.indicator));
    const have = ex.facts.filter((f) => isContractIndicator(f.indicator));
    const used = new Set<number>();
    const hit = want.filter((f) => found(f, have, used)).length;
    const share = want.length ? hit / want.length : 1;
    pairs++;
    sum += share;
    console.log(
      `${name.padEnd(46)} ↔ ${twin.name.padEnd(40)} text facts ${String(want.length).padStart(3)}  original facts ${String(have.length).padStart(3)}  found ${String(hit).padStart(3)}  agreement ${share.toFixed(3)}`,
    );
  }
  console.log(`agreement: ${pairs} pairs, mean ${(pairs ? sum / pairs : 0).toFixed(3)} of the text version's facts found in the original`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`agreement: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
