/**
 * Character-level passes: literal escapes and entities, Traditional →
 * Simplified, full-width → ASCII. Each output unit keeps its source range.
 */
import { readFileSync } from 'node:fs';
import { AlignedBuilder, SourceBuilder, type AlignedSink, type AlignedText } from './aligned.js';

/**
 * Traditional → Simplified, one code point for one: OpenCC's 't' → 'cn' tables
 * applied character by character, precomputed into data/t2s.tsv by
 * scripts/build-t2s.mjs (t2s.test.ts checks it against OpenCC). Reading the
 * table takes about a millisecond; building OpenCC's converter took 15–30 ms of
 * every start. A flat table for the BMP (0 = unchanged), a Map above it.
 */
let bmpTable: Uint32Array | undefined;
const astralTable = new Map<number, number>();
/** The BMP code points bmpTable has an entry for. */
const bmpKeys: number[] = [];

function loadTable(): Uint32Array {
  const table = new Uint32Array(0x10000);
  const text = readFileSync(new URL('./data/t2s.tsv', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const from = line.codePointAt(0) as number;
    const to = line.codePointAt(from > 0xffff ? 3 : 2) as number;
    if (from <= 0xffff) {
      table[from] = to;
      bmpKeys.push(from);
    } else astralTable.set(from, to);
  }
  return table;
}

/** charFlags bits: a Han character (BMP ranges of isHan in docfields). */
const HAN = 1;
/** mapChar maps it. */
const MAPPED = 2;
/** The conversion table has an entry for it. */
const T2S = 4;
/** A surrogate or CR: never kept as it is without a look at it. */
const SPECIAL = 8;
/** Where an escape can start (\\ and &). */
const ESCAPE = 16;
/** Whether mapChar maps it is not known yet (see unitFlags). */
const UNKNOWN = 32;

let flagTable: Uint8Array | undefined;

/** What mapUnits needs to know of every BMP unit, in one byte: a unit with none of
 *  the bits it tests set is kept (the usual case, punctuation such as ，“” too). */
function charFlags(): Uint8Array {
  if (flagTable) return flagTable;
  const f = new Uint8Array(0x10000);
  f.fill(HAN, 0x4e00, 0xa000);
  f.fill(HAN, 0x3400, 0x4dc0);
  f.fill(HAN, 0xf900, 0xfb00);
  f.fill(SPECIAL, 0xd800, 0xe000);
  f[0x0d] = SPECIAL;
  f[0x5c] = ESCAPE;
  f[0x26] = ESCAPE;
  // Where mapChar may map (none of it Han or a surrogate), asked on a unit's first
  // sight: a text shows a few hundred of these 12 K units, and asking all of them
  // would cost every start some milliseconds.
  for (const [from, to] of MAY_MAP) f.fill(UNKNOWN, from, to);
  bmpTable ??= loadTable();
  for (const c of bmpKeys) f[c] = (f[c] as number) | T2S;
  flagTable = f;
  return f;
}

/** The flags of BMP unit `c`, with UNKNOWN resolved (and stored). */
function unitFlags(flags: Uint8Array, c: number): number {
  let f = flags[c] as number;
  if (f & UNKNOWN) {
    f = (f & ~UNKNOWN) | (mapChar(c) !== undefined ? MAPPED : 0);
    flags[c] = f;
  }
  return f;
}

/** The Simplified code point for `cp` (itself when there is none). */
export function simplifyChar(cp: number): number {
  if (cp < 0x3400) return cp;
  const table = (bmpTable ??= loadTable());
  if (cp <= 0xffff) {
    const hit = table[cp] as number;
    return hit === 0 ? cp : hit;
  }
  return astralTable.get(cp) ?? cp;
}

/** Literal `\r\n`/`\n`/`\t` text and the common HTML entities left in scraped text. */
const ESCAPES: ReadonlyArray<[string, string]> = [
  ['\\r\\n', '\n'],
  ['\\n', '\n'],
  ['\\r', '\n'],
  ['\\t', '\t'],
  ['&nbsp;', ' '],
  ['&ensp;', ' '],
  ['&emsp;', ' '],
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#160;', ' '],
  ['&#12288;', ' '],
];

export function replaceEscapes(t: AlignedText): AlignedText {
  const s = t.text;
  if (s.indexOf('\\') < 0 && s.indexOf('&') < 0) return t;
  const b = new AlignedBuilder(t);
  let copyFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5c && c !== 0x26) continue; // '\\' or '&'
    for (const [lit, rep] of ESCAPES) {
      if (s.startsWith(lit, i)) {
        b.emit(copyFrom, i);
        b.emitAs(rep, i, i + lit.length);
        i += lit.length - 1;
        copyFrom = i + 1;
        break;
      }
    }
  }
  b.emit(copyFrom, s.length);
  return b.finish();
}

/** ％ ＋ － ． ／ ＜ ＝ ＞ ＆ ＃ ～ */
const FULLWIDTH_SYMBOLS = new Set([0xff05, 0xff0b, 0xff0d, 0xff0e, 0xff0f, 0xff1c, 0xff1d, 0xff1e, 0xff06, 0xff03, 0xff5e]);
/** The same as flags over U+FF00..U+FF7F: a Set lookup for every ，and ： cost more. */
const FULLWIDTH_SYMBOL_FLAGS = Uint8Array.from({ length: 0x80 }, (_, k) => (FULLWIDTH_SYMBOLS.has(0xff00 + k) ? 1 : 0));

/**
 * Maps one code point to its normalized form (one code point), or returns
 * undefined to keep it. Full-width ASCII, ideographic space, NBSP, CJK
 * radicals that PDF extraction produces instead of ideographs.
 */
/** The only ranges of code points mapChar maps anything in. */
const MAY_MAP: ReadonlyArray<readonly [number, number]> = [
  [0xa0, 0x3001],
  [0xfeff, 0x10000],
];

export function mapChar(cp: number): number | undefined {
  // nothing below NBSP, and nothing from 、 up to the BOM (all of CJK), is mapped: the common case
  if (cp < 0xa0 || (cp > 0x3000 && cp < 0xfeff)) return undefined;
  // Full-width digits, Latin letters and number symbols → ASCII; Chinese
  // punctuation (，；：！？（）) stays as it is written.
  if (
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a) ||
    (cp >= 0xff00 && cp < 0xff80 && FULLWIDTH_SYMBOL_FLAGS[cp - 0xff00] === 1)
  )
    return cp - 0xfee0;
  if (cp === 0x3000 || cp === 0xa0 || cp === 0x2002 || cp === 0x2003 || cp === 0x2009 || cp === 0x200b)
    return 0x20;
  if (cp === 0xfeff) return 0x20;
  if (cp === 0x2215) return 0x2f; // division slash
  if (cp >= 0x2f00 && cp <= 0x2fd5) {
    const n = String.fromCodePoint(cp).normalize('NFKC').codePointAt(0);
    return n;
  }
  return undefined;
}

/**
 * Traditional → Simplified (one code point for one, via OpenCC's character
 * tables, character by character so offsets stay aligned) and the character
 * map above. `\r` is dropped (`\r\n` → `\n`).
 */
/** Han characters seen and how many of them were Traditional (changed by conversion). */
export interface ScriptCounts {
  han: number;
  converted: number;
}

export function mapCharacters(t: AlignedText, convertScript: boolean, counts?: ScriptCounts): AlignedText {
  // made on the first change: a text with nothing to map comes back as it is
  return mapUnits(t.text, false, convertScript, counts, () => new AlignedBuilder(t)).text ?? t;
}

/**
 * replaceEscapes and then mapCharacters, in one pass over the source, written
 * with a SourceBuilder (arrays of its own, also when nothing changes); and
 * whether the source has a surrogate pair.
 */
export function mapSource(source: string, convertScript: boolean, counts?: ScriptCounts): { text: AlignedText; hasPair: boolean } {
  const r = mapUnits(source, true, convertScript, counts, () => new SourceBuilder(source));
  if (r.text) return { text: r.text, hasPair: r.hasPair };
  const b = new SourceBuilder(source);
  b.emit(0, source.length);
  return { text: b.finish(), hasPair: r.hasPair };
}

/** The index in ESCAPES of the escape at `i` of `s` (as replaceEscapes finds it), or -1. */
function escapeAt(s: string, i: number): number {
  for (let k = 0; k < ESCAPES.length; k++) if (s.startsWith((ESCAPES[k] as [string, string])[0], i)) return k;
  return -1;
}

/**
 * mapCharacters over the units of `s`, written to the sink `make` gives on the first
 * change (undefined text when nothing changes); with `escapes`, replaceEscapes first,
 * in the same pass: an escape (all ASCII, which mapCharacters keeps) is replaced where
 * it starts, and a CR before one that becomes a line break is dropped as before a \n.
 */
function mapUnits(
  s: string,
  escapes: boolean,
  convertScript: boolean,
  counts: ScriptCounts | undefined,
  make: () => AlignedSink,
): { text: AlignedText | undefined; hasPair: boolean } {
  let b: AlignedSink | undefined;
  let copyFrom = 0;
  let han = 0;
  let converted = 0;
  let hasPair = false;
  const n = s.length;
  // (no escape can start where there is neither a \ nor an &)
  const scanEscapes = escapes && (s.indexOf('\\') >= 0 || s.indexOf('&') >= 0);
  const table = convertScript ? (bmpTable ??= loadTable()) : undefined;
  const flags = charFlags();
  // a unit with none of these is kept as it is (only counted when Han)
  const look = MAPPED | SPECIAL | UNKNOWN | (convertScript ? T2S : 0) | (scanEscapes ? ESCAPE : 0);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let f = flags[c] as number;
    // the bulk of the text: Han not in the conversion table, ASCII, Chinese punctuation
    if ((f & look) === 0) {
      han += f & HAN;
      continue;
    }
    if (f & UNKNOWN) {
      f = unitFlags(flags, c);
      if ((f & look) === 0) {
        han += f & HAN;
        continue;
      }
    }
    if (c < 0xa0) {
      // ASCII and C1 controls are kept, except CR: dropped before LF, otherwise a line break
      if (c === 0x0d) {
        b ??= make();
        b.emit(copyFrom, i);
        const d = s.charCodeAt(i + 1);
        let lf = d === 0x0a;
        if (!lf && scanEscapes && (d === 0x5c || d === 0x26)) {
          const k = escapeAt(s, i + 1);
          lf = k >= 0 && (ESCAPES[k] as [string, string])[1].charCodeAt(0) === 0x0a;
        }
        if (!lf) b.emitAs('\n', i, i + 1);
        copyFrom = i + 1;
      } else if (scanEscapes && (c === 0x5c || c === 0x26)) {
        const k = escapeAt(s, i);
        if (k >= 0) {
          const [lit, rep] = ESCAPES[k] as [string, string];
          b ??= make();
          b.emit(copyFrom, i);
          b.emitAs(rep, i, i + lit.length);
          i += lit.length - 1;
          copyFrom = i + 1;
        }
      }
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        hasPair = true;
      }
    }
    const w = cp > 0xffff ? 2 : 1;
    let outCp = cp;
    if (convertScript && cp >= 0x3400) {
      if (cp > 0xffff) outCp = simplifyChar(cp);
      else if ((flags[cp] as number) & T2S) outCp = (table as Uint32Array)[cp] as number;
    }
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || cp >= 0x20000) {
      han++;
      if (outCp !== cp) converted++;
    }
    // (mapChar leaves 、 to U+FEFE, all of CJK, alone: not even called for them)
    if (outCp <= 0x3000 || outCp >= 0xfeff) {
      const mapped = mapChar(outCp);
      if (mapped !== undefined) outCp = mapped;
    }
    if (outCp !== cp) {
      b ??= make();
      b.emit(copyFrom, i);
      b.emitAs(String.fromCodePoint(outCp), i, i + w);
      copyFrom = i + w;
    }
    i += w - 1;
  }
  if (counts) {
    counts.han += han;
    counts.converted += converted;
  }
  if (!b) return { text: undefined, hasPair };
  b.emit(copyFrom, n);
  return { text: b.finish(), hasPair };
}
