/**
 * Test fixture builders: real files made in memory so the readers are tested
 * on genuine PDF, DOCX, zip, OLE2 and PNG bytes without committed binaries.
 * (A `.case.ts` file: type-checked with the tests, left out of the build.)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { CJK_FONT_OBJECTS, utf16beHex } from '../bench/pdfgen.js';

// ---------------------------------------------------------------- temp files

let tempDir: string | null = null;

/** Write bytes or text to a fresh file in a per-run temp directory; returns its path. */
export function tempFile(name: string, content: Uint8Array | string): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'zhibiao-readers-'));
  const path = join(tempDir, name);
  writeFileSync(path, content);
  return path;
}

/** Remove the temp directory (call from afterAll in each test file that writes files). */
export function removeTempFiles(): void {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

// ---------------------------------------------------------------- zip (stored)

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/** A zip archive with uncompressed (stored) entries. */
export function storedZip(entries: ZipEntry[], options: { encryptedFlag?: boolean } = {}): Uint8Array {
  const enc = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const flags = options.encryptedFlag ? 1 : 0;
  for (const e of entries) {
    const name = Buffer.from(enc.encode(e.name));
    const data = Buffer.from(typeof e.data === 'string' ? enc.encode(e.data) : e.data);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags | 0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time/date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags | 0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cdSize = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

// ---------------------------------------------------------------- docx

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WordprocessingML for a paragraph (optionally a heading style). */
export function wPara(text: string, style?: string): string {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;
}

/** WordprocessingML for a table; a cell may hold several paragraphs (array). */
export function wTable(rows: Array<Array<string | string[]>>): string {
  const tr = rows
    .map((r) => `<w:tr>${r.map((c) => `<w:tc>${(Array.isArray(c) ? c : [c]).map((p) => wPara(p)).join('')}</w:tc>`).join('')}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr/>${tr}</w:tbl>`;
}

/** A minimal but complete .docx package around a body of WordprocessingML. */
export function buildDocx(bodyXml: string): Uint8Array {
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '</Relationships>';
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`;
  return storedZip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    { name: 'word/document.xml', data: doc },
  ]);
}

// ---------------------------------------------------------------- OLE2 compound file

/**
 * A small but structurally valid compound file (512-byte sectors): header,
 * one FAT sector, one directory sector, and one data sector per stream.
 * Streams are padded to 4096 bytes so they live in regular sectors.
 */
export function buildCfb(streams: Array<{ name: string; size?: number }>): Uint8Array {
  const SECTOR = 512;
  const dataSectorsPer = 8; // 4096 bytes each
  const nStreams = streams.length;
  // Sector 0: FAT; sector 1: directory; then stream data.
  const totalSectors = 2 + nStreams * dataSectorsPer;
  const buf = Buffer.alloc(SECTOR * (1 + totalSectors));
  // Header
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x003e, 0x18); // minor version
  buf.writeUInt16LE(0x0003, 0x1a); // major version 3
  buf.writeUInt16LE(0xfffe, 0x1c); // little-endian
  buf.writeUInt16LE(9, 0x1e); // sector shift
  buf.writeUInt16LE(6, 0x20); // mini sector shift
  buf.writeUInt32LE(1, 0x2c); // number of FAT sectors
  buf.writeUInt32LE(1, 0x30); // first directory sector
  buf.writeUInt32LE(4096, 0x38); // mini stream cutoff
  buf.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  buf.writeUInt32LE(0, 0x40);
  buf.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  buf.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) buf.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const sectorOff = (s: number) => SECTOR * (s + 1);
  // FAT
  const fat = sectorOff(0);
  for (let i = 0; i < SECTOR / 4; i++) buf.writeUInt32LE(0xffffffff, fat + i * 4);
  buf.writeUInt32LE(0xfffffffd, fat); // sector 0 is the FAT
  buf.writeUInt32LE(0xfffffffe, fat + 4); // directory: one sector
  for (let k = 0; k < nStreams; k++) {
    const first = 2 + k * dataSectorsPer;
    for (let j = 0; j < dataSectorsPer; j++) {
      buf.writeUInt32LE(j === dataSectorsPer - 1 ? 0xfffffffe : first + j + 1, fat + (first + j) * 4);
    }
  }
  // Directory: root + streams (4 entries per sector; this builder takes at most 3 streams).
  if (nStreams > 3) throw new Error('buildCfb: at most 3 streams');
  const dir = sectorOff(1);
  const entry = (i: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const off = dir + i * 128;
    for (let c = 0; c < name.length; c++) buf.writeUInt16LE(name.charCodeAt(c), off + c * 2);
    buf.writeUInt16LE((name.length + 1) * 2, off + 0x40);
    buf[off + 0x42] = type;
    buf[off + 0x43] = 1; // black
    buf.writeUInt32LE(0xffffffff, off + 0x44); // left
    buf.writeUInt32LE(right, off + 0x48);
    buf.writeUInt32LE(child, off + 0x4c);
    buf.writeUInt32LE(start, off + 0x74);
    buf.writeUInt32LE(size, off + 0x78);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0, nStreams ? 1 : 0xffffffff, 0xffffffff);
  streams.forEach((s, k) => {
    entry(k + 1, s.name, 2, 2 + k * dataSectorsPer, s.size ?? 4096, 0xffffffff, k + 1 < nStreams ? k + 2 : 0xffffffff);
  });
  for (let i = nStreams + 1; i < 4; i++) {
    const off = dir + i * 128;
    buf.writeUInt32LE(0xffffffff, off + 0x44);
    buf.writeUInt32LE(0xffffffff, off + 0x48);
    buf.writeUInt32LE(0xffffffff, off + 0x4c);
  }
  return new Uint8Array(buf);
}

// ---------------------------------------------------------------- PNG

/** A real 2×2 grey PNG. */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.from([0, 128, 128, 0, 128, 128]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

// ---------------------------------------------------------------- PDF

export interface PdfTextRun {
  x: number;
  y: number;
  size: number;
  text: string;
  /** Extra space between characters (Tc), for justified lines. */
  charSpacing?: number;
}

export interface PdfPageSpec {
  runs: PdfTextRun[];
  /** Draw a filled rectangle (a stand-in for a scanned image) instead of or beside text. */
  rect?: boolean;
}

/** Advance of a string in em: CJK and full-width characters 1 em, ASCII 0.5 em (the /W table below). */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return w;
}

/**
 * Place the lines of one paragraph: the first line indented 2 em; every line
 * but the last justified to `width` with character spacing (as Word does).
 * Lines are given explicitly so a test controls where they break. A paragraph
 * that continues on the next page has its last line justified too.
 */
export function paragraph(
  lines: string[],
  opts: { x: number; y: number; width: number; size: number; leading?: number; continuesOnNextPage?: boolean },
): PdfTextRun[] {
  const leading = opts.leading ?? opts.size * 1.6;
  return lines.map((text, i) => {
    const indent = i === 0 ? 2 * opts.size : 0;
    const natural = emWidth(text) * opts.size;
    const avail = opts.width - indent;
    if (natural > avail + 0.01) throw new Error(`fixture line too long (${natural} > ${avail}): ${text}`);
    const n = [...text].length;
    const last = i === lines.length - 1 && !opts.continuesOnNextPage;
    const run: PdfTextRun = { x: opts.x + indent, y: opts.y - i * leading, size: opts.size, text };
    if (!last && n > 1) run.charSpacing = (avail - natural) / (n - 1);
    return run;
  });
}


function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());

const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6,
  0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function padPassword(pw: string): Uint8Array {
  const b = Buffer.from(pw, 'latin1').subarray(0, 32);
  return Uint8Array.from([...b, ...PASSWORD_PAD.subarray(0, 32 - b.length)]);
}

export interface PdfOptions {
  /** Standard security handler, RC4 40-bit (revision 2). */
  encrypt?: { userPassword: string; ownerPassword: string };
  /** Truncate the file to this many bytes (a damaged download). */
  truncateTo?: number;
}

/**
 * A PDF with text set in the non-embedded Adobe-GB1 font STSong-Light,
 * encoded with the predefined CMap UniGB-UTF16-H (the standard way to put
 * Chinese text in a PDF without embedding glyphs; readers need the CMap files).
 */
export function buildPdf(pages: PdfPageSpec[], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = []; // object bodies (without "n 0 obj"), 1-based ids
  const streams = new Map<number, Uint8Array>();
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const [font] = CJK_FONT_OBJECTS.map((o) => add(o));
  const pageIds: number[] = [];
  for (const page of pages) {
    let content = '';
    if (page.rect) content += '0.5 g 72 72 451 698 re f\n';
    for (const r of page.runs) {
      content += `BT /F1 ${r.size} Tf ${(r.charSpacing ?? 0).toFixed(3)} Tc 1 0 0 1 ${r.x.toFixed(2)} ${r.y.toFixed(2)} Tm <${utf16beHex(r.text)}> Tj ET\n`;
    }
    const contentId = add('');
    streams.set(contentId, new TextEncoder().encode(content));
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contentId} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  const id0 = md5(Buffer.from(`zhibiao-fixture-${pages.length}`));
  let encryptId = 0;
  let fileKey: Uint8Array | null = null;
  if (options.encrypt) {
    const P = -44;
    const ownerKey = md5(padPassword(options.encrypt.ownerPassword)).subarray(0, 5);
    const O = rc4(ownerKey, padPassword(options.encrypt.userPassword));
    const pBytes = Buffer.alloc(4);
    pBytes.writeInt32LE(P);
    fileKey = md5(padPassword(options.encrypt.userPassword), O, pBytes, id0).subarray(0, 5);
    const U = rc4(fileKey, PASSWORD_PAD);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
    encryptId = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(O)}> /U <${hex(U)}> /P ${P} >>`);
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let pos = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((source, i) => {
    const id = i + 1;
    let body = source;
    offsets.push(pos);
    let part: Buffer;
    const stream = streams.get(id);
    // Every string and stream is encrypted with a per-object key (not the /Encrypt dictionary itself).
    const objKey = fileKey && id !== encryptId ? md5(fileKey, Uint8Array.from([id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff, 0, 0])).subarray(0, 10) : null;
    if (objKey) {
      body = body.replace(/\(([^()\\]*)\)/g, (_m, str: string) => `<${Buffer.from(rc4(objKey, Buffer.from(str, 'latin1'))).toString('hex').toUpperCase()}>`);
    }
    if (stream) {
      const data = objKey ? rc4(objKey, stream) : stream;
      part = Buffer.concat([Buffer.from(`${id} 0 obj\n<< /Length ${data.length} >>\nstream\n`, 'latin1'), Buffer.from(data), Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    } else {
      part = Buffer.from(`${id} 0 obj\n${body}\nendobj\n`, 'latin1');
    }
    chunks.push(part);
    pos += part.length;
  });
  const xrefPos = pos;
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) xref += `${String(off).padStart(10, '0')} 00000 n \n`;
  const idHex = Buffer.from(id0).toString('hex').toUpperCase();
  xref += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /ID [<${idHex}> <${idHex}>]${encryptId ? ` /Encrypt ${encryptId} 0 R` : ''} >>\nstartxref\n${xrefPos}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  const all = Buffer.concat(chunks);
  return new Uint8Array(options.truncateTo ? all.subarray(0, options.truncateTo) : all);
}
