/**
 * Downloads of what a dashboard page shows: one table as CSV (UTF-8 with a
 * BOM, so Excel opens it as UTF-8) or XLSX (numbers in the unit the page
 * shows, with an Excel number format that prints them as the page does,
 * Chinese headers, and the indicator dictionary on a second sheet).
 */
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { indicatorCatalog } from '../store/catalog.js';
import { csvLine } from '../store/export.js';
import { displayFact, displayScale, scaledNumber, STATUS_LABELS } from './format.js';
import type { Status, Unit } from '../types.js';

/** A number shown in a display unit: the scaled value and the unit it is in (亿元, %, 万人). */
export interface ShownNumber {
  value: number;
  unit: string;
  /** The text the page prints (98.64亿元, 增长5.8%). */
  text: string;
}

export type SheetCell = string | number | ShownNumber | null;

export interface SheetTable {
  /** Sheet and file name stem. */
  name: string;
  headers: string[];
  rows: SheetCell[][];
  /** Indicator ids the table mentions (for the dictionary sheet). */
  indicators: string[];
}

/** A stored value as the page shows it (scaled number, unit label, text). */
export function shown(f: { indicator: string; measure: Parameters<typeof displayFact>[0]['measure']; value: number; valueMax?: number | null; unit: Unit; bound: Parameters<typeof displayFact>[0]['bound'] }): ShownNumber {
  const scale = displayScale(Math.abs(f.value), f.unit, f.indicator);
  return { value: Number(scaledNumber(f.value, scale)), unit: f.unit === 'rank' ? '' : scale.label, text: displayFact(f) };
}

export function statusText(s: Status): string {
  return STATUS_LABELS[s];
}

function csvCell(c: SheetCell): string | number | null {
  if (c === null || typeof c === 'string' || typeof c === 'number') return c;
  return c.text;
}

/** CSV text with a BOM and CRLF lines. */
export function toCsv(t: SheetTable): string {
  return '\ufeff' + csvLine(t.headers) + t.rows.map((r) => csvLine(r.map(csvCell))).join('');
}

/** An Excel number format printing the value with its unit: 98.64 → 98.64亿元. */
function numberFormat(unit: string, value: number): string {
  const digits = Number.isInteger(value) ? '0' : '0.00';
  const base = Math.abs(value) >= 1000 ? `#,##${digits}` : digits;
  return unit ? `${base}"${unit.replace(/"/g, '')}"` : base;
}

function xlsxCell(c: SheetCell): Row[number] {
  if (c === null) return null;
  if (typeof c === 'string') return { value: c, type: String };
  if (typeof c === 'number') return { value: c, type: Number };
  return { value: c.value, type: Number, format: numberFormat(c.unit, c.value) };
}

/** The dictionary sheet: the indicators of the table with their Chinese names and units. */
function dictionaryRows(ids: readonly string[]): Row[] {
  const catalog = indicatorCatalog();
  const head: Row = ['指标代码', '指标名称', '基本单位', '说明'].map((v) => ({ value: v, fontWeight: 'bold' as const }));
  const rows: Row[] = [...new Set(ids)].sort().map((id) => {
    const info = catalog.get(id);
    return [
      { value: id, type: String },
      { value: info?.name ?? id, type: String },
      { value: info?.unit ?? '', type: String },
      { value: '数值以页面显示单位（亿元、万人、%等）给出；库内以基本单位（元、人……）存储。', type: String },
    ];
  });
  return [head, ...rows];
}

export async function toXlsx(t: SheetTable): Promise<Buffer> {
  const data: Row[] = [t.headers.map((v) => ({ value: v, fontWeight: 'bold' as const })), ...t.rows.map((r) => r.map(xlsxCell))];
  const widths = t.headers.map((h, i) =>
    Math.min(60, Math.max(8, h.length * 2 + 2, ...t.rows.slice(0, 200).map((r) => String(csvCell(r[i] ?? null) ?? '').length * 1.6))),
  );
  return writeXlsxFile([
    { sheet: t.name.slice(0, 31), data, columns: widths.map((width) => ({ width })), stickyRowsCount: 1 },
    { sheet: '指标说明', data: dictionaryRows(t.indicators), columns: [{ width: 28 }, { width: 24 }, { width: 10 }, { width: 70 }], stickyRowsCount: 1 },
  ]).toBuffer();
}

/** A download response: the table as CSV or XLSX, named after it. */
export async function downloadBody(t: SheetTable, format: 'csv' | 'xlsx'): Promise<{ body: Uint8Array; type: string; filename: string }> {
  const filename = `${t.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.${format}`;
  if (format === 'csv') return { body: new TextEncoder().encode(toCsv(t)), type: 'text/csv; charset=utf-8', filename };
  return { body: new Uint8Array(await toXlsx(t)), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename };
}
