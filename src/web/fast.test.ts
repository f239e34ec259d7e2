/**
 * Fast pages (issue 11, item 11): ECharts is loaded deferred at the end of
 * the body, never in <head>; pages and static files are compressed; static
 * files carry cache headers. (First-paint times are measured by
 * scripts/bench-first-paint.mjs, not here: timings do not belong in tests.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { syncGazetteer } from '../store/regions.js';
import { toExtraction } from '../store/sample.case.js';
import { createApp } from '../server/app.js';
import { HEBEI_DOCS } from './hebei.case.js';

let dir: string;
let store: SqliteStore;
let app: Hono;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhibiao-fast-'));
  store = openSqliteStore(join(dir, 'fast.db'));
  await syncGazetteer(store);
  for (const [i, d] of HEBEI_DOCS.entries()) await store.saveExtraction({ hash: `f${i}`, path: d.path, bytes: 1, extractorVersion: 'v1', extraction: toExtraction(d) });
  app = createApp({ store });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fast pages', () => {
  it('loads ECharts deferred (fetched by app.js after the first paint), never from <head>', async () => {
    for (const path of ['/', '/region/130681', '/compare?indicator=gdp&within=130600&level=county']) {
      const html = await (await app.request(path)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head, path).not.toContain('echarts');
      expect(html, path).not.toMatch(/<script[^>]+src="\/static\/echarts/);
      expect(html, path).toContain('<script type="application/json" id="echarts-src">"/static/echarts.min.js"</script>');
      expect(html, path).toMatch(/<script src="\/static\/app\.js" defer><\/script>/);
    }
    const app_js = await (await app.request('/static/app.js')).text();
    expect(app_js).toMatch(/requestAnimationFrame\(function \(\) \{\s*setTimeout/);
  });

  it('compresses pages and static files, and lets browsers cache static files', async () => {
    const page = await app.request('/region/130681', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const js = await app.request('/static/echarts.min.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('cache-control')).toMatch(/max-age=\d{4,}/);
    const map = await app.request('/static/maps/china.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(map.status).toBe(200);
    expect(map.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request('/static/app.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});
