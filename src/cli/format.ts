/**
 * Output of `zhibiao extract`: JSON Lines (the contract), one JSON document,
 * or a table for people.
 */
import type { DocumentRecord, Extraction, Fact } from '../types.js';
import { printable } from './printable.js';
import { displayWidth } from './store-table.js';
import { displayFact } from '../web/format.js';

export type OutputFormat = 'jsonl' | 'json' | 'table';

export function contractRecords(ex: Extraction): Array<DocumentRecord | Fact> {
  return [ex.document, ...ex.facts];
}

export function jsonl(ex: Extraction): string {
  return contractRecords(ex).map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - displayWidth(s)));
}

export function table(ex: Extraction, explain: boolean): string {
  const d = ex.document;
  const head = `# ${printable(d.doc)}  region=${d.region ? `${d.region.name}(${d.region.code})` : '?'} year=${d.year ?? '?'} kind=${d.kind} script=${d.script} chars=${d.chars} facts=${ex.facts.length}`;
  const lines = [head];
  for (const f of ex.facts) {
    // the value as a report prints it (98.64亿元, 增长5.1%), not in base units
    const value = displayFact({ indicator: f.indicator, measure: f.measure, value: f.value, valueMax: f.value_max ?? null, unit: f.unit, bound: f.bound, scope: f.scope ?? null });
    const cols = [
      pad(f.indicator, 34),
      pad(f.measure, 17),
      pad(value, 26),
      pad(f.period, 16),
      pad(f.status, 8),
    ];
    if (explain) cols.push(pad(f.rule, 24), `[${f.span[0]},${f.span[1]})`);
    cols.push(f.quote.replace(/\s+/g, ' '));
    lines.push(cols.join(' '));
  }
  return lines.join('\n') + '\n';
}
