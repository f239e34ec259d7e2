/**
 * Content sniffing: what a file is, from its first bytes, so a reader is chosen
 * by content (the extension only breaks ties) and non-documents are refused
 * with a name the user recognises.
 */

export type Container =
  | { kind: 'pdf' }
  | { kind: 'zip' }
  | { kind: 'ole2' }
  | { kind: 'rtf' }
  | { kind: 'binary'; label: string }
  | { kind: 'unknown' };

interface Magic {
  bytes: number[];
  offset?: number;
  label: string;
}

/** Signatures of common non-text files, with the name used in refusals. */
const BINARY_MAGIC: readonly Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], label: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], label: 'JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], label: 'GIF image' },
  { bytes: [0x42, 0x4d], label: 'BMP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], label: 'TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], label: 'TIFF image' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, label: 'WebP image' },
  { bytes: [0x00, 0x00, 0x01, 0x00], label: 'ICO image' },
  { bytes: [0x38, 0x42, 0x50, 0x53], label: 'Photoshop image' },
  { bytes: [0x1f, 0x8b], label: 'gzip archive' },
  { bytes: [0x42, 0x5a, 0x68], label: 'bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], label: 'xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], label: 'zstd archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: '7z archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], label: 'RAR archive' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, label: 'tar archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], label: 'ELF executable' },
  { bytes: [0x4d, 0x5a], label: 'Windows executable' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], label: 'Mach-O executable' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], label: 'Java class or Mach-O binary' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], label: 'WebAssembly module' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], label: 'SQLite database' },
  { bytes: [0x49, 0x44, 0x33], label: 'MP3 audio' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, label: 'MP4 video' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], label: 'Ogg media' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], label: 'FLAC audio' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], label: 'Matroska video' },
  { bytes: [0x77, 0x4f, 0x46, 0x46], label: 'WOFF font' },
  { bytes: [0x77, 0x4f, 0x46, 0x32], label: 'WOFF2 font' },
  { bytes: [0x00, 0x01, 0x00, 0x00, 0x00], label: 'TrueType font' },
  { bytes: [0x4f, 0x54, 0x54, 0x4f], label: 'OpenType font' },
];

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

const ASCII = new TextDecoder('latin1');

/** Identify the container of a file from its bytes. */
export function sniffContainer(bytes: Uint8Array): Container {
  // %PDF- may be preceded by junk (the spec tolerates up to 1024 bytes).
  const head = ASCII.decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return { kind: 'zip' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'ole2' };
  if (head.startsWith('{\\rtf')) return { kind: 'rtf' };
  // RIFF containers: WAVE / AVI / WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes.length >= 12) {
    const sub = ASCII.decode(bytes.subarray(8, 12));
    const label = sub === 'WAVE' ? 'WAV audio' : sub === 'AVI ' ? 'AVI video' : sub === 'WEBP' ? 'WebP image' : 'RIFF media';
    return { kind: 'binary', label };
  }
  for (const m of BINARY_MAGIC) {
    if (startsWith(bytes, m.bytes, m.offset ?? 0)) {
      // Text can start with "BM" or "MZ"; those two need a NUL byte nearby to count.
      if ((m.label === 'BMP image' || m.label === 'Windows executable') && !bytes.subarray(0, 64).includes(0)) continue;
      if (m.label === 'ICO image' && !(bytes.length > 6 && bytes[4] !== 0)) continue;
      return { kind: 'binary', label: m.label };
    }
  }
  return { kind: 'unknown' };
}

/** True when the decoded start of a text looks like an HTML document. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<!doctype\s+html/.test(head)) return true;
  if (/^<(html|head|body|meta|title)[\s>]/.test(head)) return true;
  if (/^<\?xml[^>]*>\s*<!doctype\s+html/.test(head)) return true;
  if (/^<\?xml[^>]*>\s*<html[\s>]/.test(head)) return true;
  // Comment first, then an html tag soon after.
  if (head.startsWith('<!--') && /<html[\s>]/.test(head)) return true;
  return false;
}

// ---------------------------------------------------------------- zip listing

/** The offset of a zip's end-of-central-directory record (22 bytes + comment ≤ 65535, searched from the end), or -1. */
export function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

/** Names of the entries in a zip file, read from its central directory. */
export function listZipEntries(bytes: Uint8Array): { names: string[]; encrypted: boolean } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view);
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  let encrypted = false;
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return names.length ? { names, encrypted } : null;
    const flags = view.getUint16(p + 8, true);
    if (flags & 1) encrypted = true;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    names.push(utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { names, encrypted };
}

/** What a zip container holds, judged from its entry names. */
export function classifyZip(names: readonly string[]): 'docx' | 'xlsx' | 'pptx' | 'odf' | 'epub' | 'zip' {
  const set = new Set(names);
  if (set.has('word/document.xml') || names.some((n) => /^word\/document\d*\.xml$/.test(n))) return 'docx';
  if (set.has('xl/workbook.xml')) return 'xlsx';
  if (set.has('ppt/presentation.xml')) return 'pptx';
  if (set.has('META-INF/container.xml') && set.has('mimetype') && names.some((n) => n.endsWith('.opf'))) return 'epub';
  if (set.has('mimetype') && set.has('content.xml')) return 'odf';
  return 'zip';
}

// ------------------------------------------------ OLE2 (compound file) listing

/**
 * Stream names in an OLE2 compound file (legacy Office, encrypted OOXML),
 * read from the directory sectors. Returns null if the structure is broken.
 */
export function listOle2Streams(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (s: number) => (s + 1) * sectorSize;
  // FAT sector numbers: the first 109 are in the header.
  const fatSectors: number[] = [];
  const numFat = view.getUint32(0x2c, true);
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(view.getUint32(0x4c + i * 4, true));
  const fatEntry = (s: number): number => {
    const perSector = sectorSize / 4;
    const fs = fatSectors[Math.floor(s / perSector)];
    if (fs === undefined) return 0xfffffffe;
    const off = sectorOffset(fs) + (s % perSector) * 4;
    if (off + 4 > bytes.length) return 0xfffffffe;
    return view.getUint32(off, true);
  };
  const names: string[] = [];
  let sector = view.getUint32(0x30, true);
  const seen = new Set<number>();
  while (sector < 0xfffffffa && !seen.has(sector)) {
    seen.add(sector);
    const base = sectorOffset(sector);
    if (base + sectorSize > bytes.length) break;
    for (let e = 0; e < sectorSize / 128; e++) {
      const off = base + e * 128;
      const nameLen = view.getUint16(off + 0x40, true);
      const type = bytes[off + 0x42];
      if (nameLen < 2 || nameLen > 64 || type === 0) continue;
      let name = '';
      for (let i = 0; i < nameLen - 2; i += 2) name += String.fromCharCode(view.getUint16(off + i, true));
      names.push(name);
    }
    sector = fatEntry(sector);
  }
  return names.length ? names : null;
}

/** The refusal reason for an OLE2 file, from its streams. */
export function describeOle2(bytes: Uint8Array): string {
  const names = listOle2Streams(bytes);
  const has = (n: string) => names?.some((x) => x.toLowerCase() === n.toLowerCase()) ?? false;
  if (has('EncryptedPackage') || has('EncryptionInfo')) {
    return 'encrypted Office document: remove the password and save as .docx';
  }
  if (has('WordDocument')) return 'legacy Word .doc: save as .docx';
  if (has('Workbook') || has('Book')) return 'legacy Excel .xls spreadsheet: not a supported document';
  if (has('PowerPoint Document')) return 'legacy PowerPoint .ppt: not a supported document';
  if (names === null) {
    // Unreadable directory: fall back to a byte search for the Word stream name.
    const hay = ASCII.decode(bytes);
    if (hay.includes('W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t')) return 'legacy Word .doc: save as .docx';
  }
  return 'OLE2 compound file (legacy Office format): not a supported document';
}
