/**
 * GB/T 2260 gazetteer: every province-, prefecture- and county-level unit with
 * its current code (NBS 2023, see data/README.md), the names people write for
 * it, and a matcher that finds those names in running text.
 *
 * Surfaces a unit can be found by:
 *   name   its full current name (江永县)
 *   old    a former name it replaced (祁阳县 → 祁阳市), from data/renamed.tsv
 *   alias  a curated alias (博州), from data/aliases.tsv
 *   short  a short form computed by the rules in data/shortforms.json (江永)
 *
 * findMentions segments the text into region surfaces, ordinary words and other
 * characters, choosing the segmentation with the best score (dynamic programming,
 * see SCORE): full names outweigh ordinary words, which outweigh two-character
 * short forms, so 顺利通过 is 顺利|通过 and not 顺|利通(利通区)|过, while
 * 湖南省长沙市 stays 湖南省|长沙市 although 省长 is a word. Ordinary words come
 * from data/words.tsv (generated from the jieba dictionary, only words that overlap
 * a region surface) and data/words-curated.tsv. Surfaces in data/stoplist.tsv
 * (城区, 振兴, 合作…) are never reported and count as ordinary words. A short form
 * or alias directly followed by an entry of data/followers.tsv (江永镇, 长安路)
 * names a town or a street, so only full and former names survive there.
 *
 * gazetteer() restores all of it from the build's cache in a few milliseconds (see
 * CacheHeader); without a current cache it loads the tables (about 20-30 ms) and
 * builds the matcher on the first findMentions call (about 20 ms more). Matching
 * then takes about 1-2 ms per 40 KB.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { DataFileError, eachTsvRow, readTsvFile, type DataRow } from '../data/tsv.js';
import { lastResult } from '../data/last.js';
import { buildDoubleArray, type DoubleArray } from './double-array.js';
import { loadShortFormRules, shortForm } from './shortforms.js';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  /** Full current Simplified name, e.g. 芷江侗族自治县. */
  name: string;
  level: RegionLevel;
  /** Code of the unit above, null for provinces. Districts of 北京/天津/上海/重庆 and
   *  province-managed county-level units (429004 仙桃市) hang directly under the province. */
  parent: string | null;
  /** Every other surface lookup() resolves to this unit: the rule short form, curated
   *  aliases and former names. Some are not used alone by findMentions (see isStopSurface). */
  aliases: string[];
}

export interface RegionMention {
  /** UTF-16 offsets into the text, half-open. */
  start: number;
  end: number;
  surface: string;
  /** Current units the surface names, best reading first: full-name matches, then former
   *  names, aliases and short forms, each by level (province, prefecture, county). */
  candidates: Region[];
}

export interface Gazetteer {
  get(code: string): Region | undefined;
  all(): readonly Region[];
  children(code: string): Region[];
  /** Parent first, up to the province. */
  ancestors(code: string): Region[];
  /** True also when equal. */
  isWithin(code: string, ancestorCode: string): boolean;
  /** Exact full name, short form, alias or former name → current units. A 6-digit code
   *  (current or former) is accepted as well. Unknown → []. */
  lookup(name: string): Region[];
  /** Left-to-right, longest match, non-overlapping. Offsets are UTF-16 indices into text. */
  findMentions(text: string): RegionMention[];
  /** How `surface` is known: the kinds of entry behind it (empty when unknown). */
  surfaceKinds(surface: string): SurfaceKind[];
  /** True when `surface` is a common word that findMentions does not report alone. */
  isStopSurface(surface: string): boolean;
}

export type SurfaceKind = 'name' | 'old' | 'alias' | 'short';

const KIND_RANK: Record<SurfaceKind, number> = { name: 0, old: 1, alias: 2, short: 3 };
const LEVEL_RANK: Record<RegionLevel, number> = { province: 0, prefecture: 1, county: 2 };
const LEVELS = new Set<string>(['province', 'prefecture', 'county']);

interface SurfaceEntry {
  kind: SurfaceKind;
  code: string;
}

/** What a trie node ends: a region surface, an ordinary word, or both (a stop-listed surface). */
interface Terminal {
  surface: string;
  entries: SurfaceEntry[];
  /** Candidates for a plain match, best first (computed on first use). */
  strong?: Region[];
  /** Candidates that survive when a follower (镇, 路…) comes right after: full and former names only. */
  withFollower?: Region[];
  /** Reported by findMentions. */
  findable: boolean;
  /** Per-character score as a region surface (0 when not findable). */
  regionScore: number;
  /** Per-character score of the name/old reading, used after a follower. */
  nameScore: number;
  /** An ordinary word. */
  word: boolean;
}

/**
 * Scores of the segmentation: a token scores its per-character weight times its
 * length minus `token`; a character left alone scores `single`. Full and former
 * names of 3+ characters beat ordinary words (湖南省|长沙市 over 湖南|省长|沙市,
 * 江永县|委 over 江永|县委); ordinary words beat two-character surfaces (顺利|通过
 * over 顺|利通|过); longer short forms and aliases sit in between. The token cost
 * keeps a two-character name from winning just by covering one more character
 * (和|县政协 over 和县|政协).
 */
const SCORE = { longName: 13, longShort: 11, word: 10, short2: 9, single: 3, token: 6 } as const;

/**
 * The trie is stored flat: node ids are integers, edges live in one Map keyed by
 * `node * EDGE + letter`, where `letter` numbers the distinct UTF-16 units that occur
 * in surfaces and words (a few thousand), and terminals sit in an array indexed by
 * node id. One Map instead of one per node, and keys that stay small integers, keep
 * loading cheap. freeze() lays the finished trie out as a double array for matching.
 */
const EDGE = 8192;

/** findMentions keeps its work buffers for texts up to this length (1 M characters: 8 MB). */
const DP_KEEP = 1 << 20;

/** Bits of nodeInfo: a terminal, an ordinary word, a findable surface; then the region
 *  score (bits 3–6) and the name score (bits 7–10); bit 11: a node without children
 *  (the walk from a position stops there). */
const T_PRESENT = 1;
const T_WORD = 2;
const T_FINDABLE = 4;
const T_LEAF = 1 << 11;

function packTerminal(t: Terminal): number {
  if (t.regionScore > 15 || t.nameScore > 15 || t.regionScore < 0 || t.nameScore < 0) throw new Error('gazetteer scores must fit in 4 bits');
  return T_PRESENT | (t.word ? T_WORD : 0) | (t.findable ? T_FINDABLE : 0) | (t.regionScore << 3) | (t.nameScore << 7);
}

const dataUrl = (name: string) => new URL(`./data/${name}`, import.meta.url);

/** Two or more CJK ideographs (BMP blocks; the data has no supplementary-plane characters). */
function isHanWord(s: string): boolean {
  if (s.length < 2) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007)) {
      return false;
    }
  }
  return true;
}

/** The last text asked about and its mentions (per gazetteer): the pipeline asks twice per document. */
const lastMentions = lastResult<{ g: Gazetteer; text: string }, RegionMention[]>((a, b) => a.g === b.g && a.text === b.text);

class GazetteerImpl implements Gazetteer {
  private readonly byCode = new Map<string, Region>();
  private readonly list: Region[] = [];
  private readonly kids = new Map<string, Region[]>();
  private readonly surfaces = new Map<string, SurfaceEntry[]>();
  private renamedCodes = new Map<string, string[]>();
  private stop = new Set<string>();
  /** Restored from a cache: the regions and surface entries as the cache has them, each
   *  object made on first use (see RegionTable); byCode, list, kids and surfaces stay empty. */
  private restored: RestoredTables | undefined;
  private readonly followers: string[] = [];
  private readonly edges = new Map<number, number>();
  /** Frozen with the matcher: the trie as a double array (see double-array.ts). The
   *  arrays below are indexed by its slots, not by the node ids of `edges`. */
  private da: DoubleArray | undefined;
  /** Frozen with the matcher: what the hot loop needs of each slot's terminal, packed
   *  (0: no terminal; see packTerminal). A small typed array stays in cache where the
   *  sparse `terminals` array of objects did not. */
  private nodeInfo: Uint16Array | undefined;
  /** Frozen with the matcher: slot → index of its surface in surfaceList (-1: none, or a word only). */
  private nodeSurface: Int32Array | undefined;
  /** The surfaces in insertion order (the order of `surfaces`). */
  private surfaceList: string[] = [];
  /** Candidates of a surface (by index), best first, computed on first use: plain, and after a follower. */
  private readonly strongBy = new Map<number, Region[]>();
  private readonly followedBy = new Map<number, Region[]>();
  /** UTF-16 units that start some follower (most ends of a match are not followed by one). */
  private readonly followerFirst = new Uint8Array(65536);
  /** UTF-16 unit → its letter number, from 1 (0: the unit occurs in no surface or word). */
  private letters: Uint16Array = new Uint16Array(65536);
  private letterCount = 0;
  private readonly terminals: (Terminal | undefined)[] = [undefined];
  private nodeCount = 1;
  private matcherBuilt = false;

  constructor(cache?: LoadedCache) {
    if (cache) {
      this.restore(cache);
      return;
    }
    this.loadRegions();
    this.loadShortForms();
    this.loadRenamed();
    this.loadAliases();
    this.loadStopList();
    this.loadFollowers();
    this.buildAliases();
  }

  /** The matcher (trie of surfaces and words) is built on the first findMentions call. */
  private ensureMatcher(): void {
    if (this.matcherBuilt) return;
    this.buildTrie();
    this.loadWords('words.tsv');
    this.loadWords('words-curated.tsv');
    this.freeze();
  }

  // ------------------------------------------------------------------ cache

  /**
   * The built gazetteer as bytes (see CacheHeader): the regions, the surfaces' entries
   * and the matcher as typed arrays, the names as one UTF-16 text, and a small JSON
   * header with the rest.
   */
  toCache(key: string, stamp?: DataStamp): Buffer {
    if (this.restored) throw new Error('toCache needs a gazetteer built from the tables');
    this.ensureMatcher();
    const da = this.da as DoubleArray;
    const scan = this.scanTables();
    const list = this.list;
    const indexOf = new Map(list.map((r, i) => [r.code, i]));
    const order = list.map((_, i) => i).sort((a, b) => Number((list[a] as Region).code) - Number((list[b] as Region).code));
    const surfaces = [...this.surfaces];
    const entryStart = new Int32Array(surfaces.length + 1);
    const kinds: number[] = [];
    const owners: number[] = [];
    surfaces.forEach(([, entries], si) => {
      for (const e of entries) {
        kinds.push(KIND_RANK[e.kind]);
        owners.push(indexOf.get(e.code) as number);
      }
      entryStart[si + 1] = kinds.length;
    });
    const texts = {
      codes: list.map((r) => r.code).join(''),
      names: list.map((r) => r.name).join('\n'),
      aliases: list.map((r) => r.aliases.join('\t')).join('\n'),
      surfaces: surfaces.map(([surface]) => surface).join('\n'),
    };
    for (const r of list) {
      if (!/^\d{6}$/.test(r.code) || /[\t\n]/.test(r.name + r.aliases.join(''))) throw new Error(`cannot cache region ${r.code}`);
    }
    if (surfaces.some(([surface]) => surface === '' || surface.includes('\n'))) throw new Error('cannot cache an empty surface or one with a line break');
    const arrays: [string, Uint8Array | Uint16Array | Int32Array][] = [
      ['letters', this.letters],
      ['base', da.base],
      ['check', da.check],
      ['nodeInfo', this.nodeInfo as Uint16Array],
      ['nodeSurface', this.nodeSurface as Int32Array],
      ['depth', scan.depth],
      ['gain', scan.gain],
      ['gainFollowed', scan.gainFollowed],
      ['firstSlot', scan.firstSlot],
      ['firstBase', scan.firstBase],
      ['firstTerm', scan.firstTerm],
      ['reach', scan.reach],
      ['level', Uint8Array.from(list, (r) => LEVEL_RANK[r.level])],
      ['parent', Int32Array.from(list, (r) => (r.parent === null ? -1 : (indexOf.get(r.parent) as number)))],
      ['sortedCode', Int32Array.from(order, (i) => Number((list[i] as Region).code))],
      ['sortedIndex', Int32Array.from(order)],
      ['entryStart', entryStart],
      ['entryKind', Uint8Array.from(kinds)],
      ['entryRegion', Int32Array.from(owners)],
    ];
    const sections: CacheSection[] = [];
    const blobs: Buffer[] = [];
    let at = 0;
    const add = (name: string, type: CacheSection[1], bytes: Buffer, length: number) => {
      sections.push([name, type, at, length]);
      blobs.push(bytes, Buffer.alloc(pad8(bytes.length)));
      at += bytes.length + pad8(bytes.length);
    };
    for (const [name, a] of arrays) {
      const type = a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : 'i32';
      add(name, type, Buffer.from(a.buffer, a.byteOffset, a.byteLength), a.length);
    }
    for (const [name, text] of Object.entries(texts)) add(name, 'utf16', Buffer.from(text, 'utf16le'), text.length);
    const header: CacheHeader = {
      version: CACHE_VERSION,
      key,
      ...(stamp ? { stamp } : {}),
      letterCount: this.letterCount,
      slotCount: da.check.length,
      regionCount: list.length,
      surfaceCount: surfaces.length,
      renamed: [...this.renamedCodes],
      stop: [...this.stop],
      followers: [...this.followers],
      sections,
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    return Buffer.concat([Buffer.from(new Uint32Array([CACHE_MAGIC, json.length]).buffer), json, Buffer.alloc(pad8(8 + json.length)), ...blobs]);
  }

  private restore(c: LoadedCache): void {
    const h = c.header;
    const t = c.tables;
    this.restored = {
      regions: new RegionTable(c.texts.codes, c.texts.names, c.texts.aliases, t.level, t.parent, t.sortedCode, t.sortedIndex),
      surfaces: c.texts.surfaces,
      entryStart: t.entryStart,
      entryKind: t.entryKind,
      entryRegion: t.entryRegion,
      renamed: h.renamed,
      stop: h.stop,
    };
    for (const f of h.followers) this.addFollower(f);
    this.letters = t.letters;
    this.letterCount = h.letterCount;
    this.da = { base: t.base, check: t.check };
    this.nodeInfo = t.nodeInfo;
    this.nodeSurface = t.nodeSurface;
    const { firstSlot, firstBase, firstTerm, reach, gain, gainFollowed, depth } = t;
    this.scan = { firstSlot, firstBase, firstTerm, reach, gain, gainFollowed, depth };
    // the trie's Map and terminal objects are not restored: only building needs them
    this.matcherBuilt = true;
  }

  /** The matcher's lookup tables, from the trie. */
  private freeze(): void {
    const edges: [number, number, number][] = [];
    const parents = new Uint8Array(this.nodeCount);
    for (const [key, child] of this.edges) {
      const parent = Math.floor(key / EDGE);
      edges.push([parent, key % EDGE, child]);
      parents[parent] = 1;
    }
    const { base, check, slotOf } = buildDoubleArray(this.nodeCount, this.letterCount, edges);
    this.da = { base, check };
    this.surfaceList = [...this.surfaces.keys()];
    const index = new Map<string, number>();
    this.surfaceList.forEach((surface, i) => index.set(surface, i));
    const nodeInfo = new Uint16Array(check.length);
    const nodeSurface = new Int32Array(check.length).fill(-1);
    this.terminals.forEach((t, node) => {
      if (!t) return;
      const slot = slotOf[node] as number;
      // every leaf ends a word or surface, so leaves are always terminals
      nodeInfo[slot] = packTerminal(t) | (parents[node] === 0 ? T_LEAF : 0);
      if (t.entries.length > 0) nodeSurface[slot] = index.get(t.surface) ?? -1;
    });
    this.nodeInfo = nodeInfo;
    this.nodeSurface = nodeSurface;
    this.matcherBuilt = true;
  }

  // ------------------------------------------------------------------ loading

  private loadRegions(): void {
    const file = 'regions.tsv';
    eachTsvRow(dataUrl(file), ['code', 'name', 'level', 'parent'], ['code', 'name', 'level'], (cells, line) => {
      const [code = '', name = '', level = '', parent = ''] = cells;
      if (code.length !== 6 || !/^\d{6}$/.test(code)) throw new DataFileError(file, line, `bad code "${code}"`);
      if (!LEVELS.has(level)) throw new DataFileError(file, line, `bad level "${level}"`);
      if (/\s/.test(name)) throw new DataFileError(file, line, `bad name "${name}"`);
      if (this.byCode.has(code)) throw new DataFileError(file, line, `duplicate code ${code}`);
      const lv = level as RegionLevel;
      if (lv === 'province' && (!code.endsWith('0000') || parent !== '')) {
        throw new DataFileError(file, line, 'a province code ends in 0000 and has no parent');
      }
      if (lv === 'prefecture' && !code.endsWith('00')) {
        throw new DataFileError(file, line, 'a prefecture code ends in 00');
      }
      if (lv !== 'province' && !/^\d{6}$/.test(parent)) {
        throw new DataFileError(file, line, `missing parent for ${code}`);
      }
      const region: Region = { code, name, level: lv, parent: parent === '' ? null : parent, aliases: [] };
      this.byCode.set(code, region);
      this.list.push(region);
    });
    for (const r of this.list) {
      if (r.parent === null) continue;
      const p = this.byCode.get(r.parent);
      if (!p || LEVEL_RANK[p.level] >= LEVEL_RANK[r.level] || p.code.slice(0, 2) !== r.code.slice(0, 2)) {
        throw new DataFileError('regions.tsv', 0, `bad parent ${r.parent} for ${r.code} ${r.name}`);
      }
      const list = this.kids.get(p.code);
      if (list) list.push(r);
      else this.kids.set(p.code, [r]);
      this.addSurface(r.name, 'name', r.code);
    }
    for (const r of this.list) if (r.parent === null) this.addSurface(r.name, 'name', r.code);
  }

  private loadShortForms(): void {
    const rules = loadShortFormRules(dataUrl('shortforms.json'));
    for (const r of this.list) {
      const s = shortForm(r.name, r.code, rules);
      if (s === null) continue;
      this.addSurface(s, 'short', r.code);
      // autonomous units are also written with the plain level word: 江华县, 巴里坤县, 湘西州
      const level = /自治(县|州|旗)$/.exec(r.name)?.[1];
      if (level && !this.byName(s + level)) this.addSurface(s + level, 'alias', r.code);
    }
  }

  /** A unit whose full current name is `name`, if any. */
  private byName(name: string): Region | undefined {
    if (!this.firstByName) {
      // the first unit in file order with each name (what a scan of the list finds)
      this.firstByName = new Map();
      for (const r of this.list) if (!this.firstByName.has(r.name)) this.firstByName.set(r.name, r);
    }
    return this.firstByName.get(name);
  }

  private firstByName: Map<string, Region> | undefined;

  private requireCode(row: DataRow, code: string): Region {
    const r = this.byCode.get(code);
    if (!r) throw new DataFileError(row.file, row.line, `unknown code ${code}`);
    return r;
  }

  private loadRenamed(): void {
    const rows = readTsvFile(dataUrl('renamed.tsv'), ['old_name', 'old_code', 'new_codes']);
    for (const row of rows) {
      const { old_name: oldName = '', old_code: oldCode = '', new_codes: newCodes = '' } = row.cells;
      if (!/^\d{6}$/.test(oldCode)) throw new DataFileError(row.file, row.line, `bad old_code "${oldCode}"`);
      const codes = newCodes.split(',').map((c) => c.trim());
      for (const c of codes) this.requireCode(row, c);
      const current = this.byCode.get(oldCode);
      if (current && current.name === oldName) {
        throw new DataFileError(row.file, row.line, `${oldName} ${oldCode} is still current`);
      }
      const prev = this.renamedCodes.get(oldCode) ?? [];
      this.renamedCodes.set(oldCode, [...new Set([...prev, ...codes])]);
      for (const c of codes) this.addSurface(oldName, 'old', c);
    }
  }

  private loadAliases(): void {
    const rows = readTsvFile(dataUrl('aliases.tsv'), ['alias', 'code']);
    for (const row of rows) {
      const { alias = '', code = '' } = row.cells;
      const r = this.requireCode(row, code);
      if (alias.length < 2) throw new DataFileError(row.file, row.line, 'an alias has at least 2 characters');
      const clash = (this.surfaces.get(alias) ?? []).find((e) => e.kind === 'name' && e.code !== r.code);
      if (clash) throw new DataFileError(row.file, row.line, `alias "${alias}" is the full name of ${clash.code}`);
      this.addSurface(alias, 'alias', r.code);
    }
  }

  private loadStopList(): void {
    const rows = readTsvFile(dataUrl('stoplist.tsv'), ['surface']);
    for (const row of rows) {
      const s = row.cells['surface'] ?? '';
      if (!this.surfaces.has(s)) throw new DataFileError(row.file, row.line, `"${s}" is not a known surface`);
      this.stop.add(s);
    }
  }

  private loadFollowers(): void {
    const rows = readTsvFile(dataUrl('followers.tsv'), ['follower']);
    for (const row of rows) this.addFollower(row.cells['follower'] ?? '');
  }

  private addFollower(f: string): void {
    this.followers.push(f);
    if (f.length > 0) this.followerFirst[f.charCodeAt(0)] = 1;
    else this.followerFirst.fill(1);
  }

  private loadWords(file: string): void {
    eachTsvRow(dataUrl(file), ['word'], ['word'], (cells, line) => {
      const word = cells[0] as string;
      if (!isHanWord(word)) throw new DataFileError(file, line, `"${word}" is not a word of 2+ Han characters`);
      const t = this.terminalOf(word);
      if (t) {
        if (t.findable) throw new DataFileError(file, line, `"${word}" is a region surface`);
        t.word = true;
      } else {
        this.insert(word, { surface: word, entries: [], findable: false, regionScore: 0, nameScore: 0, word: true });
      }
    });
  }

  private terminalOf(surface: string): Terminal | undefined {
    let node = 0;
    for (let i = 0; i < surface.length; i++) {
      const letter = this.letters[surface.charCodeAt(i)] as number;
      if (letter === 0) return undefined;
      const next = this.edges.get(node * EDGE + letter);
      if (next === undefined) return undefined;
      node = next;
    }
    return this.terminals[node];
  }

  private addSurface(surface: string, kind: SurfaceKind, code: string): void {
    const list = this.surfaces.get(surface);
    const entry = { kind, code };
    if (!list) this.surfaces.set(surface, [entry]);
    else if (!list.some((e) => e.kind === kind && e.code === code)) list.push(entry);
  }

  private buildAliases(): void {
    for (const [surface, entries] of this.surfaces) {
      for (const e of entries) {
        if (e.kind === 'name') continue;
        const r = this.byCode.get(e.code);
        if (r && r.name !== surface && !r.aliases.includes(surface)) r.aliases.push(surface);
      }
    }
  }

  private ranked(entries: readonly SurfaceEntry[]): Region[] {
    const best = new Map<string, number>();
    for (const e of entries) {
      const k = KIND_RANK[e.kind];
      const prev = best.get(e.code);
      if (prev === undefined || k < prev) best.set(e.code, k);
    }
    const regions = [...best.keys()].map((c) => this.get(c) as Region);
    return regions.sort(
      (a, b) =>
        (best.get(a.code) ?? 9) - (best.get(b.code) ?? 9) ||
        LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  }

  private insert(surface: string, term: Terminal): void {
    let node = 0;
    for (let i = 0; i < surface.length; i++) {
      const unit = surface.charCodeAt(i);
      let letter = this.letters[unit] as number;
      if (letter === 0) {
        if (this.letterCount + 1 >= EDGE) throw new DataFileError('regions', 0, 'too many distinct characters for the trie');
        letter = ++this.letterCount;
        this.letters[unit] = letter;
      }
      const key = node * EDGE + letter;
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.nodeCount++;
        this.edges.set(key, next);
      }
      node = next;
    }
    this.terminals[node] = term;
  }

  /** The surface table (built from the cache on first use). */
  private surfaceTable(): Map<string, SurfaceEntry[]> {
    const r = this.restored;
    if (r && this.surfaces.size === 0) {
      r.surfaces.split('\n').forEach((surface, si) => this.surfaces.set(surface, this.entriesAt(si)));
    }
    return this.surfaces;
  }

  /** Entries of the surface at `si` (an index into surfaceList / the cache's surfaces). */
  private entriesAt(si: number): SurfaceEntry[] {
    const r = this.restored;
    if (!r) return this.surfaces.get(this.surfaceList[si] as string) as SurfaceEntry[];
    const out: SurfaceEntry[] = [];
    for (let e = r.entryStart[si] as number; e < (r.entryStart[si + 1] as number); e++) {
      out.push({ kind: KINDS[r.entryKind[e] as number] as SurfaceKind, code: r.regions.codeAt(r.entryRegion[e] as number) });
    }
    return out;
  }

  /** Candidates of the surface at `si` (an index into surfaceList), computed once each way. */
  private candidatesAt(si: number, followed: boolean): Region[] {
    const cache = followed ? this.followedBy : this.strongBy;
    let list = cache.get(si);
    if (!list) {
      const entries = this.entriesAt(si);
      list = this.ranked(followed ? entries.filter((e) => e.kind === 'name' || e.kind === 'old') : entries);
      cache.set(si, list);
    }
    return list;
  }

  private buildTrie(): void {
    for (const [surface, entries] of this.surfaces) {
      const findable = !this.stop.has(surface);
      const long = surface.length >= 3;
      const named = entries.some((e) => e.kind === 'name' || e.kind === 'old');
      const nameScore = !findable || !named ? 0 : long ? SCORE.longName : SCORE.short2;
      const regionScore = !findable ? 0 : named && long ? SCORE.longName : long ? SCORE.longShort : SCORE.short2;
      this.insert(surface, { surface, entries, findable, regionScore, nameScore, word: !findable });
    }
  }

  // ------------------------------------------------------------------ queries

  get(code: string): Region | undefined {
    return this.restored ? this.restored.regions.get(code) : this.byCode.get(code);
  }

  all(): readonly Region[] {
    return this.restored ? this.restored.regions.all() : this.list;
  }

  children(code: string): Region[] {
    return [...((this.restored ? this.restored.regions.kids() : this.kids).get(code) ?? [])];
  }

  ancestors(code: string): Region[] {
    return [...this.chain(code)];
  }

  /** Ancestors of each code asked about, parent first (detection asks for the same ones again and again). */
  private readonly chains = new Map<string, readonly Region[]>();

  private chain(code: string): readonly Region[] {
    let out = this.chains.get(code);
    if (out) return out;
    const list: Region[] = [];
    let r = this.get(code);
    while (r && r.parent !== null) {
      const p = this.get(r.parent);
      if (!p) break;
      list.push(p);
      r = p;
    }
    out = list;
    // only known codes are kept: the map cannot grow with what callers make up
    if (this.get(code)) this.chains.set(code, out);
    return out;
  }

  isWithin(code: string, ancestorCode: string): boolean {
    if (code === ancestorCode) return this.get(code) !== undefined;
    for (const a of this.chain(code)) if (a.code === ancestorCode) return true;
    return false;
  }

  lookup(name: string): Region[] {
    const q = name.trim();
    if (/^\d{6}$/.test(q)) {
      const r = this.get(q);
      if (r) return [r];
      return (this.restoredSets().renamedCodes.get(q) ?? []).map((c) => this.get(c) as Region);
    }
    const entries = this.surfaceTable().get(q);
    return entries ? this.ranked(entries) : [];
  }

  surfaceKinds(surface: string): SurfaceKind[] {
    const kinds = new Set((this.surfaceTable().get(surface) ?? []).map((e) => e.kind));
    return [...kinds].sort((a, b) => KIND_RANK[a] - KIND_RANK[b]);
  }

  isStopSurface(surface: string): boolean {
    return this.restoredSets().stop.has(surface);
  }

  /** The renamed codes and the stop list (made from the cache's lists on first use). */
  private restoredSets(): { renamedCodes: Map<string, string[]>; stop: Set<string> } {
    const r = this.restored;
    if (r && r.stop) {
      this.renamedCodes = new Map(r.renamed);
      this.stop = new Set(r.stop);
      r.stop = undefined;
    }
    return { renamedCodes: this.renamedCodes, stop: this.stop };
  }

  private followedByBlocked(text: string, end: number): boolean {
    if (end >= text.length || this.followerFirst[text.charCodeAt(end)] === 0) return false;
    for (const f of this.followers) if (text.startsWith(f, end)) return true;
    return false;
  }

  findMentions(text: string): RegionMention[] {
    const key = { g: this, text };
    const kept = lastMentions.get(key);
    if (kept) return kept;
    const mentions = this.computeMentions(text);
    lastMentions.set(key, mentions);
    return mentions;
  }

  /** DP buffers up to this many characters are kept between calls (see computeMentions). */
  private dp = { best: new Int32Array(1), pick: new Int32Array(1) };
  /** Derived from the double array on first use (see walkTables, scanTables), or restored. */
  private walk: WalkTables | undefined;
  private scan: ScanTables | undefined;

  private scanTables(): ScanTables {
    if (!this.scan) {
      this.walk ??= walkTables(this.da as DoubleArray, this.letters);
      this.scan = scanTables(this.da as DoubleArray, this.letters, this.letterCount, this.nodeInfo as Uint16Array, this.walk);
    }
    return this.scan;
  }

  /**
   * The segmentation of SCORE by dynamic programming, in two passes.
   *
   * A token can start only where the trie has an edge for the next two letters (or
   * the letter alone is a token): a fifth of the positions in the dev corpus. The
   * first pass finds them with one read of per-letter tables and one of `check`
   * each, and for each the bound `reach` puts on its tokens: how far the longest
   * one below that two-letter node goes, and whether any below it is a findable
   * surface. Where no such bound crosses a position, no token does, so every
   * segmentation has a boundary there and the best one is the best of each piece
   * between such cuts on its own (the scores add up, and the choices in a piece
   * compare only sums over that piece). A piece with no findable surface below any
   * of its starts gives no mention whatever its segmentation: only the others
   * (a tenth of the starts) are segmented, by the second pass, from the end of the
   * piece: best[i] is the best score of text[i..e), each terminal on a walk scored
   * by its precomputed gain (see scanTables).
   */
  private computeMentions(text: string): RegionMention[] {
    this.ensureMatcher();
    const n = text.length;
    const { check } = this.da as DoubleArray;
    const letters = this.letters;
    const { firstSlot, firstBase, firstTerm, reach } = this.scanTables();
    // (a very long text gets its own buffers, not kept: 8 bytes a character)
    let dp = this.dp;
    if (dp.best.length < n + 1) {
      const size = Math.max(n + 1, Math.min(2 * dp.best.length, DP_KEEP));
      dp = { best: new Int32Array(size), pick: new Int32Array(size) };
      if (size <= DP_KEEP) this.dp = dp;
    }
    const out: RegionMention[] = [];
    // the piece being collected: [from, to) where `to` is the furthest bound so far
    // (0: none yet), and whether a findable surface may start in it
    let from = 0;
    let to = 0;
    let findable = 0;
    let a = n > 0 ? (letters[text.charCodeAt(0)] as number) : 0;
    // Branch-free but for the rare end of a piece to segment: whether a position starts
    // tokens differs from one position to the next and a branch on it is mispredicted
    // often. A position that starts none has r = 0 and changes nothing but at a cut.
    for (let i = 0; i < n; i++) {
      const b = i + 1 < n ? (letters[text.charCodeAt(i + 1)] as number) : 0;
      const x = (firstBase[a] as number) + b;
      const e = (check[x] as number) ^ (firstSlot[a] as number);
      const invalid = (e | -e) >> 31; // -1 when text[i..i+2) is no path of the trie, else 0
      const r = ((reach[x] as number) & ~invalid) | ((firstTerm[a] as number) & (invalid | 1));
      a = b;
      const end = i + (r >> 1);
      const cut = (to - i - 1) >>> 31; // 1 when no bound crosses i (i >= to)
      if ((cut & findable) !== 0) this.segment(text, from, Math.min(to, n), dp, out);
      from += (i - from) & -cut;
      const d = end - to;
      to += d & ~(d >> 31); // max(to, end); at a cut end >= i >= to
      findable = (findable & (cut - 1)) | (r & 1);
    }
    // (a bound may lie past the end of the text: no token does)
    if (findable) this.segment(text, from, Math.min(to, n), dp, out);
    return out;
  }

  /** The best segmentation of text[from..to), a piece between cuts (see computeMentions): its mentions onto `out`. */
  private segment(text: string, from: number, to: number, dp: { best: Int32Array; pick: Int32Array }, out: RegionMention[]): void {
    const n = text.length;
    const { base, check } = this.da as DoubleArray;
    const letters = this.letters;
    const followerFirst = this.followerFirst;
    const { firstSlot, gain, gainFollowed, depth } = this.scanTables();
    const { best, pick } = dp;
    best[to] = 0;
    for (let i = to - 1; i >= from; i--) {
      let top = (best[i + 1] as number) + SCORE.single;
      let chosen = 0;
      // node: the slot of text[i..j). A leaf (base 0) finds no child, so needs no test;
      // no walk goes past `to` (that bounds every token from here).
      let node = firstSlot[letters[text.charCodeAt(i)] as number] as number;
      if (node > 0) {
        for (let j = i + 1; ; j++) {
          let g = gain[node] as number;
          if ((g & G_FOLLOW) !== 0 && j < n && followerFirst[text.charCodeAt(j)] !== 0 && this.followedByBlocked(text, j)) {
            g = gainFollowed[node] as number;
          }
          // >= : on a tie the longer token, and a token over skipping, wins.
          const value = (g >> G_SHIFT) + (best[j] as number);
          if (value >= top) {
            top = value;
            chosen = node * 2 + (g & G_REGION);
          }
          if (j >= n) break;
          const t = (base[node] as number) + (letters[text.charCodeAt(j)] as number);
          if (check[t] !== node) break;
          node = t;
        }
      }
      best[i] = top;
      pick[i] = chosen;
    }
    this.readPicks(text, pick, depth, from, to, out);
  }

  /**
   * The tokens of a segmentation read off from the left of text[from..to): `pick[i]`
   * is 0 for a character alone, else the slot of the token starting at i times two,
   * plus one when it is a findable surface; the findable ones go onto `out`.
   */
  private readPicks(text: string, pick: Int32Array, depth: Uint16Array, from: number, to: number, out: RegionMention[]): void {
    const nodeSurface = this.nodeSurface as Int32Array;
    let i = from;
    while (i < to) {
      const chosen = pick[i] as number;
      if (chosen === 0) {
        i++;
        continue;
      }
      const slot = chosen >> 1;
      const end = i + (depth[slot] as number);
      if (chosen & 1) {
        // a findable terminal is always a surface's
        const candidates = this.candidatesAt(nodeSurface[slot] as number, this.followedByBlocked(text, end));
        out.push({ start: i, end, surface: text.slice(i, end), candidates: [...candidates] });
      }
      i = end;
    }
  }

  /**
   * The plain form of computeMentions (every position walked, every terminal scored
   * from nodeInfo, every position read off): the reference its tests compare with.
   */
  referenceMentions(text: string): RegionMention[] {
    this.ensureMatcher();
    const n = text.length;
    const { base, check } = this.da as DoubleArray;
    const letters = this.letters;
    const nodeInfo = this.nodeInfo as Uint16Array;
    const { first, depth } = (this.walk ??= walkTables(this.da as DoubleArray, letters));
    const best = new Int32Array(n + 1);
    const pick = new Int32Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      let top = (best[i + 1] as number) + SCORE.single;
      let chosen = 0;
      let node = first[text.charCodeAt(i)] as number;
      for (let j = i + 1; node !== 0; j++) {
        const info = nodeInfo[node] as number;
        if (info !== 0) {
          const len = j - i;
          let per = info & T_WORD ? SCORE.word : 0;
          let asRegion = 0;
          if (info & T_FINDABLE) {
            const rs = this.followedByBlocked(text, j) ? (info >> 7) & 15 : (info >> 3) & 15;
            if (rs > per) {
              per = rs;
              asRegion = 1;
            }
          }
          const value = per * len - SCORE.token + (best[j] as number);
          if (per > 0 && value >= top) {
            top = value;
            chosen = node * 2 + asRegion;
          }
          if (info & T_LEAF) break;
        }
        if (j >= n) break;
        const t = (base[node] as number) + (letters[text.charCodeAt(j)] as number);
        node = check[t] === node ? t : 0;
      }
      best[i] = top;
      pick[i] = chosen;
    }
    const out: RegionMention[] = [];
    this.readPicks(text, pick, depth, 0, n, out);
    return out;
  }
}

/**
 * A slot's gain as a token, packed: (per-character score × depth − SCORE.token) << G_SHIFT,
 * G_FOLLOW when it is a findable surface (a follower right after it may change the gain),
 * G_REGION when the token is a region mention. A slot that is no token gets G_NONE: so
 * low that it never beats skipping (best[] does not grow to the right).
 */
const G_REGION = 1;
const G_FOLLOW = 2;
const G_SHIFT = 2;
const G_NONE = -(1 << 28) * (1 << G_SHIFT);

/** What computeMentions reads besides the double array. */
export interface ScanTables {
  /** Letter → the root's child slot for it; -2 (no slot's check) when none, and for letter 0. */
  firstSlot: Int32Array;
  /** Letter → the base of that slot (0 when none). */
  firstBase: Int32Array;
  /** Letter → when that one-letter string is itself a terminal (a token without a second letter):
   *  1 << 1 (its depth), | 1 when it is a findable surface; else 0. */
  firstTerm: Uint8Array;
  /** Slot → (the greatest depth of a terminal at or below it) << 1, | 1 when one of those
   *  is a findable surface: how far a token through this slot can go. */
  reach: Int32Array;
  /** Slot → its gain (see G_SHIFT); gainFollowed: the same when a follower comes right after it. */
  gain: Int32Array;
  gainFollowed: Int32Array;
  /** Slot → its depth (see walkTables). */
  depth: Uint16Array;
}

/** The gain of a slot with terminal bits `info` (see packTerminal) at depth `len`. */
function slotGain(info: number, len: number, followed: boolean): number {
  if (info === 0) return G_NONE;
  let per = info & T_WORD ? SCORE.word : 0;
  let region = 0;
  if (info & T_FINDABLE) {
    const rs = followed ? (info >> 7) & 15 : (info >> 3) & 15;
    if (rs > per) {
      per = rs;
      region = G_REGION;
    }
  }
  const follow = info & T_FINDABLE ? G_FOLLOW : 0;
  if (per === 0) return G_NONE | follow;
  return ((per * len - SCORE.token) << G_SHIFT) | follow | region;
}

export function scanTables(da: DoubleArray, letters: Uint16Array, letterCount: number, nodeInfo: Uint16Array, walk: WalkTables): ScanTables {
  const { first, depth } = walk;
  const firstSlot = new Int32Array(letterCount + 1).fill(-2);
  const firstBase = new Int32Array(letterCount + 1);
  const firstTerm = new Uint8Array(letterCount + 1);
  for (let unit = 0; unit < 65536; unit++) {
    const a = letters[unit] as number;
    const s = first[unit] as number;
    if (a === 0 || s === 0) continue;
    firstSlot[a] = s;
    firstBase[a] = da.base[s] as number;
    const info = nodeInfo[s] as number;
    firstTerm[a] = info !== 0 ? (1 << 1) | (info & T_FINDABLE ? 1 : 0) : 0;
  }
  const slots = da.check.length;
  const gain = new Int32Array(slots);
  const gainFollowed = new Int32Array(slots);
  for (let s = 0; s < slots; s++) {
    const info = nodeInfo[s] as number;
    const len = depth[s] as number;
    gain[s] = slotGain(info, len, false);
    gainFollowed[s] = slotGain(info, len, true);
  }
  // each terminal raises the reach of the slots on its path (its ancestors by check)
  const reach = new Int32Array(slots);
  for (let s = 1; s < slots; s++) {
    const info = nodeInfo[s] as number;
    if (info === 0) continue;
    const r = ((depth[s] as number) << 1) | (info & T_FINDABLE ? 1 : 0);
    for (let u = s; u > 0; u = da.check[u] as number) {
      const q = reach[u] as number;
      reach[u] = Math.max(q >> 1, r >> 1) << 1 | (q & 1) | (r & 1);
    }
  }
  return { firstSlot, firstBase, firstTerm, reach, gain, gainFollowed, depth };
}

/** What the matching loop reads besides the double array. */
export interface WalkTables {
  /** UTF-16 unit → the root's child slot for it (0: no surface or word starts with it). */
  first: Int32Array;
  /** Slot → its depth in the trie (the length of the text it stands for; 0 for the root and free slots). */
  depth: Uint16Array;
}

/** The walk tables of a double array over `letters` (unit → letter, 0: none). */
export function walkTables(da: DoubleArray, letters: Uint16Array): WalkTables {
  const { base, check } = da;
  const first = new Int32Array(65536);
  for (let unit = 0; unit < 65536; unit++) {
    const letter = letters[unit] as number;
    if (letter === 0) continue;
    const t = (base[0] as number) + letter;
    if (t > 0 && t < check.length && check[t] === 0) first[unit] = t;
  }
  // a child's slot can lie before its parent's: depths by following check up, memoized
  const depth = new Uint16Array(check.length);
  const done = new Uint8Array(check.length);
  done[0] = 1;
  const path: number[] = [];
  for (let s = 1; s < check.length; s++) {
    for (let u = s; !done[u]; u = check[u] as number) {
      if ((check[u] as number) < 0) {
        done[u] = 1; // a free slot
        break;
      }
      path.push(u);
    }
    for (let k = path.length - 1; k >= 0; k--) {
      const u = path[k] as number;
      depth[u] = (depth[check[u] as number] as number) + 1;
      done[u] = 1;
    }
    path.length = 0;
  }
  return { first, depth };
}

/**
 * The built gazetteer as one binary file (dist/regions/data/gazetteer.cache.bin,
 * written by `npm run build`): a small JSON header (the short lists, and where each
 * section is), then typed arrays as raw bytes, used in place (the matcher's double
 * array and scan tables, the regions' levels and parents, the surfaces' entries),
 * and the codes, names, aliases and surfaces as UTF-16 texts. Nothing is parsed or
 * indexed up front: a Region object is made when first asked for (RegionTable), the
 * surface table when lookup() needs it. Loading takes 3-4 ms where reading, checking
 * and indexing the tables and building the matcher took 60–90 ms of every start (and
 * of every ingest worker), and a JSON header with every table 15-25 ms. It is used
 * only when its key — a hash of the data files it was built from — matches the files
 * beside it; otherwise the tables are loaded as usual.
 */
/** Each data file's name, size and modification time (ms), as the cache was built from them. */
type DataStamp = [string, number, number][];

interface CacheHeader {
  version: number;
  key: string;
  /** The data files as they were when the cache was built: unchanged, the key need not be computed. */
  stamp?: DataStamp;
  letterCount: number;
  /** Length of the double array (and of every table by slot). */
  slotCount: number;
  regionCount: number;
  surfaceCount: number;
  renamed: [string, string[]][];
  stop: string[];
  followers: string[];
  /** Where the tables are, from the first section's start (see toCache). */
  sections: CacheSection[];
}

/** Name, element type, byte offset from the first section, length in elements (UTF-16 units for text). */
type CacheSection = [string, 'u8' | 'u16' | 'i32' | 'utf16', number, number];

/** The typed tables of a cache, by name (see toCache), and its texts. */
interface CacheTables {
  letters: Uint16Array;
  base: Int32Array;
  check: Int32Array;
  nodeInfo: Uint16Array;
  nodeSurface: Int32Array;
  depth: Uint16Array;
  gain: Int32Array;
  gainFollowed: Int32Array;
  firstSlot: Int32Array;
  firstBase: Int32Array;
  firstTerm: Uint8Array;
  reach: Int32Array;
  level: Uint8Array;
  parent: Int32Array;
  sortedCode: Int32Array;
  sortedIndex: Int32Array;
  entryStart: Int32Array;
  entryKind: Uint8Array;
  entryRegion: Int32Array;
}

interface CacheTexts {
  /** Every region's code, 6 digits each, in file order. */
  codes: string;
  /** Names, one a line; aliases: one line a region, tab-separated. */
  names: string;
  aliases: string;
  /** Surfaces in insertion order, one a line. */
  surfaces: string;
}

interface LoadedCache {
  header: CacheHeader;
  tables: CacheTables;
  texts: CacheTexts;
}

/** What a restored gazetteer reads of its cache. */
interface RestoredTables {
  regions: RegionTable;
  surfaces: string;
  /** Surface index → its entries entryStart[si] .. entryStart[si + 1]: kind (KIND_RANK) and region index. */
  entryStart: Int32Array;
  entryKind: Uint8Array;
  entryRegion: Int32Array;
  renamed: [string, string[]][];
  /** Undefined once made into the gazetteer's Set. */
  stop: string[] | undefined;
}

const KINDS: readonly SurfaceKind[] = ['name', 'old', 'alias', 'short'];
const LEVEL_NAMES: readonly RegionLevel[] = ['province', 'prefecture', 'county'];

/**
 * The regions of a cache: codes, names and aliases as texts, level and parent (a
 * region index, -1 for none) as typed arrays, and the codes sorted as numbers for a
 * binary search. A Region object is made the first time it is asked for, and then
 * always the same one is returned; extraction asks for a few hundred of 3341.
 */
class RegionTable {
  private readonly objects: (Region | undefined)[];
  private nameList: string[] | undefined;
  private aliasList: string[] | undefined;
  private everyRegion: Region[] | undefined;
  private byParent: Map<string, Region[]> | undefined;
  /** The regions asked for by code so far (ancestors() asks for the same few again and again). */
  private readonly byCode = new Map<string, Region>();

  constructor(
    private readonly codes: string,
    private readonly names: string,
    private readonly aliases: string,
    private readonly level: Uint8Array,
    private readonly parent: Int32Array,
    private readonly sortedCode: Int32Array,
    private readonly sortedIndex: Int32Array,
  ) {
    this.objects = new Array<Region | undefined>(level.length);
  }

  codeAt(i: number): string {
    return this.codes.slice(6 * i, 6 * i + 6);
  }

  /** The index of the region with code `code`, or -1. */
  indexOf(code: string): number {
    if (code.length !== 6) return -1;
    let v = 0;
    for (let k = 0; k < 6; k++) {
      const d = code.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    const sorted = this.sortedCode;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo] === v ? (this.sortedIndex[lo] as number) : -1;
  }

  at(i: number): Region {
    let r = this.objects[i];
    if (!r) {
      const names = (this.nameList ??= this.names.split('\n'));
      const aliases = (this.aliasList ??= this.aliases.split('\n'));
      const a = aliases[i] as string;
      const p = this.parent[i] as number;
      r = {
        code: this.codeAt(i),
        name: names[i] as string,
        level: LEVEL_NAMES[this.level[i] as number] as RegionLevel,
        parent: p < 0 ? null : this.codeAt(p),
        aliases: a === '' ? [] : a.split('\t'),
      };
      this.objects[i] = r;
    }
    return r;
  }

  get(code: string): Region | undefined {
    const seen = this.byCode.get(code);
    if (seen) return seen;
    const i = this.indexOf(code);
    if (i < 0) return undefined;
    const r = this.at(i);
    this.byCode.set(code, r);
    return r;
  }

  all(): Region[] {
    return (this.everyRegion ??= Array.from(this.level, (_, i) => this.at(i)));
  }

  /** Children by parent code, in file order. */
  kids(): Map<string, Region[]> {
    if (!this.byParent) {
      const m = new Map<string, Region[]>();
      for (const r of this.all()) {
        if (r.parent === null) continue;
        const list = m.get(r.parent);
        if (list) list.push(r);
        else m.set(r.parent, [r]);
      }
      this.byParent = m;
    }
    return this.byParent;
  }
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

const CACHE_VERSION = 5;
const CACHE_MAGIC = 0x7a686267; // "zhbg"
const CACHE_FILE = 'gazetteer.cache.bin';
const DATA_FILES = [
  'regions.tsv',
  'shortforms.json',
  'renamed.tsv',
  'aliases.tsv',
  'stoplist.tsv',
  'followers.tsv',
  'words.tsv',
  'words-curated.tsv',
];

/** Hash of the data files a cache must have been built from. */
export function gazetteerDataKey(): string {
  // crypto is loaded only when the data files changed since the cache was built (see loadCache)
  const h = process.getBuiltinModule('node:crypto').createHash('sha256');
  h.update(`v${CACHE_VERSION}\n`);
  for (const f of DATA_FILES) {
    h.update(f);
    h.update(readFileSync(dataUrl(f)));
  }
  return h.digest('hex');
}

const TABLE_TYPES: Record<keyof CacheTables, 'u8' | 'u16' | 'i32'> = {
  letters: 'u16',
  base: 'i32',
  check: 'i32',
  nodeInfo: 'u16',
  nodeSurface: 'i32',
  depth: 'u16',
  gain: 'i32',
  gainFollowed: 'i32',
  firstSlot: 'i32',
  firstBase: 'i32',
  firstTerm: 'u8',
  reach: 'i32',
  level: 'u8',
  parent: 'i32',
  sortedCode: 'i32',
  sortedIndex: 'i32',
  entryStart: 'i32',
  entryKind: 'u8',
  entryRegion: 'i32',
};
const TEXTS: readonly (keyof CacheTexts)[] = ['codes', 'names', 'aliases', 'surfaces'];

/** The data files' stamp now (undefined when one cannot be read). */
function dataStamp(): DataStamp | undefined {
  try {
    return DATA_FILES.map((f) => {
      const st = statSync(dataUrl(f));
      return [f, st.size, st.mtimeMs];
    });
  } catch {
    return undefined;
  }
}

const sameStamp = (a: DataStamp | undefined, b: DataStamp | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x[0] === b[i]![0] && x[1] === b[i]![1] && x[2] === b[i]![2]);

/**
 * Reads a cache written by toCache; undefined when it is missing, damaged or
 * built from other data. `key` is the data key it must carry, or a function of
 * its header that gives it (loadCache: the header's own key when the data files
 * still have the stamp it records, else the hash of their contents).
 */
function parseCache(bytes: Uint8Array, key: string | ((header: CacheHeader) => string)): LoadedCache | undefined {
  // the typed arrays are views of the bytes, which must be 8-aligned for that (a file
  // read whole is; a copy otherwise)
  let data = bytes;
  if (data.byteOffset % 8 !== 0) {
    data = new Uint8Array(bytes.length);
    data.set(bytes);
  }
  if (data.length < 8) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = view.getUint32(0, true);
  const jsonLength = view.getUint32(4, true);
  if (magic !== CACHE_MAGIC || 8 + jsonLength > data.length) return undefined;
  let header: CacheHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + jsonLength))) as CacheHeader;
  } catch {
    return undefined;
  }
  if (header.version !== CACHE_VERSION || !Array.isArray(header.sections)) return undefined;
  if (header.key !== (typeof key === 'string' ? key : key(header))) return undefined;
  const origin = 8 + jsonLength + pad8(8 + jsonLength);
  const found = new Map(header.sections.map((sec) => [sec[0], sec]));
  const SIZE = { u8: 1, u16: 2, i32: 4, utf16: 2 } as const;
  const locate = (name: string, type: CacheSection[1]): [number, number] | undefined => {
    const sec = found.get(name);
    if (!sec || sec[1] !== type) return undefined;
    const offset = origin + sec[2];
    const length = sec[3];
    if (!Number.isInteger(offset) || !Number.isInteger(length) || length < 0 || offset % 8 !== 0) return undefined;
    if (offset + length * SIZE[type] > data.length) return undefined;
    return [data.byteOffset + offset, length];
  };
  const tables: Partial<Record<keyof CacheTables, Uint8Array | Uint16Array | Int32Array>> = {};
  for (const [name, type] of Object.entries(TABLE_TYPES) as [keyof CacheTables, 'u8' | 'u16' | 'i32'][]) {
    const at = locate(name, type);
    if (!at) return undefined;
    const [offset, length] = at;
    tables[name] =
      type === 'u8' ? new Uint8Array(data.buffer, offset, length) : type === 'u16' ? new Uint16Array(data.buffer, offset, length) : new Int32Array(data.buffer, offset, length);
  }
  const texts: Partial<CacheTexts> = {};
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (const name of TEXTS) {
    const at = locate(name, 'utf16');
    if (!at) return undefined;
    const start = at[0] - data.byteOffset;
    texts[name] = buffer.toString('utf16le', start, start + 2 * at[1]);
  }
  const t = tables as CacheTables;
  const slots = header.slotCount;
  const regions = header.regionCount;
  const ok =
    t.letters.length === 65536 &&
    [t.base, t.check, t.nodeInfo, t.nodeSurface, t.depth, t.gain, t.gainFollowed, t.reach].every((a) => a.length === slots) &&
    [t.firstSlot, t.firstBase, t.firstTerm].every((a) => a.length === header.letterCount + 1) &&
    [t.level, t.parent, t.sortedCode, t.sortedIndex].every((a) => a.length === regions) &&
    t.entryStart.length === header.surfaceCount + 1 &&
    t.entryKind.length === t.entryRegion.length &&
    (texts.codes as string).length === 6 * regions;
  return ok ? { header, tables: t, texts: texts as CacheTexts } : undefined;
}

function loadCache(): LoadedCache | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(dataUrl(CACHE_FILE));
  } catch {
    return undefined;
  }
  return parseBuildCache(bytes);
}

/** The build's cache: data files unchanged since (the size and time it recorded) need no hashing. */
function parseBuildCache(bytes: Uint8Array): LoadedCache | undefined {
  return parseCache(bytes, (header) => (sameStamp(header.stamp, dataStamp()) ? header.key : gazetteerDataKey()));
}

/** Builds the gazetteer from its tables and writes the cache (the build runs this for dist/). */
export function writeGazetteerCache(path: URL | string = dataUrl(CACHE_FILE)): number {
  const bytes = new GazetteerImpl().toCache(gazetteerDataKey(), dataStamp());
  writeFileSync(path, bytes);
  return bytes.length;
}

/** A gazetteer built from the tables, one restored from its cache bytes, and the bytes: for tests. */
export function gazetteerPair(): { built: Gazetteer; cached: Gazetteer | undefined; bytes: number; cache: Buffer } {
  const built = new GazetteerImpl();
  const key = gazetteerDataKey();
  const bytes = built.toCache(key);
  const c = parseCache(bytes, key);
  return { built, cached: c ? new GazetteerImpl(c) : undefined, bytes: bytes.length, cache: bytes };
}

/** Cache bytes carrying `key` and `stamp` (any, for the test of how a build's cache is checked), and the data files' stamp now: for tests. */
export function cacheForTest(key: string, stamp?: DataStamp): { bytes: Buffer; stampNow: DataStamp | undefined } {
  return { bytes: new GazetteerImpl().toCache(key, stamp), stampNow: dataStamp() };
}

/** A gazetteer restored from cache bytes as the build's cache is at a start (the stamp, else the key): for tests. */
export function gazetteerFromBuildCache(bytes: Uint8Array): Gazetteer | undefined {
  const c = parseBuildCache(bytes);
  return c ? new GazetteerImpl(c) : undefined;
}

/** A gazetteer restored from cache bytes, undefined when parseCache refuses them: for tests. */
export function gazetteerFromCache(bytes: Uint8Array): Gazetteer | undefined {
  const c = parseCache(bytes, gazetteerDataKey());
  return c ? new GazetteerImpl(c) : undefined;
}

/** findMentions by the plain reference walk (see referenceMentions): for tests. */
export function referenceMentions(g: Gazetteer, text: string): RegionMention[] {
  if (!(g instanceof GazetteerImpl)) throw new Error('not a gazetteer of this module');
  return g.referenceMentions(text);
}

let instance: Gazetteer | undefined;

/** The gazetteer, loaded and checked on first use (from the build's cache when it is current). */
export function gazetteer(): Gazetteer {
  if (!instance) {
    const cache = loadCache();
    instance = cache ? new GazetteerImpl(cache) : new GazetteerImpl();
  }
  return instance;
}
