/**
 * Access control, input checks and the file-system boundary of the API, on
 * every backend:
 * - every write route refuses a request without a token (401), with a token
 *   of too weak a role (403), with a revoked token or a disabled user's (401),
 *   and a cookie-signed write without the request header (403); with the
 *   right role it succeeds and lands in the audit log;
 * - with --read token, reads need a token too;
 * - SQL metacharacters in every text parameter are data, never SQL;
 * - upload names with ../, absolute paths, backslashes or NUL bytes are
 *   refused and nothing is written outside the upload directory.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, removeTempDatabases, type Backend } from '../store/backends.case.js';
import { loadSample } from '../store/sample.case.js';
import type { Store } from '../store/types.js';
import { API_ROUTES } from './api.js';
import { createApp } from './app.js';
import { issueToken, REQUEST_HEADER, SESSION_COOKIE } from './auth.js';
import { uploadConfig } from './upload.js';

afterAll(() => removeTempDatabases());

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`access on ${backend.name}`, () => accessSuite(backend));
  if (!backend.available) it.skip(`access on ${backend.name}: ${backend.skipReason}`, () => {});
}

/** A small real document (the readers accept it; the extractor finds facts in it). */
const DOC_TEXT = '江永县2023年国民经济和社会发展统计公报\n\n初步核算，全年全县地区生产总值102.3亿元，比上年增长5.8%。全年固定资产投资比上年增长7.6%。\n';

interface Call {
  token?: string;
  cookie?: string;
  header?: boolean;
  json?: unknown;
  form?: { name: string; bytes: Uint8Array | string };
  raw?: { body: Uint8Array; type: string };
}

/** A multipart body written by hand, so the file name goes out byte for byte. */
function multipart(name: string, content: Uint8Array | string): { body: Uint8Array; type: string } {
  const boundary = 'zhibiaoBoundary7MA4YWxk';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: new Uint8Array(Buffer.concat([head, Buffer.from(content), tail])), type: `multipart/form-data; boundary=${boundary}` };
}

function accessSuite(backend: Backend): void {
  let dir: string;
  let uploads: string;
  let store: Store;
  let app: Hono;
  let tokenApp: Hono;
  const tokens: Record<string, string> = {};
  let factId: number;
  let docId: number;

  const call = async (a: Hono, method: string, path: string, o: Call = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.cookie) headers.cookie = `${SESSION_COOKIE}=${o.cookie}`;
    if (o.header) headers[REQUEST_HEADER] = '1';
    let body: string | ArrayBuffer | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.form) {
      const m = multipart(o.form.name, o.form.bytes);
      headers['content-type'] = m.type;
      body = m.body.slice().buffer;
    } else if (o.raw) {
      headers['content-type'] = o.raw.type;
      body = o.raw.body.slice().buffer;
    }
    const res = await a.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-access-'));
    uploads = join(dir, 'uploads');
    store = await backend.open();
    const ids = await loadSample(store);
    docId = ids.get('sample/2023_江永县_bulletin.txt')!;
    factId = (await store.document(docId))!.facts[0]!.id;
    for (const [name, role] of [
      ['admin', 'admin'],
      ['rev', 'reviewer'],
      ['reader', 'reader'],
      ['gone', 'reviewer'],
    ] as const) {
      await store.createUser(name, role);
      tokens[name] = (await issueToken(store, name, null)).token;
    }
    await store.updateUser('gone', { disabled: true });
    const revoked = await issueToken(store, 'admin', 'revoked');
    await store.revokeToken(revoked.id);
    tokens.revoked = revoked.token;
    app = createApp({ store, uploads: uploadConfig(uploads, 64 * 1024), log: () => {} });
    tokenApp = createApp({ store, read: 'token', log: () => {} });
  });
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Each write route (and admin-only read) with a request that succeeds for the right role. */
  const cases = (): { method: string; path: string; route: string; role: string; body: Omit<Call, 'token' | 'cookie' | 'header'> }[] => [
    { method: 'POST', path: `/api/facts/${factId}/review`, route: '/api/facts/:id/review', role: 'reviewer', body: { json: { action: 'accept', note: 'ok' } } },
    {
      method: 'POST',
      path: `/api/documents/${docId}/facts`,
      route: '/api/documents/:id/facts',
      role: 'reviewer',
      body: { json: { span: [0, 3], indicator: 'gdp', measure: 'level', value: 1, unit: 'CNY', period: '2023', status: 'actual' } },
    },
    { method: 'POST', path: '/api/documents', route: '/api/documents', role: 'reviewer', body: { form: { name: 'bulletin.txt', bytes: DOC_TEXT } } },
    { method: 'POST', path: '/api/users', route: '/api/users', role: 'admin', body: { json: { name: 'newbie', role: 'reader' } } },
    { method: 'PATCH', path: '/api/users/reader', route: '/api/users/:name', role: 'admin', body: { json: { role: 'reader' } } },
    { method: 'POST', path: '/api/users/rev/tokens', route: '/api/users/:name/tokens', role: 'admin', body: { json: { label: 'second' } } },
    { method: 'DELETE', path: '/api/tokens/TOKEN', route: '/api/tokens/:id', role: 'admin', body: {} },
    { method: 'GET', path: '/api/users', route: '/api/users', role: 'admin', body: {} },
    { method: 'GET', path: '/api/users/rev/tokens', route: '/api/users/:name/tokens', role: 'admin', body: {} },
    { method: 'GET', path: '/api/audit', route: '/api/audit', role: 'admin', body: {} },
  ];

  it('covers every write route and every admin read in this test', () => {
    const needed = API_ROUTES.filter((r) => r.method !== 'get' || r.role !== 'reader').map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const covered = cases().map((c) => `${c.method} ${c.route}`);
    expect(new Set(covered)).toEqual(new Set(needed));
  });

  it('refuses every write without a token (401), with a weak role (403), a revoked or disabled token (401), or a cookie without the request header (403)', async () => {
    const throwaway = await issueToken(store, 'reader', 'to revoke');
    const before = await store.auditLog();
    const state = async (): Promise<unknown> => [await store.stats(), await store.users(), await store.tokens(), (await store.reviews()).total];
    const snapshot = await state();
    for (const c of cases()) {
      const path = c.path.replace('TOKEN', String(throwaway.id));
      const what = `${c.method} ${path}`;
      const none = await call(app, c.method, path, c.body);
      expect(none.status, what).toBe(401);
      expect(String((none.body.error as { message: string }).message)).toMatch(/sign in|Bearer/);
      expect((await call(app, c.method, path, { ...c.body, token: tokens.reader })).status, `${what} as reader`).toBe(403);
      if (c.role === 'admin') expect((await call(app, c.method, path, { ...c.body, token: tokens.rev })).status, `${what} as reviewer`).toBe(403);
      expect((await call(app, c.method, path, { ...c.body, token: tokens.revoked })).status, `${what} revoked`).toBe(401);
      expect((await call(app, c.method, path, { ...c.body, token: tokens.gone })).status, `${what} disabled`).toBe(401);
      expect((await call(app, c.method, path, { ...c.body, token: 'zb_' + 'x'.repeat(43) })).status, `${what} unknown`).toBe(401);
      expect((await call(app, c.method, path, { ...c.body, token: "' OR 1=1 --" })).status, `${what} junk`).toBe(401);
      if (c.method !== 'GET') {
        const cookie = await call(app, c.method, path, { ...c.body, cookie: tokens.admin });
        expect(cookie.status, `${what} by cookie without header`).toBe(403);
      }
    }
    // nothing changed, nothing logged
    expect(await state()).toEqual(snapshot);
    expect((await store.auditLog()).total).toBe(before.total);
    const res = await app.request('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('lets the right role do each write, and logs who did what to what', async () => {
    const throwaway = await issueToken(store, 'reader', 'to revoke');
    for (const c of cases()) {
      const path = c.path.replace('TOKEN', String(throwaway.id));
      const token = c.role === 'admin' ? tokens.admin : tokens.rev;
      const r = await call(app, c.method, path, { ...c.body, token });
      expect(r.status, `${c.method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    }
    // the same write by the dashboard: cookie plus the request header
    const viaCookie = await call(app, 'POST', `/api/facts/${factId}/review`, { json: { action: 'reject' }, cookie: tokens.rev, header: true });
    expect(viaCookie.status).toBe(200);
    const log = (await store.auditLog({ limit: 100 })).items;
    const actions = log.map((e) => `${e.user} ${e.action} ${e.target}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `rev review.accept fact:${factId}`,
        `rev review.reject fact:${factId}`,
        `rev fact.add document:${docId}`,
        'admin user.create user:newbie',
        'admin user.update user:reader',
        'admin token.create user:rev',
        `admin token.revoke token:${throwaway.id}`,
      ]),
    );
    expect(log.find((e) => e.action === 'document.upload')).toMatchObject({ user: 'rev', detail: { name: 'bulletin.txt', outcome: 'inserted' } });
    for (const e of log) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // a new user's token is shown once and works; it is stored only as a hash
    const made = await call(app, 'POST', '/api/users', { json: { name: 'once', role: 'reviewer' }, token: tokens.admin });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    expect(token).toMatch(/^zb_[A-Za-z0-9_-]{43}$/);
    expect((await call(app, 'GET', '/api/me', { token })).body).toMatchObject({ name: 'once', role: 'reviewer' });
    expect(JSON.stringify(await call(app, 'GET', '/api/users/once/tokens', { token: tokens.admin }))).not.toContain(token);
  });

  it('keeps an admin from locking themself out', async () => {
    const r = await call(app, 'PATCH', '/api/users/admin', { json: { role: 'reader' }, token: tokens.admin });
    expect(r.status).toBe(400);
    expect((await store.user('admin'))?.role).toBe('admin');
  });

  it('with --read token, reads need a token too; static files and sign-in stay open', async () => {
    expect((await call(tokenApp, 'GET', '/api/stats')).status).toBe(401);
    expect((await call(tokenApp, 'GET', '/api/stats', { token: tokens.reader })).status).toBe(200);
    expect((await call(tokenApp, 'GET', '/api/facts', { cookie: tokens.reader })).status).toBe(200);
    expect((await call(app, 'GET', '/api/stats')).status).toBe(200);
    const page = await tokenApp.request('/region/431125');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fregion%2F431125');
    expect((await tokenApp.request('/region/431125', { headers: { cookie: `${SESSION_COOKIE}=${tokens.reader}` } })).status).toBe(200);
    expect((await tokenApp.request('/static/style.css')).status).toBe(200);
    expect((await tokenApp.request('/login')).status).toBe(200);
    expect((await tokenApp.request('/api/openapi.json')).status).toBe(200);
  });

  it('signs in with a token form and sets an HttpOnly SameSite cookie; refuses a bad token and foreign redirects', async () => {
    const form = (token: string, next: string): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, next }).toString(),
    });
    const ok = await tokenApp.request('/login', form(tokens.rev!, '/doc/1'));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/doc/1');
    expect(ok.headers.get('set-cookie')).toMatch(/zhibiao_session=zb_.*HttpOnly.*SameSite=Strict/);
    const away = await tokenApp.request('/login', form(tokens.rev!, '//evil.example/x'));
    expect(away.headers.get('location')).toBe('/');
    const bad = await tokenApp.request('/login', form('zb_nope', '/'));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('treats SQL metacharacters in every text parameter as data', async () => {
    const nasty = ["' OR '1'='1", '1; DROP TABLE facts; --', "%' --", '\\', '"', '$1', '?', "' UNION SELECT hash FROM tokens --", '％', '\u0000'];
    const before = JSON.stringify([await store.stats(), (await store.tokens()).length, (await store.users()).length]);
    let requests = 0;
    for (const r of API_ROUTES.filter((x) => x.method === 'get')) {
      for (const p of r.params) {
        if (p.kind !== 'string' && p.kind !== 'list' && p.kind !== 'integer') continue;
        for (const v of nasty) {
          const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (name === p.name ? encodeURIComponent(v) : name === 'id' ? '1' : name === 'name' ? 'rev' : '431125'));
          const query = (p.in ?? 'query') === 'query' ? `?${p.name}=${encodeURIComponent(v)}${r.path === '/api/compare' && p.name !== 'indicator' ? '&indicator=gdp' : ''}` : '';
          const res = await call(app, 'GET', path + query, { token: tokens.admin });
          requests++;
          expect([200, 400, 404], `${path}${query}: ${JSON.stringify(res.body)}`).toContain(res.status);
          if (res.status === 400) expect((res.body.error as { param?: string }).param, `${path}${query}`).toBeDefined();
        }
      }
    }
    expect(requests).toBeGreaterThan(200);
    expect(JSON.stringify([await store.stats(), (await store.tokens()).length, (await store.users()).length])).toBe(before);
    // bodies: stored literally
    const note = "'); DROP TABLE reviews; -- 笔记";
    const r = await call(app, 'POST', `/api/facts/${factId}/review`, { json: { action: 'accept', note }, token: tokens.rev });
    expect(r.status).toBe(200);
    expect((await store.review(r.body.id as number))?.note).toBe(note);
    for (const name of ["x' OR 1=1", 'a"b', 'robert); DROP TABLE users;--']) {
      const u = await call(app, 'POST', '/api/users', { json: { name, role: 'reader' }, token: tokens.admin });
      expect(u.status).toBe(400);
      expect((u.body.error as { param: string }).param).toBe('name');
    }
    const region = await call(app, 'POST', `/api/facts/${factId}/review`, { json: { action: 'correct', region: "431125' OR '1'='1" }, token: tokens.rev });
    expect(region.status).toBe(400);
    expect((region.body.error as { param: string }).param).toBe('region');
    expect((await store.users()).length).toBe(JSON.parse(before)[2]);
  });

  it('refuses upload names that are paths or hold control bytes, and writes nothing outside the upload directory', async () => {
    const evil = [
      '../evil.txt',
      '../../evil.txt',
      '..\\evil.txt',
      '/tmp/evil.txt',
      `${dir}/evil.txt`,
      'C:\\evil.txt',
      'sub/evil.txt',
      'evil\u0000.txt',
      'evil.txt\u0000.pdf',
      '..',
      '.',
      'evil\n.txt',
    ];
    const before = existsSync(uploads) ? readdirSync(uploads).sort() : [];
    for (const name of evil) {
      const r = await call(app, 'POST', '/api/documents', { form: { name, bytes: DOC_TEXT }, token: tokens.rev });
      expect(r.status, `${JSON.stringify(name)}: ${JSON.stringify(r.body)}`).toBe(400);
      expect((r.body.error as { param: string }).param).toBe('file');
    }
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
    expect(existsSync('/tmp/evil.txt')).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['uploads']);
    expect(existsSync(uploads) ? readdirSync(uploads).sort() : []).toEqual(before);
  });

  it('stores an accepted upload under its hash inside the upload directory, and checks type and size', async () => {
    const ok = await call(app, 'POST', '/api/documents', { form: { name: '江永县 公报 (2023).txt', bytes: `${DOC_TEXT}另一行。\n` }, token: tokens.rev });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const doc = ok.body.document as { id: number; path: string; hash: string };
    expect(ok.body.outcome).toBe('inserted');
    expect(ok.body.facts).toBeGreaterThan(0);
    expect(doc.path).toBe(`upload/${doc.hash.slice(0, 12)}/江永县 公报 (2023).txt`);
    expect(readdirSync(uploads)).toContain(`${doc.hash}.txt`);
    expect(readdirSync(uploads).filter((f) => f.startsWith('.incoming'))).toEqual([]);
    // the same bytes again: stored once
    const again = await call(app, 'POST', '/api/documents', { form: { name: 'copy.txt', bytes: `${DOC_TEXT}另一行。\n` }, token: tokens.rev });
    expect(again.body).toMatchObject({ outcome: 'unchanged', document: { id: doc.id } });
    // not a document: refused by the readers whatever the name says
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const notDoc = await call(app, 'POST', '/api/documents', { form: { name: 'photo.txt', bytes: png }, token: tokens.rev });
    expect(notDoc.status).toBe(415);
    expect((notDoc.body.error as { message: string }).message).toMatch(/not a document this server reads/);
    const exe = await call(app, 'POST', '/api/documents', { form: { name: 'tool.exe', bytes: DOC_TEXT }, token: tokens.rev });
    expect(exe.status).toBe(400);
    const big = await call(app, 'POST', '/api/documents', { form: { name: 'big.txt', bytes: '统'.repeat(40_000) }, token: tokens.rev });
    expect(big.status).toBe(413);
    const huge = await call(app, 'POST', '/api/documents', { form: { name: 'huge.txt', bytes: '统'.repeat(200_000) }, token: tokens.rev });
    expect(huge.status).toBe(413);
    expect(readdirSync(uploads).filter((f) => f.startsWith('.incoming'))).toEqual([]);
    const json = await call(app, 'POST', '/api/documents', { json: { file: 'x' }, token: tokens.rev });
    expect(json.status).toBe(415);
    const off = createApp({ store, log: () => {} });
    expect((await call(off, 'POST', '/api/documents', { form: { name: 'a.txt', bytes: DOC_TEXT }, token: tokens.rev })).status).toBe(503);
  });
}
