/**
 * Which unit a document is about: the region that speaks in a government work
 * report, publishes a statistical bulletin, or is reviewed in a news piece.
 *
 * Evidence, strongest first:
 *  1. self-reference cues around a mention (data/cues.tsv): 在唐县第十七届人民代表大会,
 *     我代表河北省人民政府, 郑州市国民经济和社会发展统计公报, 保定市人民政府市长 …;
 *  2. the kind of unit the text calls itself (data/selfwords.tsv): 全县, 我市,
 *     我代表省人民政府 — compared with the last character of each candidate's name;
 *  3. how often each unit is mentioned in the prose of the document, and how
 *     often its child units are (a prefecture's bulletin lists its counties).
 * Cues with negative weights mark a unit that contains the speaker (排名永州市第三).
 * Mentions shared by several units (新华区, 长沙) are resolved to the one whose
 * province or prefecture the rest of the document mentions, then to the one of
 * the kind the text calls itself. Page chrome is
 * discounted: the title zone (before the first prose line) counts more, lists
 * after the last prose line (links to other documents) much less. The filename is
 * used only when the text names no unit at all.
 */
import { compact, firstAtOrAfter } from './compact.js';
import { alternation, PatternCounter } from './count.js';
import { layout } from './layout.js';
import { gazetteer, type Gazetteer, type Region, type RegionMention } from './gazetteer.js';
import { DataFileError, readTsvFile, type DataRow } from '../data/tsv.js';

export interface RegionGuess {
  region: Region | null;
  /** What decided: `cue:<id>`, `title:<id>`, `frequency`, `filename`, or `none`. */
  rule: string;
  /** UTF-16 offsets into `text` of the mention behind the decision, half-open. */
  span?: [number, number];
}

interface Cue {
  id: string;
  before: RegExp | null;
  after: RegExp | null;
  weight: number;
}

interface SelfWord {
  type: string;
  pattern: RegExp;
  weight: number;
}

const dataUrl = (name: string) => new URL(`./data/${name}`, import.meta.url);

function compileCell(row: DataRow, col: string, anchor: '^' | '$'): RegExp | null {
  const src = row.cells[col] ?? '';
  if (src === '') return null;
  if (anchor === '^' ? !src.startsWith('^') : !src.endsWith('$')) {
    throw new DataFileError(row.file, row.line, `"${col}" must be anchored with ${anchor}`);
  }
  try {
    return new RegExp(src, 'u');
  } catch (err) {
    throw new DataFileError(row.file, row.line, `bad pattern in "${col}": ${(err as Error).message}`);
  }
}

function numberCell(row: DataRow, col: string, positive: boolean): number {
  const v = Number(row.cells[col]);
  if (!Number.isFinite(v) || v === 0 || (positive && v < 0)) {
    throw new DataFileError(row.file, row.line, `"${col}" must be a ${positive ? 'positive' : 'non-zero'} number`);
  }
  return v;
}

let cueCache: Cue[] | undefined;
let selfWordCache: SelfWord[] | undefined;
let selfWordCounter: PatternCounter | undefined;

function cues(): Cue[] {
  cueCache ??= readTsvFile(dataUrl('cues.tsv'), ['id', 'weight']).map((row) => {
    const before = compileCell(row, 'before', '$');
    const after = compileCell(row, 'after', '^');
    if (!before && !after) throw new DataFileError(row.file, row.line, 'a cue needs `before` or `after`');
    return { id: row.cells['id'] ?? '', before, after, weight: numberCell(row, 'weight', false) };
  });
  return cueCache;
}

function selfWords(): SelfWord[] {
  selfWordCache ??= readTsvFile(dataUrl('selfwords.tsv'), ['type', 'pattern', 'weight']).map((row) => {
    const src = row.cells['pattern'] ?? '';
    let pattern: RegExp;
    try {
      pattern = new RegExp(src, 'gu');
    } catch (err) {
      throw new DataFileError(row.file, row.line, `bad pattern: ${(err as Error).message}`);
    }
    return { type: row.cells['type'] ?? '', pattern, weight: numberCell(row, 'weight', true) };
  });
  return selfWordCache;
}

/** The last character of a unit's name, or 地区: what the unit calls itself (全县, 全市, 全区…). */
export function selfType(name: string): string {
  return name.endsWith('地区') ? '地区' : name.slice(-1);
}

type Zone = 'title' | 'body' | 'tail';
const ZONE_FACTOR: Record<Zone, number> = { title: 1.5, body: 1, tail: 0.15 };
/**
 * Score = cue weights (× zone factor) + frequency × log2(1 + prose mentions)
 * + selfType × share of the text's self-words that fit the unit (全县 for a 县)
 * + titleMention when named in the title zone + children × log2(1 + prose
 * mentions of its child units).
 */
const W = { frequency: 4, selfType: 12, titleMention: 2, children: 1 } as const;

interface Scored {
  region: Region;
  cue: number;
  freq: number;
  title: boolean;
  bestCue?: { id: string; value: number; span?: [number, number]; fromTitle: boolean };
  firstProse?: [number, number];
}

/** Weight of the self-type share when resolving a mention shared by units of different kinds (长沙市 / 长沙县). */
const RESOLVE_SELF_TYPE = 3;

/**
 * Resolves each mention to one candidate, preferring units whose surroundings the
 * document mentions (unambiguous mentions of the unit, its descendants or its
 * ancestors), then units of the kind the text calls itself (全县 → 长沙县).
 */
function resolve(
  g: Gazetteer,
  mentions: readonly RegionMention[],
  zones: readonly Zone[],
  shares: ReadonlyMap<string, number>,
): (Region | undefined)[] {
  // unambiguous mentions of each unit, then added to the unit and its ancestors (the
  // same counts as adding each mention up the tree, with one walk up per unit)
  const own = new Map<string, { region: Region; n: number }>();
  mentions.forEach((m, k) => {
    const only = m.candidates.length === 1 ? m.candidates[0] : undefined;
    if (!only || zones[k] === 'tail') return;
    const o = own.get(only.code);
    if (o) o.n++;
    else own.set(only.code, { region: only, n: 1 });
  });
  const subtree = new Map<string, number>();
  for (const { region, n } of own.values()) {
    for (const r of [region, ...g.ancestors(region.code)]) subtree.set(r.code, (subtree.get(r.code) ?? 0) + n);
  }
  const supportOf = new Map<string, number>();
  const support = (c: Region) => {
    let s = supportOf.get(c.code);
    if (s === undefined) {
      s = subtree.get(c.code) ?? 0;
      for (const a of g.ancestors(c.code)) s += 0.5 * (subtree.get(a.code) ?? 0);
      s += RESOLVE_SELF_TYPE * (shares.get(selfType(c.name)) ?? 0);
      supportOf.set(c.code, s);
    }
    return s;
  };
  return mentions.map((m) => {
    if (m.candidates.length <= 1) return m.candidates[0];
    let best = m.candidates[0];
    let top = best ? support(best) : 0;
    for (let q = 1; q < m.candidates.length; q++) {
      const c = m.candidates[q] as Region;
      const s = support(c);
      if (s > top) {
        best = c;
        top = s;
      }
    }
    return best;
  });
}

/** The cues' `after` patterns as one (non-global) regex, and the cues that have none. */
let afterCheck: { any: RegExp | undefined; without: Cue[] } | undefined;

function cueMatches(text: string, m: RegionMention): Cue[] {
  const before = text.slice(Math.max(0, m.start - 16), m.start);
  const after = text.slice(m.end, m.end + 40);
  const all = cues();
  if (!afterCheck) {
    const any = alternation(all.flatMap((c) => (c.after ? [c.after] : [])));
    afterCheck = { any: any && new RegExp(any.source, any.flags.replace('g', '')), without: all.filter((c) => !c.after) };
  }
  // most mentions have no cue after them: then only the cues without one can match
  const candidates = afterCheck.any && !afterCheck.any.test(after) ? afterCheck.without : all;
  return candidates.filter((c) => (!c.before || c.before.test(before)) && (!c.after || c.after.test(after)));
}

function typeShares(text: string): Map<string, number> {
  const raw = new Map<string, number>();
  let total = 0;
  const words = selfWords();
  // one scan for all the self-words instead of one each
  selfWordCounter ??= new PatternCounter(words.map((w) => w.pattern));
  const counts = selfWordCounter.count(text);
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as SelfWord;
    const n = counts[k] as number;
    if (n === 0) continue;
    raw.set(w.type, (raw.get(w.type) ?? 0) + n * w.weight);
    total += n * w.weight;
  }
  const shares = new Map<string, number>();
  for (const [t, v] of raw) shares.set(t, v / total);
  return shares;
}

function fromFilename(g: Gazetteer, filename: string): Region | null {
  const base = filename.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
  let current: Region | null = null;
  for (const m of g.findMentions(base)) {
    const next = m.candidates.find((c) => current === null || g.isWithin(c.code, current.code));
    if (next) current = next;
  }
  return current;
}

/** One candidate with the parts of its score, for debugging (see rankDocumentRegions). */
export interface RegionCandidateScore {
  region: Region;
  score: number;
  cue: number;
  freq: number;
  selfType: number;
  title: boolean;
  children: number;
  bestCue?: string;
}

interface Ranking {
  ranked: { s: Scored; score: number; selfShare: number; children: number }[];
}

/** Ranking order: higher score first, then lower code (a total order: codes differ). */
function before(a: Ranking['ranked'][number], b: Ranking['ranked'][number]): number {
  return b.score - a.score || (a.s.region.code < b.s.region.code ? -1 : 1);
}

/** The candidates with their scores; sorted best first when `sorted`, else only the best is sure to come first. */
function rank(text: string, hints?: { title?: string; filename?: string }, sorted = true): Ranking {
  const g = gazetteer();
  const { text: flat, origin } = compact(text);
  const lay = layout(text);
  const mentions = g.findMentions(flat);
  const zoneOf = (m: RegionMention): Zone => {
    const o = origin[m.start] as number;
    return o < lay.bodyStart ? 'title' : o >= lay.bodyEnd ? 'tail' : 'body';
  };
  const zones = mentions.map(zoneOf);
  // The self-words are counted on the document body only (page chrome has 全市 menus).
  const a = firstAtOrAfter(origin, flat.length, lay.bodyStart);
  const bodyFlat = flat.slice(a, Math.max(a, firstAtOrAfter(origin, flat.length, lay.bodyEnd)));
  const shares = typeShares(bodyFlat);
  const chosen = resolve(g, mentions, zones, shares);

  const scored = new Map<string, Scored>();
  const entry = (r: Region): Scored => {
    let s = scored.get(r.code);
    if (!s) {
      s = { region: r, cue: 0, freq: 0, title: false };
      scored.set(r.code, s);
    }
    return s;
  };
  const addCues = (s: Scored, found: Cue[], factor: number, span: [number, number] | undefined, fromTitle: boolean) => {
    for (const c of found) {
      const value = c.weight * factor;
      s.cue += value;
      if (value > 0 && (!s.bestCue || value > s.bestCue.value)) s.bestCue = { id: c.id, value, span, fromTitle };
    }
  };

  mentions.forEach((m, k) => {
    const r = chosen[k];
    if (!r) return;
    const zone = zones[k] as Zone;
    const s = entry(r);
    const span: [number, number] = [origin[m.start] as number, (origin[m.end - 1] as number) + 1];
    addCues(s, cueMatches(flat, m), ZONE_FACTOR[zone], span, false);
    if (zone === 'title') s.title = true;
    if (lay.prose[span[0]] === 1) {
      s.freq++;
      s.firstProse ??= span;
    }
  });

  if (hints?.title) {
    const t = compact(hints.title).text;
    const tm = g.findMentions(t);
    const tc = resolve(g, tm, tm.map(() => 'title' as Zone), shares);
    tm.forEach((m, k) => {
      const r = tc[k];
      if (!r) return;
      const s = entry(r);
      s.title = true;
      addCues(s, cueMatches(t, m), ZONE_FACTOR.title, undefined, true);
    });
  }

  // A unit whose children the prose names (a prefecture listing its counties) is a
  // candidate even when its own name is rare there.
  const childFreq = new Map<string, number>();
  for (const s of [...scored.values()]) {
    // (a copy: entry() adds parents while this runs)
    if (s.freq === 0 || s.region.parent === null) continue;
    const p = g.get(s.region.parent);
    if (!p) continue;
    entry(p);
    childFreq.set(p.code, (childFreq.get(p.code) ?? 0) + s.freq);
  }

  const ranked = [...scored.values()].map((s) => {
    const selfShare = shares.get(selfType(s.region.name)) ?? 0;
    const children = childFreq.get(s.region.code) ?? 0;
    const score =
      s.cue +
      W.frequency * Math.log2(1 + s.freq) +
      W.selfType * selfShare +
      (s.title ? W.titleMention : 0) +
      W.children * Math.log2(1 + children);
    return { s, score, selfShare, children };
  });
  if (sorted) ranked.sort(before);
  else {
    // the first of the sort, by one pass (the order is total, so it is the same one)
    let top = 0;
    for (let k = 1; k < ranked.length; k++) if (before(ranked[k] as Ranking['ranked'][number], ranked[top] as Ranking['ranked'][number]) < 0) top = k;
    if (top > 0) [ranked[0], ranked[top]] = [ranked[top] as Ranking['ranked'][number], ranked[0] as Ranking['ranked'][number]];
  }
  return { ranked };
}

/** The candidates behind detectDocumentRegion with their score parts, best first. */
export function rankDocumentRegions(text: string, hints?: { title?: string; filename?: string }): RegionCandidateScore[] {
  return rank(text, hints).ranked.map(({ s, score, selfShare, children }) => ({
    region: s.region,
    score,
    cue: s.cue,
    freq: s.freq,
    selfType: selfShare,
    title: s.title,
    children,
    ...(s.bestCue ? { bestCue: s.bestCue.id } : {}),
  }));
}

export function detectDocumentRegion(text: string, hints?: { title?: string; filename?: string }): RegionGuess {
  const best = rank(text, hints, false).ranked[0];
  if (best) {
    const { s } = best;
    if (s.bestCue) {
      const rule = `${s.bestCue.fromTitle ? 'title' : 'cue'}:${s.bestCue.id}`;
      return s.bestCue.span ? { region: s.region, rule, span: s.bestCue.span } : { region: s.region, rule };
    }
    const span = s.firstProse;
    return span ? { region: s.region, rule: 'frequency', span } : { region: s.region, rule: 'frequency' };
  }
  if (hints?.filename) {
    const r = fromFilename(gazetteer(), hints.filename);
    if (r) return { region: r, rule: 'filename' };
  }
  return { region: null, rule: 'none' };
}
