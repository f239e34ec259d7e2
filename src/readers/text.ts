/**
 * Plain-text decoding: BOMs, UTF-8, UTF-16 (with or without BOM), GB18030/GBK
 * and Big5, with binary files refused and lossy decodes reported.
 */
import { createRequire } from 'node:module';
import { InputError, type Diagnostic } from '../types.js';
import { sniffContainer } from './sniff.js';

// The encoding detector and encoder are needed only for legacy (GB18030/Big5)
// files: loaded on first use so that a UTF-8 run never pays for them.
const require = createRequire(import.meta.url);
let jschardetModule: typeof import('jschardet') | null = null;
let iconvModule: typeof import('iconv-lite') | null = null;
const jschardet = () => (jschardetModule ??= require('jschardet') as typeof import('jschardet'));
const iconv = () => (iconvModule ??= require('iconv-lite') as typeof import('iconv-lite'));

export interface Decoded {
  text: string;
  encoding: string;
  diagnostics: Diagnostic[];
}

/** Map a charset label (from a meta tag or a detector) to a TextDecoder label, or null. */
export function normalizeCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  // GB2312 and GBK documents use GBK extensions in practice: decode as the superset.
  if (/^(gb2312|gb_2312(-80)?|gbk|x-gbk|gb18030|cp936|ms936|windows-936|euc-cn|csgb2312|chinese|iso-ir-58|hz-gb-2312)$/.test(l)) {
    return 'gb18030';
  }
  if (/^(big5|big5-hkscs|cn-big5|x-x-big5|csbig5|cp950|euc-tw|x-euc-tw)$/.test(l)) return 'big5';
  if (/^(utf-?8|unicode-1-1-utf-8|utf8mb4)$/.test(l)) return 'utf-8';
  if (/^(utf-?16le|unicode|ucs-2|utf-16)$/.test(l)) return 'utf-16le';
  if (/^utf-?16be$/.test(l)) return 'utf-16be';
  try {
    return new TextDecoder(l).encoding;
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Decode strictly; null when the bytes are not valid in that encoding. */
export function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    if (err instanceof TypeError) return null;
    throw err;
  }
}

function decodeLoose(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** The encoding a BOM announces, and its length. */
export function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return null;
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, newlines, spaces) leave a
 * NUL byte in every other position. Looks at the first 8 KB.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  const zeros = evenZeros + oddZeros;
  if (zeros < Math.max(2, pairs * 0.05)) return null;
  if (oddZeros >= zeros * 0.9) return 'utf-16le';
  if (evenZeros >= zeros * 0.9) return 'utf-16be';
  return null;
}

/** Ratio of control characters that never occur in text documents. */
function controlRatio(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    total++;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) || (c >= 0x7f && c <= 0x9f)) bad++;
  }
  return bad / total;
}

/** Diagnostics for characters lost before or during decoding. */
export function lossDiagnostics(text: string, encoding: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cpIndex = (utf16: number) => [...text.slice(0, utf16)].length;
  const repl = [...text.matchAll(/\uFFFD+/g)];
  if (repl.length) {
    const count = repl.reduce((s, m) => s + m[0].length, 0);
    const first = repl[0]!;
    const start = cpIndex(first.index);
    out.push({
      rule: 'decode/replacement-chars',
      message: `${count} undecodable byte sequence(s) replaced with U+FFFD while decoding as ${encoding}`,
      span: [start, start + first[0].length],
    });
  }
  const qs = [...text.matchAll(/\?{3,}/g)];
  if (qs.length) {
    const first = qs[0]!;
    const start = cpIndex(first.index);
    out.push({
      rule: 'decode/question-mark-runs',
      message: `${qs.length} run(s) of "???" — characters were probably lost in an earlier conversion`,
      span: [start, start + first[0].length],
    });
  }
  return out;
}

/**
 * Invalid UTF-8 in bytes, counted the way TextDecoder replaces it (one U+FFFD
 * per maximal invalid subsequence, WHATWG Encoding), with the byte offsets of
 * the first few, and the number of valid multi-byte characters beside them.
 */
export function scanUtf8(bytes: Uint8Array, keep = 5): { invalid: number; at: number[]; multibyte: number } {
  let invalid = 0;
  let multibyte = 0;
  const at: number[] = [];
  const bad = (i: number) => {
    invalid++;
    if (at.length < keep) at.push(i);
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      bad(i);
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = bytes[j];
      if (c === undefined || c < lo || c > hi) {
        ok = false;
        break;
      }
      lo = 0x80;
      hi = 0xbf;
    }
    if (ok) multibyte++;
    else bad(i);
    i = j; // the byte that broke the sequence starts the next one
  }
  return { invalid, at, multibyte };
}

/**
 * UTF-8 with a few invalid bytes: decoded with U+FFFD in their place when the
 * rest is clearly UTF-8 (at least 99 % of the non-ASCII sequences valid);
 * null otherwise (then it is probably a legacy encoding).
 */
export function decodeMostlyUtf8(bytes: Uint8Array): Decoded | null {
  const scan = scanUtf8(bytes);
  if (scan.invalid === 0 || scan.multibyte < 8 || scan.invalid * 100 > scan.multibyte) return null;
  const text = decodeLoose(bytes, 'utf-8');
  const diagnostics: Diagnostic[] = [
    {
      rule: 'decode/invalid-bytes',
      message: `${scan.invalid} invalid byte sequence(s) replaced with U+FFFD while decoding as utf-8, at byte ${scan.at.join(', ')}${scan.invalid > scan.at.length ? ', …' : ''} (the rest is valid UTF-8)`,
    },
  ];
  return { text, encoding: 'utf-8', diagnostics };
}

/** Normalize CR LF and lone CR line ends to LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** jschardet's verdict restricted to the Chinese legacy encodings we accept. */
function detectLegacy(bytes: Uint8Array): { encoding: 'gb18030' | 'big5'; confidence: number; label: string } {
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024));
  const guess = jschardet().detect(sample);
  const label = String(guess.encoding ?? '').toLowerCase();
  const confidence = guess.confidence ?? 0;
  if (/big5|euc-tw/.test(label)) return { encoding: 'big5', confidence, label };
  return { encoding: 'gb18030', confidence, label };
}

/**
 * Decode bytes that are not UTF-8/UTF-16 (caller has checked) as GB18030 or Big5.
 * Strict first; the loose decode is accepted only when nearly all bytes decode.
 */
export function decodeLegacyChinese(bytes: Uint8Array, path: string): Decoded {
  const diagnostics: Diagnostic[] = [];
  const guess = detectLegacy(bytes);
  const order: Array<'gb18030' | 'big5'> = guess.encoding === 'big5' ? ['big5', 'gb18030'] : ['gb18030', 'big5'];
  for (const enc of order) {
    const text = decodeStrict(bytes, enc);
    // ICU's fatal mode can drop invalid bytes silently: check nothing went missing.
    if (text !== null && lostBytes(bytes, text, enc) === 0) {
      diagnostics.push({ rule: 'decode/detected', message: `decoded as ${enc} (detector said ${guess.label || 'nothing'})` });
      return { text, encoding: enc, diagnostics };
    }
  }
  // Neither decodes cleanly: take the one that loses fewer bytes if the loss is small.
  let best: { enc: string; text: string; lost: number } | null = null;
  for (const enc of order) {
    const text = decodeLoose(bytes, enc);
    const lost = lostBytes(bytes, text, enc);
    if (!best || lost < best.lost) best = { enc, text, lost };
  }
  if (best && best.lost <= Math.max(4, bytes.length * 0.005)) {
    return { text: best.text, encoding: best.enc, diagnostics };
  }
  throw new InputError(path, 'undecodable text: not valid UTF-8, UTF-16, GB18030 or Big5');
}

/**
 * Bytes of the input that the decoded text does not account for: replacement
 * characters and private-use code points (what invalid bytes become in some
 * legacy tables) count as lost, and re-encoding the rest must give back the length.
 */
function lostBytes(bytes: Uint8Array, text: string, enc: string): number {
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  const privateUse = (text.match(/[\ue000-\uf8ff]/g) ?? []).length;
  const kept = iconv().encode(text.replace(/\uFFFD/g, ''), enc).length;
  return Math.max(replaced, bytes.length - kept) + privateUse;
}

/**
 * Decode a plain-text file. Throws InputError for binary or undecodable input.
 * Line ends are normalized to LF and a BOM is dropped.
 */
export function decodeText(bytes: Uint8Array, path: string): Decoded {
  const container = sniffContainer(bytes);
  if (container.kind === 'binary') throw new InputError(path, `binary file (${container.label}): not a text document`);
  if (container.kind === 'pdf' || container.kind === 'zip' || container.kind === 'ole2') {
    throw new InputError(path, `binary file (${container.kind === 'ole2' ? 'OLE2 compound file' : container.kind}): not a text document`);
  }
  if (bytes.length === 0) return { text: '', encoding: 'utf-8', diagnostics: [] };

  let decoded: Decoded | null = null;
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const strict = decodeStrict(body, bom.encoding);
    if (strict !== null) {
      decoded = { text: strict, encoding: bom.encoding, diagnostics: [] };
    } else {
      decoded = { text: decodeLoose(body, bom.encoding), encoding: bom.encoding, diagnostics: [] };
    }
  } else {
    const utf16 = guessUtf16(bytes);
    if (utf16) {
      const strict = decodeStrict(bytes, utf16);
      if (strict !== null) {
        decoded = { text: strict, encoding: utf16, diagnostics: [{ rule: 'decode/utf16-no-bom', message: `no BOM; decoded as ${utf16} from the NUL-byte pattern` }] };
      }
    }
    if (!decoded) {
      if (bytes.subarray(0, 65536).includes(0)) throw new InputError(path, 'binary file (contains NUL bytes): not a text document');
      const utf8 = decodeStrict(bytes, 'utf-8');
      decoded = utf8 !== null ? { text: utf8, encoding: 'utf-8', diagnostics: [] } : (decodeMostlyUtf8(bytes) ?? decodeLegacyChinese(bytes, path));
    }
  }

  if (controlRatio(decoded.text.slice(0, 65536)) > 0.02) {
    throw new InputError(path, 'binary file (control characters): not a text document');
  }
  const text = normalizeNewlines(decoded.text);
  const loss = lossDiagnostics(text, decoded.encoding);
  // the place of the first replaced byte, in code points of the final text
  const firstReplaced = loss.find((d) => d.rule === 'decode/replacement-chars')?.span;
  const own = decoded.diagnostics.map((d) => (d.rule === 'decode/invalid-bytes' && firstReplaced ? { ...d, span: [firstReplaced[0], firstReplaced[0] + 1] as [number, number] } : d));
  return { text, encoding: decoded.encoding, diagnostics: [...own, ...loss.filter((d) => !(firstReplaced && d.rule === 'decode/replacement-chars' && own.some((o) => o.rule === 'decode/invalid-bytes')))] };
}
