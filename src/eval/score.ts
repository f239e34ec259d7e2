/**
 * Scoring by the contract's matching rules (shared/spec/FACTS.md), written to
 * agree with the reference scorer shared/tools/score.py line for line:
 * documents matched by file name without extension; a prediction matches the
 * first unused gold fact with the same key and a value within 0.5% (exact for
 * ranks and counts); predictions outside the scored indicator list are
 * ignored; ambiguous gold facts are neither required nor counted as wrong.
 */
import { basename, extname } from 'node:path';

export interface Rec {
  type?: string;
  doc?: string;
  region?: { code?: string; name?: string } | string | null;
  indicator?: string;
  measure?: string;
  value?: number;
  unit?: string;
  scope?: string;
  period?: string;
  status?: string;
  span?: [number, number];
  quote?: string;
  ambiguous?: boolean;
  year?: number | null;
  kind?: string;
  [k: string]: unknown;
}

const TOL = 0.005;

export function docBase(p: string): string {
  const b = basename(String(p));
  return b.slice(0, b.length - extname(b).length);
}

function regionCode(r: Rec['region']): string | undefined {
  if (r && typeof r === 'object') return r.code || r.name || undefined;
  return r ?? undefined;
}

export function matchKey(f: Rec): string {
  const k = [regionCode(f.region), f.indicator, f.measure, String(f.period), f.status, f.unit];
  if (f.measure === 'rank') k.push(f.scope);
  return JSON.stringify(k);
}

function close(a: unknown, b: unknown, exact: boolean): boolean {
  const x = Number(a);
  const y = Number(b);
  if (a === null || a === undefined || b === null || b === undefined || Number.isNaN(x) || Number.isNaN(y)) return false;
  if (exact) return x === y;
  if (y === 0) return Math.abs(x) < 1e-9;
  return Math.abs(x - y) <= TOL * Math.abs(y);
}

export interface DocScore {
  doc: string;
  gold: number;
  ambiguous: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  misses: Rec[];
  falsePositives: Rec[];
  fieldErrors: string[];
}

export interface Score {
  docs: DocScore[];
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  docFields: number;
  grounded: number;
  spansChecked: number;
  spansExact: number;
}

/**
 * @param sources code-point arrays of each document's source text, by doc base name
 */
export function score(gold: Rec[], predicted: Rec[], indicators: ReadonlySet<string>, sources: Map<string, string[]>): Score {
  const goldDocs = new Map<string, Rec>();
  const goldFacts = new Map<string, Rec[]>();
  for (const r of gold) {
    const d = docBase(r.doc ?? '');
    if (r.type === 'document') goldDocs.set(d, r);
    else {
      if (!goldFacts.has(d)) goldFacts.set(d, []);
      goldFacts.get(d)!.push(r);
    }
  }
  const predDocs = new Map<string, Rec>();
  const predFacts = new Map<string, Rec[]>();
  for (const r of predicted) {
    const d = docBase(r.doc ?? '');
    if (r.type === 'document') predDocs.set(d, r);
    else if (r.type === 'fact') {
      if (!predFacts.has(d)) predFacts.set(d, []);
      predFacts.get(d)!.push(r);
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let docOk = 0;
  let docN = 0;
  let spansOk = 0;
  let spansN = 0;
  const docs: DocScore[] = [];
  for (const d of [...goldDocs.keys()].sort()) {
    const gAll = goldFacts.get(d) ?? [];
    const g = gAll.filter((x) => !x.ambiguous);
    const amb = gAll.filter((x) => x.ambiguous);
    const allPred = predFacts.get(d) ?? [];
    const p = allPred.filter((x) => indicators.has(x.indicator ?? ''));
    const src = sources.get(d);
    for (const x of allPred) {
      spansN++;
      const sp = x.span;
      if (src && Array.isArray(sp) && sp.length === 2 && x.quote) {
        if (src.slice(sp[0], sp[1]).join('') === x.quote) spansOk++;
      }
    }
    const gd = goldDocs.get(d)!;
    const pd = predDocs.get(d) ?? {};
    const fieldErrors: string[] = [];
    for (const fld of ['region', 'year', 'kind'] as const) {
      docN++;
      let a: unknown = gd[fld];
      let b: unknown = pd[fld];
      if (fld === 'region') {
        a = regionCode(gd.region);
        b = regionCode(pd.region);
      }
      if (a === b || (a == null && b == null)) docOk++;
      else fieldErrors.push(`${fld}: gold ${JSON.stringify(a)} predicted ${JSON.stringify(b)}`);
    }
    const byKey = new Map<string, number[]>();
    g.forEach((x, i) => {
      const k = matchKey(x);
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k)!.push(i);
    });
    const ambByKey = new Map<string, Rec[]>();
    for (const x of amb) {
      const k = matchKey(x);
      if (!ambByKey.has(k)) ambByKey.set(k, []);
      ambByKey.get(k)!.push(x);
    }
    const used = new Set<number>();
    let dtp = 0;
    let dfp = 0;
    const fps: Rec[] = [];
    for (const x of p) {
      const exact = x.measure === 'rank' || x.unit === 'count';
      let hit: number | undefined;
      for (const i of byKey.get(matchKey(x)) ?? []) {
        if (!used.has(i) && close(x.value, g[i]!.value, exact)) {
          hit = i;
          break;
        }
      }
      if (hit !== undefined) {
        used.add(hit);
        dtp++;
      } else if ((ambByKey.get(matchKey(x)) ?? []).some((a) => close(x.value, a.value, exact))) {
        // matches an ambiguous gold fact: neither right nor wrong
      } else {
        dfp++;
        fps.push(x);
      }
    }
    const dfn = g.length - used.size;
    tp += dtp;
    fp += dfp;
    fn += dfn;
    docs.push({
      doc: d,
      gold: g.length,
      ambiguous: amb.length,
      predicted: p.length,
      tp: dtp,
      fp: dfp,
      fn: dfn,
      misses: g.filter((_, i) => !used.has(i)),
      falsePositives: fps,
      fieldErrors,
    });
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    docs, tp, fp, fn, precision, recall, f1,
    docFields: docN ? docOk / docN : 0,
    grounded: spansN ? spansOk / spansN : 0,
    spansChecked: spansN,
    spansExact: spansOk,
  };
}
