/**
 * A synthetic national year for `npm run bench:national`: about 6,000 distinct
 * documents (~200 MB of text) made from the dev, seed and raw corpora.
 *
 * Every region of the gazetteer (provinces, prefectures, counties) gets one
 * document, and some get a second, each made from a template of the same level:
 * the template's region names (full names and short forms, with its prefecture
 * and province) are replaced by the target's, its years are shifted to the
 * national year, and its figures are scaled by a seeded factor, so every content
 * hash differs and the gazetteer is exercised in every province. Deterministic:
 * the same seed and count give byte-identical files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSource } from '../extract.js';
import { readSource } from '../readers/index.js';
import { gazetteer, type Region, type RegionLevel } from '../regions/gazetteer.js';
import { mulberry32 } from '../data/random.js';

export interface NationalCorpus {
  dir: string;
  files: number;
  bytes: number;
  templates: number;
  provinces: number;
  /** Seconds spent generating (0 when the cached copy was reused). */
  seconds: number;
}

export interface NationalOptions {
  /** Folders of template documents (txt, html, pdf, docx). */
  sources: string[];
  /** Where the corpus goes (reused when its manifest matches). */
  dir: string;
  docs?: number;
  seed?: number;
  year?: number;
}

const GENERATOR_VERSION = 1;

interface Template {
  name: string;
  text: string;
  year: number;
  /** The template's region, then its ancestors up to the province. */
  chain: Region[];
}

function chainOf(code: string): Region[] {
  const g = gazetteer();
  const self = g.get(code);
  return self ? [self, ...g.ancestors(code)] : [];
}

async function loadTemplates(sources: readonly string[]): Promise<Template[]> {
  const out: Template[] = [];
  for (const dir of sources) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(txt|html?|pdf|docx)$/i.test(name)) continue;
      try {
        const source = await readSource(join(dir, name));
        const ex = extractSource(source);
        if (!ex.document.region || ex.document.year === null) continue;
        const chain = chainOf(ex.document.region.code);
        if (chain.length === 0 || source.text.length < 2000) continue;
        out.push({ name, text: source.text, year: ex.document.year, chain });
      } catch {
        // unreadable raw files are not templates
      }
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Surfaces of a unit a document writes: the full name and short forms/aliases of two or more characters. */
function surfaces(r: Region): string[] {
  return [r.name, ...r.aliases.filter((a) => a.length >= 2 && !/^\d+$/.test(a))];
}

function shortOf(r: Region): string {
  return r.aliases.find((a) => a.length >= 2 && a.length < r.name.length && r.name.startsWith(a)) ?? r.name;
}

/** Rewrites one template for one target region. */
function rewrite(t: Template, target: Region[], year: number, rand: () => number): string {
  const map = new Map<string, string>();
  for (let i = 0; i < t.chain.length && i < target.length; i++) {
    const from = t.chain[i]!;
    const to = target[i]!;
    const toShort = shortOf(to);
    for (const s of surfaces(from)) {
      if (map.has(s)) continue;
      map.set(s, s === from.name ? to.name : toShort);
    }
  }
  let text = t.text;
  if (map.size > 0) {
    const keys = [...map.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    text = text.replace(new RegExp(keys.join('|'), 'gu'), (m) => map.get(m) ?? m);
  }
  const shift = year - t.year;
  // years: four digits before 年 or a range dash, within a plausible span
  text = text.replace(/(?<![\d.])((?:19|20)\d{2})(?=年|[-—–~～至])/gu, (m) => {
    const y = Number(m) + shift;
    return y >= 1949 && y <= 2060 && Math.abs(Number(m) - t.year) <= 15 ? String(y) : m;
  });
  // figures: decimals, and whole numbers before a unit, scaled by 0.8–1.25 with the same decimals
  text = text.replace(/(?<![\d.])(\d+\.\d+|\d{2,}(?=[万亿元吨千%个家人户项台辆件亩]))(?![\d])/gu, (m) => {
    const f = 0.8 + rand() * 0.45;
    const dot = m.indexOf('.');
    const decimals = dot < 0 ? 0 : m.length - dot - 1;
    return (Number(m) * f).toFixed(decimals);
  });
  return text;
}

/** Generates (or reuses) the corpus. */
export async function nationalCorpus(options: NationalOptions): Promise<NationalCorpus> {
  const docs = options.docs ?? 6000;
  const seed = options.seed ?? 20241231;
  const year = options.year ?? 2024;
  const key = JSON.stringify({ GENERATOR_VERSION, docs, seed, year, sources: options.sources });
  const manifestPath = join(options.dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { key: string; corpus: NationalCorpus };
      if (m.key === key) return { ...m.corpus, seconds: 0 };
    } catch {
      // regenerate
    }
  }
  const started = performance.now();
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const templates = await loadTemplates(options.sources);
  if (templates.length === 0) throw new Error(`no usable template documents in ${options.sources.join(', ')}`);
  const byLevel = new Map<RegionLevel, Template[]>();
  for (const t of templates) {
    const level = t.chain[0]!.level;
    byLevel.set(level, [...(byLevel.get(level) ?? []), t]);
  }
  const pickFrom = (level: RegionLevel): Template[] =>
    byLevel.get(level) ?? byLevel.get('prefecture') ?? byLevel.get('county') ?? templates;

  const g = gazetteer();
  // Taiwan, Hong Kong and Macao publish no such documents
  const regions = g
    .all()
    .filter((r) => !/^(71|81|82)/.test(r.code))
    .slice()
    .sort((a, b) => a.code.localeCompare(b.code));
  const R = regions.length;
  const extra = Math.max(0, docs - R);
  const targets: { region: Region; k: number }[] = [];
  regions.forEach((region, i) => {
    if (targets.length < docs) targets.push({ region, k: 0 });
    // a second document for an evenly spread share of the regions
    if (extra > 0 && Math.floor(((i + 1) * extra) / R) > Math.floor((i * extra) / R)) targets.push({ region, k: 1 });
  });
  targets.length = Math.min(targets.length, docs);

  const rand = mulberry32(seed);
  const hashes = new Set<string>();
  let bytes = 0;
  const provinces = new Set<string>();
  for (const [n, { region, k }] of targets.entries()) {
    const pool = pickFrom(region.level);
    const t = pool[Math.floor(rand() * pool.length)]!;
    let text = rewrite(t, chainOf(region.code), year, rand);
    let data = Buffer.from(text, 'utf8');
    let hash = createHash('sha256').update(data).digest('hex');
    if (hashes.has(hash)) {
      text += `\n（编号 ${n}）\n`;
      data = Buffer.from(text, 'utf8');
      hash = createHash('sha256').update(data).digest('hex');
    }
    hashes.add(hash);
    const province = region.code.slice(0, 2);
    provinces.add(province);
    const sub = join(options.dir, province);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `${year}_${region.code}_${k}.txt`), data);
    bytes += data.length;
  }
  const corpus: NationalCorpus = {
    dir: options.dir,
    files: targets.length,
    bytes,
    templates: templates.length,
    provinces: provinces.size,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(manifestPath.replace(/manifest\.json$/, 'manifest.json'), JSON.stringify({ key, corpus }));
  return corpus;
}
