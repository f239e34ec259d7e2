import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../regions/gazetteer.js';
import { CHINA, MAPS, mapCodes, mapFor } from './index.js';

interface Fc {
  features: { properties: { code: string; name: string; prefecture?: string } }[];
}
const load = (file: string): Fc => JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as Fc;

describe('boundary maps', () => {
  it('draw every province on the China map, with current codes', () => {
    const codes = mapCodes(CHINA);
    expect(codes.size).toBe(34);
    for (const c of ['110000', '130000', '410000', '430000', '650000']) expect(codes.has(c)).toBe(true);
  });

  it('have a county map for each of the 31 provinces, every unit a current gazetteer unit', () => {
    expect(MAPS).toHaveLength(31);
    const g = gazetteer();
    for (const m of MAPS) {
      for (const f of load(m.file).features) {
        const r = g.get(f.properties.code);
        expect(r, `${m.file}: ${f.properties.code} ${f.properties.name}`).toBeDefined();
        expect(r!.name).toBe(f.properties.name);
        expect(f.properties.prefecture, f.properties.code).toMatch(/^\d{6}$/);
      }
    }
  });

  it('map renamed and merged units to current codes through the data files', () => {
    const hunan = mapCodes(mapFor('430000')!);
    // map-renamed.tsv: 祁阳县 431121 → 祁阳市 431181
    expect(hunan.has('431181')).toBe(true);
    expect(hunan.has('431121')).toBe(false);
    const hebei = mapCodes(mapFor('130000')!);
    // the gazetteer's renamed.tsv: 清苑县 130622 → 清苑区 130608; 北市区 + 南市区 → 莲池区 130606
    expect(hebei.has('130608')).toBe(true);
    expect(hebei.has('130622')).toBe(false);
    expect(hebei.has('130606')).toBe(true);
    // prefectures of Hebei, drawn by their counties
    expect(mapCodes(mapFor('130000')!, 'prefecture').size).toBe(11);
  });
});
