/**
 * Output of the database commands: `facts` and `targets` as a table, CSV or
 * JSON Lines; `export` as CSV, XLSX or Parquet (long or wide) with a data
 * dictionary.
 */
import { once } from 'node:events';
import { periodLabel } from '../store/periods.js';
import {
  LONG_COLUMNS,
  csvLine,
  dictionaryPath,
  longDictionary,
  longRow,
  longTable,
  streamLongCsv,
  streamLongCsvFile,
  streamLongParquetFile,
  streamLongXlsxFile,
  wideTable,
  writeCsvFile,
  writeParquet,
  writeXlsx,
  type Cell,
  type IndicatorNames,
} from '../store/export.js';
import type { FactFilter, StoredFact, Store, TargetOutcome, TargetQuery } from '../store/types.js';
import type { Status } from '../types.js';
import { displayFact, OUTCOME_LABELS, STATUS_LABELS } from '../web/format.js';
import { indicatorName } from '../store/catalog.js';
import { renderTable } from './store-table.js';

export type ListFormat = 'table' | 'csv' | 'jsonl';

async function out(s: string): Promise<void> {
  if (!process.stdout.write(s)) await once(process.stdout, 'drain');
}

/** A stored fact as a contract record, plus where it is stored. */
export function factRecord(f: StoredFact): Record<string, unknown> {
  return {
    type: 'fact',
    doc: f.doc,
    region: f.region,
    indicator: f.indicator,
    measure: f.measure,
    value: f.value,
    ...(f.valueMax !== null ? { value_max: f.valueMax } : {}),
    unit: f.unit,
    ...(f.scope ? { scope: f.scope } : {}),
    period: f.period,
    status: f.status,
    bound: f.bound,
    span: f.span,
    quote: f.quote,
    rule: f.rule,
    id: f.id,
    document_id: f.documentId,
    extractor_version: f.extractorVersion,
  };
}

function factCells(f: StoredFact): string[] {
  return [
    f.region.name,
    indicatorName(f.indicator) ?? f.indicator,
    displayFact(f),
    periodLabel(f.period),
    STATUS_LABELS[f.status],
    `#${f.documentId}`,
    f.quote.replace(/\s+/g, ' '),
  ];
}

export async function factsCommand(store: Store, filter: FactFilter, o: { format: ListFormat; limit?: number; offset?: number }): Promise<void> {
  const names: IndicatorNames = indicatorName;
  if (o.format === 'table') {
    const page = await store.facts({ ...filter, limit: o.limit ?? 50, offset: o.offset ?? 0 });
    await out(renderTable(['地区', '指标', '数值', '时期', '状态', '文件', '原文'], page.items.map(factCells)));
    const shown = page.items.length;
    await out(`${shown} of ${page.total} fact(s)${page.total > shown + page.offset ? ' (use --limit/--offset, or --format csv for all)' : ''}\n`);
    return;
  }
  if (o.format === 'csv') await out(csvLine(LONG_COLUMNS.map((c) => c.name)));
  const write = async (f: StoredFact): Promise<void> => {
    await out(o.format === 'csv' ? csvLine(longRow(f, names)) : `${JSON.stringify(factRecord(f))}\n`);
  };
  if (o.limit !== undefined || o.offset !== undefined) {
    const page = await store.facts({ ...filter, limit: o.limit ?? 10_000, offset: o.offset ?? 0 });
    for (const f of page.items) await write(f);
    return;
  }
  const all: StoredFact[] = [];
  await store.eachFact(filter, (f) => all.push(f));
  for (const f of all) await write(f);
}

function targetCells(t: TargetOutcome): string[] {
  return [
    t.target.region.name,
    indicatorName(t.target.indicator) ?? t.target.indicator,
    periodLabel(t.target.period),
    displayFact(t.target),
    t.actual ? `${displayFact(t.actual)}${t.actual.status === 'estimate' ? '（预计）' : ''}` : '—',
    OUTCOME_LABELS[t.outcome],
    t.gapPp === null ? '' : `${t.gapPp >= 0 ? '+' : ''}${Number(t.gapPp.toFixed(2))}${t.target.unit === '%' || t.target.unit === 'pp' ? 'pp' : '%'}`,
  ];
}

export async function targetsCommand(store: Store, query: TargetQuery, format: ListFormat): Promise<void> {
  const items = await store.targets(query);
  if (format === 'table') {
    await out(renderTable(['地区', '指标', '时期', '目标', '实际', '结果', '差距'], items.map(targetCells)));
    const n = { met: 0, missed: 0, pending: 0, no_data: 0 };
    for (const t of items) n[t.outcome]++;
    await out(`${items.length} target(s): ${n.met} met, ${n.missed} missed, ${n.pending} pending (period not over), ${n.no_data} without outcome data (period over)\n`);
    return;
  }
  if (format === 'jsonl') {
    for (const t of items) await out(`${JSON.stringify({ ...t, target: factRecord(t.target), actual: t.actual ? factRecord(t.actual) : null })}\n`);
    return;
  }
  const header = ['region_code', 'region_name', 'indicator', 'measure', 'unit', 'period', 'target_bound', 'target', 'target_max', 'target_fact_id', 'actual', 'actual_status', 'actual_fact_id', 'outcome', 'gap', 'gap_pp', 'rule'];
  await out(csvLine(header));
  for (const t of items) {
    const row: Cell[] = [
      t.target.region.code,
      t.target.region.name,
      t.target.indicator,
      t.target.measure,
      t.target.unit,
      t.target.period,
      t.target.bound,
      t.target.value,
      t.target.valueMax,
      t.target.id,
      t.actual?.value ?? null,
      t.actual?.status ?? null,
      t.actual?.id ?? null,
      t.outcome,
      t.gap,
      t.gapPp,
      t.rule,
    ];
    await out(csvLine(row));
  }
}

export interface ExportOptions {
  format: 'csv' | 'xlsx' | 'parquet';
  wide: boolean;
  out: string | undefined;
  bom: boolean;
  statuses: Status[] | undefined;
}

export async function exportCommand(store: Store, filter: FactFilter, o: ExportOptions, names: IndicatorNames): Promise<void> {
  const base = o.wide ? 'zhibiao-wide' : 'zhibiao-facts';
  const path = o.out ?? `${base}.${o.format}`;
  if (!o.wide) {
    // the long table is streamed in every format, never built in memory
    const longFilter = { ...filter, ...(o.statuses ? { statuses: o.statuses } : {}) };
    if (path === '-') {
      const n = await streamLongCsv(store, longFilter, names, (c) => void process.stdout.write(c), o.bom);
      process.stderr.write(`zhibiao: ${n} row(s) written to stdout (no dictionary: use --out FILE to get one)\n`);
      return;
    }
    if (o.format === 'xlsx') {
      const n = await streamLongXlsxFile(store, longFilter, names, path);
      process.stdout.write(`zhibiao: ${n} row(s) × ${LONG_COLUMNS.length} column(s) written to ${path} (data dictionary in its "dictionary" sheet)\n`);
      return;
    }
    const n = o.format === 'csv' ? await streamLongCsvFile(store, longFilter, names, path, o.bom) : await streamLongParquetFile(store, longFilter, names, path);
    const dict = longDictionary();
    const dictFile = dictionaryPath(path);
    await writeCsvFile(dictFile, dict.columns, dict.rows, o.bom);
    process.stdout.write(`zhibiao: ${n} row(s) × ${LONG_COLUMNS.length} column(s) written to ${path}, data dictionary in ${dictFile}\n`);
    return;
  }
  // the wide panel is built in memory: a cell can only be chosen once all of its facts are seen
  const { table, dictionary } = await wideTable(store, filter, names, o.statuses ? { statuses: o.statuses } : {});
  const header = table.columns.map((c) => c.name);
  if (path === '-') {
    if (o.bom) await out('\ufeff');
    await out(csvLine(header));
    for (const r of table.rows) await out(csvLine(r));
    process.stderr.write(`zhibiao: ${table.rows.length} row(s) written to stdout (no dictionary: use --out FILE to get one)\n`);
    return;
  }
  let dictFile: string | undefined;
  if (o.format === 'xlsx') {
    await writeXlsx(path, table, dictionary);
  } else {
    if (o.format === 'csv') await writeCsvFile(path, header, table.rows, o.bom);
    else await writeParquet(path, table);
    dictFile = dictionaryPath(path);
    await writeCsvFile(dictFile, dictionary.columns, dictionary.rows, o.bom);
  }
  process.stdout.write(
    `zhibiao: ${table.rows.length} row(s) × ${table.columns.length} column(s) written to ${path}` +
      (dictFile ? `, data dictionary in ${dictFile}` : ' (data dictionary in its "dictionary" sheet)') +
      '\n',
  );
}
