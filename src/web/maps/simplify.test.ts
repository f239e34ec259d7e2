import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../regions/gazetteer.js';
import { douglasPeucker, simplifyCollection, vertexCount, type FeatureCollection, type Position } from './simplify.js';
import { MAPS } from './index.js';

describe('douglasPeucker', () => {
  it('drops points closer to the line than epsilon and keeps the ends', () => {
    const line: Position[] = [[0, 0], [1, 0.01], [2, -0.01], [3, 5], [4, 0], [5, 0]];
    expect(douglasPeucker(line, 0.1)).toEqual([true, false, true, true, true, true]);
    expect(douglasPeucker(line, 10)).toEqual([true, false, false, false, false, true]);
  });
});

/** Two unit squares side by side sharing the edge x = 1, with a wiggly shared border. */
function twoSquares(): FeatureCollection<{ code: string }> {
  const border: Position[] = [[1, 0], [1.001, 0.25], [0.999, 0.5], [1.3, 0.75], [1, 1]];
  const left: Position[] = [[0, 0], ...border, [0, 1], [0, 0]];
  const right: Position[] = [[1, 0], [2, 0], [2, 1], ...[...border].reverse().slice(0, -1), [1, 0]];
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'L', properties: { code: 'L' }, geometry: { type: 'Polygon', coordinates: [left] } },
      { type: 'Feature', id: 'R', properties: { code: 'R' }, geometry: { type: 'Polygon', coordinates: [right] } },
    ],
  };
}

describe('simplifyCollection', () => {
  it('keeps a shared border identical on both sides', () => {
    const out = simplifyCollection(twoSquares(), { epsilon: 0.01, decimals: 3 });
    const ring = (i: number): string[] => (out.features[i]!.geometry.coordinates[0] as Position[]).map((p) => p.join(','));
    const shared = (r: string[]): string[] => r.filter((k) => k.startsWith('1,') || k.startsWith('0.999') || k.startsWith('1.001') || k.startsWith('1.3'));
    const l = new Set(shared(ring(0)));
    const r = new Set(shared(ring(1)));
    expect(l).toEqual(r);
    // the small wiggles went, the big bend stayed
    expect(l.has('1.3,0.75')).toBe(true);
    expect(l.has('1.001,0.25')).toBe(false);
    expect(vertexCount(out)).toBeLessThan(vertexCount(twoSquares()));
  });

  it('returns closed rings', () => {
    const out = simplifyCollection(twoSquares(), { epsilon: 0.5, decimals: 2 });
    for (const f of out.features) {
      const r = f.geometry.coordinates[0] as Position[];
      expect(r[0]).toEqual(r[r.length - 1]);
      expect(r.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('the committed Hunan map', () => {
  const info = MAPS.find((m) => m.province === '430000')!;
  const url = new URL(`./${info.file}`, import.meta.url);
  const map = JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection<{ code: string; name: string }>;

  it('is small enough to commit', () => {
    expect(statSync(url).size).toBeLessThan(1024 * 1024);
  });

  it('has the 122 county-level units under current codes of the gazetteer', () => {
    const g = gazetteer();
    expect(map.features).toHaveLength(122);
    const codes = map.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(122);
    for (const f of map.features) {
      const r = g.get(f.properties.code);
      expect(r, f.properties.code).toBeDefined();
      expect(r!.level).toBe('county');
      expect(g.isWithin(r!.code, '430000')).toBe(true);
      expect(f.properties.name).toBe(r!.name);
    }
    expect(codes).toContain('431181');
    expect(codes).not.toContain('431121');
    expect(codes).toContain('431125');
  });
});
