/**
 * Character classes the readers need when they decide where spaces and line
 * breaks belong. Kept as code-point range tests so they work on any string.
 */

/** Han ideographs (BMP blocks and the supplementary planes). */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals (before mapping)
    (cp >= 0x20000 && cp <= 0x3134f) // Extensions B–H
  );
}

/**
 * Wide East Asian characters: ideographs, CJK symbols and punctuation,
 * full-width forms, kana, bopomofo. Spaces next to these are layout, not words.
 */
export function isWide(cp: number): boolean {
  return (
    isHan(cp) ||
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation
    (cp >= 0x3040 && cp <= 0x31ff) || // kana, bopomofo, strokes
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    cp === 0x2014 || // — (used as a dash in Chinese text)
    cp === 0x2026 || // …
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x00b7 // ·
  );
}

/** ASCII letters and digits plus the characters that continue a number or word. */
export function isLatinOrDigit(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f) // Latin-1 and Latin Extended letters
  );
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isLatinLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f);
}

/** Code point of the last character of `s` (handles surrogate pairs), or -1. */
export function lastCodePoint(s: string): number {
  if (s.length === 0) return -1;
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xdc00 && last <= 0xdfff && s.length >= 2) {
    return s.codePointAt(s.length - 2) ?? last;
  }
  return last;
}

export function firstCodePoint(s: string): number {
  return s.length === 0 ? -1 : (s.codePointAt(0) ?? -1);
}

/** Count Han ideographs in a string. */
export function countHan(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (cp !== undefined && isHan(cp)) n++;
  }
  return n;
}

/** Whitespace that may appear in document text, including NBSP and the ideographic space. */
export const WS_CLASS = '[\\s\\u00a0\\u3000]';

/**
 * Remove whitespace runs that sit next to a wide (CJK) character and collapse
 * the remaining runs (between Latin letters or digits) to one space.
 * Used for PDF line text, where spaces are layout artefacts.
 */
export function squeezeCjkSpaces(s: string): string {
  return s.replace(/[ \t\u00a0\u3000]+/g, (run, offset: number, whole: string) => {
    const before = lastCodePoint(whole.slice(0, offset));
    const after = firstCodePoint(whole.slice(offset + run.length));
    if (before < 0 || after < 0) return '';
    if (isWide(before) || isWide(after)) return '';
    return ' ';
  });
}
