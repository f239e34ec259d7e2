/**
 * Output of `escalation`, `scorecard` and `glossary`: a table for people,
 * CSV (the dashboard's download columns) and JSON Lines (every field, with the
 * facts behind each number).
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import type { Escalation } from '../store/escalation.js';
import { flatten } from '../store/escalation.js';
import type { Scorecard } from '../store/scorecard.js';
import type { StoredGlossaryEntry } from '../glossary/store.js';
import { escalationSheet, glossarySheet, pp, scorecardSheet, STATE_LABELS } from '../web/analysis-sheets.js';
import { toCsv, toXlsx, type SheetTable } from '../web/download.js';
import { displayFact, OUTCOME_LABELS } from '../web/format.js';
import { indicatorName } from '../store/catalog.js';
import { renderTable } from './store-table.js';
import { factRecord } from './store-output.js';

type Format = 'table' | 'csv' | 'jsonl';

async function out(s: string): Promise<void> {
  if (!process.stdout.write(s)) await once(process.stdout, 'drain');
}

/** CSV without the BOM on stdout (a file for Excel gets it from the dashboard). */
function csv(t: SheetTable): string {
  return toCsv(t).replace(/^\ufeff/u, '');
}

export async function writeEscalation(e: Escalation, format: Format): Promise<void> {
  const nodes = flatten(e);
  if (format === 'jsonl') {
    for (const n of nodes) {
      const { children: _c, ...rest } = n;
      await out(
        `${JSON.stringify({
          ...rest,
          indicator: e.indicator,
          measure: e.measure,
          year: e.year,
          target: n.target ? factRecord(n.target) : null,
          actual: n.actual ? factRecord(n.actual) : null,
          children: n.children.map((c) => c.region.code),
        })}\n`,
      );
    }
    return;
  }
  if (format === 'csv') {
    await out(csv(escalationSheet(e)));
    return;
  }
  if (e.roots.length === 0) {
    await out(`no ${e.indicator} ${e.measure} targets for ${e.year} in the database\n`);
    return;
  }
  const rows = nodes.map((n) => [
    `${'  '.repeat(n.depth)}${n.region.name}`,
    n.target ? `${displayFact(n.target)}${n.otherTargets ? ` (+${n.otherTargets})` : ''}` : STATE_LABELS[n.state],
    `${pp(n.gapToParentPp)}${n.comparedWith && n.comparedWith.code !== n.parent ? `（较${n.comparedWith.name}）` : ''}`,
    n.actual ? `${displayFact(n.actual)}${n.actual.status === 'estimate' ? '（预计）' : ''}` : '—',
    n.outcome ? OUTCOME_LABELS[n.outcome] : '',
    n.note || (n.target ? `doc ${n.target.documentId} fact ${n.target.id}` : ''),
  ]);
  await out(`${indicatorName(e.indicator) ?? e.indicator} ${e.measure} ${e.year}\n`);
  await out(renderTable(['地区', '目标', '较上级', '实际', '结果', '说明 / 来源'], rows, 48));
  const set = nodes.filter((n) => n.state === 'set').length;
  const notSet = nodes.filter((n) => n.state === 'not_set').length;
  await out(`${nodes.length} unit(s): ${set} with a target, ${notSet} 未设目标 (the report's target list leaves it out), ${nodes.length - set - notSet} 无资料\n`);
}

export async function writeScorecard(c: Scorecard, format: Format | 'xlsx', file?: string): Promise<void> {
  const sheet = scorecardSheet(c);
  if (format === 'xlsx') {
    writeFileSync(file!, await toXlsx(sheet));
    process.stderr.write(`zhibiao: ${c.rows.length} unit(s) written to ${file}\n`);
    return;
  }
  if (format === 'csv') {
    if (file) writeFileSync(file, toCsv(sheet));
    else await out(csv(sheet));
    return;
  }
  if (format === 'jsonl') {
    for (const r of c.rows) await out(`${JSON.stringify({ ...r, year: c.year, inputs: c.inputs.map((w, i) => ({ ...w, ...r.cells[i] })), cells: undefined })}\n`);
    return;
  }
  const labels = c.inputs.map((w) => w.label ?? `${w.indicator}.${w.measure}`);
  const rows = c.rows.map((r) => [
    r.rank === null ? '—' : String(r.rank),
    r.region.name,
    r.composite === null ? `资料不足` : String(r.composite),
    `${Math.round(r.coverage * 100)}%`,
    ...r.cells.map((cell) => (cell.value === null ? '' : `${cell.value}${cell.unit === '%' ? '%' : ''}${cell.status === 'estimate' ? '*' : ''} #${cell.rank}`)),
  ]);
  await out(`${c.region.name} ${c.year} 综合排名 (weights: ${c.inputs.map((w) => `${w.label ?? w.indicator} ${w.weight}`).join(', ')})\n`);
  await out(renderTable(['名次', '地区', '综合', '覆盖', ...labels], rows, 24));
  await out(`value #rank per input; * = estimate (预计); coverage = share of the weights with a value (under 50%: unranked)\n`);
}

export async function writeGlossary(entries: readonly StoredGlossaryEntry[], format: Format): Promise<void> {
  if (format === 'jsonl') {
    for (const e of entries) await out(`${JSON.stringify(e)}\n`);
    return;
  }
  if (format === 'csv') {
    await out(csv(glossarySheet(entries)));
    return;
  }
  const rows = entries.map((e) => [e.term, e.definition.length > 60 ? `${e.definition.slice(0, 60)}…` : e.definition, e.region?.name ?? '', String(e.year ?? ''), e.marker ?? '正文', `doc ${e.documentId} [${e.span[0]},${e.span[1]})`]);
  await out(renderTable(['名词', '释义', '地区', '年份', '标注', '来源'], rows, 64));
  await out(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${new Set(entries.map((e) => e.term)).size} term(s)\n`);
}
