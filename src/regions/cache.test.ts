import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheForTest, gazetteerDataKey, gazetteerFromBuildCache, gazetteerFromCache, gazetteerPair, type Gazetteer } from './gazetteer.js';

const DEV = fileURLToPath(new URL('../../../shared/corpus/dev', import.meta.url));

function mentions(g: Gazetteer, text: string): string {
  return g
    .findMentions(text)
    .map((m) => `${m.start},${m.end},${m.surface},${m.candidates.map((c) => c.code).join('/')}`)
    .join(';');
}

describe('gazetteer cache (dist/regions/data/gazetteer.cache.bin)', () => {
  const { built, cached, cache } = gazetteerPair();

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

  it('answers codes, former codes and non-codes as the built one does', () => {
    const c = gazetteerPair().cached as Gazetteer;
    const probes = ['999999', '110000', '43112', '4311250', 'abcdef', '', '431125', ' 431125 ', '-43112', '0000000'];
    for (const r of built.all().slice(0, 400)) probes.push(r.code, String(Number(r.code) + 1), String(Number(r.code) - 1));
    for (const q of probes) {
      expect(c.get(q), q).toEqual(built.get(q));
      expect(c.lookup(q), q).toEqual(built.lookup(q));
    }
    // every former code of renamed.tsv (found by the former names' entries)
    for (const r of built.all()) for (const a of r.aliases) for (const k of built.lookup(a)) expect(c.get(k.code)).toEqual(k);
    for (const [a, b] of [['431125', '430000'], ['431125', '431100'], ['430000', '431125'], ['110101', '110000'], ['999999', '999999']]) {
      expect(c.isWithin(a as string, b as string)).toBe(built.isWithin(a as string, b as string));
    }
  });

  it('returns the same region object each time', () => {
    const c = gazetteerPair().cached as Gazetteer;
    expect(c.get('431125')).toBe(c.get('431125'));
    expect(c.all().find((r) => r.code === '431125')).toBe(c.get('431125'));
    expect(c.children('431100')[0]).toBe(c.get(c.children('431100')[0]!.code));
  });

  it('refuses damaged bytes and reads unaligned ones', () => {
    expect(gazetteerFromCache(cache)).toBeDefined();
    expect(gazetteerFromCache(cache.subarray(0, cache.length - 100))).toBeUndefined();
    expect(gazetteerFromCache(cache.subarray(0, 6))).toBeUndefined();
    const wrongMagic = Buffer.from(cache);
    wrongMagic[0] = (wrongMagic[0] as number) ^ 1;
    expect(gazetteerFromCache(wrongMagic)).toBeUndefined();
    const wrongJson = Buffer.from(cache);
    wrongJson[9] = 0x7b; // '{' where the header's second character is
    expect(gazetteerFromCache(wrongJson)).toBeUndefined();
    // at an odd offset: copied before the tables are viewed
    const shifted = new Uint8Array(cache.length + 3);
    shifted.set(cache, 3);
    const c = gazetteerFromCache(shifted.subarray(3)) as Gazetteer;
    expect(c).toBeDefined();
    expect(mentions(c, '湖南省长沙市芙蓉区江永县委')).toBe(mentions(built, '湖南省长沙市芙蓉区江永县委'));
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

describe('the build cache at a start: the data files stamp, else their hash', () => {
  const { stampNow } = cacheForTest('x');
  const key = gazetteerDataKey();
  const stale = stampNow?.map(([f, size, mtime], i): [string, number, number] => [f, size, i === 0 ? mtime - 1000 : mtime]);

  it('reads the stamp of every data file', () => {
    expect(stampNow?.length).toBeGreaterThan(0);
    for (const [, size, mtime] of stampNow ?? []) {
      expect(size).toBeGreaterThan(0);
      expect(mtime).toBeGreaterThan(0);
    }
  });

  it.each([
    // the files as the build saw them: the recorded key is trusted, no hashing
    { what: 'same stamp, its own key', key: () => key, stamp: () => stampNow, accepted: true },
    { what: 'same stamp, another key', key: () => 'not-the-hash', stamp: () => stampNow, accepted: true },
    // a file touched since: the key is computed from the contents
    { what: 'a newer file, the right key', key: () => key, stamp: () => stale, accepted: true },
    { what: 'a newer file, another key', key: () => 'not-the-hash', stamp: () => stale, accepted: false },
    { what: 'no stamp (an older cache), another key', key: () => 'not-the-hash', stamp: () => undefined, accepted: false },
    { what: 'no stamp, the right key', key: () => key, stamp: () => undefined, accepted: true },
  ])('$what', ({ key: k, stamp, accepted }) => {
    const { bytes } = cacheForTest(k(), stamp());
    expect(gazetteerFromBuildCache(bytes) !== undefined).toBe(accepted);
  });
});
