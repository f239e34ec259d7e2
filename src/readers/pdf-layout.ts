/**
 * PDF text layout: positioned text items → lines → paragraphs and table rows.
 *
 * Pure functions over plain numbers so they can be tested without pdfjs.
 * Coordinates are PDF user space: y grows upwards, `y` is the baseline.
 */
import { firstCodePoint, isLatinLetter, isLatinOrDigit, isWide, lastCodePoint, squeezeCjkSpaces } from './chars.js';

export interface PdfItem {
  str: string;
  x: number;
  y: number;
  /** Advance width along the baseline. */
  width: number;
  /** Font size (glyph box height). */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

export interface Cell {
  text: string;
  x0: number;
  x1: number;
}

export interface LayoutLine {
  page: number;
  x0: number;
  x1: number;
  /** Baseline of the dominant (largest) item. */
  y: number;
  size: number;
  cells: Cell[];
  /** Cells joined with TAB. */
  text: string;
}

export interface LayoutStats {
  headerFooterLines: number;
  pageNumberLines: number;
  tableRows: number;
  joinedLines: number;
}

/** A gap wider than this many font sizes separates table cells. */
const CELL_GAP_EM = 1.2;

// ---------------------------------------------------------------- lines

function verticalOverlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Join the strings of items that belong to one cell, spacing only real gaps between Latin/digit runs. */
function joinItems(items: PdfItem[], size: number): string {
  let out = '';
  let prevRight = -Infinity;
  for (const it of items) {
    // Character spacing (justified lines) makes pdfjs put a space between every
    // character: "2 7 1 6 . 3 5". Runs of single characters lose those spaces.
    const s = squeezeCjkSpaces(it.str.trim().replace(/(?:\S ){2,}\S(?!\S)/g, (run) => run.replace(/ /g, '')));
    if (!s) continue;
    if (out) {
      const gap = it.x - prevRight;
      const a = lastCodePoint(out);
      const b = firstCodePoint(s);
      if (gap > 0.2 * size && isLatinOrDigit(a) && isLatinOrDigit(b) && !isWide(a) && !isWide(b)) out += ' ';
    }
    out += s;
    prevRight = Math.max(prevRight, it.x + it.width);
  }
  return out;
}

const SINGLE_HAN = /^[\u4e00-\u9fff]$/;

/** Group the items of one page into lines, top to bottom; each line split into cells at wide gaps. */
export function buildLines(page: PdfPage, pageIndex: number): LayoutLine[] {
  const items = page.items.filter((it) => it.str.trim() !== '' && it.size > 0);
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { items: PdfItem[]; band0: number; band1: number; y: number; size: number }[] = [];
  for (const it of items) {
    const last = groups[groups.length - 1];
    const b0 = it.y;
    const b1 = it.y + it.size;
    if (last) {
      const ov = verticalOverlap(b0, b1, last.band0, last.band1);
      if (ov >= 0.5 * Math.min(it.size, last.size)) {
        last.items.push(it);
        if (it.size > last.size) {
          last.size = it.size;
          last.y = it.y;
          last.band0 = b0;
          last.band1 = b1;
        }
        continue;
      }
    }
    groups.push({ items: [it], band0: b0, band1: b1, y: it.y, size: it.size });
  }

  const lines: LayoutLine[] = [];
  for (const g of groups) {
    g.items.sort((a, b) => a.x - b.x);
    const size = g.size;
    // Split into cells at wide gaps.
    const cellItems: PdfItem[][] = [];
    let right = -Infinity;
    for (const it of g.items) {
      const cur = cellItems[cellItems.length - 1];
      if (cur && it.x - right <= CELL_GAP_EM * size) cur.push(it);
      else cellItems.push([it]);
      right = Math.max(right, it.x + it.width);
    }
    let cells: Cell[] = cellItems
      .map((its) => ({
        text: joinItems(its, size),
        x0: Math.min(...its.map((i) => i.x)),
        x1: Math.max(...its.map((i) => i.x + i.width)),
      }))
      .filter((c) => c.text !== '');
    type MergeCell = Cell & { single: boolean };
    // Letter-spaced headings and table heads ("指  标", "统 计 局"): runs of single characters belong together.
    const merged: MergeCell[] = [];
    for (const c of cells) {
      const prev = merged[merged.length - 1];
      if (prev && SINGLE_HAN.test(c.text) && (prev.single || (SINGLE_HAN.test(prev.text) && merged.length === 1)) && c.x0 - prev.x1 <= 4 * size) {
        prev.text += c.text;
        prev.x1 = c.x1;
        prev.single = true;
        continue;
      }
      merged.push({ ...c, single: SINGLE_HAN.test(c.text) });
    }
    cells = merged.map(({ text, x0, x1 }) => ({ text, x0, x1 }));
    if (!cells.length) continue;
    lines.push({
      page: pageIndex,
      x0: cells[0]!.x0,
      x1: cells[cells.length - 1]!.x1,
      y: g.y,
      size,
      cells,
      text: cells.map((c) => c.text).join('\t'),
    });
  }
  return lines;
}

// ---------------------------------------------------------------- headers and footers

const PAGE_NUMBER_RES: readonly RegExp[] = [
  /^[-—–－_·•~〜=]*\d{1,4}[-—–－_·•~〜=]*$/,
  /^[-—–－]*第\d{1,4}页[-—–－]*([,，]?共\d{1,4}页)?$/,
  /^共\d{1,4}页[,，]?第\d{1,4}页$/,
  /^\d{1,4}[/／]\d{1,4}$/,
  /^(page)?\d{1,4}(of\d{1,4})?$/i,
  /^[-—–－·•]*[ivxlc]{1,6}[-—–－·•]*$/i,
];

export function isPageNumber(text: string): boolean {
  // NFKC folds full-width digits and dashes (－１－) for the test only.
  const compact = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  return compact.length > 0 && compact.length <= 16 && PAGE_NUMBER_RES.some((re) => re.test(compact));
}

/** Running heads repeat with the same words (page digits aside) in the same size. */
const repeatKey = (line: LayoutLine) => `${Math.round(line.size)}|${line.text.replace(/[\s\u3000]+/g, '').replace(/\d+/g, '#')}`;

/** How many lines at the top and bottom of a page can be running heads or feet. */
const EDGE_LINES = 2;

/**
 * Remove running headers/footers (lines in the top or bottom band that recur on
 * many pages, digits ignored) and page numbers. Mutates nothing; returns new pages.
 */
export function removeHeadersFooters(
  pages: LayoutLine[][],
  heights: number[],
): { pages: LayoutLine[][]; headerFooter: number; pageNumbers: number } {
  const n = pages.length;
  const isCandidate = (lines: LayoutLine[], i: number, h: number): boolean => {
    const l = lines[i]!;
    if (i < EDGE_LINES && l.y >= h * 0.82) return true;
    if (i >= lines.length - EDGE_LINES && l.y <= h * 0.18) return true;
    return false;
  };
  const counts = new Map<string, Set<number>>();
  pages.forEach((lines, p) => {
    const h = heights[p] ?? 842;
    lines.forEach((l, i) => {
      if (!isCandidate(lines, i, h) || l.cells.length > 1) return;
      const key = repeatKey(l);
      let set = counts.get(key);
      if (!set) counts.set(key, (set = new Set()));
      set.add(p);
    });
  });
  const minPages = Math.max(2, Math.ceil(n * 0.3));
  let headerFooter = 0;
  let pageNumbers = 0;
  const out = pages.map((lines, p) => {
    const h = heights[p] ?? 842;
    return lines.filter((l, i) => {
      if (!isCandidate(lines, i, h)) return true;
      if (isPageNumber(l.text)) {
        pageNumbers++;
        return false;
      }
      if (l.cells.length === 1 && n >= 2 && (counts.get(repeatKey(l))?.size ?? 0) >= minPages) {
        headerFooter++;
        return false;
      }
      return true;
    });
  });
  return { pages: out, headerFooter, pageNumbers };
}

// ---------------------------------------------------------------- chart labels

/** A line with no words: only numbers, percentages, years and axis punctuation. */
const NUMERIC_ONLY = /^[\d.,%‰％\s\-–—+~:：/（）()年月]+$/;

/**
 * Vector charts leave their axis ticks and data labels as text: runs of short
 * lines made only of numbers. Four or more such lines in a row are dropped.
 */
export function dropChartLabels(pages: LayoutLine[][]): { pages: LayoutLine[][]; dropped: number } {
  let dropped = 0;
  const out = pages.map((lines) => {
    const keep: LayoutLine[] = [];
    for (let i = 0; i < lines.length; ) {
      let j = i;
      while (j < lines.length && NUMERIC_ONLY.test(lines[j]!.text) && /\d/.test(lines[j]!.text)) j++;
      if (j - i >= 4) {
        dropped += j - i;
        i = j;
        continue;
      }
      if (j === i) j = i + 1;
      for (let k = i; k < j; k++) keep.push(lines[k]!);
      i = j;
    }
    return keep;
  });
  return { pages: out, dropped };
}

// ---------------------------------------------------------------- tables

/**
 * Columns of a table block, from its fullest rows (the rows with the most
 * cells): column k spans the k-th cells of those rows.
 */
function tableColumns(rows: LayoutLine[]): Array<[number, number]> {
  const maxCells = Math.max(...rows.map((r) => r.cells.length));
  const full = rows.filter((r) => r.cells.length === maxCells);
  const cols: Array<[number, number]> = [];
  for (let k = 0; k < maxCells; k++) {
    cols.push([Math.min(...full.map((r) => r.cells[k]!.x0)), Math.max(...full.map((r) => r.cells[k]!.x1))]);
  }
  // Fullest rows that disagree on column order make the model useless.
  for (let k = 1; k < cols.length; k++) if (cols[k]![0] < cols[k - 1]![0]) return [];
  return cols;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : 0;
}

/**
 * Render the rows of a table block as TAB-separated lines, aligned to shared
 * columns. Lines set closer together than the table's usual row pitch are the
 * wrapped parts of one row (a two-line header, a long label) and are merged
 * column by column; columns that never hold text in the same row are merged.
 */
export function renderTableRows(rows: LayoutLine[]): string[] {
  const cols = tableColumns(rows);
  if (!cols.length) return rows.map((r) => r.text);
  const grid = rows.map((r) => {
    const out: string[] = new Array<string>(cols.length).fill('');
    for (const c of r.cells) {
      let best = 0;
      let bestScore = -Infinity;
      cols.forEach((col, i) => {
        const ov = verticalOverlap(c.x0, c.x1, col[0], col[1]);
        const score = ov > 0 ? ov : -Math.min(Math.abs(c.x0 - col[1]), Math.abs(c.x1 - col[0]));
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      });
      // Two cells of one row in one column: keep this row's own cells as they are.
      if (out[best]) return null;
      out[best] = c.text;
    }
    return out;
  });
  // Group lines of one logical row by their tighter pitch.
  const pitches = rows.slice(1).map((r, i) => rows[i]!.y - r.y);
  const typical = median(pitches);
  const merged: string[][] = [];
  rows.forEach((r, i) => {
    const cells = grid[i] ?? r.cells.map((c) => c.text);
    const pitch = i > 0 ? rows[i - 1]!.y - r.y : Infinity;
    const last = merged[merged.length - 1];
    if (last && grid[i] && grid[i - 1] && pitches.length >= 3 && pitch < 0.8 * typical) {
      cells.forEach((c, k) => {
        if (c) last[k] = last[k] ? `${last[k]}${c}` : c;
      });
    } else {
      merged.push([...cells]);
    }
  });
  return merged.map((cells) => {
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    return cells.join('\t');
  });
}

// ---------------------------------------------------------------- paragraphs

const SENTENCE_END = /[。！？：；!?;:]$/;

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    const k = Math.round(v);
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > bestCount || (c === bestCount && best !== undefined && k < best)) {
      best = k;
      bestCount = c;
    }
  }
  return best;
}

interface Margins {
  left: number;
  right: number;
}

/** Body font size: the size carrying the most characters in single-cell lines. */
function bodySize(lines: LayoutLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    if (l.cells.length > 1) continue;
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let best = 12;
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW) [best, bestW] = [k, w];
  return best;
}

function pageMargins(lines: LayoutLine[], size: number, fallback: Margins | null): Margins | null {
  const body = lines.filter((l) => l.cells.length === 1 && Math.abs(l.size - size) <= 0.15 * size);
  if (body.length < 3) return fallback;
  const left = mode(body.map((l) => l.x0)) ?? Math.min(...body.map((l) => l.x0));
  const right = Math.max(...body.map((l) => l.x1));
  return { left: Math.min(left, Math.min(...body.map((l) => l.x0)) + size * 4), right };
}

/** Estimated width of the unbreakable Latin/digit run that starts `text`. */
function leadingRunWidth(text: string, size: number): number {
  const m = /^[0-9A-Za-z.,%‰]+/.exec(text);
  return m ? m[0].length * 0.55 * size : 0;
}

function joinText(a: string, b: string): string {
  const x = lastCodePoint(a);
  const y = firstCodePoint(b);
  return isLatinLetter(x) && isLatinLetter(y) ? `${a} ${b}` : a + b;
}

/**
 * Rebuild paragraphs and tables from the lines of all pages.
 * A line is joined to the previous one when that one is a wrapped line: it does
 * not end a sentence, it reaches the right edge of the text block, and the next
 * line starts at the left margin (not indented) just below it or at the top of
 * the next page. Consecutive multi-cell lines form a table: one row per line.
 */
export function assembleText(pages: LayoutLine[][]): { text: string; tableRows: number; joinedLines: number } {
  const all = pages.flat();
  if (!all.length) return { text: '', tableRows: 0, joinedLines: 0 };
  const size = bodySize(all);
  const docMargins = pageMargins(all, size, null);
  const margins = pages.map((lines) => pageMargins(lines, size, docMargins));

  const out: string[] = [];
  let tableRows = 0;
  let joinedLines = 0;
  let prev: LayoutLine | null = null; // last line of the open paragraph
  let prevWasLastOnPage = false;

  for (let p = 0; p < pages.length; p++) {
    const lines = pages[p]!;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.cells.length > 1) {
        // Table block: this line and the following lines with cells (single-cell lines inside are kept as rows).
        const block: LayoutLine[] = [line];
        let j = i + 1;
        while (j < lines.length) {
          const next = lines[j]!;
          const pitch = block[block.length - 1]!.y - next.y;
          if (next.cells.length > 1 && pitch < 4 * next.size) block.push(next);
          else if (
            next.cells.length === 1 &&
            j + 1 < lines.length &&
            lines[j + 1]!.cells.length > 1 &&
            pitch < 3 * next.size &&
            next.text.length <= 30
          ) {
            block.push(next);
          } else break;
          j++;
        }
        const rows = renderTableRows(block);
        out.push(...rows);
        tableRows += rows.length;
        i = j - 1;
        prev = null;
        continue;
      }
      const isFirstOnPage = i === 0;
      if (prev && canJoin(prev, line, margins[prev.page] ?? null, margins[line.page] ?? null, isFirstOnPage && prevWasLastOnPage)) {
        out[out.length - 1] = joinText(out[out.length - 1]!, line.text);
        joinedLines++;
      } else {
        out.push(line.text);
      }
      prev = line;
      prevWasLastOnPage = i === lines.length - 1;
    }
    if (prev && !prevWasLastOnPage) prev = null;
  }
  return { text: out.join('\n'), tableRows, joinedLines };
}

/** Lines that start a heading, list item or note rather than continue a sentence. */
const BLOCK_START = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳]|注[：:]|附[件表]|表\s*\d|图\s*\d|\[\d+\])/;

function canJoin(a: LayoutLine, b: LayoutLine, ma: Margins | null, mb: Margins | null, acrossPage: boolean): boolean {
  if (!ma || !mb) return false;
  if (Math.abs(a.size - b.size) > 0.15 * Math.max(a.size, b.size)) return false;
  if (SENTENCE_END.test(a.text)) {
    // A full line that happens to end a sentence, followed by an unindented line,
    // is still inside the paragraph (paragraphs start indented).
    if (a.x1 < ma.right - 0.6 * a.size || BLOCK_START.test(b.text)) return false;
  }
  const slack = 2 * a.size + leadingRunWidth(b.text, b.size);
  if (a.x1 < ma.right - slack) return false;
  if (b.x0 > mb.left + 0.6 * b.size) return false;
  if (a.page === b.page) {
    const pitch = a.y - b.y;
    return pitch > 0 && pitch <= 2.6 * a.size;
  }
  return acrossPage && b.page === a.page + 1;
}
