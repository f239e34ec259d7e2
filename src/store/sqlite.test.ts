import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './sqlite.js';
import { SCHEMA_VERSION } from './schema.js';
import { SAMPLE_DOCS, SAMPLE_FACT_COUNT, codePointSpan, loadSample, toExtraction } from './sample.case.js';
import { StoreError } from './types.js';
import { resolveRegion, resolveRegions } from './resolve.js';

let dir: string;
let store: SqliteStore;
let ids: Map<string, number>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-store-'));
  store = openSqliteStore(join(dir, 'test.db'));
  ids = await loadSample(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('schema', () => {
  it('records applied migrations and uses WAL', async () => {
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    const db = new Database(join(dir, 'test.db'), { readonly: true });
    expect(db.prepare('SELECT version FROM migrations').pluck().all()).toEqual([SCHEMA_VERSION]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopening does not re-run migrations', async () => {
    const again = openSqliteStore(join(dir, 'test.db'));
    expect(await again.schemaVersion()).toBe(SCHEMA_VERSION);
    expect((await again.stats()).facts).toBe(SAMPLE_FACT_COUNT);
    await again.close();
  });

  it('refuses a database from a newer zhibiao', async () => {
    const file = join(dir, 'newer.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO migrations VALUES (${SCHEMA_VERSION + 1}, 'future', '2099-01-01')`);
    db.close();
    expect(() => openSqliteStore(file)).toThrowError(/newer than this zhibiao/);
  });

  it('says what to do when the file cannot be opened', () => {
    expect(() => openSqliteStore(join(dir, 'missing', 'x.db'), { readonly: true })).toThrowError(StoreError);
  });
});

describe('regions', () => {
  it('holds the gazetteer with parent, prefecture and province links', async () => {
    const jy = await store.region('431125');
    expect(jy).toMatchObject({ name: '江永县', level: 'county', parent: '431100', prefecture: '431100', province: '430000' });
    expect((await store.ancestors('431125')).map((r) => r.code)).toEqual(['431100', '430000']);
    const kids = await store.regions({ parent: '431100' });
    expect(kids.map((r) => r.name)).toContain('道县');
    expect(kids.find((r) => r.code === '431125')?.factCount).toBeGreaterThan(0);
  });

  it('resolves names, short forms and codes, and refuses ambiguous names with their codes', async () => {
    expect((await resolveRegion(store, '江永县')).code).toBe('431125');
    expect((await resolveRegion(store, '431125')).name).toBe('江永县');
    const ambiguous = await store.findRegions('新华区');
    expect(ambiguous.length).toBeGreaterThan(1);
    await expect(resolveRegion(store, '新华区')).rejects.toThrowError(/pass the code/);
    await expect(resolveRegion(store, '不存在县')).rejects.toMatchObject({ code: 'unknown_region' });
    expect(await resolveRegions(store, ['999999'])).toEqual(['999999']);
  });

  it('does not rewrite an unchanged gazetteer', async () => {
    const rows = await store.regions({ level: 'province' });
    expect(rows.length).toBeGreaterThanOrEqual(31);
    const { syncGazetteer } = await import('./regions.js');
    expect(await syncGazetteer(store)).toBe(false);
  });
});

describe('documents and facts', () => {
  it('stores every contract field, with text and spans in code points', async () => {
    const id = ids.get('sample/2023_宁远县_news.txt')!;
    const d = (await store.document(id))!;
    expect(d).toMatchObject({ kind: 'news', script: 'zh-Hant', region: { code: '431126', name: '宁远县' }, year: 2023, format: 'txt' });
    expect(d.text).toBe(SAMPLE_DOCS[3]!.text);
    const f = d.facts[0]!;
    expect(f).toMatchObject({ indicator: 'gdp', measure: 'growth', value: 6.3, unit: '%', period: '2023', status: 'actual', bound: '=', rule: 'sample/growth', extractorVersion: 'sample-1' });
    // the span counts the astral 𠮷 as one: slicing by code points gives the quote back
    expect([...d.text].slice(f.span[0], f.span[1]).join('')).toBe(f.quote);
    expect(d.text.slice(f.span[0], f.span[1])).not.toBe(f.quote);
  });

  it('filters by region including everything under it, or only the region', async () => {
    const under = await store.facts({ regions: ['431100'], limit: 1000 });
    const only = await store.facts({ regions: ['431100'], descendants: false, limit: 1000 });
    const province = await store.facts({ regions: ['430000'], limit: 1000 });
    expect(under.total).toBe(SAMPLE_FACT_COUNT);
    expect(province.total).toBe(SAMPLE_FACT_COUNT);
    expect(only.items.every((f) => f.region.code === '431100')).toBe(true);
    expect(only.total).toBe(2);
    expect((await store.facts({ regions: ['440000'] })).total).toBe(0);
  });

  it('filters by indicator, measure, period, year and status, and pages', async () => {
    const growth = await store.facts({ indicators: ['gdp'], measures: ['growth'], statuses: ['actual'], periods: ['2023'], limit: 2, order: 'value_desc' });
    expect(growth.total).toBe(4);
    expect(growth.items.map((f) => f.value)).toEqual([6.3, 5.8]);
    const next = await store.facts({ indicators: ['gdp'], measures: ['growth'], statuses: ['actual'], periods: ['2023'], limit: 2, offset: 2, order: 'value_desc' });
    expect(next.items.map((f) => f.value)).toEqual([5.8, 4.9]);
    expect((await store.facts({ years: [2022] })).total).toBe(4);
    expect((await store.facts({ statuses: ['target'] })).total).toBe(5);
  });

  it('lists documents with fact counts and filters them', async () => {
    const all = await store.documents();
    expect(all.total).toBe(SAMPLE_DOCS.length);
    const bulletins = await store.documents({ kinds: ['bulletin'], regions: ['431100'] });
    expect(bulletins.items.map((d) => d.region?.name).sort()).toEqual(['江永县', '道县']);
    expect(all.items.find((d) => d.path.endsWith('道县_bulletin.txt'))?.factCount).toBe(3);
  });

  it('counts what it holds', async () => {
    const s = await store.stats();
    expect(s).toMatchObject({ documents: 5, facts: SAMPLE_FACT_COUNT, regionsWithFacts: 4 });
    expect(s.provinces.map((p) => p.name)).toEqual(['湖南省']);
    expect(s.kinds.find((k) => k.kind === 'bulletin')?.documents).toBe(2);
    const usage = await store.indicators();
    expect(usage[0]).toMatchObject({ indicator: 'gdp' });
    expect(usage[0]!.measures).toEqual(['growth', 'level', 'rank']);
  });

  it('does not store a fact that breaks the contract, and records why', async () => {
    const doc = toExtraction({
      path: 'sample/broken.txt',
      region: null,
      year: 2023,
      kind: 'news',
      text: '某县地区生产总值增长5%。',
      facts: [{ quote: '地区生产总值增长5%', region: ['431125', '江永县'], indicator: 'gdp', measure: 'growth', value: 5, unit: '%', period: '2023', status: 'actual' }],
    });
    (doc.facts[0] as { region: unknown }).region = null;
    const saved = await store.saveExtraction({ hash: 'broken', path: 'sample/broken.txt', bytes: 1, extractorVersion: 'x', extraction: doc });
    expect(saved).toMatchObject({ facts: 0, dropped: 1 });
    const d = (await store.document(saved.id))!;
    expect(d.diagnostics).toEqual([expect.objectContaining({ rule: 'store/invalid-fact', message: expect.stringContaining('has no region') })]);
  });
});

describe('compare', () => {
  it('ranks the counties of a prefecture, one value per county, bulletin first', async () => {
    const rows = await store.compare({ indicator: 'gdp', measure: 'growth', period: '2023', status: 'actual', within: '431100' });
    expect(rows.map((r) => [r.rank, r.region.name, r.value])).toEqual([
      [1, '宁远县', 6.3],
      [2, '江永县', 5.8],
      [3, '道县', 4.9],
    ]);
    const jy = rows[1]!;
    expect(jy.sources).toBe(2);
    // the bulletin is preferred over the city's report
    expect(jy.documentId).toBe(ids.get('sample/2023_江永县_bulletin.txt'));
  });

  it('compares all counties of a province with level, and ranks ascend for ranks', async () => {
    const rows = await store.compare({ indicator: 'gdp', measure: 'level', period: '2023', status: 'actual', within: '430000', level: 'county' });
    expect(rows.map((r) => r.region.name)).toEqual(['道县', '江永县']);
    expect(await store.compare({ indicator: 'gdp', measure: 'growth', period: '2023', status: 'actual', within: '440000' })).toEqual([]);
  });

  it('lists the slices of an indicator by coverage', async () => {
    const slices = await store.slices('gdp', { regions: ['431100'] });
    expect(slices[0]).toMatchObject({ measure: 'growth', period: '2023', status: 'actual', regions: 3 });
  });
});

describe('targets', () => {
  it('pairs each target with the outcome of the same region, indicator, measure and period', async () => {
    const items = await store.targets({ regions: ['431125'], descendants: false });
    const by = new Map(items.map((t) => [t.target.indicator, t]));
    expect(by.get('gdp')).toMatchObject({ outcome: 'missed', gap: -0.2, gapPp: -0.2 });
    expect(by.get('gdp')!.actual?.documentKind).toBe('bulletin');
    // 8%左右 with 0.5 pp tolerance: 7.6 ≥ 7.5 is met
    expect(by.get('fai')).toMatchObject({ outcome: 'met', gapPp: -0.4 });
    expect(by.get('retail_sales')).toMatchObject({ outcome: 'met', gapPp: 1.1 });
    expect(by.get('income_urban')).toMatchObject({ outcome: 'pending', actual: null, gap: null });
  });

  it('filters by outcome and reaches targets under a prefecture', async () => {
    const pending = await store.targets({ regions: ['431100'], outcomes: ['pending'] });
    expect(pending.map((t) => `${t.target.region.name}/${t.target.indicator}/${t.target.period}`).sort()).toEqual([
      '永州市/gdp/2024',
      '江永县/income_urban/2023',
    ]);
  });
});

describe('re-extraction and replacement', () => {
  it('re-extracts in place (same id) and replaces a changed file at the same path', async () => {
    const file = join(dir, 'redo.db');
    const s = openSqliteStore(file);
    const d = SAMPLE_DOCS[2]!;
    const x = toExtraction(d);
    const first = await s.saveExtraction({ hash: 'h1', path: d.path, bytes: 1, extractorVersion: 'v1', extraction: x });
    const again = await s.saveExtraction({ hash: 'h1', path: d.path, bytes: 1, extractorVersion: 'v2', extraction: x });
    expect(again).toMatchObject({ id: first.id, outcome: 'reextracted', facts: 3 });
    expect((await s.facts()).items.every((f) => f.extractorVersion === 'v2')).toBe(true);
    expect((await s.facts()).total).toBe(3);
    const changed = await s.saveExtraction({ hash: 'h2', path: d.path, bytes: 1, extractorVersion: 'v2', extraction: x });
    expect(changed.outcome).toBe('replaced');
    expect((await s.documents()).total).toBe(1);
    expect((await s.facts()).total).toBe(3);
    await s.close();
  });

  it('computes spans by code point in the sample builder', () => {
    expect(codePointSpan('a𠮷b增长', '增长')).toEqual([3, 5]);
  });
});
