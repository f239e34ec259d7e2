import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorName } from './catalog.js';
import {
  LONG_COLUMNS,
  csvLine,
  dictionaryPath,
  longDictionary,
  longTable,
  streamLongParquetFile,
  streamLongXlsxFile,
  variableName,
  wideTable,
  writeCsvFile,
  writeParquet,
  writeXlsx,
} from './export.js';
import { loadSample, SAMPLE_FACT_COUNT } from './sample.case.js';
import { openSqliteStore, type SqliteStore } from './sqlite.js';

let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-export-'));
  store = openSqliteStore(join(dir, 'export.db'));
  await loadSample(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** RFC 4180 reader, enough to read back what csvLine writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csv', () => {
  it('quotes what needs quoting and round-trips', () => {
    const line = csvLine(['a,b', 'say "hi"', 'two\nlines', 12.5, null, ' lead']);
    expect(parseCsv(line)).toEqual([['a,b', 'say "hi"', 'two\nlines', '12.5', '', ' lead']]);
  });

  it('writes the long table with every fact and its dictionary', async () => {
    const table = await longTable(store, {}, indicatorName);
    const file = join(dir, 'long.csv');
    await writeCsvFile(file, table.columns.map((c) => c.name), table.rows);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual(LONG_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(SAMPLE_FACT_COUNT + 1);
    const col = (name: string): number => rows[0]!.indexOf(name);
    const ny = rows.find((r) => r[col('region_name')] === '宁远县')!;
    expect(ny[col('quote')]).toBe('地區生產總值增長6.3%');
    expect(ny[col('indicator_name')]).toBe('地区生产总值');
    expect(Number(ny[col('value')])).toBe(6.3);
    expect(longDictionary().rows.map((r) => r[0])).toEqual(LONG_COLUMNS.map((c) => c.name));
    expect(dictionaryPath(file)).toBe(join(dir, 'long.dictionary.csv'));
  });
});

describe('reviewed values', () => {
  it('exports corrected values, hides rejected facts unless asked for, and says the review state', async () => {
    const s = openSqliteStore(join(dir, 'reviewed.db'));
    await loadSample(s);
    const growth = (await s.facts({ regions: ['431124'], indicators: ['gdp'], measures: ['growth'] })).items[0]!;
    const fai = (await s.facts({ regions: ['431124'], indicators: ['fai'] })).items[0]!;
    await s.reviewFact({ factId: growth.id, action: 'correct', fields: { value: 5.1 }, user: 'li' });
    await s.reviewFact({ factId: fai.id, action: 'reject', user: 'li' });
    const table = await longTable(s, { regions: ['431124'] }, indicatorName);
    const col = (name: string): number => LONG_COLUMNS.findIndex((c) => c.name === name);
    expect(table.rows.map((r) => [r[col('indicator')], r[col('measure')], r[col('value')], r[col('review_state')]])).toEqual([
      ['gdp', 'level', 15020000000, 'unreviewed'],
      ['gdp', 'growth', 5.1, 'corrected'],
    ]);
    const rejected = await longTable(s, { regions: ['431124'], reviews: ['rejected'] }, indicatorName);
    expect(rejected.rows.map((r) => r[col('fact_id')])).toEqual([fai.id]);
    const { table: wide } = await wideTable(s, { regions: ['431124'] }, indicatorName);
    const names = wide.columns.map((c) => c.name);
    expect(wide.rows[0]![names.indexOf('gdp_growth')]).toBe(5.1);
    expect(names).not.toContain('fai_growth');
    await s.close();
  });
});

describe('wide table', () => {
  it('has one row per region × period and Stata-safe variable names', async () => {
    const { table, dictionary } = await wideTable(store, {}, indicatorName);
    const names = table.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
    const keys = table.rows.map((r) => `${r[0]}|${r[2]}`);
    expect(new Set(keys).size).toBe(keys.length);
    const cell = (code: string, period: string, variable: string): unknown =>
      table.rows.find((r) => r[0] === code && r[2] === period)?.[names.indexOf(variable)];
    expect(cell('431125', '2023', 'gdp_growth')).toBe(5.8);
    expect(cell('431125', '2023', 'gdp')).toBe(10230000000);
    expect(cell('431124', '2023', 'gdp')).toBe(15020000000);
    expect(cell('431125', '2022', 'gdp_rank_pref')).toBe(5);
    // best available value by default, never a target: the 2023 targets are not in the panel
    expect(cell('431125', '2023', 'income_urban_growth')).toBeUndefined();
    const dict = new Map(dictionary.rows.map((r) => [r[0], r]));
    expect(dict.get('gdp')).toEqual(expect.arrayContaining(['gdp', '地区生产总值', 'level', 'CNY']));
    expect(dict.get('grain_area')![6]).toMatch(/666\.667/);
  });

  it('fills a cell with the actual over the estimate, and with the estimate (flagged) when it is all there is', async () => {
    const s = openSqliteStore(join(dir, 'hebei-wide.db'));
    const { syncGazetteer } = await import('./regions.js');
    await syncGazetteer(s);
    const { HEBEI_DOCS } = await import('../web/hebei.case.js');
    const { toExtraction } = await import('./sample.case.js');
    for (const [i, d] of HEBEI_DOCS.entries()) await s.saveExtraction({ hash: `w${i}`, path: d.path, bytes: 1, extractorVersion: 'v1', extraction: toExtraction(d) });
    const { table } = await wideTable(s, { regions: ['130600'] }, indicatorName);
    const names = table.columns.map((c) => c.name);
    const at = (code: string, v: string): unknown => table.rows.find((r) => r[0] === code && r[2] === '2023')?.[names.indexOf(v)];
    expect(at('130681', 'gdp')).toBe(45890000000);
    expect(at('130681', 'gdp_est')).toBe(0);
    expect(at('130683', 'gdp')).toBe(12460000000);
    expect(at('130683', 'gdp_est')).toBe(1);
    const actualOnly = await wideTable(s, { regions: ['130600'] }, indicatorName, { statuses: ['actual'] });
    const n2 = actualOnly.table.columns.map((c) => c.name);
    expect(actualOnly.table.rows.find((r) => r[0] === '130683' && r[2] === '2023')?.[n2.indexOf('gdp')] ?? null).toBeNull();
    await s.close();
  });

  it('takes targets when asked, preferring the listed status order', async () => {
    const { table } = await wideTable(store, { regions: ['431125'], descendants: false }, indicatorName, { statuses: ['target'] });
    const names = table.columns.map((c) => c.name);
    const row = table.rows.find((r) => r[2] === '2023')!;
    expect(row[names.indexOf('income_urban_growth')]).toBe(6.5);
  });

  it('shortens long names deterministically', () => {
    const n = variableName('key_projects_completed_investment_plan_pct');
    expect(n.length).toBeLessThanOrEqual(32);
    expect(n).toBe(variableName('key_projects_completed_investment_plan_pct'));
    expect(n).not.toBe(variableName('key_projects_completed_investment_growth'));
    expect(variableName('gdp_growth')).toBe('gdp_growth');
  });
});

describe('xlsx', () => {
  it('writes a data sheet and a dictionary sheet that Excel readers open', async () => {
    const { table, dictionary } = await wideTable(store, {}, indicatorName);
    const file = join(dir, 'wide.xlsx');
    await writeXlsx(file, table, dictionary);
    const sheets = await readExcelFile(file);
    expect(sheets.map((s) => s.sheet)).toEqual(['data', 'dictionary']);
    const data = sheets[0]!.data;
    expect(data).toHaveLength(table.rows.length + 1);
    expect(data[0]![0]).toBe('region_code');
    const gdpCol = data[0]!.indexOf('gdp');
    const dx = data.find((r) => r[0] === '431124')!;
    expect(dx[gdpCol]).toBe(15020000000);
    expect(dx[1]).toBe('道县');
    expect(sheets[1]!.data).toHaveLength(dictionary.rows.length + 1);
  });
});

describe('streamed long exports', () => {
  it('XLSX: the rows the in-memory table has, in its order, and the dictionary sheet', async () => {
    const table = await longTable(store, {}, indicatorName);
    const file = join(dir, 'long-stream.xlsx');
    expect(await streamLongXlsxFile(store, {}, indicatorName, file)).toBe(table.rows.length);
    const sheets = await readExcelFile(file);
    expect(sheets.map((s) => s.sheet)).toEqual(['data', 'dictionary']);
    const data = sheets[0]!.data;
    expect(data[0]).toEqual(LONG_COLUMNS.map((c) => c.name));
    // the reader trims strings; everything else comes back as written
    const trim = (r: unknown[]) => r.map((c) => (typeof c === 'string' ? c.trim() : c));
    expect(data.slice(1).map(trim)).toEqual(table.rows.map(trim));
    expect(sheets[1]!.data).toHaveLength(longDictionary().rows.length + 1);
  });

  it('Parquet: the rows the in-memory table has, typed', async () => {
    const table = await longTable(store, {}, indicatorName);
    const file = join(dir, 'long-stream.parquet');
    expect(await streamLongParquetFile(store, {}, indicatorName, file)).toBe(table.rows.length);
    const buf = await asyncBufferFromFile(file);
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    expect(rows).toHaveLength(table.rows.length);
    const names = LONG_COLUMNS.map((c) => c.name);
    const back = rows.map((r) => names.map((n) => (typeof r[n] === 'bigint' ? Number(r[n]) : (r[n] ?? null))));
    expect(back).toEqual(table.rows);
  });

  it('Parquet in row groups of a few rows each reads back whole', async () => {
    const table = await longTable(store, {}, indicatorName);
    const file = join(dir, 'groups.parquet');
    await writeParquet(file, table, 3);
    const buf = await asyncBufferFromFile(file);
    const meta = parquetMetadata(await buf.slice(0));
    expect(meta.row_groups.length).toBe(Math.ceil(table.rows.length / 3));
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    expect(rows.map((r) => r.quote)).toEqual(table.rows.map((r) => r[LONG_COLUMNS.findIndex((c) => c.name === 'quote')]));
  });
});

describe('parquet', () => {
  it('writes typed columns that a Parquet reader reads back', async () => {
    const table = await longTable(store, {}, indicatorName);
    const file = join(dir, 'long.parquet');
    await writeParquet(file, table);
    const buf = await asyncBufferFromFile(file);
    const meta = parquetMetadata(await buf.slice(0));
    const types = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s.type]));
    expect(types).toMatchObject({ value: 'DOUBLE', fact_id: 'INT64', region_name: 'BYTE_ARRAY' });
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    expect(rows).toHaveLength(SAMPLE_FACT_COUNT);
    const ny = rows.find((r) => r.region_name === '宁远县')!;
    expect(ny).toMatchObject({ indicator: 'gdp', value: 6.3, quote: '地區生產總值增長6.3%', value_max: null });
    expect(Number(ny.span_start)).toBe(14); // code points: 𠮷 counts once (UTF-16 would say 15)
  });
});
