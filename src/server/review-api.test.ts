/**
 * The review workflow over HTTP, on every backend: decisions, corrections,
 * added facts, their validation, and the review filters of the read routes.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, removeTempDatabases, type Backend } from '../store/backends.case.js';
import { codePointSpan, loadSample, SAMPLE_DOCS } from '../store/sample.case.js';
import type { DocumentDetail, Page, Review, StoredFact, Store } from '../store/types.js';
import { createApp } from './app.js';
import { issueToken } from './auth.js';
import type { CompareResult } from './queries.js';

afterAll(() => removeTempDatabases());

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`review API on ${backend.name}`, () => reviewApiSuite(backend));
  if (!backend.available) it.skip(`review API on ${backend.name}: ${backend.skipReason}`, () => {});
}

function reviewApiSuite(backend: Backend): void {
  let store: Store;
  let app: Hono;
  let token: string;
  let dx: DocumentDetail;

  const send = async <T>(method: string, path: string, json?: unknown, status = 200): Promise<T> => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const body = (await res.json()) as T;
    expect(res.status, `${method} ${path}: ${JSON.stringify(body)}`).toBe(status);
    return body;
  };
  const bad = async (method: string, path: string, json: unknown, param: string, pattern?: RegExp): Promise<void> => {
    const body = await send<{ error: { param: string; message: string } }>(method, path, json, 400);
    expect(body.error.param).toBe(param);
    expect(body.error.message).toContain(`"${param}"`);
    if (pattern) expect(body.error.message).toMatch(pattern);
  };

  beforeAll(async () => {
    store = await backend.open();
    const ids = await loadSample(store);
    await store.createUser('li', 'reviewer');
    token = (await issueToken(store, 'li', null)).token;
    app = createApp({ store, log: () => {} });
    dx = (await store.document(ids.get('sample/2023_道县_bulletin.txt')!))!;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('accepts, corrects and rejects facts; reads follow the reviewed values', async () => {
    const [level, growth, fai] = dx.facts as [StoredFact, StoredFact, StoredFact];
    const accepted = await send<Review>('POST', `/api/facts/${level.id}/review`, { action: 'accept', note: '核对无误' });
    expect(accepted).toMatchObject({ state: 'accepted', by: 'li', note: '核对无误' });
    const corrected = await send<Review>('POST', `/api/facts/${growth.id}/review`, { action: 'correct', value: 5.2, note: '以统计局修订数为准' });
    expect(corrected).toMatchObject({ state: 'corrected', fields: { value: 5.2 }, extracted: { value: 4.9 } });
    await send('POST', `/api/facts/${fai.id}/review`, { action: 'reject', note: '非本县数据' });

    const cmp = await send<CompareResult>('GET', '/api/compare?indicator=gdp&measure=growth&period=2023&status=actual&within=431100');
    expect(cmp.rows.find((r) => r.region.code === '431124')?.value).toBe(5.2);
    const onlyReviewed = await send<CompareResult>('GET', '/api/compare?indicator=gdp&measure=growth&period=2023&status=actual&within=431100&review=accepted,corrected');
    expect(onlyReviewed.rows.map((r) => r.region.code)).toEqual(['431124']);
    const facts = await send<Page<StoredFact>>('GET', `/api/facts?document=${dx.id}`);
    expect(facts.items.map((f) => [f.measure, f.value, f.reviewState])).toEqual([
      ['level', 15020000000, 'accepted'],
      ['growth', 5.2, 'corrected'],
    ]);
    const rejected = await send<Page<StoredFact>>('GET', `/api/facts?document=${dx.id}&review=rejected`);
    expect(rejected.items.map((f) => f.id)).toEqual([fai.id]);
    // the extracted value is still there, and the history says who, when and why
    expect(await send<StoredFact>('GET', `/api/facts/${growth.id}`)).toMatchObject({ value: 4.9, reviewState: 'corrected', origin: 'extracted' });
    const r = await send<Review>('GET', `/api/reviews/${corrected.id}`);
    expect(r.history).toEqual([expect.objectContaining({ action: 'correct', by: 'li', note: '以统计局修订数为准', fields: { value: 5.2 } })]);
    const list = await send<Page<Review>>('GET', `/api/reviews?document=${dx.id}&state=rejected`);
    expect(list.items.map((x) => x.note)).toEqual(['非本县数据']);
  });

  it('adds a missed fact from a code-point span, with the quote checked', async () => {
    const ny = SAMPLE_DOCS[3]!;
    const nyDoc = (await store.documents({ regions: ['431126'] })).items[0]!;
    const span = codePointSpan(ny.text, '增速居全市前列');
    const added = await send<{ review: Review; fact: StoredFact }>(
      'POST',
      `/api/documents/${nyDoc.id}/facts`,
      { span, quote: '增速居全市前列', indicator: 'gdp', measure: 'rank', value: 1, unit: 'rank', scope: 'prefecture', period: '2023', status: 'actual', bound: '<=', note: '前列' },
      201,
    );
    expect(added.fact).toMatchObject({ reviewState: 'added', span, quote: '增速居全市前列', region: { code: '431126' }, scope: 'prefecture' });
    const doc = await send<DocumentDetail>('GET', `/api/documents/${nyDoc.id}`);
    expect([...doc.text].slice(span[0], span[1]).join('')).toBe('增速居全市前列');
    expect(doc.reviews.map((x) => x.state)).toEqual(['added']);
  });

  it('answers 400 naming the field for bad review bodies, 404 for a missing fact', async () => {
    const f = dx.facts[0]!;
    await bad('POST', `/api/facts/${f.id}/review`, {}, 'action', /required/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'approve' }, 'action', /accept, correct, reject/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'accept', value: 3 }, 'action', /only "correct"/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'correct', value: '5' }, 'value', /finite number/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'correct', period: '2023年' }, 'period');
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'correct', unit: 'yuan' }, 'unit');
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'correct', region: '不存在县' }, 'region', /no region/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'correct' }, 'action', /at least one/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'accept', by: 'someone else' }, 'by', /unknown field/);
    await bad('POST', `/api/facts/${f.id}/review`, { action: 'accept', note: 'x'.repeat(1001) }, 'note', /longer/);
    await bad('POST', `/api/facts/abc/review`, { action: 'accept' }, 'id', /not an integer/);
    await send('POST', '/api/facts/99999999/review', { action: 'accept' }, 404);
    const res = await app.request(`/api/facts/${f.id}/review`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"action": "accept",',
    });
    expect(res.status).toBe(400);
    const base = { indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' };
    await bad('POST', `/api/documents/${dx.id}/facts`, { ...base, span: [5, 2] }, 'span', /start < end/);
    await bad('POST', `/api/documents/${dx.id}/facts`, { ...base, span: [0, 100000] }, 'span');
    await bad('POST', `/api/documents/${dx.id}/facts`, { ...base, span: [0, 2], quote: '别的' }, 'quote', /reload/);
    await bad('POST', `/api/documents/${dx.id}/facts`, { span: [0, 2] }, 'indicator', /required/);
    await send('POST', `/api/documents/99999999/facts`, { ...base, span: [0, 2] }, 404);
  });
}
