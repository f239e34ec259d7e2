/**
 * The table rule: statistical bulletins carry headline figures in tables that
 * readers render one row per line with TAB between cells:
 *
 *   指标	单位	绝对数	比上年增长%
 *   地区生产总值	亿元	1234.5	5.6
 *
 * The header gives each column a role (label, unit, value, growth, share);
 * the unit comes from the row's unit cell, the label's parentheses, the value
 * column's header (产量（万吨）) or a caption line above (单位：亿元).
 * Facts get spans on the cell text.
 */
import { lexicon, plausibleLevel } from '../lexicon/index.js';
import { scanLexical } from '../recognize/lexical.js';
import { scanQuantities } from '../recognize/quantity.js';
import type { Measure, Unit } from '../types.js';
import { resolveByUnit } from './clause.js';
import { inPlan as isPlan } from './sections.js';
import type { DocContext, FactDraft } from './types.js';

type Role = 'label' | 'unit' | 'value' | 'growth' | 'index' | 'share' | 'other';

export interface Cell {
  text: string;
  start: number;
  end: number;
}

export interface Line {
  start: number;
  cells: Cell[];
  raw: string;
}

const UNIT_IN_PARENS = /[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$/u;
const CAPTION_UNIT = /单位[:：]\s*([^\s，,；;）)]{1,8})/u;
const NUMBER = /^[-−]?\d+(?:,\d{3})*(?:\.\d+)?$/u;

/** Lines and their TAB-separated cells, every one made (TabbedLines makes them on demand). */
export function splitLines(text: string): Line[] {
  const lines = new TabbedLines(text);
  return Array.from({ length: lines.length }, (_, k) => lines.line(k));
}

/**
 * The lines of splitLines, made only when asked for: a table is on lines with
 * a TAB (a line without one has one cell), and most lines have none, so only
 * their bounds are found (one forward search for newlines and TABs) and a
 * line's cells are split when a line with a TAB is read.
 */
export class TabbedLines {
  readonly length: number;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** 1 for the lines with a TAB (two cells or more). */
  readonly tabbed: Uint8Array;
  private readonly made: Array<Line | undefined> = [];

  constructor(private readonly text: string) {
    const flags: number[] = [];
    let from = 0;
    let tab = text.indexOf('\t');
    for (;;) {
      let end = text.indexOf('\n', from);
      const last = end < 0;
      if (last) end = text.length;
      this.starts.push(from);
      this.ends.push(end);
      let has = 0;
      if (tab >= 0 && tab < end) {
        has = 1;
        // on to the first TAB past this line
        tab = text.indexOf('\t', end);
      }
      flags.push(has);
      if (last) break;
      from = end + 1;
    }
    this.length = this.starts.length;
    this.tabbed = Uint8Array.from(flags);
  }

  /** The text of line `k` (Line.raw). */
  raw(k: number): string {
    return this.text.slice(this.starts[k]!, this.ends[k]!);
  }

  /** Line `k` with its cells, as splitLines gives it. */
  line(k: number): Line {
    const have = this.made[k];
    if (have) return have;
    const text = this.text;
    const from = this.starts[k]!;
    const end = this.ends[k]!;
    const cells: Cell[] = [];
    let c = from;
    for (let tab = text.indexOf('\t', c); tab >= 0 && tab < end; tab = text.indexOf('\t', c)) {
      cells.push({ text: text.slice(c, tab).trim(), start: c, end: tab });
      c = tab + 1;
    }
    cells.push({ text: text.slice(c, end).trim(), start: c, end });
    const line = { start: from, cells, raw: text.slice(from, end) };
    this.made[k] = line;
    return line;
  }
}

function roleOf(header: string, index: number): Role {
  const h = header.replace(/\s+/g, '');
  if (index === 0) return 'label';
  if (/^(计量)?单位$/.test(h)) return 'unit';
  if (/(上年|去年|上年同期)=100/.test(h)) return 'index';
  if (/^(19|20)\d\d年?(数值|数)?$/.test(h)) return 'value';
  if (/(增长|增速|涨跌|增减|比上年|同比)/.test(h)) return 'growth';
  if (/(比重|占比|构成)/.test(h)) return 'share';
  if (/[%％]/.test(h)) return 'other'; // 占预算(%): a ratio of something else
  if (/(绝对数|总量|数值|产量|金额|总额|数量|本年|全年|实绩|完成|总值|收入|余额|绝对值)/.test(h) || UNIT_IN_PARENS.test(h)) return 'value';
  return 'other';
}

/** A unit written alone (亿元, 万吨) → unit and factor, via the quantity recognizer. */
function unitOf(surface: string | undefined): { unit: Unit; factor: number } | undefined {
  if (!surface) return undefined;
  const s = surface.replace(/\s+/g, '');
  if (!s || s === '%' || s === '％') return undefined;
  const q = scanQuantities(`1${s}`)[0];
  if (!q || q.end !== s.length + 1 || !q.unit || q.unit === 'times') {
    if (q?.magnitudeOnly && q.end === s.length + 1) return { unit: 'CNY', factor: q.value };
    return undefined;
  }
  return { unit: q.unit, factor: q.value };
}

/** The indicator a label cell names: an alias covering the whole label. */
function indicatorOf(label: string): string | undefined {
  const clean = label
    .replace(/^(其中[:：]?|#|\d+[.、]|[一二三四五六七八九十]+、)/u, '')
    .replace(/^(全市|全县|全区|全省|全州)/u, '')
    .replace(UNIT_IN_PARENS, '')
    .replace(/\s+/g, '');
  if (!clean) return undefined;
  const toks = scanLexical(clean).filter((t) => t.t === 'ind' && t.start === 0 && t.end === clean.length);
  for (const t of toks) {
    if (t.t === 'ind' && t.alias.kind !== 'context' && t.alias.targets.length === 1) return t.alias.targets[0];
  }
  return undefined;
}

export function tableFacts(text: string, doc: DocContext): FactDraft[] {
  if (text.indexOf('\t') < 0) return [];
  const lines = new TabbedLines(text);
  const drafts: FactDraft[] = [];
  const lex = lexicon();
  for (let i = 0; i < lines.length; i++) {
    // a header has two cells or more: a TAB
    if (lines.tabbed[i] === 0) continue;
    const header = lines.line(i);
    const roles = header.cells.map((c, k) => roleOf(c.text, k));
    if (!roles.some((r) => r === 'value' || r === 'growth' || r === 'index' || r === 'share')) continue;
    // a header has no numbers in its value columns
    if (header.cells.slice(1).some((c) => NUMBER.test(c.text))) continue;
    let caption: string | undefined;
    for (let b = Math.max(0, i - 2); b <= i; b++) {
      const m = CAPTION_UNIT.exec(lines.raw(b));
      if (m) caption = m[1];
    }
    const inPlan = isPlan(doc.sections, header.start);
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines.tabbed[j] === 0) break;
      const row = lines.line(j);
      const label = row.cells[0]!.text;
      const id = indicatorOf(label);
      if (!id) continue;
      const def = lex.indicators.get(id);
      if (!def) continue;
      const labelUnit = UNIT_IN_PARENS.exec(label)?.[1];
      const unitCell = row.cells[roles.indexOf('unit')]?.text;
      for (let k = 1; k < row.cells.length && k < roles.length; k++) {
        const cell = row.cells[k]!;
        const v = cell.text.replace(/[−]/g, '-').replace(/,/g, '');
        if (!NUMBER.test(cell.text.replace(/[−]/g, '-'))) continue;
        const num = Number(v);
        const role = roles[k]!;
        let measure: Measure;
        let unit: Unit;
        let value: number;
        let indicator = id;
        if (role === 'growth' || role === 'share') {
          measure = role;
          unit = '%';
          value = num;
        } else if (role === 'index') {
          // 上年=100: an index of 100.4 is growth of 0.4%
          measure = 'growth';
          unit = '%';
          value = Number((num - 100).toPrecision(12));
        } else if (role === 'value') {
          const u =
            unitOf(unitCell) ?? unitOf(labelUnit) ?? unitOf(UNIT_IN_PARENS.exec(header.cells[k]!.text)?.[1]) ?? unitOf(caption);
          const isRate = def.units[0] === '%';
          if (!u) {
            if (!isRate) continue;
            measure = def.levelAs;
            unit = '%';
            value = num;
          } else {
            const resolved = resolveByUnit(id, u.unit);
            if (!resolved) continue;
            indicator = resolved;
            measure = 'level';
            unit = u.unit;
            value = Number((num * u.factor).toPrecision(12));
            if (!plausibleLevel(indicator, value)) continue;
          }
        } else continue;
        drafts.push({
          indicator,
          measure,
          value,
          unit,
          period: String(inPlan ? doc.year + 1 : doc.year),
          status: inPlan ? 'target' : 'actual',
          bound: '=',
          start: row.cells[0]!.start,
          end: cell.end,
          rule: `table/${measure}`,
        });
      }
    }
    i = j - 1;
  }
  return drafts;
}
