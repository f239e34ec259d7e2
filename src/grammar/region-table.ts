/**
 * Tables whose rows are regions (a bulletin's table of its counties):
 *
 *   区县 | 地区生产总值（亿元） | 第一产业增加值（亿元） | 比上年增长（%） | 比上年增长（%）
 *   伊州区 | 664.08 | 7.6 | 33.65 | -0.7
 *
 * PDF and HTML readers give them either as TAB-separated rows or one cell per
 * line. The header names the indicators (with units in parentheses) and the
 * growth columns; a header of two rows (the indicators, then 绝对数/增长 under
 * each) is read as value and growth columns per indicator. Each number becomes
 * a fact of the row's region; spans are on the number's cell.
 */
import { lexicon, plausibleLevel } from '../lexicon/index.js';
import type { RegionToken } from '../recognize/index.js';
import { tokenize } from '../recognize/index.js';
import { scanQuantities } from '../recognize/quantity.js';
import type { Measure, Unit } from '../types.js';
import { resolveByUnit } from './clause.js';
import type { DocContext, FactDraft } from './types.js';

interface Cell {
  text: string;
  start: number;
  end: number;
}

interface Row {
  region: RegionToken;
  cells: Cell[];
}

interface Column {
  indicator: string;
  measure: 'level' | 'growth';
  unit?: { unit: Unit; factor: number } | undefined;
}

const NUMBER = /^[-−]?\d+(?:\.\d+)?$/u;
const GROWTH = /(增长|增速|增幅|比上年)/gu;
/** Header lines are short (or rows of TAB cells); a longer line or a sentence end closes the header upwards. */
const HEADER_LINE_MAX = 24;

/** A unit written alone (亿元, 万吨) → unit and factor. */
function unitOf(surface: string): { unit: Unit; factor: number } | undefined {
  const s = surface.replace(/\s+/g, '');
  if (!s || s === '%' || s === '％') return undefined;
  const q = scanQuantities(`1${s}`)[0];
  if (!q || q.end !== s.length + 1) return undefined;
  if (q.unit === null && q.magnitudeOnly) return { unit: 'CNY', factor: q.value };
  if (!q.unit || q.unit === 'times') return undefined;
  return { unit: q.unit, factor: q.value };
}

/** Lines as [start, end) ranges of the normalized text (found with indexOf). */
export function lineRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) {
      out.push([from, text.length]);
      return out;
    }
    out.push([from, nl]);
    from = nl + 1;
  }
}

/** What /\s/u matches, by char code (a test checks all 65,536). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The start offsets of the lines a region opens (only whitespace before it on
 * its line), in text order and without repeats: the only lines a region row can be on.
 */
export function regionLineStarts(text: string, regions: readonly RegionToken[]): number[] {
  const out: number[] = [];
  for (const r of regions) {
    let a = r.start - 1;
    while (a >= 0 && text.charCodeAt(a) !== 10 && isSpaceCode(text.charCodeAt(a))) a--;
    if (a >= 0 && text.charCodeAt(a) !== 10) continue;
    out.push(a + 1);
  }
  out.sort((x, y) => x - y);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  out.length = n;
  return out;
}

/** The columns a header names, in order. */
export function headerColumns(header: string): Column[] {
  const h = header.replace(/\s+/g, '');
  const names: Array<{ at: number; col: Column }> = [];
  for (const t of tokenize(h)) {
    if (t.t !== 'ind' || t.alias.kind === 'context' || t.alias.targets.length !== 1) continue;
    const unitText = /^[（(]([^（）()]{1,8})[）)]/u.exec(h.slice(t.end))?.[1];
    names.push({ at: t.start, col: { indicator: t.alias.targets[0]!, measure: 'level', unit: unitText ? unitOf(unitText) : undefined } });
  }
  const growth: number[] = [];
  GROWTH.lastIndex = 0;
  for (let m = GROWTH.exec(h); m; m = GROWTH.exec(h)) {
    // 比上年增长（%）: one column, counted once
    if (growth.length > 0 && m.index - growth[growth.length - 1]! <= 3) continue;
    growth.push(m.index);
  }
  if (names.length === 0) return [];
  const lastName = names[names.length - 1]!.at;
  if (growth.length === names.length && growth.every((g) => g > lastName)) {
    // two header rows: each indicator spans its value and growth columns
    return names.flatMap((n) => [n.col, { indicator: n.col.indicator, measure: 'growth' as const }]);
  }
  // one row: a growth column belongs to the indicator before it
  const cols: Column[] = [];
  const events = [...names.map((n) => ({ at: n.at, n })), ...growth.map((g) => ({ at: g, n: undefined }))].sort((a, b) => a.at - b.at);
  let last: Column | undefined;
  for (const e of events) {
    if (e.n) {
      cols.push(e.n.col);
      last = e.n.col;
    } else if (last) cols.push({ indicator: last.indicator, measure: 'growth' });
  }
  return cols;
}

export function regionTableFacts(text: string, doc: DocContext, regions: readonly RegionToken[]): FactDraft[] {
  if (regions.length === 0) return [];
  // a table has two region rows at least, each on a line the region opens
  const starts = regionLineStarts(text, regions);
  if (starts.length < 2) return [];
  const lines = lineRanges(text);
  const byStart = new Map<number, RegionToken>();
  for (const r of regions) byStart.set(r.start, r);
  /** The region a whole line names (伊州区, or 伊州区\t664.08\t7.6). */
  const regionLine = (k: number): { region: RegionToken; cells: Cell[] } | undefined => {
    const [s, e] = lines[k]!;
    let a = s;
    while (a < e && isSpaceCode(text.charCodeAt(a))) a++;
    const r = byStart.get(a);
    if (!r) return undefined;
    const rest = text.slice(r.end, e);
    if (rest.trim() === '') return { region: r, cells: [] };
    if (!rest.startsWith('\t')) return undefined;
    const cells: Cell[] = [];
    let c = r.end + 1;
    for (let i = r.end + 1; i <= e; i++) {
      if (i === e || text[i] === '\t') {
        const raw = text.slice(c, i);
        const lead = raw.length - raw.trimStart().length;
        cells.push({ text: raw.trim(), start: c + lead, end: c + lead + raw.trim().length });
        c = i + 1;
      }
    }
    return cells.every((x) => NUMBER.test(x.text.replace('−', '-'))) ? { region: r, cells } : undefined;
  };
  const numberLine = (k: number): Cell | undefined => {
    const [s, e] = lines[k]!;
    const raw = text.slice(s, e);
    const t = raw.trim();
    if (!NUMBER.test(t.replace('−', '-'))) return undefined;
    const lead = raw.length - raw.trimStart().length;
    return { text: t, start: s + lead, end: s + lead + t.length };
  };
  const drafts: FactDraft[] = [];
  // the lines a region opens, in order (the others start no run: regionLine fails on them)
  let si = 0;
  for (let k = 0; k < lines.length; k++) {
    const ls = lines[k]![0];
    while (si < starts.length && starts[si]! < ls) si++;
    if (si === starts.length) break;
    if (starts[si] !== ls) continue;
    // a run of region rows with the same number of cells
    const rows: Row[] = [];
    let j = k;
    while (j < lines.length) {
      const r = regionLine(j);
      if (!r) break;
      let cells = r.cells;
      let next = j + 1;
      if (cells.length === 0) {
        while (next < lines.length) {
          const c = numberLine(next);
          if (!c) break;
          cells = [...cells, c];
          next++;
        }
      }
      if (cells.length < 2 || (rows.length > 0 && cells.length !== rows[0]!.cells.length)) break;
      rows.push({ region: r.region, cells });
      j = next;
    }
    if (rows.length < 2) continue;
    // the header: short lines above the first row, up to a sentence
    let h = k - 1;
    const parts: string[] = [];
    while (h >= 0 && k - h <= 40) {
      const [s, e] = lines[h]!;
      const line = text.slice(s, e).trim();
      // a caption (表1 2025年分区县地区生产总值…) or a sentence is above the header
      if ((line.length > HEADER_LINE_MAX && !line.includes('\t')) || /[。；;]$/u.test(line) || NUMBER.test(line) || /^[表图]\s*[\d一二三四五六七八九十]/u.test(line)) break;
      parts.unshift(line);
      h--;
    }
    const cols = headerColumns(parts.join(''));
    const width = rows[0]!.cells.length;
    if (cols.length === width) {
      for (const row of rows) drafts.push(...rowFacts(row, cols, doc));
    }
    k = j - 1;
  }
  return drafts;
}

function rowFacts(row: Row, cols: readonly Column[], doc: DocContext): FactDraft[] {
  const out: FactDraft[] = [];
  const lex = lexicon();
  row.cells.forEach((cell, i) => {
    const col = cols[i]!;
    const num = Number(cell.text.replace('−', '-'));
    let indicator = col.indicator;
    let measure: Measure;
    let unit: Unit;
    let value: number;
    if (col.measure === 'growth') {
      measure = 'growth';
      unit = '%';
      value = num;
    } else if (col.unit) {
      const resolved = resolveByUnit(col.indicator, col.unit.unit);
      if (!resolved) return;
      indicator = resolved;
      measure = 'level';
      unit = col.unit.unit;
      value = Number((num * col.unit.factor).toPrecision(12));
      if (!plausibleLevel(indicator, value)) return;
    } else {
      const def = lex.indicators.get(col.indicator);
      if (def?.units[0] !== '%') return;
      measure = def.levelAs;
      unit = '%';
      value = num;
    }
    out.push({
      indicator,
      measure,
      value,
      unit,
      period: String(doc.year),
      status: 'actual',
      bound: '=',
      start: cell.start,
      end: cell.end,
      rule: `region-table/${measure}`,
      ...(row.region.code !== doc.region?.code ? { region: { code: row.region.code, name: row.region.name } } : {}),
    });
  });
  return out;
}
