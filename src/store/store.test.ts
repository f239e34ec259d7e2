/**
 * The store suite, run against every backend (SQLite, and PostgreSQL when the
 * global setup started a server): the same calls, the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, rawQuery, removeTempDatabases, type Backend } from './backends.case.js';
import { dbLabel, openStore } from './open.js';
import { SCHEMA_VERSION } from './schema.js';
import { SAMPLE_DOCS, SAMPLE_FACT_COUNT, codePointSpan, loadSample, toExtraction, type SampleDoc } from './sample.case.js';
import { StoreError, type Store, type StoredFact } from './types.js';
import { resolveRegion, resolveRegions } from './resolve.js';
import { syncGazetteer } from './regions.js';

afterAll(() => removeTempDatabases());

describe('database names in messages', () => {
  it('hides the password of a PostgreSQL URL and names a SQLite file as given', () => {
    expect(dbLabel('postgres://zb:s3cret@db.example:5432/zhibiao')).toBe('postgres://zb:***@db.example:5432/zhibiao');
    expect(dbLabel('postgresql://zb@localhost/zhibiao')).toBe('postgresql://zb@localhost/zhibiao');
    expect(dbLabel('data/zhibiao.db')).toBe('data/zhibiao.db');
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`store on ${backend.name}`, () => {
    storeSuite(backend);
  });
  if (!backend.available) it.skip(`store on ${backend.name}: ${backend.skipReason}`, () => {});
}

function storeSuite(backend: Backend): void {
  let spec: string;
  let store: Store;
  let ids: Map<string, number>;

  beforeAll(async () => {
    spec = await backend.newDatabase();
    store = await openStore(spec);
    ids = await loadSample(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('schema', () => {
    it('records applied migrations', async () => {
      expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
      const rows = await rawQuery(spec, 'SELECT version FROM migrations ORDER BY version');
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2, 3]);
    });

    it("uses each dialect's own means: WAL on SQLite, a trigram index for text search on PostgreSQL", async () => {
      if (backend.name === 'sqlite') {
        expect(await rawQuery(spec, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      } else {
        const idx = await rawQuery(spec, `SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_text_trgm'`);
        expect(String(idx[0]?.indexdef)).toMatch(/USING gin \(text gin_trgm_ops\)/);
      }
    });

    it('reopening does not re-run migrations', async () => {
      const again = await openStore(spec);
      expect(await again.schemaVersion()).toBe(SCHEMA_VERSION);
      expect((await again.stats()).facts).toBe(SAMPLE_FACT_COUNT);
      await again.close();
      expect((await rawQuery(spec, 'SELECT COUNT(*) AS n FROM migrations'))[0]!.n).toEqual(backend.name === 'sqlite' ? SCHEMA_VERSION : String(SCHEMA_VERSION));
    });

    it('refuses a database from a newer zhibiao', async () => {
      const newer = await backend.newDatabase();
      await rawQuery(newer, 'CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      await rawQuery(newer, `INSERT INTO migrations VALUES (${SCHEMA_VERSION + 1}, 'future', '2099-01-01')`);
      await expect(openStore(newer)).rejects.toThrowError(/newer than this zhibiao/);
    });

    it('says what to do when the database cannot be opened', async () => {
      const missing = backend.name === 'sqlite' ? '/nonexistent-dir/x.db' : spec.replace(/\/[^/]+$/, '/no_such_database');
      const err = await openStore(missing, { mustExist: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('unavailable');
      expect((err as StoreError).message).toMatch(/--db/);
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
      expect(await syncGazetteer(store)).toBe(false);
    });

    it('finds names containing a part, with LIKE metacharacters taken literally', async () => {
      expect((await store.regions({ nameContains: '江永' })).map((r) => r.name)).toEqual(['江永县']);
      expect(await store.regions({ nameContains: '%' })).toEqual([]);
      expect(await store.regions({ nameContains: '_' })).toEqual([]);
    });
  });

  describe('documents and facts', () => {
    it('stores every contract field, with text and spans in code points', async () => {
      const id = ids.get('sample/2023_宁远县_news.txt')!;
      const d = (await store.document(id))!;
      expect(d).toMatchObject({ kind: 'news', script: 'zh-Hant', region: { code: '431126', name: '宁远县' }, year: 2023, format: 'txt' });
      expect(d.text).toBe(SAMPLE_DOCS[3]!.text);
      const f = d.facts[0]!;
      expect(f).toMatchObject({
        indicator: 'gdp',
        measure: 'growth',
        value: 6.3,
        unit: '%',
        period: '2023',
        status: 'actual',
        bound: '=',
        rule: 'sample/growth',
        extractorVersion: 'sample-1',
        origin: 'extracted',
        reviewState: 'unreviewed',
        reviewId: null,
      });
      // the span counts the astral 𠮷 as one: slicing by code points gives the quote back
      expect([...d.text].slice(f.span[0], f.span[1]).join('')).toBe(f.quote);
      expect(d.text.slice(f.span[0], f.span[1])).not.toBe(f.quote);
      expect(d.reviews).toEqual([]);
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
      const byRegion = await store.facts({ order: 'region', limit: 3 });
      expect(byRegion.items.map((f) => f.region.code)).toEqual(['431100', '431100', '431124']);
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
      expect(s).toMatchObject({ documents: 5, facts: SAMPLE_FACT_COUNT, regionsWithFacts: 4, schemaVersion: SCHEMA_VERSION });
      expect(s.provinces.map((p) => p.name)).toEqual(['湖南省']);
      expect(s.kinds.find((k) => k.kind === 'bulletin')?.documents).toBe(2);
      expect(s.years.find((y) => y.year === 2023)).toEqual({ year: 2023, documents: 4, facts: 16 });
      const usage = await store.indicators();
      expect(usage[0]).toMatchObject({ indicator: 'gdp', facts: 12, regions: 4, documents: 5 });
      expect(usage[0]!.measures).toEqual(['growth', 'level', 'rank']);
    });

    it('streams every matching fact in document order, across pages', async () => {
      const seen: StoredFact[] = [];
      const n = await store.eachFact({ regions: ['431125'], descendants: false }, (f) => seen.push(f));
      expect(n).toBe(seen.length);
      expect(n).toBe((await store.facts({ regions: ['431125'], descendants: false })).total);
      const keys = seen.map((f) => [f.documentId, f.span[0], f.id]);
      expect(keys).toEqual([...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!));
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
      const other = await backend.open();
      const saved = await other.saveExtraction({ hash: 'broken', path: 'sample/broken.txt', bytes: 1, extractorVersion: 'x', extraction: doc });
      expect(saved).toMatchObject({ facts: 0, dropped: 1 });
      const d = (await other.document(saved.id))!;
      expect(d.diagnostics).toEqual([expect.objectContaining({ rule: 'store/invalid-fact', message: expect.stringContaining('has no region') })]);
      await other.close();
    });
  });

  describe('search', () => {
    it('finds documents containing a text, with snippets at code-point spans', async () => {
      const r = await store.searchDocuments('地区生产总值');
      expect(r.total).toBe(4);
      for (const hit of r.items) {
        const d = (await store.document(hit.id))!;
        expect(hit.snippets.length).toBeGreaterThan(0);
        for (const s of hit.snippets) expect([...d.text].slice(s.span[0], s.span[1]).join('')).toBe('地区生产总值');
      }
      const jy = r.items.find((d) => d.path === 'sample/2023_江永县_report.txt')!;
      expect(jy.matches).toBe(2);
      // after the astral 𠮷, spans still count code points
      const ny = await store.searchDocuments('生產總值');
      expect(ny.items.map((d) => d.path)).toEqual(['sample/2023_宁远县_news.txt']);
      expect(ny.items[0]!.snippets[0]!.span).toEqual(codePointSpan(SAMPLE_DOCS[3]!.text, '生產總值'));
    });

    it('takes LIKE metacharacters and SQL literally, and pages', async () => {
      // % and _ are not wildcards: only the report says 6%以上
      expect((await store.searchDocuments('%以上')).items.map((d) => d.path)).toEqual(['sample/2023_江永县_report.txt']);
      expect((await store.searchDocuments('6_以上')).total).toBe(0);
      expect((await store.searchDocuments("_' OR 1=1 --")).total).toBe(0);
      const paged = await store.searchDocuments('增长', { limit: 2, offset: 0 });
      expect(paged.items).toHaveLength(2);
      expect(paged.total).toBeGreaterThan(2);
      await expect(store.searchDocuments('  ')).rejects.toMatchObject({ code: 'invalid', field: 'q' });
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
      expect(slices[0]).toMatchObject({ measure: 'growth', period: '2023', status: 'actual', regions: 3, facts: 4 });
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
      // 2023 is over and no outcome is stored: not "pending" but "no data", counted apart
      expect(by.get('income_urban')).toMatchObject({ outcome: 'no_data', actual: null, gap: null });
    });

    it('filters by outcome and reaches targets under a prefecture', async () => {
      const noData = await store.targets({ regions: ['431100'], outcomes: ['no_data'] });
      expect(noData.map((t) => `${t.target.region.name}/${t.target.indicator}/${t.target.period}`).sort()).toEqual([
        '永州市/gdp/2024',
        '江永县/income_urban/2023',
      ]);
      expect(await store.targets({ regions: ['431100'], outcomes: ['pending'] })).toEqual([]);
    });
  });

  describe('re-extraction and replacement', () => {
    it('re-extracts in place (same id), skips an unchanged document when asked, and replaces a changed file at the same path', async () => {
      const s = await backend.open();
      const d = SAMPLE_DOCS[2]!;
      const x = toExtraction(d);
      const first = await s.saveExtraction({ hash: 'h1', path: d.path, bytes: 1, extractorVersion: 'v1', extraction: x });
      const again = await s.saveExtraction({ hash: 'h1', path: d.path, bytes: 1, extractorVersion: 'v2', extraction: x });
      expect(again).toMatchObject({ id: first.id, outcome: 'reextracted', facts: 3 });
      expect((await s.facts()).items.every((f) => f.extractorVersion === 'v2')).toBe(true);
      expect((await s.facts()).total).toBe(3);
      const same = await s.saveExtraction({ hash: 'h1', path: d.path, bytes: 1, extractorVersion: 'v2', extraction: x, ifChanged: true });
      expect(same).toEqual({ id: first.id, outcome: 'unchanged', facts: 0, dropped: 0 });
      const changed = await s.saveExtraction({ hash: 'h2', path: d.path, bytes: 1, extractorVersion: 'v2', extraction: x });
      expect(changed).toMatchObject({ id: first.id, outcome: 'replaced' });
      expect((await s.documents()).total).toBe(1);
      expect((await s.facts()).total).toBe(3);
      expect((await s.knownDocument('h2'))?.id).toBe(first.id);
      expect(await s.knownDocument('h1')).toBeUndefined();
      await s.close();
    });

    it('computes spans by code point in the sample builder', () => {
      expect(codePointSpan('a𠮷b增长', '增长')).toEqual([3, 5]);
    });
  });

  reviewSuite(backend);
  userSuite(backend);
}

// -------------------------------------------------------------------- reviews

const REVIEW_DOC: SampleDoc = {
  path: 'review/2023_江永县_bulletin.txt',
  region: ['431125', '江永县'],
  year: 2023,
  kind: 'bulletin',
  text: '江永𠮷县2023年统计公报\n全年地区生产总值102.3亿元，增长5.8%。固定资产投资增长7.6%。粮食产量12.5万吨。规模工业增加值增长9.1%。\n',
  facts: [
    { quote: '地区生产总值102.3亿元', region: ['431125', '江永县'], indicator: 'gdp', measure: 'level', value: 10230000000, unit: 'CNY', period: '2023', status: 'actual' },
    { quote: '增长5.8%', region: ['431125', '江永县'], indicator: 'gdp', measure: 'growth', value: 5.8, unit: '%', period: '2023', status: 'actual' },
    { quote: '固定资产投资增长7.6%', region: ['431125', '江永县'], indicator: 'fai', measure: 'growth', value: 7.6, unit: '%', period: '2023', status: 'actual' },
    { quote: '规模工业增加值增长9.1%', region: ['431125', '江永县'], indicator: 'industrial_va', measure: 'growth', value: 9.1, unit: '%', period: '2023', status: 'actual' },
  ],
};

function reviewSuite(backend: Backend): void {
  describe('reviews', () => {
    let s: Store;
    let docId: number;
    const byQuote = async (quote: string): Promise<StoredFact> => (await s.document(docId))!.facts.find((f) => f.quote === quote)!;

    beforeAll(async () => {
      s = await backend.open();
      await syncGazetteer(s);
      docId = (await s.saveExtraction({ hash: 'review-1', path: REVIEW_DOC.path, bytes: 1, extractorVersion: 'v1', extraction: toExtraction(REVIEW_DOC) })).id;
    });
    afterAll(async () => {
      await s?.close();
    });

    it('accepts a fact: its values stay, its state and history say who and why', async () => {
      const gdp = await byQuote('地区生产总值102.3亿元');
      const r = await s.reviewFact({ factId: gdp.id, action: 'accept', note: 'checked against the bulletin', user: 'li' });
      expect(r).toMatchObject({ state: 'accepted', factId: gdp.id, shownFactId: gdp.id, by: 'li', note: 'checked against the bulletin', span: gdp.span, quote: gdp.quote });
      expect(r.history).toEqual([expect.objectContaining({ action: 'accept', decision: 'accepted', by: 'li', note: 'checked against the bulletin' })]);
      expect(r.history[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await s.fact(gdp.id)).toMatchObject({ value: 10230000000, reviewState: 'accepted', reviewId: r.id });
    });

    it('corrects a fact as an edit on top: the extracted fact is kept, the corrected value is listed everywhere', async () => {
      const growth = await byQuote('增长5.8%');
      const r = await s.reviewFact({ factId: growth.id, action: 'correct', fields: { value: 5.9 }, note: 'revised figure', user: 'wang' });
      expect(r).toMatchObject({ state: 'corrected', fields: { value: 5.9 }, extracted: { value: 5.8, indicator: 'gdp' }, factId: growth.id });
      expect(r.shownFactId).not.toBe(growth.id);
      // the extracted fact is untouched, only marked as replaced
      expect(await s.fact(growth.id)).toMatchObject({ value: 5.8, origin: 'extracted', reviewState: 'corrected' });
      const shown = (await s.fact(r.shownFactId!))!;
      expect(shown).toMatchObject({ value: 5.9, origin: 'review', reviewState: 'corrected', span: growth.span, quote: growth.quote, indicator: 'gdp', measure: 'growth' });
      // listings, comparisons and exports show the corrected value once
      const listed = await s.facts({ documentId: docId, indicators: ['gdp'], measures: ['growth'] });
      expect(listed.items.map((f) => f.value)).toEqual([5.9]);
      const streamed: number[] = [];
      await s.eachFact({ documentId: docId, measures: ['growth'], indicators: ['gdp'] }, (f) => streamed.push(f.value));
      expect(streamed).toEqual([5.9]);
      const cmp = await s.compare({ indicator: 'gdp', measure: 'growth', period: '2023', status: 'actual', regions: ['431125'] });
      expect(cmp.map((c) => c.value)).toEqual([5.9]);
      expect((await s.document(docId))!.facts.filter((f) => f.indicator === 'gdp' && f.measure === 'growth').map((f) => f.value)).toEqual([5.9]);
    });

    it('corrects a correction again (merging fields) and keeps its row id', async () => {
      const growth = await s.facts({ documentId: docId, indicators: ['gdp'], measures: ['growth'] });
      const row = growth.items[0]!;
      const r = await s.reviewFact({ factId: row.id, action: 'correct', fields: { period: '2023-01/2023-12' }, user: 'wang' });
      expect(r.fields).toEqual({ value: 5.9, period: '2023-01/2023-12' });
      expect(r.shownFactId).toBe(row.id);
      expect(await s.fact(row.id)).toMatchObject({ value: 5.9, period: '2023-01/2023-12', year: 2023 });
      expect(r.history.map((h) => h.action)).toEqual(['correct', 'correct']);
      // back to the plain value for the rest of the suite
      const back = await s.reviewFact({ factId: row.id, action: 'correct', fields: { period: '2023' }, user: 'wang' });
      expect(back.fields).toEqual({ value: 5.9 });
    });

    it('refuses a correction that changes nothing, bad fields, a replaced or missing fact', async () => {
      const fai = await byQuote('固定资产投资增长7.6%');
      await expect(s.reviewFact({ factId: fai.id, action: 'correct', fields: { value: 7.6 }, user: 'li' })).rejects.toMatchObject({ code: 'invalid', field: 'action' });
      await expect(s.reviewFact({ factId: fai.id, action: 'correct', fields: { period: '2023Q1' }, user: 'li' })).rejects.toMatchObject({ field: 'period' });
      await expect(s.reviewFact({ factId: fai.id, action: 'correct', fields: { value: Number.NaN }, user: 'li' })).rejects.toMatchObject({ field: 'value' });
      await expect(s.reviewFact({ factId: fai.id, action: 'correct', fields: { region: { code: '999999', name: '' } }, user: 'li' })).rejects.toMatchObject({ field: 'region' });
      await expect(s.reviewFact({ factId: 99_999_999, action: 'accept', user: 'li' })).rejects.toMatchObject({ code: 'not_found' });
      const growth = (await s.reviews({ documentId: docId, states: ['corrected'] })).items[0]!;
      await expect(s.reviewFact({ factId: growth.factId!, action: 'accept', user: 'li' })).rejects.toThrowError(/review the corrected fact/);
    });

    it('rejects a fact: hidden from listings by default, listed when asked for', async () => {
      const fai = await byQuote('固定资产投资增长7.6%');
      const r = await s.reviewFact({ factId: fai.id, action: 'reject', note: 'not a county figure', user: 'li' });
      expect(r.state).toBe('rejected');
      expect((await s.facts({ documentId: docId, indicators: ['fai'] })).total).toBe(0);
      expect((await s.facts({ documentId: docId, indicators: ['fai'], reviews: ['rejected'] })).items.map((f) => f.id)).toEqual([fai.id]);
      expect((await s.stats()).facts).toBe(3);
      expect((await s.indicators()).map((u) => u.indicator)).not.toContain('fai');
      // the document page still shows it, marked
      expect((await s.document(docId))!.facts.find((f) => f.id === fai.id)?.reviewState).toBe('rejected');
      expect((await s.documents()).items.find((d) => d.id === docId)?.factCount).toBe(3);
    });

    it('filters facts by review state', async () => {
      const states = async (reviews: Parameters<Store['facts']>[0] = {}): Promise<string[]> =>
        (await s.facts({ documentId: docId, ...reviews })).items.map((f) => f.reviewState).sort();
      expect(await states()).toEqual(['accepted', 'corrected', 'unreviewed']);
      expect(await states({ reviews: ['unreviewed'] })).toEqual(['unreviewed']);
      expect(await states({ reviews: ['accepted', 'corrected', 'rejected'] })).toEqual(['accepted', 'corrected', 'rejected']);
      expect(await states({ reviews: [] })).toEqual([]);
    });

    it('adds a missed fact from a code-point span, checking the quote the reviewer saw', async () => {
      const span = codePointSpan(REVIEW_DOC.text, '粮食产量12.5万吨');
      const { review, fact } = await s.addFact({
        documentId: docId,
        span,
        quote: '粮食产量12.5万吨',
        fields: { indicator: 'grain_output', measure: 'level', value: 125000, unit: 'ton', period: '2023', status: 'actual' },
        note: 'missed by the extractor',
        user: 'zhao',
      });
      expect(review).toMatchObject({ kind: 'added', state: 'added', span, quote: '粮食产量12.5万吨', shownFactId: fact.id, by: 'zhao' });
      expect(fact).toMatchObject({ origin: 'review', reviewState: 'added', value: 125000, region: { code: '431125', name: '江永县' }, bound: '=', span });
      expect((await s.facts({ documentId: docId, reviews: ['added'] })).items.map((f) => f.id)).toEqual([fact.id]);
      // the quote must be the text at the span; the span must lie in the text
      await expect(
        s.addFact({ documentId: docId, span, quote: '粮食产量12.6万吨', fields: { indicator: 'grain_output', measure: 'level', value: 1, unit: 'ton', period: '2023', status: 'actual' }, user: 'zhao' }),
      ).rejects.toMatchObject({ field: 'quote' });
      await expect(
        s.addFact({ documentId: docId, span: [5, 9999], fields: { indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' }, user: 'zhao' }),
      ).rejects.toMatchObject({ field: 'span' });
      await expect(
        s.addFact({ documentId: docId, span: [3, 2], fields: { indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' }, user: 'zhao' }),
      ).rejects.toMatchObject({ field: 'span' });
      await expect(
        s.addFact({ documentId: 99_999_999, span: [0, 1], fields: { indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' }, user: 'zhao' }),
      ).rejects.toMatchObject({ code: 'not_found' });
    });

    it('lists reviews by document, state and user, with their history', async () => {
      const all = await s.reviews({ documentId: docId });
      expect(all.items.map((r) => r.state).sort()).toEqual(['accepted', 'added', 'corrected', 'rejected']);
      expect((await s.reviews({ user: 'zhao' })).items.map((r) => r.kind)).toEqual(['added']);
      expect((await s.reviews({ states: ['corrected', 'rejected'] })).total).toBe(2);
      const one = await s.review(all.items[0]!.id);
      expect(one).toEqual(all.items[0]);
    });

    it('keeps decisions attached through a re-extraction, and flags the ones it can no longer place', async () => {
      const before = await s.reviews({ documentId: docId });
      const gdpAccepted = before.items.find((r) => r.state === 'accepted')!;
      const correctedRow = before.items.find((r) => r.state === 'corrected')!.shownFactId!;
      // the new extractor: same gdp level, growth and fai; the industrial fact is gone; a new fact appears
      const next: SampleDoc = {
        ...REVIEW_DOC,
        facts: [
          ...REVIEW_DOC.facts.slice(0, 3),
          { quote: '粮食产量12.5万吨', region: ['431125', '江永县'], indicator: 'grain_output', measure: 'level', value: 125000, unit: 'ton', period: '2023', status: 'actual' },
        ],
      };
      // and a review on the fact that disappears
      const iva = await byQuote('规模工业增加值增长9.1%');
      const ivaReview = await s.reviewFact({ factId: iva.id, action: 'accept', user: 'li' });
      const saved = await s.saveExtraction({ hash: 'review-1', path: REVIEW_DOC.path, bytes: 1, extractorVersion: 'v2', extraction: toExtraction(next) });
      expect(saved).toMatchObject({ id: docId, outcome: 'reextracted', facts: 4 });

      const after = new Map((await s.reviews({ documentId: docId })).items.map((r) => [r.id, r]));
      // the same decisions, now on the new fact rows
      const gdp = after.get(gdpAccepted.id)!;
      expect(gdp.state).toBe('accepted');
      expect(gdp.factId).not.toBe(gdpAccepted.factId);
      expect(await s.fact(gdp.factId!)).toMatchObject({ quote: '地区生产总值102.3亿元', reviewState: 'accepted', extractorVersion: 'v2' });
      const corrected = [...after.values()].find((r) => r.state === 'corrected')!;
      expect(corrected.shownFactId).toBe(correctedRow); // the correction's row keeps its id
      expect((await s.facts({ documentId: docId, indicators: ['gdp'], measures: ['growth'] })).items.map((f) => f.value)).toEqual([5.9]);
      expect((await s.facts({ documentId: docId, indicators: ['fai'] })).total).toBe(0); // still rejected
      // the industrial fact is gone: its review is orphaned, visible as such
      expect(after.get(ivaReview.id)).toMatchObject({ state: 'orphaned', decision: 'accepted', factId: null, shownFactId: null });
      expect(after.get(ivaReview.id)!.history.map((h) => h.action)).toEqual(['accept', 'orphan']);
      expect((await s.reviews({ states: ['orphaned'] })).items.map((r) => r.id)).toEqual([ivaReview.id]);
      // the hand-added fact stays (same text), and the extractor's own grain fact is listed beside it
      const grain = await s.facts({ documentId: docId, indicators: ['grain_output'] });
      expect(grain.items.map((f) => f.reviewState).sort()).toEqual(['added', 'unreviewed']);
      // nothing twice: gdp level, the growth correction, the extracted and the added grain fact (fai is rejected)
      expect((await s.facts({ documentId: docId })).total).toBe(4);

      // a later extraction that finds the industrial fact again places the orphan again
      const back = await s.saveExtraction({ hash: 'review-1', path: REVIEW_DOC.path, bytes: 1, extractorVersion: 'v3', extraction: toExtraction(REVIEW_DOC) });
      expect(back.outcome).toBe('reextracted');
      const placed = (await s.review(ivaReview.id))!;
      expect(placed).toMatchObject({ state: 'accepted', shownFactId: placed.factId });
      expect(placed.history.map((h) => h.action)).toEqual(['accept', 'orphan', 'reattach']);
    });

    it('orphans reviews whose text changed when the file is replaced by new content', async () => {
      const changedText = REVIEW_DOC.text.replace('102.3亿元', '103.0亿元');
      const changed: SampleDoc = {
        ...REVIEW_DOC,
        text: changedText,
        facts: REVIEW_DOC.facts.map((f) => (f.indicator === 'gdp' && f.measure === 'level' ? { ...f, quote: '地区生产总值103.0亿元', value: 10300000000 } : f)),
      };
      const saved = await s.saveExtraction({ hash: 'review-2', path: REVIEW_DOC.path, bytes: 1, extractorVersion: 'v3', extraction: toExtraction(changed) });
      expect(saved).toMatchObject({ id: docId, outcome: 'replaced' });
      const states = new Map((await s.reviews({ documentId: docId })).items.map((r) => [r.quote, r.state]));
      expect(states.get('地区生产总值102.3亿元')).toBe('orphaned');
      expect(states.get('增长5.8%')).toBe('corrected');
      expect(states.get('粮食产量12.5万吨')).toBe('added');
      expect((await s.facts({ documentId: docId, indicators: ['gdp'], measures: ['level'] })).items.map((f) => [f.value, f.reviewState])).toEqual([
        [10300000000, 'unreviewed'],
      ]);
    });

    it('serializes concurrent review writes and reads on one connection', async () => {
      const fresh = await s.saveExtraction({ hash: 'review-3', path: 'review/other.txt', bytes: 1, extractorVersion: 'v1', extraction: toExtraction({ ...REVIEW_DOC, path: 'review/other.txt' }) });
      const facts = (await s.document(fresh.id))!.facts;
      const results = await Promise.all([
        ...facts.map((f, i) => s.reviewFact({ factId: f.id, action: i % 2 ? 'reject' : 'accept', note: `n${i}`, user: `u${i}` })),
        ...facts.map(() => s.facts({ documentId: fresh.id, reviews: ['unreviewed', 'accepted', 'rejected'] })),
      ]);
      expect(results).toHaveLength(facts.length * 2);
      const reviews = await s.reviews({ documentId: fresh.id });
      expect(reviews.total).toBe(facts.length);
      expect(reviews.items.every((r) => r.history.length === 1)).toBe(true);
    });
  });
}

// ----------------------------------------------------------- users, audit

function userSuite(backend: Backend): void {
  describe('users, tokens, audit log', () => {
    let s: Store;
    beforeAll(async () => {
      s = await backend.open();
    });
    afterAll(async () => {
      await s?.close();
    });

    it('creates users with roles, refuses duplicates and bad names', async () => {
      expect(await s.createUser('admin', 'admin')).toMatchObject({ name: 'admin', role: 'admin', disabled: false });
      await s.createUser('li', 'reviewer');
      await expect(s.createUser('li', 'reader')).rejects.toMatchObject({ code: 'conflict' });
      await expect(s.createUser("x'; DROP TABLE users; --", 'reader')).rejects.toMatchObject({ code: 'invalid', field: 'name' });
      await expect(s.createUser('y', 'owner' as 'admin')).rejects.toMatchObject({ field: 'role' });
      expect((await s.users()).map((u) => u.name)).toEqual(['admin', 'li']);
    });

    it('finds the user of an unrevoked token of an enabled user', async () => {
      const hash = 'a'.repeat(64);
      const t = await s.addToken('li', hash, 'laptop');
      expect(t).toMatchObject({ user: 'li', label: 'laptop', revokedAt: null });
      expect((await s.tokenUser(hash))?.user.name).toBe('li');
      await s.updateUser('li', { disabled: true });
      expect(await s.tokenUser(hash)).toBeUndefined();
      await s.updateUser('li', { disabled: false, role: 'admin' });
      expect((await s.tokenUser(hash))?.user.role).toBe('admin');
      expect((await s.revokeToken(t.id)).revokedAt).not.toBeNull();
      expect(await s.tokenUser(hash)).toBeUndefined();
      expect(await s.tokenUser('b'.repeat(64))).toBeUndefined();
      await expect(s.addToken('nobody', 'c'.repeat(64), null)).rejects.toMatchObject({ code: 'not_found' });
      await expect(s.addToken('li', 'not-a-hash', null)).rejects.toMatchObject({ field: 'hash' });
      expect((await s.tokens('li')).map((x) => x.id)).toEqual([t.id]);
    });

    it('keeps an audit log, newest first, filterable', async () => {
      await s.audit({ user: 'li', action: 'review.accept', target: 'fact:1', detail: { note: 'ok' } });
      await s.audit({ user: 'admin', action: 'user.create', target: 'user:li' });
      const log = await s.auditLog();
      expect(log.items.map((e) => e.action)).toEqual(['user.create', 'review.accept']);
      expect(log.items[1]).toMatchObject({ user: 'li', target: 'fact:1', detail: { note: 'ok' } });
      expect((await s.auditLog({ user: 'li' })).total).toBe(1);
      expect((await s.auditLog({ action: 'user.create', limit: 1 })).items).toHaveLength(1);
    });
  });
}
