/**
 * Hostile inputs, generated on the fly (never committed): decompression bombs
 * (DOCX, PDF), deeply nested HTML, symlink loops, a UTF-8 text with one bad
 * byte, file names with control characters. Used by the tests and by the
 * hostile-input suite (hostile.ts). Streams are deflated chunk by chunk, so a
 * 1 GiB bomb is built without holding 1 GiB in memory.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

export interface ZipEntrySource {
  name: string;
  /** The content, as chunks (a generator keeps big entries out of memory). */
  chunks: Iterable<Uint8Array>;
  /** Write this uncompressed size into the headers instead of the real one (a lying header). */
  declaredSize?: number;
}

const enc = new TextEncoder();

/** Deflates chunks one by one (sync flush per chunk), returning compressed bytes, CRC-32 and size. */
function deflateChunks(chunks: Iterable<Uint8Array>): { data: Buffer; crc: number; size: number } {
  // Identical chunks compress to identical blocks after the first: deflate each
  // distinct chunk once as a full-flush block and repeat it.
  const parts: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let lastChunk: Uint8Array | null = null;
  let lastBlock: Buffer | null = null;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (lastChunk === c && lastBlock) {
      parts.push(lastBlock);
      continue;
    }
    const block = deflateRawSync(c, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    parts.push(block);
    lastChunk = c;
    lastBlock = block;
  }
  parts.push(Buffer.from([0x03, 0x00])); // an empty final fixed-Huffman block ends the stream
  return { data: Buffer.concat(parts), crc: crc >>> 0, size };
}

/** A zip archive (deflate, no ZIP64: entries under 4 GiB). */
export function buildZip(entries: readonly ZipEntrySource[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const { data, crc, size } = deflateChunks(e.chunks);
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, eocd]);
}

/** `count` copies of one chunk (the same object, so deflateChunks compresses it once). */
function* repeat(chunk: Uint8Array, count: number): Generator<Uint8Array> {
  for (let i = 0; i < count; i++) yield chunk;
}

const MiB = 1024 * 1024;

/** A 64 KiB chunk of Chinese report text with figures. */
function textChunk(): Uint8Array {
  const sentence = '全年地区生产总值增长百分之五，规模以上工业增加值增长。';
  const unit = enc.encode(sentence);
  const n = Math.floor((64 * 1024) / unit.length);
  const out = new Uint8Array(n * unit.length);
  for (let i = 0; i < n; i++) out.set(unit, i * unit.length);
  return out;
}

/** A DOCX whose document.xml inflates to about `mib` MiB of text. */
export function docxBomb(mib: number, options: { declaredSize?: number } = {}): Buffer {
  const chunk = textChunk();
  const count = Math.ceil((mib * MiB) / chunk.length);
  const head = enc.encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
  );
  const tail = enc.encode('</w:t></w:r></w:p></w:body></w:document>');
  return buildZip([
    { name: '[Content_Types].xml', chunks: [enc.encode(CONTENT_TYPES)] },
    { name: '_rels/.rels', chunks: [enc.encode(RELS)] },
    {
      name: 'word/document.xml',
      chunks: (function* () {
        yield head;
        yield* repeat(chunk, count);
        yield tail;
      })(),
      ...(options.declaredSize !== undefined ? { declaredSize: options.declaredSize } : {}),
    },
  ]);
}

/** A small, ordinary DOCX (one paragraph), for checking that readable files still read. */
export function smallDocx(text: string): Buffer {
  const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return buildZip([
    { name: '[Content_Types].xml', chunks: [enc.encode(CONTENT_TYPES)] },
    { name: '_rels/.rels', chunks: [enc.encode(RELS)] },
    { name: 'word/document.xml', chunks: [enc.encode(body)] },
  ]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A PDF whose page content stream (FlateDecode) inflates to about `mib` MiB. */
export function pdfBomb(mib: number): Buffer {
  const line = enc.encode('BT /F1 12 Tf 72 720 Td (zhibiao bomb line of text) Tj ET\n');
  const n = Math.floor((64 * 1024) / line.length);
  const chunk = new Uint8Array(n * line.length);
  for (let i = 0; i < n; i++) chunk.set(line, i * line.length);
  const count = Math.ceil((mib * MiB) / chunk.length);
  // zlib-wrapped (FlateDecode wants the zlib header): deflate raw blocks, add header and Adler-32.
  const raw = deflateChunks(repeat(chunk, count)).data;
  const adler = adler32Repeated(chunk, count);
  const header = Buffer.from([0x78, 0xda]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler >>> 0, 0);
  const stream = Buffer.concat([header, raw, trailer]);
  return buildPdf(stream, '/Filter /FlateDecode');
}

/** A small readable PDF with one line of text (a FlateDecode content stream). */
export function smallPdf(): Buffer {
  const content = deflateSync(enc.encode('BT /F1 12 Tf 72 720 Td (GDP grew by five percent in the year under review) Tj ET\n'.repeat(3)));
  return buildPdf(content, '/Filter /FlateDecode');
}

function adler32Repeated(chunk: Uint8Array, count: number): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < chunk.length; i++) {
      a = (a + chunk[i]!) % MOD;
      b = (b + a) % MOD;
    }
  }
  return ((b << 16) | a) >>> 0;
}

function buildPdf(content: Buffer, filter: string): Buffer {
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} ${filter} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let pos = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pos);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(b);
    pos += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const DEEP_TEXT = '蓝山县2023年国民经济和社会发展统计公报。全年全县地区生产总值增长5.2%，规模以上工业增加值增长6.1%，固定资产投资增长8.0%，社会消费品零售总额增长7.3%，一般公共预算收入完成12.37亿元。';

/** HTML with `depth` nested <div>s (or another tag) around a paragraph of report text. */
export function deepHtml(depth: number, tag = 'div'): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>深层嵌套</title></head><body>${`<${tag}>`.repeat(depth)}${DEEP_TEXT}${`</${tag}>`.repeat(depth)}</body></html>`;
}

/** A UTF-8 text (a real report sentence, repeated) with one invalid byte (0xFF) in the middle. */
export function badByteText(): Buffer {
  const line = '蓝山县2023年国民经济和社会发展统计公报。全年地区生产总值达到98.64亿元，增长5.2%。\n';
  const half = Buffer.from(line.repeat(20), 'utf8');
  return Buffer.concat([Buffer.from('蓝山县2023年统计公报\n', 'utf8'), half, Buffer.from([0xff]), half]);
}

/**
 * A folder with a document, a link to itself (`me -> .`), a subfolder with a
 * link to its parent (`sub/up -> ..`) and a link to a folder outside (`out -> OUTSIDE`).
 */
export function symlinkLoops(dir: string, outside?: string): void {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), '蓝山县2023年统计公报\n全年地区生产总值达到98.64亿元，增长5.2%。\n');
  writeFileSync(join(dir, 'sub', 'b.txt'), '蓝山县2023年统计公报\n全年规模以上工业增加值增长6.1%。\n');
  symlinkSync('.', join(dir, 'me'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  if (outside) symlinkSync(outside, join(dir, 'out'));
}

/** File names with control characters that could fake a `zhibiao:` line or recolour a terminal. */
export const ODD_NAMES = ['fake\nzhibiao: all 0 file(s) read fine.txt', 'esc\u001b[31mred.txt', 'bell\u0007\u0008back.txt', 'rtl\u202etxt.exe.txt'] as const;
