#!/usr/bin/env node
// Precision and recall of the glossary reader (dist/glossary/read.js) against
// src/glossary/hand-list.tsv on the dev corpus: node scripts/glossary-precision.mjs [corpus dir]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSource } from '../dist/readers/index.js';
import { readGlossary } from '../dist/glossary/read.js';

const dir = process.argv[2] ?? new URL('../../shared/corpus/dev/', import.meta.url).pathname;
const norm = (t) => t.replace(/[“”"\s]/g, '');
const hand = new Map();
for (const line of readFileSync(new URL('../src/glossary/hand-list.tsv', import.meta.url), 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('doc\t')) continue;
  const [doc, term] = line.split('\t');
  if (!hand.has(doc)) hand.set(doc, new Set());
  if (term) hand.get(doc).add(norm(term));
}
let tp = 0, fp = 0, fn = 0;
for (const [doc, want] of hand) {
  const got = new Set(readGlossary((await readSource(join(dir, doc))).text).map((e) => norm(e.term)));
  const falsePos = [...got].filter((t) => !want.has(t));
  const missed = [...want].filter((t) => !got.has(t));
  const hit = got.size - falsePos.length;
  tp += hit; fp += falsePos.length; fn += missed.length;
  console.log(`${doc}: hand ${want.size} read ${got.size} tp ${hit}${falsePos.length ? ` fp [${falsePos.join(' | ')}]` : ''}${missed.length ? ` missed [${missed.join(' | ')}]` : ''}`);
}
const p = tp / (tp + fp), r = tp / (tp + fn);
console.log(`all: tp ${tp} fp ${fp} fn ${fn} precision ${p.toFixed(3)} recall ${r.toFixed(3)}`);
