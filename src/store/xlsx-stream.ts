/**
 * An XLSX workbook written as its rows come, never held in memory: the sheets
 * are SpreadsheetML parts deflated into the zip (fflate's streaming Zip) as
 * they are written, and the zip goes to the file descriptor in chunks. Strings
 * are inline (no shared-string table to keep), the header row is bold and
 * frozen, and each column has a width. Memory stays flat however many rows.
 *
 *   const w = new XlsxStream(path);
 *   w.sheet('data', [{ width: 12 }, …]);
 *   w.row(['region_code', …], true); w.row(['431124', 1.5e10, null]);
 *   w.sheet('dictionary', …); …
 *   w.close();
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export type XlsxCell = string | number | null;

export interface XlsxColumn {
  /** Width in characters. */
  width: number;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Sheet XML is handed to the deflater in pieces of about this many characters. */
const FLUSH_AT = 1 << 16;

/** Characters XML 1.0 cannot hold at all: C0 controls but TAB, LF, CR; U+FFFE/F; and (the u flag
 *  reads a surrogate pair as one code point) a surrogate that is not half of a pair. */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/gu;
const utf8 = new TextEncoder();

/** Text as XML character data: markup escaped, characters XML cannot carry dropped. */
export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** A1-style column letters of a zero-based column index (0 → A, 25 → Z, 26 → AA). */
export function columnLetters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** One cell as SpreadsheetML (`style` 1 = bold). */
export function cellXml(ref: string, c: XlsxCell, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (c === null) return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof c === 'number') return Number.isFinite(c) ? `<c r="${ref}"${s}><v>${c}</v></c>` : '';
  const space = /^\s|\s$/.test(c) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(c)}</t></is></c>`;
}

export class XlsxStream {
  private readonly fd: number;
  private readonly zip: Zip;
  private readonly names: string[] = [];
  private sheetFile: ZipDeflate | undefined;
  private buffer = '';
  private rowNumber = 0;
  private letters: string[] = [];
  private error: Error | undefined;
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    this.zip = new Zip((err, chunk) => {
      if (err) {
        this.error = err;
        return;
      }
      if (chunk.length > 0) writeSync(this.fd, chunk);
    });
  }

  /** Starts the next sheet (ending the one before). */
  sheet(name: string, columns: readonly XlsxColumn[]): void {
    this.endSheet();
    this.names.push(name);
    this.sheetFile = new ZipDeflate(`xl/worksheets/sheet${this.names.length}.xml`, { level: 6 });
    this.zip.add(this.sheetFile);
    this.rowNumber = 0;
    this.letters = columns.map((_, i) => columnLetters(i));
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    this.buffer =
      `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>';
  }

  /** Appends a row to the current sheet; `bold` for a header. */
  row(cells: readonly XlsxCell[], bold = false): void {
    if (!this.sheetFile) throw new Error('XlsxStream.row before sheet()');
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const letter = this.letters[i] ?? (this.letters[i] = columnLetters(i));
      xml += cellXml(`${letter}${r}`, cells[i] ?? null, bold ? 1 : 0);
    }
    this.buffer += `${xml}</row>`;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(final = false): void {
    if (!this.sheetFile) return;
    this.sheetFile.push(utf8.encode(this.buffer), final);
    this.buffer = '';
    this.check();
  }

  private endSheet(): void {
    if (!this.sheetFile) return;
    this.buffer += '</sheetData></worksheet>';
    this.flush(true);
    this.sheetFile = undefined;
  }

  private check(): void {
    if (this.error) throw this.error;
  }

  private part(name: string, xml: string): void {
    const f = new ZipPassThrough(name);
    this.zip.add(f);
    f.push(utf8.encode(HEAD + xml), true);
  }

  /** Closes the file without finishing it (after an error; the caller removes it). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** Writes the workbook's other parts and closes the file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.endSheet();
      const sheets = this.names.map((_, i) => i + 1);
      this.part(
        '[Content_Types].xml',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          sheets.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
          '</Types>',
      );
      this.part(
        '_rels/.rels',
        `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      this.part(
        'xl/workbook.xml',
        `<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
          this.names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
          '</sheets></workbook>',
      );
      this.part(
        'xl/_rels/workbook.xml.rels',
        `<Relationships xmlns="${PKG_REL_NS}">` +
          sheets.map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
          `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
      );
      // style 0: the default; style 1: bold (the header row)
      this.part(
        'xl/styles.xml',
        `<styleSheet xmlns="${NS}">` +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
          '</styleSheet>',
      );
      this.zip.end();
      this.check();
    } finally {
      closeSync(this.fd);
    }
  }
}
