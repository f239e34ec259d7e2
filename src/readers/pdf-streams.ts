/**
 * Bounds on what a PDF inflates, checked before pdfjs reads it: every
 * FlateDecode stream that text extraction may decode (page contents, forms,
 * fonts, object and cross-reference streams; not images, which text
 * extraction never decodes) is inflated by zlib with a ceiling, and together
 * they may not pass the text cap.
 *
 * Not covered: streams of encrypted PDFs (they only inflate after pdfjs
 * decrypts them) and filter chains that do not start with FlateDecode.
 */
import { expandsPast, type ReadLimits } from './limits.js';

const LATIN1 = new TextDecoder('latin1');

/** Inflated size of a zlib stream, at most `ceiling` + 1; 0 when it is not a zlib stream. */
function inflatedSize(data: Uint8Array, ceiling: number): number {
  // zlib is loaded when a PDF comes, not at every start (a text file never needs it)
  const { constants, inflateSync } = process.getBuiltinModule('node:zlib');
  try {
    // PDF streams are often truncated or followed by junk: take what inflates
    return inflateSync(data, { maxOutputLength: Math.max(1, ceiling + 1), finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return ceiling + 1;
    return 0;
  }
}

/** Throws a LimitError when the PDF's decodable streams inflate past the text cap. */
export function checkPdfBounds(bytes: Uint8Array, path: string, limits: ReadLimits): void {
  const text = LATIN1.decode(bytes);
  let total = 0;
  const re = /\bstream(?:\r\n|\n|\r)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dataStart = m.index + m[0].length;
    const dictStart = Math.max(text.lastIndexOf('obj', m.index), m.index - 4096, 0);
    const dict = text.slice(dictStart, m.index);
    if (!/\/Filter\s*(\[\s*)?\/(FlateDecode|Fl)\b/.test(dict)) continue;
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = direct ? dataStart + Number(direct[1]) : -1;
    if (end < dataStart || end > bytes.length || text.slice(end, end + 12).indexOf('endstream') < 0) {
      end = text.indexOf('endstream', dataStart);
      if (end < 0) end = bytes.length;
    }
    const left = limits.maxText - total;
    total += inflatedSize(bytes.subarray(dataStart, end), left);
    if (total > limits.maxText) throw expandsPast(path, limits);
    re.lastIndex = Math.max(re.lastIndex, end);
  }
}
