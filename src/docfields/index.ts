/**
 * Document-level fields of the contract's `document` record: the kind of
 * document, the year it mainly reports on, and the script of the raw text.
 *
 * Kind and year come from cues in data/kind-cues.tsv and data/year-cues.tsv,
 * matched line by line on the text with whitespace removed, in three zones: the
 * title zone (lines before the first prose line, plus the title hint), the body
 * (first to last prose line) and the file name hint. See src/regions/layout.ts
 * for what counts as prose.
 */
import { simplifyChar } from '../normalize/chars.js';
import type { DocumentKind, Script } from '../types.js';
import { compact, compactText, firstAtOrAfter } from '../regions/compact.js';
import { requiredLiterals } from './literals.js';
import { lineAt, matchLines, nextCandidate } from './matches.js';
import { layout } from '../regions/layout.js';
import { hasTopLevelBar, literalPrefixes } from '../regions/count.js';
import { DataFileError, readTsvFile, type DataRow } from '../data/tsv.js';
import { lastResult } from '../data/last.js';

export interface DocHints {
  title?: string;
  filename?: string;
  /** The start of the raw text: its date lines (发布时间：…, date:…) count with the title even where the normalizer drops them as page chrome. */
  header?: string;
}

/** A header line that dates the text. */
const DATE_HEADER = /^(?:date|发布时间|发布日期|发文时间|日期|时间)[:：]/iu;

type Zone = 'title' | 'body' | 'any' | 'filename';
const ZONES = new Set<string>(['title', 'body', 'any', 'filename']);
const KINDS = new Set<string>(['report', 'bulletin', 'news']);

/**
 * The pattern without its line anchors: it matches somewhere in the zone's lines
 * run together whenever the pattern matches a line or a pair of lines, so a miss
 * there rules the cue out cheaply.
 */
export function loosen(p: RegExp): { loose: RegExp; positional: boolean } {
  const unanchored = p.source.replace(/(?<![\\[])\^/g, '').replace(/(?<!\\)\$/g, '');
  // a leading .{0,40} only slows an unanchored search down
  const src = unanchored.includes('|') ? unanchored : unanchored.replace(/^\.\{\d+,\d+\}\??/, '');
  // Without lookarounds and word boundaries (which read past a line's ends) and with
  // nothing cut off its start, a match in a line or pair is also one of the loose
  // pattern at the same offset of the zone run together: none starts before its first.
  const positional = src === unanchored && !/\(\?<?[=!]|\\[bB]/.test(src);
  return { loose: new RegExp(src, p.flags.replace('g', '')), positional };
}

/**
 * For a pattern every match of which starts at a line's start (its source opens with ^
 * and has no top-level |), the units such a match can start with, when its start says:
 * the first units of its literal prefixes (see literalPrefixes), or of a leading class
 * of plain characters that must match. Undefined otherwise (or with the i flag).
 */
export function lineStartUnits(p: RegExp): Set<number> | undefined {
  const src = p.source;
  if (!src.startsWith('^') || p.flags.includes('i') || hasTopLevelBar(src)) return undefined;
  const rest = src.slice(1);
  let pre: string[] | null = null;
  try {
    pre = literalPrefixes(new RegExp(rest, p.flags.replace(/[gy]/g, '')));
  } catch {
    return undefined;
  }
  if (pre) return new Set(pre.map((x) => x.charCodeAt(0)));
  // a class of plain BMP characters (no range, negation or escape) that must match once at least
  const cls = /^\[([^\]\\^\-\[][^\]\\\-\[]*)\](?![?*]|\{0)/u.exec(rest);
  if (!cls) return undefined;
  const units = new Set<number>();
  for (const ch of cls[1] as string) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || (c >= 0xd800 && c <= 0xdfff)) return undefined;
    units.add(c);
  }
  return units;
}

/** A cue whose every match starts a line: the loose pattern, sticky, and the units a match can start with (see lineStartUnits). */
interface AtLineStart {
  sticky: RegExp;
  units: Set<number>;
}

/** A cue's pattern and what its search is made of (see loosened). */
interface Loosened {
  loose: RegExp;
  /** See loosen: the line search can start at the line of the loose match. */
  positional: boolean;
  /** `loose`, global (searched from a line's start on; see cueMatches). */
  scan: RegExp;
  /** Whether `scan` can match the empty string (then no line is passed over). */
  scanEmpty: boolean;
  /** Literals every match of `scan` contains one of (see requiredLiterals). */
  literals: string[] | undefined;
  /** Set when every match starts a line and its first unit is known (see lineStartUnits). */
  atLineStart: AtLineStart | undefined;
}

/** loosen, and the global form of the loose pattern that cueMatches searches with. */
function loosened(p: RegExp): Loosened {
  const l = loosen(p);
  const scan = new RegExp(l.loose.source, `${l.loose.flags}g`);
  // (scan itself, compiled once for both uses; a search of '' leaves lastIndex at 0)
  scan.lastIndex = 0;
  const scanEmpty = scan.test('');
  scan.lastIndex = 0;
  const units = l.positional && !scanEmpty ? lineStartUnits(p) : undefined;
  const atLineStart = units ? { sticky: new RegExp(l.loose.source, `${l.loose.flags}y`), units } : undefined;
  return { ...l, scan, scanEmpty, literals: requiredLiterals(scan), atLineStart };
}

/**
 * The first line at or after `line` where the loose pattern of an AtLineStart cue matches
 * at the line's start in the lines run together (starts.length when none). Every match of
 * the cue in a line, or across its end, starts at the line's start and is a match of the
 * loose pattern there (see loosen), so no line passed over holds one.
 */
export function nextAtLineStart(text: string, starts: Int32Array, a: AtLineStart, line: number): number {
  const { sticky, units } = a;
  for (let i = line; i < starts.length; i++) {
    const at = starts[i] as number;
    if (!units.has(text.charCodeAt(at))) continue;
    sticky.lastIndex = at;
    if (sticky.test(text)) return i;
  }
  return starts.length;
}

interface KindCue extends Loosened {
  id: string;
  kind: DocumentKind;
  zone: Zone;
  pattern: RegExp;
  weight: number;
}

interface YearCue extends Loosened {
  id: string;
  kinds: Set<DocumentKind> | null;
  zone: Zone;
  pattern: RegExp;
  offset: number;
  weight: number;
}

const dataUrl = (name: string) => new URL(`./data/${name}`, import.meta.url);

function pattern(row: DataRow, flags: string): RegExp {
  try {
    return new RegExp(row.cells['pattern'] ?? '', flags);
  } catch (err) {
    throw new DataFileError(row.file, row.line, `bad pattern: ${(err as Error).message}`);
  }
}

function zoneOf(row: DataRow): Zone {
  const z = row.cells['zone'] ?? '';
  if (!ZONES.has(z)) throw new DataFileError(row.file, row.line, `bad zone "${z}"`);
  return z as Zone;
}

function numberOf(row: DataRow, col: string): number {
  const v = Number(row.cells[col]);
  if (!Number.isFinite(v)) throw new DataFileError(row.file, row.line, `"${col}" must be a number`);
  return v;
}

let kindCueCache: KindCue[] | undefined;
let yearCueCache: YearCue[] | undefined;

function kindCues(): KindCue[] {
  kindCueCache ??= readTsvFile(dataUrl('kind-cues.tsv'), ['id', 'kind', 'zone', 'pattern', 'weight']).map((row) => {
    const kind = row.cells['kind'] ?? '';
    if (!KINDS.has(kind)) throw new DataFileError(row.file, row.line, `bad kind "${kind}"`);
    const flags = zoneOf(row) === 'filename' ? 'giu' : 'gu';
    const p = pattern(row, flags);
    return { id: row.cells['id'] ?? '', kind: kind as DocumentKind, zone: zoneOf(row), pattern: p, ...loosened(p), weight: numberOf(row, 'weight') };
  });
  return kindCueCache;
}

function yearCues(): YearCue[] {
  yearCueCache ??= readTsvFile(dataUrl('year-cues.tsv'), ['id', 'kinds', 'zone', 'pattern', 'offset', 'weight']).map(
    (row) => {
      const p = pattern(row, 'gu');
      if (!p.source.includes('(?<y>')) throw new DataFileError(row.file, row.line, 'the pattern needs a named group y');
      const kindsCell = row.cells['kinds'] ?? '';
      let kinds: Set<DocumentKind> | null = null;
      if (kindsCell !== '*') {
        const list = kindsCell.split(',').map((k) => k.trim());
        for (const k of list) if (!KINDS.has(k)) throw new DataFileError(row.file, row.line, `bad kind "${k}"`);
        kinds = new Set(list as DocumentKind[]);
      }
      return {
        id: row.cells['id'] ?? '',
        kinds,
        zone: zoneOf(row),
        pattern: p,
        ...loosened(p),
        offset: numberOf(row, 'offset'),
        weight: numberOf(row, 'weight'),
      };
    },
  );
  return yearCueCache;
}

/** The lines of one zone, whitespace removed. */
type ZoneLines = readonly string[];

/** A zone's lines run together, and where each starts there. */
interface Flat {
  text: string;
  starts: Int32Array;
}

interface Zones {
  /** Title-zone lines (the title hint first). */
  title: ZoneLines;
  body: ZoneLines;
  filename: ZoneLines;
  /** Title and body lines together, made on first use (every 'any' cue reads them). */
  any?: ZoneLines;
  /** Each zone's lines run together, where computeZones has them at hand (see zoneFlat). */
  flats: Partial<Record<Zone, Flat>>;
}

const CN_DIGIT: Record<string, string> = {
  〇: '0', 零: '0', '○': '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
/** 二〇一九年 → 2019年, so year cues see one spelling. */
function arabicYears(s: string): string {
  if (!hasChineseYear(s)) return s;
  return s.replace(/([〇零○一二三四五六七八九]{4})年/gu, (_m, d: string) => `${[...d].map((c) => CN_DIGIT[c] ?? c).join('')}年`);
}

/**
 * Whether arabicYears has something to change: four of 〇零○一二三四五六七八九 right
 * before a 年. Looked for from each 年 back, which is much cheaper than the regex
 * (it starts an attempt at every 一, 二 …) on text that has none, the usual case.
 */
export function hasChineseYear(s: string): boolean {
  for (let at = s.indexOf('年', 4); at >= 0; at = s.indexOf('年', at + 1)) {
    let k = 1;
    while (k <= 4 && CN_DIGIT_CODES.has(s.charCodeAt(at - k))) k++;
    if (k > 4) return true;
  }
  return false;
}

/** The keys of CN_DIGIT as UTF-16 units (no one-character strings made to look them up). */
const CN_DIGIT_CODES = new Set(Object.keys(CN_DIGIT).map((c) => c.charCodeAt(0)));

/** detectKind and detectYear read the same zones of the same text: keep the last. */
type ZonesKey = { text: string; title: string | undefined; filename: string | undefined; header: string | undefined };
const lastZones = lastResult<ZonesKey, Zones>((a, b) => a.text === b.text && a.title === b.title && a.filename === b.filename && a.header === b.header);

function zones(text: string, hints?: DocHints): Zones {
  const key: ZonesKey = { text, title: hints?.title, filename: hints?.filename, header: hints?.header };
  const kept = lastZones.get(key);
  if (kept) return kept;
  const z = computeZones(text, hints);
  lastZones.set(key, z);
  return z;
}

function computeZones(text: string, hints?: DocHints): Zones {
  const lay = layout(text);
  const title: string[] = [];
  const body: string[] = [];
  if (hints?.title) title.push(arabicYears(compactText(hints.title)));
  for (const line of (hints?.header ?? '').split('\n', 40)) {
    // (compacting adds no colon: a line without one is no date header)
    if (line.indexOf(':') < 0 && line.indexOf('：') < 0) continue;
    const c = compactText(line);
    if (DATE_HEADER.test(c) && !text.includes(line.trim())) title.push(arabicYears(c));
  }
  const hinted = title.length;
  // Each line's compactText is the part of the compacted text that comes from it (the
  // same view region detection uses, so computed once): sliced out, not rebuilt.
  const { text: flat, origin } = compact(text);
  let k = 0;
  // The title lines of the layout, then the body lines, are each one piece of the
  // compacted text: [0, titleEnd) and [titleEnd, bodyEnd), unless arabicYears changed a line.
  let titleEnd = 0;
  let bodyEnd = 0;
  let changed = false;
  // (a line arabicYears changes has its 〇…九 and 年 in the compacted text too)
  const years = hasChineseYear(flat);
  for (const [s, e] of lay.lines) {
    // (a line's part starts where the one before ended: nothing between them is kept)
    const prevEnd = k;
    while (k < flat.length && (origin[k] as number) < s) k++;
    if (k !== prevEnd) changed = true;
    // (a binary search: lines average some 75 units)
    const z = firstAtOrAfter(origin, flat.length, e, k);
    const raw = flat.slice(k, z);
    const line = years ? arabicYears(raw) : raw;
    if (line !== raw) changed = true;
    k = z;
    if (line === '') continue;
    if (e <= lay.bodyStart) {
      title.push(line);
      titleEnd = bodyEnd = z;
    } else if (s < lay.bodyEnd) {
      body.push(line);
      bodyEnd = z;
    }
  }
  const filename = (hints?.filename ?? '').replace(/^.*[\\/]/, '');
  const flats: Partial<Record<Zone, Flat>> = {};
  if (!changed) {
    const head = hinted > 0 ? title.slice(0, hinted).join('') : '';
    flats.title = { text: head + flat.slice(0, titleEnd), starts: startsOf(title) };
    flats.body = { text: flat.slice(titleEnd, bodyEnd), starts: startsOf(body) };
  }
  return { title, body, filename: filename ? [filename] : [], flats };
}

/** Where each line starts in the lines run together. */
function startsOf(lines: ZoneLines): Int32Array {
  const starts = new Int32Array(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += (lines[i] as string).length;
  }
  return starts;
}

/** The zone's lines run together (for the loose pre-check). */
function zoneFlat(z: Zones, zone: Zone): Flat {
  let f = z.flats[zone];
  if (f === undefined && zone === 'any' && z.flats.title && z.flats.body) {
    // the title lines, then the body lines
    const { title, body } = z.flats;
    const starts = new Int32Array(title.starts.length + body.starts.length);
    starts.set(title.starts);
    for (let i = 0; i < body.starts.length; i++) starts[title.starts.length + i] = (body.starts[i] as number) + title.text.length;
    f = { text: title.text + body.text, starts };
    z.flats.any = f;
  }
  if (f === undefined) {
    const lines = zoneLines(z, zone);
    f = { text: lines.join(''), starts: startsOf(lines) };
    z.flats[zone] = f;
  }
  return f;
}

/**
 * The matches of a cue in its zone (as matchLines gives them), or undefined when its
 * loose pattern finds nothing in the zone run together (the cue cannot match). When
 * the loose pattern is positional (see loosen), every match of the cue starting in a
 * line is one of the loose pattern at the same offset of the zone run together: the
 * line search starts at the line of the first loose match, and after each line goes on
 * at the line of the next loose match from the following line's start on, passing over
 * the lines in between (none of which holds the start of a match).
 */
function cueMatches(
  z: Zones,
  cue: {
    zone: Zone;
    pattern: RegExp;
    scan: RegExp;
    positional: boolean;
    scanEmpty: boolean;
    literals: string[] | undefined;
    atLineStart: AtLineStart | undefined;
  },
): Generator<RegExpMatchArray> | undefined {
  const flat = zoneFlat(z, cue.zone);
  const a = cue.atLineStart;
  if (a) {
    // only the lines' starts are tried: cheaper than searching the whole zone for a
    // literal (一、综合 stops at every 一) or for the loose pattern
    const first = nextAtLineStart(flat.text, flat.starts, a, 0);
    if (first >= flat.starts.length) return undefined;
    return matchLines(zoneLines(z, cue.zone), cue.pattern, first, (line) => nextAtLineStart(flat.text, flat.starts, a, line));
  }
  // (no literal of the pattern in the zone: it cannot match there, and a search for
  // a literal skips ahead where the pattern, opening with \d or a group, is tried at
  // nearly every position)
  if (cue.literals && !cue.literals.some((l) => flat.text.includes(l))) return undefined;
  const { scan } = cue;
  scan.lastIndex = 0;
  const m = scan.exec(flat.text);
  if (!m) return undefined;
  const lines = zoneLines(z, cue.zone);
  if (!cue.positional) return matchLines(lines, cue.pattern, 0);
  const from = lineAt(flat.starts, m.index);
  // (a pattern that matches the empty string matches in every line, also an empty one)
  if (cue.scanEmpty) return matchLines(lines, cue.pattern, from);
  return matchLines(lines, cue.pattern, from, (line) => nextCandidate(flat.text, flat.starts, scan, line));
}

function zoneLines(z: Zones, zone: Zone): ZoneLines {
  switch (zone) {
    case 'title':
      return z.title;
    case 'body':
      return z.body;
    case 'any':
      return (z.any ??= [...z.title, ...z.body]);
    case 'filename':
      return z.filename;
  }
}

/** The kind with the best cue total, when it reaches this; otherwise news. */
const KIND_THRESHOLD = 6;

export function detectKind(text: string, hints?: DocHints): { kind: DocumentKind; rule: string } {
  const z = zones(text, hints);
  const total: Record<DocumentKind, number> = { report: 0, bulletin: 0, news: 0 };
  const strongest: Partial<Record<DocumentKind, KindCue>> = {};
  for (const cue of kindCues()) {
    const matches = cueMatches(z, cue);
    if (!matches || matches.next().done) continue;
    total[cue.kind] += cue.weight;
    const prev = strongest[cue.kind];
    if (!prev || cue.weight > prev.weight) strongest[cue.kind] = cue;
  }
  const order: DocumentKind[] = ['report', 'bulletin', 'news'];
  let best: DocumentKind = 'news';
  for (const k of order) if (total[k] > total[best]) best = k;
  if (best !== 'news' && total[best] < KIND_THRESHOLD) best = 'news';
  const cue = strongest[best];
  return { kind: best, rule: cue ? `kind:${cue.id}` : 'kind:default' };
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;
const MAX_MATCHES_PER_CUE = 3;
/** A year in running text that is not the other end of a comparison or a range (较2022年, 2021—2025年). */
const PLAIN_YEAR = /(?<![较比与和至到~～—–\-、\d])(?<y>(19|20)\d{2})年/gu;

const COMPARISON_BEFORE = new Set(['比', '较', '与', '同', '于']);

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/** A publication date: 2022年2月9日, 2022-02-11, date:Fri,11Feb2022 (header lines, spaces removed). */
const DATE_LINE = new RegExp(
  `(?:^|[^\\d])(?<y>(?:19|20)\\d\\d)(?:年(?<m1>\\d{1,2})月\\d{1,2}日|[-/.](?<m2>\\d{1,2})[-/.]\\d{1,2}(?!\\d))|\\d{1,2}(?<mon>${MONTHS})[a-z]*\\.?,?(?<y2>(?:19|20)\\d\\d)`,
  'u',
);

/**
 * The year the text was written, for 今年/去年/明年: the date in its header, or
 * the day a report was delivered; a report without one is delivered the year
 * after the one it reviews, anything else in the year it reports on.
 */
export function detectWrittenYear(text: string, kind: DocumentKind, year: number, hints?: DocHints): { year: number; rule: string } {
  const z = zones(text, hints);
  // header lines: the title zone and short lines at the top (front matter, 发布时间：…)
  const head = [...z.title, ...z.body.slice(0, 12).filter((l) => l.length <= 60)];
  for (const line of head) {
    const m = DATE_LINE.exec(line);
    const y = Number(m?.groups?.['y'] ?? m?.groups?.['y2']);
    if (m && y >= MIN_YEAR && y <= MAX_YEAR && y >= year && y <= year + 1) return { year: y, rule: 'written:date' };
  }
  return kind === 'report' ? { year: year + 1, rule: 'written:report' } : { year, rule: 'written:year' };
}

export function detectYear(text: string, kind: DocumentKind, hints?: DocHints): { year: number | null; rule: string } {
  const z = zones(text, hints);
  const score = new Map<number, number>();
  const why = new Map<number, { id: string; value: number }>();
  for (const cue of yearCues()) {
    if (cue.kinds && !cue.kinds.has(kind)) continue;
    let n = 0;
    const matches = cueMatches(z, cue);
    if (!matches) continue;
    for (const m of matches) {
      // 比2019年1-7月增长: the base of a comparison never sets the document's year
      if (COMPARISON_BEFORE.has(m.input?.[(m.index ?? 0) - 1] ?? '')) continue;
      const y = Number(m.groups?.['y']) + cue.offset;
      if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) continue;
      score.set(y, (score.get(y) ?? 0) + cue.weight);
      const prev = why.get(y);
      if (!prev || cue.weight > prev.value) why.set(y, { id: cue.id, value: cue.weight });
      if (++n >= MAX_MATCHES_PER_CUE) break;
    }
  }
  if (score.size > 0) {
    const [year] = [...score].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    return { year, rule: `year:${why.get(year)?.id ?? 'cue'}` };
  }
  // No cue: the most frequent plain year of the body (the later one on a tie).
  const counts = new Map<number, number>();
  for (const m of matchLines(z.body, PLAIN_YEAR)) {
    const y = Number(m.groups?.['y']);
    if (y >= MIN_YEAR && y <= MAX_YEAR) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size > 0) {
    const [year] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    return { year, rule: 'year:frequency' };
  }
  const fromName = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(z.filename[0] ?? '');
  if (fromName) {
    const y = Number(fromName[1]) + (kind === 'report' ? -1 : 0);
    return { year: y, rule: 'year:filename' };
  }
  return { year: null, rule: 'year:none' };
}

/** Share of Han characters that change under Traditional → Simplified conversion above which text is Traditional. */
const HANT_SHARE = 0.05;
/** At least this many changed characters are needed to call a text Traditional. */
const HANT_MIN = 3;
/** Only the first characters are converted: enough to decide, and cheap on long documents. */
const SAMPLE = 8_000;

export function detectScript(rawText: string): Script {
  const sample = rawText.slice(0, SAMPLE);
  let han = 0;
  let changed = 0;
  // Character for character, as the normalizer converts (OpenCC's tables, cached per character).
  for (const ch of sample) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isHan(cp)) continue;
    han++;
    if (simplifyChar(cp) !== cp) changed++;
  }
  return scriptOf(han, changed);
}

/** The script from counts of Han characters and of those that are Traditional forms. */
export function scriptOf(han: number, changed: number): Script {
  return han > 0 && changed >= HANT_MIN && changed / han >= HANT_SHARE ? 'zh-Hant' : 'zh-Hans';
}

/** CJK unified ideographs (basic, extensions A–F) and compatibility ideographs. */
function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
}
