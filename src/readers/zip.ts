/**
 * Bounds on what a zip container (DOCX) inflates, checked before mammoth
 * unzips it: the sizes and ratios the central directory declares first, then
 * the real output of every entry, inflated by zlib with a ceiling
 * (`maxOutputLength`) so a lying header cannot make it allocate more.
 *
 * XML parts (what mammoth parses) share one budget: the text cap. Other parts
 * (images) share four times the cap; mammoth does not inflate them, but a
 * relationship could point the reader at one.
 */
import { formatSize, expandsPast, LimitError, type ReadLimits } from './limits.js';
import { findEocd } from './sniff.js';

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** An entry over this size that inflates more than MAX_RATIO times is a bomb whatever the budget. */
const RATIO_FLOOR = 10 * 1024 * 1024;
const MAX_RATIO = 200;

/** Entries from the central directory, with ZIP64 sizes; null when it is unreadable. */
export function zipDirectory(bytes: Uint8Array): ZipEntryInfo[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view);
  if (eocd < 0) return null;
  let count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  // ZIP64 end of central directory (locator just before the EOCD)
  if ((count === 0xffff || p === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(view.getBigUint64(eocd - 12, true));
    if (z + 56 <= bytes.length && view.getUint32(z, true) === 0x06064b50) {
      count = Number(view.getBigUint64(z + 32, true));
      p = Number(view.getBigUint64(z + 48, true));
    }
  }
  const entries: ZipEntryInfo[] = [];
  const utf8 = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return entries.length ? entries : null;
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the 0xFFFFFFFF values follow in order
    let e = p + 46 + nameLen;
    const end = Math.min(bytes.length, e + extraLen);
    while (e + 4 <= end) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          const v = q + 8 <= end ? Number(view.getBigUint64(q, true)) : 0;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name) || !/\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|wdp|jfif|ico|bin|odttf|ttf|otf|fntdata)$/i.test(name);
}

/** The compressed bytes of an entry (after its local header). */
function entryData(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + e.compressedSize);
}

/** Inflated size of an entry, at most `ceiling` + 1 (more means: past the ceiling). */
function inflatedSize(data: Uint8Array, method: number, ceiling: number): number {
  if (method === 0) return data.length;
  if (method !== 8) return 0; // mammoth refuses other methods itself
  // zlib is loaded when a DOCX comes, not at every start
  const { inflateRawSync } = process.getBuiltinModule('node:zlib');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, ceiling + 1) }).length;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return ceiling + 1;
    return 0; // damaged data: mammoth reports it
  }
}

/**
 * Throws a LimitError when the archive would inflate past the limits: first
 * from the declared sizes (cheap), then from the real output of each entry.
 */
export function checkZipBounds(bytes: Uint8Array, path: string, limits: ReadLimits): void {
  const entries = zipDirectory(bytes);
  if (!entries) return; // the caller refuses an unreadable directory
  const xmlBudget = limits.maxText;
  const otherBudget = limits.maxText * 4;
  const bomb = (e: ZipEntryInfo, size: number) =>
    new LimitError(path, `zip entry ${e.name} inflates ${Math.round(size / Math.max(1, e.compressedSize))}× (${formatSize(e.compressedSize)} → ${formatSize(size)}): a decompression bomb, not read`);
  // before: what the directory declares
  let xml = 0;
  let other = 0;
  for (const e of entries) {
    if (isXmlPart(e.name)) xml += e.size;
    else other += e.size;
    if (xml > xmlBudget || other > otherBudget) throw expandsPast(path, limits);
    if (e.size > RATIO_FLOOR && e.size / Math.max(1, e.compressedSize) > MAX_RATIO) throw bomb(e, e.size);
  }
  // while: what the entries really inflate to, never more than the budget left
  xml = 0;
  other = 0;
  for (const e of entries) {
    const data = entryData(bytes, e);
    if (!data) continue;
    const part = isXmlPart(e.name);
    const left = part ? xmlBudget - xml : otherBudget - other;
    const size = inflatedSize(data, e.method, Math.min(left, Math.max(RATIO_FLOOR, data.length * MAX_RATIO)));
    if (size > left) throw expandsPast(path, limits);
    if (size > RATIO_FLOOR && size / Math.max(1, data.length) > MAX_RATIO) throw bomb(e, size);
    if (part) xml += size;
    else other += size;
  }
}
