/**
 * The server under hostile input: uploads read in a child process with time
 * and memory limits (the server keeps answering), refusals 413/415/422,
 * temporary files always removed; sign-in redirects only to this origin;
 * out-of-range numbers and deep JSON are 400s, not 500s; frames refused; a
 * Secure cookie over HTTPS; value-ordered pages stable across re-extraction.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepHtml, docxBomb } from '../bench/hostile-inputs.js';
import { MAX_TEXT_ENV } from '../readers/limits.js';
import { ingest } from '../store/ingest.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { API_ROUTES } from './api.js';
import { createApp } from './app.js';
import { issueToken } from './auth.js';
import { IsolatedExtractor, type ChildScript } from './isolate.js';
import { removeStaleIncoming, uploadConfig } from './upload.js';

const DOC_TEXT = '江永县2023年国民经济和社会发展统计公报\n\n初步核算，全年全县地区生产总值102.3亿元，比上年增长5.8%。全年固定资产投资比上年增长7.6%。\n';

function multipart(name: string, content: Uint8Array | string): RequestInit & { headers: Record<string, string> } {
  const boundary = 'zhibiaoBoundary7MA4YWxk';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([head, Buffer.from(content), tail]) };
}

const standIn = (...args: string[]): ChildScript => ({
  script: fileURLToPath(new URL('./hostile-child.case.ts', import.meta.url)),
  execArgv: ['--import', 'tsx'],
  args,
});

let dir: string;
let store: Store;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-hostile-server-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  for (const [name, role] of [
    ['admin', 'admin'],
    ['rev', 'reviewer'],
  ] as const) {
    await store.createUser(name, role);
    tokens[name] = (await issueToken(store, name, null)).token;
  }
});
afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const auth = (who: string, init: RequestInit & { headers?: Record<string, string> } = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers ?? {}), authorization: `Bearer ${tokens[who]}` },
});
const incoming = (uploads: string) => (existsSync(uploads) ? readdirSync(uploads).filter((f) => f.startsWith('.incoming')) : []);

/** Starts `slow`, then after `after` ms asks /api/stats; returns how late that answer came (ms) and the upload's response. */
async function readDuring(app: Hono, slow: () => Promise<Response>, after = 300): Promise<{ lateMs: number; upload: Response }> {
  const started = performance.now();
  const upload = slow();
  await new Promise((r) => setTimeout(r, after));
  const res = await app.request('/api/stats');
  expect(res.status).toBe(200);
  const lateMs = performance.now() - started - after;
  return { lateMs, upload: await upload };
}

describe('uploads are read away from the server thread', () => {
  it('a request during a slow upload (40,000-deep HTML) answers fast', async () => {
    const uploads = join(dir, 'up-deep');
    const app = createApp({ store, uploads: uploadConfig(uploads), log: () => {} });
    const { lateMs, upload } = await readDuring(app, () => Promise.resolve(app.request('/api/documents', auth('rev', multipart('deep.html', deepHtml(40_000))))));
    expect(lateMs).toBeLessThan(1000);
    expect([201, 415, 422]).toContain(upload.status);
    expect(incoming(uploads)).toEqual([]);
  });

  it('a reader blocked for 3 s does not block the server; one that hangs is stopped at the time limit (422)', async () => {
    const uploads = join(dir, 'up-slow');
    const slow = new IsolatedExtractor({ timeoutMs: 20_000 }, standIn('slow', '3000'));
    const app = createApp({ store, uploads: uploadConfig(uploads), extractor: slow, log: () => {} });
    const { lateMs, upload } = await readDuring(app, () => Promise.resolve(app.request('/api/documents', auth('rev', multipart('a.txt', DOC_TEXT)))), 800);
    expect(lateMs).toBeLessThan(500);
    expect(upload.status).toBe(422);
    await slow.close();

    const hang = new IsolatedExtractor({ timeoutMs: 1500 }, standIn('hang'));
    const app2 = createApp({ store, uploads: uploadConfig(uploads), extractor: hang, log: () => {} });
    const r = await app2.request('/api/documents', auth('rev', multipart('b.txt', `${DOC_TEXT}二。`)));
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/b\.txt could not be extracted: reading took longer than 1\.5 s: not read/);
    expect(incoming(uploads)).toEqual([]);
    // the next upload gets a new reader
    const again = await app2.request('/api/documents', auth('rev', multipart('c.txt', `${DOC_TEXT}三。`)));
    expect(again.status).toBe(422);
    await hang.close();
  }, 60_000);

  it('a reader that eats memory is stopped at the memory limit (422); the server lives on', async () => {
    const uploads = join(dir, 'up-hog');
    const hog = new IsolatedExtractor({ timeoutMs: 30_000, memoryMb: 64 }, standIn('hog'));
    const app = createApp({ store, uploads: uploadConfig(uploads), extractor: hog, log: () => {} });
    const r = await app.request('/api/documents', auth('rev', multipart('hog.txt', DOC_TEXT)));
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/memory/);
    expect((await app.request('/api/stats')).status).toBe(200);
    expect(incoming(uploads)).toEqual([]);
    await hog.close();
  }, 60_000);

  it('refuses a bomb with 413 and the reason, a non-document with 415; keeps good uploads', async () => {
    const uploads = join(dir, 'up-bomb');
    process.env[MAX_TEXT_ENV] = '5MB';
    const reader = new IsolatedExtractor();
    try {
      const app = createApp({ store, uploads: uploadConfig(uploads, 20 * 1024 * 1024), extractor: reader, log: () => {} });
      const bomb = await app.request('/api/documents', auth('rev', multipart('bomb.docx', docxBomb(20))));
      expect(bomb.status).toBe(413);
      expect(((await bomb.json()) as { error: { message: string } }).error.message).toMatch(/bomb\.docx: expands past 5 MB of text: not read/);
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      expect((await app.request('/api/documents', auth('rev', multipart('p.txt', png)))).status).toBe(415);
      const ok = await app.request('/api/documents', auth('rev', multipart('good.txt', DOC_TEXT)));
      expect(ok.status).toBe(201);
      expect(readdirSync(uploads).filter((f) => f.endsWith('.txt'))).toHaveLength(1);
      expect(incoming(uploads)).toEqual([]);
    } finally {
      delete process.env[MAX_TEXT_ENV];
      await reader.close();
    }
  }, 60_000);
});

describe('temporary upload files', () => {
  it('left by a killed server are removed when the next one starts; fresh ones are left alone', async () => {
    const uploads = join(dir, 'up-stale');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, '.incoming-old.docx'), 'x');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(uploads, '.incoming-old.docx'), hourAgo, hourAgo);
    writeFileSync(join(uploads, '.incoming-new.docx'), 'x');
    writeFileSync(join(uploads, 'abc.txt'), 'kept');
    expect(await removeStaleIncoming(uploads)).toBe(1);
    expect(readdirSync(uploads).sort()).toEqual(['.incoming-new.docx', 'abc.txt']);
    expect(await removeStaleIncoming(join(dir, 'no-such-dir'))).toBe(0);
  });
});

describe('sign-in redirects', () => {
  const login = (app: Hono, next: string) =>
    app.request('http://127.0.0.1:8787/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.rev!, next }).toString(),
    });

  it('go only to paths on this origin, after WHATWG URL parsing', async () => {
    const app = createApp({ store, log: () => {} });
    for (const next of ['/\t/evil.example/x', '/\n/evil.example/x', '//evil.example', '/\\evil.example', '/\\\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/%09/evil.example', ' //evil.example']) {
      const r = await login(app, next);
      expect(r.status, JSON.stringify(next)).toBe(303);
      const location = r.headers.get('location')!;
      expect(new URL(location, 'http://127.0.0.1:8787/').origin, `${JSON.stringify(next)} → ${location}`).toBe('http://127.0.0.1:8787');
    }
    expect((await login(app, '/doc/1?x=1#f')).headers.get('location')).toBe('/doc/1?x=1#f');
    expect((await login(app, '/region/\n431125')).headers.get('location')).toBe('/region/431125');
  });

  it('set a Secure cookie over HTTPS or behind a proxy that says so, and refuse frames', async () => {
    const app = createApp({ store, log: () => {} });
    expect((await login(app, '/')).headers.get('set-cookie')).not.toMatch(/Secure/);
    const proxied = await app.request('http://127.0.0.1:8787/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ token: tokens.rev!, next: '/' }).toString(),
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    const direct = await app.request('https://zhibiao.example/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.rev!, next: '/' }).toString(),
    });
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
    for (const path of ['/', '/login', '/api/stats', '/api/nothing']) {
      const r = await app.request(path);
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    }
  });
});

describe('numbers out of range and deep JSON are 400s', () => {
  it('every route: every integer parameter refuses out-of-range values with a 400 naming it', async () => {
    const app = createApp({ store, log: () => {} });
    const values = ['99999999999999999999', '-99999999999999999999', '2147483648', '9007199254740993', '9'.repeat(400)];
    let requests = 0;
    for (const r of API_ROUTES) {
      for (const p of r.params) {
        if (p.kind !== 'integer') continue;
        for (const v of values) {
          const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (name === p.name ? v : name === 'name' ? 'rev' : name === 'code' ? '431125' : '1'));
          const others = r.params.filter((o) => o.required && (o.in ?? 'query') === 'query' && o.name !== p.name).map((o) => `&${o.name}=${o.name === 'indicator' ? 'gdp' : 'x'}`);
          const query = (p.in ?? 'query') === 'query' ? `?${p.name}=${v}${others.join('')}` : '';
          const init: RequestInit = { method: r.method.toUpperCase(), headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' } };
          if (r.method !== 'get' && r.body !== 'file') init.body = '{}';
          const res = await app.request(path + query, init);
          requests++;
          const body = (await res.json()) as { error?: { param?: string } };
          expect(res.status, `${r.method} ${path}${query}`).toBe(400);
          expect(body.error?.param).toBe(p.name);
        }
      }
    }
    expect(requests).toBeGreaterThan(50);
  });

  it('a 100,000-deep JSON array in a review body is a 400', async () => {
    const app = createApp({ store, log: () => {} });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const body of [`{"action":${deep}}`, `{"note":${deep}}`, deep]) {
      const r = await app.request('/api/facts/1/review', { method: 'POST', headers: { authorization: `Bearer ${tokens.rev}`, 'content-type': 'application/json' }, body });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { param: string } }).error.param).toBe('body');
    }
    // an ordinary body with brackets in a string is not "deep"
    const ok = await app.request('/api/facts/999999/review', { method: 'POST', headers: { authorization: `Bearer ${tokens.rev}`, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'accept', note: '[[[[[[[[[[[[[[[[[[[[[[[[ 笔记' }) });
    expect(ok.status).toBe(404);
  });
});

describe('value-ordered pages', () => {
  it('are the same before and after a re-extraction', async () => {
    const s = openSqliteStore(join(dir, 'order.sqlite'));
    try {
      const docs = join(dir, 'order-docs');
      mkdirSync(docs, { recursive: true });
      // three documents with facts of equal value
      for (const [name, region] of [
        ['a.txt', '江永县'],
        ['b.txt', '蓝山县'],
        ['c.txt', '宁远县'],
      ] as const) {
        writeFileSync(join(docs, name), `${region}2023年国民经济和社会发展统计公报\n\n全年全县地区生产总值比上年增长5.8%。全年固定资产投资比上年增长5.8%。\n`);
      }
      await ingest(s, [docs], { workers: 0 });
      const page = async () => (await s.facts({ order: 'value_desc', limit: 100 })).items.map((f) => `${f.doc}@${f.span[0]}:${f.indicator}`);
      const before = await page();
      expect(before.length).toBeGreaterThanOrEqual(4);
      // re-extract the first document only: its facts get new ids
      await ingest(s, [join(docs, 'a.txt')], { workers: 0, force: true });
      expect(await page()).toEqual(before);
    } finally {
      await s.close();
    }
  });
});
