/**
 * Tables for statistics software: the long fact table (one row per fact), or
 * the wide panel (one row per region × period, one column per indicator ×
 * measure), each with a data dictionary, written as CSV, XLSX or Parquet.
 *
 * Values stay in the contract's base units (CNY, m2, person, …); the
 * dictionary says which. Variable names of the wide table are valid Stata/R
 * names (≤ 32 characters, [a-z0-9_]).
 */
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { XlsxStream } from './xlsx-stream.js';
import { compareOutcomes } from './targets.js';
import { StoreError, type FactFilter, type StoredFact, type Store } from './types.js';
import type { Measure, Status } from '../types.js';

export type ExportFormat = 'csv' | 'xlsx' | 'parquet';
export type CellType = 'string' | 'integer' | 'number';
export type Cell = string | number | null;

export interface Column {
  name: string;
  type: CellType;
  description: string;
}

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

/** What a dictionary says about each column / variable. */
export interface Dictionary {
  columns: string[];
  rows: Cell[][];
}

/** Indicator names for the dictionary (id → Chinese name). */
export type IndicatorNames = (id: string) => string | undefined;

const UNIT_NOTES: Record<string, string> = {
  CNY: 'yuan (元); 1亿元 = 100000000',
  USD: 'US dollars',
  '%': 'percent',
  pp: 'percentage points',
  rank: 'rank (1 = first)',
  count: 'count (个/家/项)',
  person: 'persons',
  person_time: 'person-times (人次)',
  head: 'head of livestock',
  m2: 'square metres; 1亩 = 666.667 m2',
  ton: 'metric tons',
  m: 'metres',
  ug_m3: 'micrograms per cubic metre',
  TEU: 'twenty-foot equivalent units',
  kW: 'kilowatts',
  index: 'index',
};

const MEASURE_NOTES: Record<Measure, string> = {
  level: 'level (amount or rate)',
  growth: 'year-on-year growth, % (average annual over a span of years)',
  growth_cumulative: 'total growth over the period, %',
  change: 'absolute change',
  rank: 'rank',
  share: 'share of a total, %',
  plan_completion: 'percent of plan completed',
};

export const LONG_COLUMNS: Column[] = [
  { name: 'fact_id', type: 'integer', description: 'fact id in this database' },
  { name: 'doc', type: 'string', description: 'source document path as ingested' },
  { name: 'document_id', type: 'integer', description: 'source document id in this database (/doc/ID in the dashboard)' },
  { name: 'document_kind', type: 'string', description: 'report (政府工作报告), bulletin (统计公报) or news' },
  { name: 'document_year', type: 'integer', description: 'year the source document reports on' },
  { name: 'region_code', type: 'string', description: 'GB/T 2260 six-digit code of the region the number is about' },
  { name: 'region_name', type: 'string', description: 'region name (Simplified Chinese)' },
  { name: 'indicator', type: 'string', description: 'indicator id (see shared/spec/indicators.tsv)' },
  { name: 'indicator_name', type: 'string', description: 'indicator name in Chinese' },
  { name: 'measure', type: 'string', description: 'level, growth, growth_cumulative, change, rank, share or plan_completion' },
  { name: 'value', type: 'number', description: 'value in the base unit (low end of a range)' },
  { name: 'value_max', type: 'number', description: 'high end of a range, else empty' },
  { name: 'unit', type: 'string', description: 'base unit: CNY, USD, %, pp, rank, count, person, person_time, head, m2, ton, m, ug_m3, TEU, kW, index' },
  { name: 'scope', type: 'string', description: 'for ranks: prefecture, province, nation or peer' },
  { name: 'period', type: 'string', description: '2023 (a year), 2023-01/2023-09 (months), 2021/2025 (years)' },
  { name: 'year', type: 'integer', description: 'calendar year the period ends in' },
  { name: 'status', type: 'string', description: 'actual, estimate (预计) or target (目标)' },
  { name: 'bound', type: 'string', description: '= exact, ~ about (左右), >= at least (以上), > more than, <= at most (以内), < less than' },
  { name: 'span_start', type: 'integer', description: 'start of the quote in the document text, Unicode code points' },
  { name: 'span_end', type: 'integer', description: 'end of the quote (exclusive), Unicode code points' },
  { name: 'quote', type: 'string', description: 'the source text the number was read from' },
  { name: 'rule', type: 'string', description: 'id of the extraction rule that produced the fact' },
  { name: 'extractor_version', type: 'string', description: 'zhibiao extractor version' },
  {
    name: 'review_state',
    type: 'string',
    description: 'unreviewed, accepted, corrected (the values are the corrected ones), rejected (only when asked for) or added (by hand)',
  },
  { name: 'review_id', type: 'integer', description: 'review deciding the fact (/api/reviews/ID), else empty' },
];

export function longRow(f: StoredFact, names: IndicatorNames): Cell[] {
  return [
    f.id,
    f.doc,
    f.documentId,
    f.documentKind,
    f.documentYear,
    f.region.code,
    f.region.name,
    f.indicator,
    names(f.indicator) ?? null,
    f.measure,
    f.value,
    f.valueMax,
    f.unit,
    f.scope,
    f.period,
    f.year,
    f.status,
    f.bound,
    f.span[0],
    f.span[1],
    f.quote,
    f.rule,
    f.extractorVersion,
    f.reviewState,
    f.reviewId,
  ];
}

export async function longTable(store: Store, filter: FactFilter, names: IndicatorNames): Promise<Table> {
  const rows: Cell[][] = [];
  await store.eachFact(filter, (f) => rows.push(longRow(f, names)));
  return { columns: LONG_COLUMNS, rows };
}

/**
 * The long table as CSV without holding it: each fact becomes a line as the
 * store reads it (a page at a time), and lines leave in chunks of about 64 KB
 * through `sink`, which must write synchronously (a file descriptor, or stdout
 * on Linux where pipes and files are synchronous). Memory stays flat however
 * many facts match. Returns the number of rows.
 */
export async function streamLongCsv(
  store: Store,
  filter: FactFilter,
  names: IndicatorNames,
  sink: (chunk: string) => void,
  bom = false,
): Promise<number> {
  let chunk = (bom ? '\ufeff' : '') + csvLine(LONG_COLUMNS.map((c) => c.name));
  const rows = await store.eachFact(filter, (f) => {
    chunk += csvLine(longRow(f, names));
    if (chunk.length >= 65536) {
      sink(chunk);
      chunk = '';
    }
  });
  if (chunk) sink(chunk);
  return rows;
}

/** streamLongCsv into a file. */
export async function streamLongCsvFile(store: Store, filter: FactFilter, names: IndicatorNames, path: string, bom = false): Promise<number> {
  const fd = openSync(path, 'w');
  try {
    return await streamLongCsv(store, filter, names, (c) => void writeSync(fd, c), bom);
  } finally {
    closeSync(fd);
  }
}

export function longDictionary(): Dictionary {
  return { columns: ['column', 'type', 'description'], rows: LONG_COLUMNS.map((c) => [c.name, c.type, c.description]) };
}

// ------------------------------------------------------------------- wide

const MEASURE_SUFFIX: Record<Measure, string> = {
  level: '',
  growth: '_growth',
  growth_cumulative: '_growth_cum',
  change: '_change',
  rank: '_rank',
  share: '_share',
  plan_completion: '_plan_pct',
};
const SCOPE_SUFFIX: Record<string, string> = { prefecture: '_pref', province: '_prov', nation: '_nat', peer: '_peer' };
const UNIT_SUFFIX: Record<string, string> = { '%': 'pct', m2: 'm2', ug_m3: 'ugm3' };

/** A Stata/R-safe variable name of at most 32 characters; long ones end in a short hash. */
export function variableName(raw: string): string {
  let name = raw.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (/^[0-9]/.test(name)) name = `v_${name}`;
  if (name.length <= 32) return name;
  const tag = createHash('sha1').update(name).digest('hex').slice(0, 4);
  return `${name.slice(0, 27)}_${tag}`;
}

interface Variable {
  key: string;
  name: string;
  indicator: string;
  measure: Measure;
  scope: string | null;
  unit: string;
  cells: number;
}

export interface WideOptions {
  /**
   * Statuses a cell may come from, in order of preference. Default: the best
   * available value — reviewed > actual > estimate, never a target — with an
   * `_est` column (1 = the cell is an estimate, 预计) beside each variable that has estimates.
   */
  statuses?: Status[];
}

/**
 * The panel: one row per region × period, one column per indicator × measure
 * (× rank scope, × unit when an indicator comes in several). When several
 * facts fill one cell, the preferred status wins, then a bulletin over a
 * report over news, then the newer document.
 */
export async function wideTable(
  store: Store,
  filter: FactFilter,
  names: IndicatorNames,
  options: WideOptions = {},
): Promise<{ table: Table; dictionary: Dictionary }> {
  const best = options.statuses === undefined;
  const statuses = options.statuses ?? ['actual', 'estimate'];
  const facts: StoredFact[] = [];
  await store.eachFact({ ...filter, statuses }, (f) => facts.push(f));

  const baseKey = (f: StoredFact): string => `${f.indicator}|${f.measure}|${f.scope ?? ''}`;
  const unitsOf = new Map<string, Set<string>>();
  for (const f of facts) {
    const k = baseKey(f);
    const s = unitsOf.get(k) ?? new Set<string>();
    s.add(f.unit);
    unitsOf.set(k, s);
  }
  const variables = new Map<string, Variable>();
  const variableOf = (f: StoredFact): Variable => {
    const key = `${baseKey(f)}|${f.unit}`;
    let v = variables.get(key);
    if (!v) {
      const several = (unitsOf.get(baseKey(f))?.size ?? 1) > 1;
      const raw =
        f.indicator +
        MEASURE_SUFFIX[f.measure] +
        (f.scope ? (SCOPE_SUFFIX[f.scope] ?? `_${f.scope}`) : '') +
        (several ? `_${UNIT_SUFFIX[f.unit] ?? f.unit}` : '');
      v = { key, name: variableName(raw), indicator: f.indicator, measure: f.measure, scope: f.scope, unit: f.unit, cells: 0 };
      variables.set(key, v);
    }
    return v;
  };

  const statusRank = (s: Status): number => statuses.indexOf(s);
  const better = (a: StoredFact, b: StoredFact): boolean =>
    best ? compareOutcomes(a, b) < 0 :
    statusRank(a.status) - statusRank(b.status) < 0 ||
    (statusRank(a.status) === statusRank(b.status) && compareOutcomes({ ...a, status: 'actual' }, { ...b, status: 'actual' }) < 0);

  // row key → variable key → chosen fact
  const cells = new Map<string, { region: StoredFact['region']; period: string; year: number | null; values: Map<string, StoredFact> }>();
  for (const f of facts) {
    const v = variableOf(f);
    const rk = `${f.region.code}|${f.period}`;
    let row = cells.get(rk);
    if (!row) {
      row = { region: f.region, period: f.period, year: f.year, values: new Map() };
      cells.set(rk, row);
    }
    const cur = row.values.get(v.key);
    if (!cur || better(f, cur)) row.values.set(v.key, f);
  }

  const vars = [...variables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rowKeys = [...cells.keys()].sort();
  // which variables hold an estimate somewhere (they get an _est flag column)
  const estimated = new Set<string>();
  if (best) for (const r of cells.values()) for (const [k, f] of r.values) if (f.status === 'estimate') estimated.add(k);
  const rows: Cell[][] = rowKeys.map((k) => {
    const r = cells.get(k)!;
    return [
      r.region.code,
      r.region.name,
      r.period,
      r.year,
      ...vars.flatMap((v) => {
        const f = r.values.get(v.key);
        if (f) v.cells++;
        const value: Cell = f ? f.value : null;
        return estimated.has(v.key) ? [value, f ? (f.status === 'estimate' ? 1 : 0) : null] : [value];
      }),
    ];
  });
  const columns: Column[] = [
    { name: 'region_code', type: 'string', description: 'GB/T 2260 six-digit region code' },
    { name: 'region_name', type: 'string', description: 'region name' },
    { name: 'period', type: 'string', description: '2023 (a year), 2023-01/2023-09 (months), 2021/2025 (years)' },
    { name: 'year', type: 'integer', description: 'calendar year the period ends in' },
    ...vars.flatMap((v) => [
      { name: v.name, type: 'number' as const, description: describe(v, names) },
      ...(estimated.has(v.key)
        ? [{ name: variableName(`${v.name.slice(0, 28)}_est`), type: 'integer' as const, description: `1 when ${v.name} is an estimate (预计), 0 when an actual` }]
        : []),
    ]),
  ];
  const statusNote = best ? 'best: reviewed>actual>estimate' : statuses.join(',');
  const dictionary: Dictionary = {
    columns: ['variable', 'indicator', 'indicator_name', 'measure', 'scope', 'unit', 'unit_note', 'statuses', 'non_empty', 'description'],
    rows: [
      ...columns.slice(0, 4).map((c): Cell[] => [c.name, null, null, null, null, null, null, null, rows.length, c.description]),
      ...columns.filter((c) => c.name.endsWith('_est') && c.type === 'integer').map((c): Cell[] => [c.name, null, null, null, null, null, null, null, null, c.description]),
      ...vars.map((v): Cell[] => [
        v.name,
        v.indicator,
        names(v.indicator) ?? null,
        v.measure,
        v.scope,
        v.unit,
        UNIT_NOTES[v.unit] ?? null,
        statusNote,
        v.cells,
        describe(v, names),
      ]),
    ],
  };
  return { table: { columns, rows }, dictionary };
}

function describe(v: Variable, names: IndicatorNames): string {
  const name = names(v.indicator) ?? v.indicator;
  const scope = v.scope ? ` within the ${v.scope}` : '';
  return `${name} (${v.indicator}): ${MEASURE_NOTES[v.measure]}${scope}, in ${UNIT_NOTES[v.unit] ?? v.unit}`;
}

// ---------------------------------------------------------------- writers

export function csvField(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  return /[",\r\n]/.test(c) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export async function writeCsv(out: Writable, header: readonly string[], rows: readonly Cell[][], bom = false): Promise<void> {
  if (bom) await write(out, '\ufeff');
  await write(out, csvLine(header));
  for (const r of rows) await write(out, csvLine(r));
}

export async function writeCsvFile(path: string, header: readonly string[], rows: readonly Cell[][], bom = false): Promise<void> {
  const out = createWriteStream(path);
  await writeCsv(out, header, rows, bom);
  out.end();
  await once(out, 'finish');
}

/** Rows an Excel sheet holds, header included. */
export const XLSX_MAX_ROWS = 1_048_576;

const tooManyRows = (rows: number) =>
  new StoreError(
    'invalid',
    `${rows} rows do not fit in an Excel sheet (at most ${XLSX_MAX_ROWS - 1}): filter the export (--region, --indicator, --year) or use --format csv or parquet`,
  );

const dataWidths = (columns: readonly Column[]) => columns.map((c) => ({ width: Math.min(40, Math.max(10, c.name.length + 2)) }));

function dictionarySheet(w: XlsxStream, dictionary: Dictionary): void {
  w.sheet('dictionary', dictionary.columns.map((c) => ({ width: c === 'description' ? 80 : 16 })));
  w.row(dictionary.columns, true);
  for (const r of dictionary.rows) w.row(r);
}

/** Writes a workbook with `fill`, removing the file if it fails half-way. */
async function withXlsx(path: string, fill: (w: XlsxStream) => Promise<void>): Promise<void> {
  const w = new XlsxStream(path);
  try {
    await fill(w);
    w.close();
  } catch (err) {
    w.abort();
    rmSync(path, { force: true });
    throw err;
  }
}

/** An XLSX workbook with the table on sheet "data" and the dictionary on sheet "dictionary". */
export async function writeXlsx(path: string, table: Table, dictionary: Dictionary): Promise<void> {
  if (table.rows.length + 1 > XLSX_MAX_ROWS) throw tooManyRows(table.rows.length);
  await withXlsx(path, async (w) => {
    w.sheet('data', dataWidths(table.columns));
    w.row(table.columns.map((c) => c.name), true);
    for (const r of table.rows) w.row(r);
    dictionarySheet(w, dictionary);
  });
}

/**
 * The long table as an XLSX workbook without holding it: each fact becomes a
 * row as the store reads it. More facts than a sheet holds stop the export
 * (and remove the file) with the advice to filter. Returns the number of rows.
 */
export async function streamLongXlsxFile(store: Store, filter: FactFilter, names: IndicatorNames, path: string): Promise<number> {
  let rows = 0;
  await withXlsx(path, async (w) => {
    w.sheet('data', dataWidths(LONG_COLUMNS));
    w.row(LONG_COLUMNS.map((c) => c.name), true);
    await store.eachFact(filter, (f) => {
      if (++rows + 1 > XLSX_MAX_ROWS) throw tooManyRows(rows);
      w.row(longRow(f, names));
    });
    dictionarySheet(w, longDictionary());
  });
  return rows;
}

/**
 * Rows per Parquet row group (and per batch held while streaming). Measured on the
 * national bench's 196,315 facts: 10,000 rows 263 MB peak RSS and a 5.6 MB file,
 * 20,000 rows 316 MB and 5.39 MB, 50,000 rows 472 MB and 5.31 MB; all in memory 730 MB.
 */
const PARQUET_BATCH = 20_000;

type ParquetType = 'STRING' | 'INT64' | 'DOUBLE';
const parquetType = (c: Column): ParquetType => (c.type === 'string' ? 'STRING' : c.type === 'integer' ? 'INT64' : 'DOUBLE');

/** Writes Parquet row groups batch by batch: only one batch of rows is held at a time. */
class ParquetBatches {
  private readonly writer: ParquetWriter;
  private batch: Cell[][] = [];

  constructor(
    path: string,
    private readonly columns: readonly Column[],
    private readonly batchRows = PARQUET_BATCH,
  ) {
    const schema = schemaFromColumnData({ columnData: columns.map((c) => ({ name: c.name, data: [], type: parquetType(c) })) });
    this.writer = new ParquetWriter({ writer: fileWriter(path), schema, kvMetadata: [{ key: 'created_by', value: 'zhibiao export' }] });
  }

  push(row: Cell[]): void {
    this.batch.push(row);
    if (this.batch.length >= this.batchRows) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    const columnData = this.columns.map((c, i) => ({
      name: c.name,
      // INT64 columns take bigint values
      data: parquetType(c) === 'INT64' ? rows.map((r) => (r[i] === null || r[i] === undefined ? null : BigInt(r[i] as number))) : rows.map((r) => r[i] ?? null),
    }));
    void this.writer.write({ columnData, rowGroupSize: rows.length });
  }

  finish(): void {
    this.flush();
    this.writer.finish();
  }
}

/** `batchRows`: rows per row group. */
export async function writeParquet(path: string, table: Table, batchRows = PARQUET_BATCH): Promise<void> {
  const w = new ParquetBatches(path, table.columns, batchRows);
  for (const r of table.rows) w.push(r);
  w.finish();
}

/** The long table as Parquet, a row group at a time as the store reads the facts. Returns the number of rows. */
export async function streamLongParquetFile(store: Store, filter: FactFilter, names: IndicatorNames, path: string): Promise<number> {
  const w = new ParquetBatches(path, LONG_COLUMNS);
  let rows = 0;
  try {
    rows = await store.eachFact(filter, (f) => w.push(longRow(f, names)));
    w.finish();
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  return rows;
}

/** The dictionary file written beside a CSV or Parquet export: data.csv → data.dictionary.csv. */
export function dictionaryPath(path: string): string {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > slash ? `${path.slice(0, dot)}.dictionary.csv` : `${path}.dictionary.csv`;
}
