import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gazetteerPair, type Gazetteer } from './gazetteer.js';

const DEV = fileURLToPath(new URL('../../../shared/corpus/dev', import.meta.url));

function mentions(g: Gazetteer, text: string): string {
  return g
    .findMentions(text)
    .map((m) => `${m.start},${m.end},${m.surface},${m.candidates.map((c) => c.code).join('/')}`)
    .join(';');
}

describe('gazetteer cache (dist/regions/data/gazetteer.cache.bin)', () => {
  const { built, cached } = gazetteerPair();

  it('restores a gazetteer equal to the one built from the tables', () => {
    expect(cached).toBeDefined();
    const c = cached as Gazetteer;
    expect(c.all()).toEqual(built.all());
    for (const r of built.all()) {
      expect(c.children(r.code)).toEqual(built.children(r.code));
      expect(c.ancestors(r.code)).toEqual(built.ancestors(r.code));
      for (const s of [r.name, ...r.aliases]) {
        expect(c.lookup(s)).toEqual(built.lookup(s));
        expect(c.surfaceKinds(s)).toEqual(built.surfaceKinds(s));
        expect(c.isStopSurface(s)).toBe(built.isStopSurface(s));
      }
    }
    expect(c.lookup('430000')).toEqual(built.lookup('430000'));
  });

  it('finds the same mentions', () => {
    // a fresh restore: its surface table is still unbuilt (lookup() above built the other one's)
    const c = gazetteerPair().cached as Gazetteer;
    const texts = ['湖南省长沙市芙蓉区', '江永县委', '顺利通过', '江华路和长安镇', '祁阳县和祁阳市', '博州'];
    if (existsSync(DEV)) {
      for (const n of readdirSync(DEV).sort().slice(0, 40)) texts.push(readFileSync(join(DEV, n), 'utf8').replace(/\s+/g, ''));
    }
    for (const t of texts) expect(mentions(c, t)).toBe(mentions(built, t));
  });
});
