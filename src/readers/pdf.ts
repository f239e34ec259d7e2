/**
 * PDF reader: pdfjs-dist (legacy build, in-process fake worker) for text items,
 * then pdf-layout for lines, paragraphs, tables, running heads and page numbers.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, type Diagnostic } from '../types.js';
import { countHan } from './chars.js';
import { assembleText, buildLines, dropChartLabels, removeHeadersFooters, type LayoutLine, type PdfItem, type PdfPage } from './pdf-layout.js';
import { mapRadicals } from './radicals.js';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<{ pdfjs: PdfjsModule; root: string }> | null = null;

/** Load pdfjs once; point the worker and data files at the installed package. */
function loadPdfjs(): Promise<{ pdfjs: PdfjsModule; root: string }> {
  pdfjsPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as PdfjsModule;
    // In Node the legacy build runs the worker code in-process ("fake worker");
    // naming the local worker file keeps it from guessing a path.
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.mjs')).href;
    return { pdfjs, root };
  })();
  return pdfjsPromise;
}

/** pdfjs messages can be long; keep the first clause. */
function shortMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split(/\n/)[0]!.replace(/\s+/g, ' ').slice(0, 120) || 'unreadable';
}

/** Dominant text direction of a page, as an angle rounded to 90°-multiples or exact. */
function dominantAngle(angles: number[]): number {
  const counts = new Map<number, number>();
  for (const a of angles) {
    const k = Math.round(a * 100) / 100;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let bestN = -1;
  for (const [k, n] of counts) if (n > bestN) [best, bestN] = [k, n];
  return best;
}

const PUA_RE = /[\ue000-\uf8ff]|[\udb80-\udbff][\udc00-\udfff]/g;
const DIGIT = /[0-9０-９]/;

/**
 * Some Chinese fonts map the decimal point to a private-use code point, so
 * "76.1" comes out as "76\u{1001B0}1" (the same glyph ends list numbers, "1．").
 * A private-use character that nearly always follows a digit (≥ 90 % of its
 * uses) and sits between digits at least 3 times is read as "." between digits.
 */
export function repairPuaDecimalPoints(text: string): { text: string; count: number } {
  const uses = new Map<string, { total: number; between: number; afterDigit: number }>();
  for (const m of text.matchAll(PUA_RE)) {
    const u = uses.get(m[0]) ?? { total: 0, between: 0, afterDigit: 0 };
    u.total++;
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    if (DIGIT.test(before)) u.afterDigit++;
    if (DIGIT.test(before) && DIGIT.test(after)) u.between++;
    uses.set(m[0], u);
  }
  const points = new Set([...uses].filter(([, u]) => u.between >= 3 && u.afterDigit >= 0.9 * u.total).map(([ch]) => ch));
  if (!points.size) return { text, count: 0 };
  let count = 0;
  const out = text.replace(PUA_RE, (ch, offset: number, whole: string) => {
    if (!points.has(ch) || !DIGIT.test(whole[offset - 1] ?? '') || !DIGIT.test(whole[offset + ch.length] ?? '')) return ch;
    count++;
    return '.';
  });
  return { text: out, count };
}

const TITLE_WORDS = /公报|报告|决算|预算|草案|决议|决定|通知|意见|方案|规划|纲要|公告|白皮书/;

/**
 * Title: on the first page, the largest line that reads like a document title
 * (letterheads such as "××统计局文件" are large too, so title words count more
 * than size); wrapped title lines are joined. Producer metadata is a last resort:
 * it is often a template name or a stale title.
 */
function pickTitle(first: LayoutLine[], metaTitle: string, bodySize: number): string | undefined {
  let best = -1;
  let bestScore = -Infinity;
  first.forEach((l, i) => {
    if (countHan(l.text) < 4 || l.cells.length > 2 || /[，。；]/.test(l.text)) return;
    if (!TITLE_WORDS.test(l.text) && l.size < bodySize * 1.1) return;
    const score = l.size + (TITLE_WORDS.test(l.text) ? 100 : 0) + (i + 1 < first.length && TITLE_WORDS.test(first[i + 1]!.text) && Math.abs(first[i + 1]!.size - l.size) < 0.5 ? 100 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  if (best >= 0) {
    const size = first[best]!.size;
    let title = first[best]!.text.replace(/\t/g, ' ');
    for (let i = best + 1; i < first.length && i <= best + 2 && Math.abs(first[i]!.size - size) < 0.5; i++) {
      const t = first[i]!.text;
      if (!TITLE_WORDS.test(title) || TITLE_WORDS.test(t)) title += t.replace(/\t/g, ' ');
      else break;
    }
    return title;
  }
  const meta = metaTitle.trim();
  return meta && countHan(meta) >= 2 ? meta : undefined;
}

export interface PdfReadResult {
  text: string;
  title?: string;
  diagnostics: Diagnostic[];
}

/** Extract the text of a PDF. Throws InputError for encrypted, scanned or damaged files. */
export async function readPdf(bytes: Uint8Array, path: string): Promise<PdfReadResult> {
  const { pdfjs, root } = await loadPdfjs();
  const diagnostics: Diagnostic[] = [];
  const task = pdfjs.getDocument({
    // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') throw new InputError(path, 'encrypted PDF: remove the password first');
    throw new InputError(path, `damaged PDF: ${shortMessage(err)}`);
  }

  try {
    const meta = await doc.getMetadata().catch((err: unknown) => {
      diagnostics.push({ rule: 'pdf/metadata', message: `metadata unreadable: ${shortMessage(err)}` });
      return null;
    });
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    if (typeof info['EncryptFilterName'] === 'string') {
      diagnostics.push({ rule: 'pdf/encrypted', message: 'encrypted with an empty user password (owner restrictions only); text read' });
    }

    const pages: PdfPage[] = [];
    let rotatedSkipped = 0;
    let radicals = 0;
    const emptyPages: number[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      let page;
      let content;
      try {
        page = await doc.getPage(p);
        content = await page.getTextContent();
      } catch (err) {
        diagnostics.push({ rule: 'pdf/page-unreadable', message: `page ${p}: ${shortMessage(err)}` });
        pages.push({ width: 595, height: 842, items: [] });
        emptyPages.push(p);
        continue;
      }
      const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
      const raw: Array<{ str: string; t: number[]; width: number; angle: number }> = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const t = it.transform as number[];
        raw.push({ str: it.str, t, width: it.width, angle: Math.atan2(t[1] ?? 0, t[0] ?? 1) });
      }
      const angle = dominantAngle(raw.filter((r) => r.str.trim()).map((r) => r.angle));
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const items: PdfItem[] = [];
      for (const r of raw) {
        if (Math.abs(r.angle - angle) > 0.02) {
          if (r.str.trim()) rotatedSkipped++;
          continue;
        }
        const [, , c = 0, d = 0, e = 0, f = 0] = r.t;
        const x = e - vx0;
        const y = f - vy0;
        const mapped = mapRadicals(r.str);
        radicals += mapped.count;
        // Rotate page coordinates so the dominant text direction reads left to right.
        items.push({ str: mapped.text, x: x * cos + y * sin, y: -x * sin + y * cos, width: r.width, size: Math.hypot(c, d) });
      }
      const width = Math.abs(angle) > 0.5 ? vy1 - vy0 : vx1 - vx0;
      const height = Math.abs(angle) > 0.5 ? vx1 - vx0 : vy1 - vy0;
      if (Math.abs(angle) > 0.5) {
        // After rotation the coordinates may be negative; shift them back onto the page.
        const minX = Math.min(...items.map((i) => i.x));
        const minY = Math.min(...items.map((i) => i.y));
        for (const i of items) {
          if (minX < 0) i.x -= minX;
          if (minY < 0) i.y -= minY;
        }
      }
      pages.push({ width, height, items });
      const chars = items.reduce((s, i) => s + i.str.replace(/\s+/g, '').length, 0);
      if (chars < 10) emptyPages.push(p);
      page.cleanup();
    }

    const totalChars = pages.reduce((s, pg) => s + pg.items.reduce((t, i) => t + i.str.replace(/\s+/g, '').length, 0), 0);
    if (doc.numPages === 0 || totalChars < Math.max(20, 15 * doc.numPages) || emptyPages.length > doc.numPages * 0.6) {
      throw new InputError(path, 'no text layer (scanned PDF): run OCR first');
    }
    if (emptyPages.length) {
      diagnostics.push({
        rule: 'pdf/pages-without-text',
        message: `${emptyPages.length} page(s) have no text layer (images only?): ${emptyPages.slice(0, 10).join(', ')}${emptyPages.length > 10 ? ', …' : ''}`,
      });
    }
    if (rotatedSkipped) diagnostics.push({ rule: 'pdf/rotated-text-skipped', message: `${rotatedSkipped} rotated text item(s) skipped (watermarks or labels)` });
    if (radicals) diagnostics.push({ rule: 'pdf/radicals-mapped', message: `${radicals} CJK radical code point(s) mapped to unified ideographs` });

    const lines = pages.map((pg, i) => buildLines(pg, i));
    const cleaned = removeHeadersFooters(
      lines,
      pages.map((pg) => pg.height),
    );
    if (cleaned.headerFooter) diagnostics.push({ rule: 'pdf/headers-footers-removed', message: `${cleaned.headerFooter} running header/footer line(s) removed` });
    if (cleaned.pageNumbers) diagnostics.push({ rule: 'pdf/page-numbers-removed', message: `${cleaned.pageNumbers} page number line(s) removed` });
    const charts = dropChartLabels(cleaned.pages);
    if (charts.dropped) diagnostics.push({ rule: 'pdf/chart-labels-dropped', message: `${charts.dropped} line(s) of chart axis/data labels dropped` });
    const assembled = assembleText(charts.pages);
    if (assembled.tableRows) diagnostics.push({ rule: 'pdf/table-rows', message: `${assembled.tableRows} table row(s) emitted as TAB-separated cells` });
    diagnostics.push({ rule: 'pdf/lines-joined', message: `${assembled.joinedLines} wrapped line(s) joined into paragraphs` });

    const repaired = repairPuaDecimalPoints(assembled.text);
    if (repaired.count) {
      diagnostics.push({ rule: 'pdf/pua-decimal-points', message: `${repaired.count} private-use glyph(s) between digits read as a decimal point` });
    }
    const result: PdfReadResult = { text: repaired.text, diagnostics };
    const sizes = cleaned.pages.flat().map((l) => l.size).sort((a, b) => a - b);
    const bodySize = sizes[Math.floor(sizes.length / 2)] ?? 12;
    const title = pickTitle(cleaned.pages.find((ls) => ls.length) ?? [], typeof info['Title'] === 'string' ? info['Title'] : '', bodySize);
    if (title) result.title = title;
    return result;
  } finally {
    await doc.destroy();
  }
}

