import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import { BACKENDS, removeTempDatabases, type Backend } from '../store/backends.case.js';
import { loadSample, SAMPLE_FACT_COUNT } from '../store/sample.case.js';
import type { CompareResult, RegionSummary } from './queries.js';
import type { DocumentDetail, Page, Store, StoredFact, StoreStats, TargetOutcome } from '../store/types.js';
import { API_ROUTES } from './api.js';
import { createApp } from './app.js';

afterAll(() => removeTempDatabases());

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`API on ${backend.name}`, () => apiSuite(backend));
  if (!backend.available) it.skip(`API on ${backend.name}: ${backend.skipReason}`, () => {});
}

let dir: string;
let store: Store;
let app: Hono;
let ids: Map<string, number>;
const logged: string[] = [];

function apiSuite(backend: Backend): void {
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-api-'));
  store = await backend.open();
  ids = await loadSample(store);
  app = createApp({ store, log: (l) => logged.push(l) });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  const body = (await res.json()) as T;
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

async function bad(path: string, param: string, pattern?: RegExp): Promise<void> {
  const body = await get<{ error: { status: number; message: string; param?: string } }>(path, 400);
  expect(body.error.param).toBe(param);
  expect(body.error.message).toContain(`"${param}"`);
  if (pattern) expect(body.error.message).toMatch(pattern);
}

describe('/api/stats', () => {
  it('says what the database holds', async () => {
    const s = await get<StoreStats>('/api/stats');
    expect(s).toMatchObject({ documents: 5, facts: SAMPLE_FACT_COUNT, regionsWithFacts: 4 });
  });
  it('takes no parameters', async () => {
    await bad('/api/stats?x=1', 'x', /unknown parameter/);
  });
});

describe('/api/indicators', () => {
  it('lists used indicators with Chinese names and counts', async () => {
    const { items } = await get<{ items: { id: string; name: string | null; facts: number; regions: number }[] }>('/api/indicators');
    const gdp = items.find((i) => i.id === 'gdp')!;
    expect(gdp).toMatchObject({ name: '地区生产总值', regions: 4 });
    expect(items.every((i) => i.facts > 0)).toBe(true);
    const all = await get<{ items: unknown[] }>('/api/indicators?all=true');
    expect(all.items.length).toBeGreaterThan(items.length);
    const dx = await get<{ items: { id: string }[] }>('/api/indicators?region=道县');
    expect(dx.items.map((i) => i.id).sort()).toEqual(['fai', 'gdp']);
  });
  it('400s', async () => {
    await bad('/api/indicators?all=maybe', 'all', /true or false/);
    await bad('/api/indicators?region=不存在县', 'region', /no region/);
  });
});

describe('/api/regions', () => {
  it('lists regions by parent, level, name and with facts', async () => {
    const kids = await get<{ items: { code: string; name: string }[] }>('/api/regions?parent=431100');
    expect(kids.items.map((r) => r.name)).toContain('江永县');
    const withFacts = await get<{ items: { code: string }[] }>('/api/regions?has_facts=true');
    expect(withFacts.items.map((r) => r.code).sort()).toEqual(['431100', '431124', '431125', '431126']);
    const within = await get<{ items: { level: string }[] }>('/api/regions?within=湖南省&level=county');
    expect(within.items.length).toBeGreaterThan(100);
    const q = await get<{ items: { name: string }[] }>('/api/regions?q=江永');
    expect(q.items.map((r) => r.name)).toEqual(['江永县']);
  });
  it('400s', async () => {
    await bad('/api/regions?level=town', 'level', /one of province, prefecture, county/);
    await bad('/api/regions?parent=4311', 'parent', /6-digit/);
    await bad('/api/regions?limit=0', 'limit', /at least 1/);
    await bad('/api/regions?within=新华区', 'within', /pass the code/);
  });
});

describe('/api/regions/:code', () => {
  it('summarises a county: headline with ranks among peers, targets, series', async () => {
    const s = await get<RegionSummary>('/api/regions/431125');
    expect(s.region.name).toBe('江永县');
    expect(s.ancestors.map((a) => a.name)).toEqual(['永州市', '湖南省']);
    const gdp = s.headlines.find((h) => h.indicator === 'gdp')!;
    expect(gdp.period).toBe('2023');
    expect(gdp.level?.fact.value).toBe(10230000000);
    expect(gdp.growth?.rank).toMatchObject({ rank: 2, of: 3, within: { name: '永州市' } });
    expect(gdp.level?.rank).toMatchObject({ rank: 2, of: 2 });
    expect(s.targets.map((t) => t.outcome).sort()).toEqual(['met', 'met', 'missed', 'no_data']);
    const series = s.series.find((x) => x.indicator === 'gdp' && x.measure === 'level')!;
    expect(series.points.map((p) => p.year)).toEqual([2022, 2023]);
  });
  it('accepts a name; 404s an unknown region', async () => {
    expect((await get<RegionSummary>(`/api/regions/${encodeURIComponent('江永县')}`)).region.code).toBe('431125');
    const body = await get<{ error: { message: string } }>('/api/regions/999999', 404);
    expect(body.error.message).toMatch(/no region/);
  });
});

describe('/api/documents', () => {
  it('lists and filters documents', async () => {
    const all = await get<Page<{ id: number; kind: string }>>('/api/documents');
    expect(all.total).toBe(5);
    const b = await get<Page<{ kind: string }>>('/api/documents?kind=bulletin&region=永州市');
    expect(b.total).toBe(2);
    const y = await get<Page<unknown>>('/api/documents?year=2022');
    expect(y.total).toBe(1);
    const paged = await get<Page<unknown>>('/api/documents?limit=2&offset=4');
    expect(paged.items).toHaveLength(1);
  });
  it('400s', async () => {
    await bad('/api/documents?kind=memo', 'kind', /report, bulletin, news/);
    await bad('/api/documents?year=23', 'year', /four-digit/);
    await bad('/api/documents?limit=abc', 'limit', /not an integer/);
    await bad('/api/documents?limit=5000', 'limit', /at most 1000/);
    await bad('/api/documents?offset=-1', 'offset', /at least 0/);
  });
});

describe('/api/documents/:id', () => {
  it('returns the text and its facts with code-point spans', async () => {
    const d = await get<DocumentDetail>(`/api/documents/${ids.get('sample/2023_宁远县_news.txt')}`);
    expect(d.facts).toHaveLength(1);
    const f = d.facts[0]!;
    expect([...d.text].slice(f.span[0], f.span[1]).join('')).toBe(f.quote);
  });
  it('400s a bad id, 404s a missing one', async () => {
    await bad('/api/documents/abc', 'id', /not an integer/);
    await get('/api/documents/9999', 404);
  });
});

describe('/api/facts', () => {
  it('filters by region (with everything under it), indicator, measure, period, year, status and pages', async () => {
    const all = await get<Page<StoredFact>>('/api/facts?limit=1000');
    expect(all.total).toBe(SAMPLE_FACT_COUNT);
    const city = await get<Page<StoredFact>>('/api/facts?region=永州市&descendants=false');
    expect(city.items.every((f) => f.region.code === '431100')).toBe(true);
    const q = await get<Page<StoredFact>>('/api/facts?region=431100&indicator=gdp&measure=growth&period=2023&status=actual&order=value_desc&limit=2');
    expect(q.total).toBe(4);
    expect(q.items.map((f) => f.value)).toEqual([6.3, 5.8]);
    const multi = await get<Page<StoredFact>>('/api/facts?indicator=gdp,fai&status=target&status=estimate');
    expect(multi.total).toBe(4);
    const year = await get<Page<StoredFact>>('/api/facts?year=2024');
    expect(year.items.map((f) => f.status)).toEqual(['target']);
    const doc = await get<Page<StoredFact>>(`/api/facts?document=${ids.get('sample/2023_道县_bulletin.txt')}`);
    expect(doc.total).toBe(3);
  });
  it('400s', async () => {
    await bad('/api/facts?measure=size', 'measure', /not one of/);
    await bad('/api/facts?period=2023Q1', 'period', /2023-01\/2023-09/);
    await bad('/api/facts?status=planned', 'status', /actual, estimate, target/);
    await bad('/api/facts?indicator=GDP!', 'indicator', /indicator id/);
    await bad('/api/facts?order=random', 'order', /not one of/);
    await bad('/api/facts?indicatr=gdp', 'indicatr', /unknown parameter/);
    await bad('/api/facts?limit=1&limit=2', 'limit', /once/);
    await bad('/api/facts?unit=yuan', 'unit', /not one of/);
  });
});

describe('/api/compare', () => {
  it('ranks the counties of a prefecture, defaulting to the latest year\'s level, best available value', async () => {
    const r = await get<CompareResult>('/api/compare?indicator=gdp&within=永州市');
    expect(r).toMatchObject({ measure: 'level', period: '2023', status: null });
    const g = await get<CompareResult>('/api/compare?indicator=gdp&within=永州市&measure=growth&status=actual');
    expect(g).toMatchObject({ measure: 'growth', period: '2023', status: 'actual' });
    expect(g.rows.map((x) => x.region.name)).toEqual(['宁远县', '江永县', '道县']);
    expect(r.slices.length).toBeGreaterThan(1);
  });
  it('compares a county with its peers', async () => {
    const r = await get<CompareResult>('/api/compare?indicator=gdp&measure=level&period=2023&status=actual&peers_of=江永县');
    expect(r.focus?.code).toBe('431125');
    expect(r.within?.code).toBe('431100');
    expect(r.rows.map((x) => [x.rank, x.region.name])).toEqual([
      [1, '道县'],
      [2, '江永县'],
    ]);
  });
  it('returns no rows for an indicator without data', async () => {
    const r = await get<CompareResult>('/api/compare?indicator=pm25&within=431100');
    expect(r.rows).toEqual([]);
  });
  it('400s', async () => {
    await bad('/api/compare', 'indicator', /required/);
    await bad('/api/compare?indicator=gdp&measure=x', 'measure');
    await bad('/api/compare?indicator=gdp&within=431100&peers_of=431125', 'peers_of', /either/);
    await bad('/api/compare?indicator=gdp&peers_of=湖南省', 'peers_of', /no parent/);
    await bad('/api/compare?indicator=gdp&level=village', 'level');
  });
});

describe('/api/targets', () => {
  it('pairs targets with outcomes and summarises', async () => {
    const r = await get<{ summary: Record<string, number>; items: TargetOutcome[] }>('/api/targets?region=431125&descendants=false');
    expect(r.summary).toEqual({ met: 2, missed: 1, pending: 0, no_data: 1 });
    const missed = r.items.find((t) => t.outcome === 'missed')!;
    expect(missed).toMatchObject({ gapPp: -0.2, target: { indicator: 'gdp', bound: '>=' }, actual: { value: 5.8 } });
    const pending = await get<{ items: TargetOutcome[] }>('/api/targets?region=永州市&outcome=no_data');
    expect(pending.items).toHaveLength(2);
  });
  it('400s', async () => {
    await bad('/api/targets?outcome=late', 'outcome', /met, missed, pending/);
    await bad('/api/targets?status=target', 'status', /unknown parameter/);
  });
});

describe('/api/openapi.json', () => {
  it('describes every API route with its parameters', async () => {
    const doc = await get<{ openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[]; security: unknown[] }>> }>('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    for (const r of API_ROUTES) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op!.parameters.map((x) => x.name)).toEqual(r.params.map((x) => x.name));
      if (r.method !== 'get') expect(op!.security).toEqual([{ bearer: [] }]);
    }
  });

  it('has no route the app serves under /api that it does not describe', () => {
    const described = new Set([...API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`), 'GET /api/openapi.json']);
    const served = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(20);
    for (const p of served) expect(described.has(p), p).toBe(true);
  });
});

describe('errors', () => {
  it('answers an unknown API path with a JSON 404 and a page path with HTML', async () => {
    const body = await get<{ error: { message: string } }>('/api/nothing', 404);
    expect(body.error.message).toMatch(/openapi/);
    const res = await app.request('/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });
  it('hides internal errors from the client and logs them', async () => {
    const broken = openSqliteStore(join(dir, 'closed.db'));
    await broken.close();
    const res = await createApp({ store: broken, log: (l) => logged.push(l) }).request('/api/stats');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/server log/);
    expect(logged.some((l) => l.includes('/api/stats'))).toBe(true);
  });
});
}
