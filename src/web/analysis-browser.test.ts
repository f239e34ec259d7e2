/**
 * The analysis pages (escalation, scorecard, glossary, term) in a real
 * headless Chromium, on the three-level fixture (湖南省 → 永州市 → counties).
 * Skipped, with a message, when Chromium is not installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium } from './chromium.case.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { loadAnalysisFixture } from '../store/analysis.case.js';

if (!haveChromium) process.stderr.write(`analysis browser tests skipped: no Chromium at ${CHROMIUM}\n`);

describe.skipIf(!haveChromium)('analysis pages in Chromium', () => {
  let dir: string;
  let store: SqliteStore;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-analysis-browser-'));
    store = openSqliteStore(join(dir, 'a.db'));
    await loadAnalysisFixture(store);
    server = await startServer(store, { port: 0, host: '127.0.0.1' });
    context = await launchChromium(dir);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('escalation: the tree with gaps, 未设目标 apart from 无资料, a shaded province map, a number opening its sentence', async () => {
    await page.goto(`${server.url}escalation?indicator=fai&year=2024&region=430000`);
    await expect(page.locator('h1').textContent()).resolves.toContain('湖南省2024年固定资产投资目标层层分解');
    const row = (code: string) => page.locator(`#escalation tr[data-code="${code}"]`);
    await expect(row('431100').locator('td.gap').textContent()).resolves.toBe('+1.5pp');
    await expect(row('431125').locator('td.gap').textContent()).resolves.toBe('+1.5pp');
    await expect(row('431124').getAttribute('data-state')).resolves.toBe('not_set');
    await expect(row('431124').textContent()).resolves.toContain('未设目标');
    await expect(row('431126').textContent()).resolves.toContain('无资料');
    await expect(page.locator('#escalation-counts').textContent()).resolves.toMatch(/未设目标 1/);
    // the map draws (canvas) once ECharts and the boundaries have loaded
    await page.locator('#map canvas').first().waitFor({ timeout: 15000 });
    // the target of 江永县 links to its sentence
    const link = row('431125').locator('a.num').first();
    const factId = await link.getAttribute('data-fact');
    await link.click();
    await page.waitForURL(/\/doc\/\d+#fact-\d+/);
    await expect(page.locator(`#fact-${factId}`).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });

  it('targets page of a region: 未设目标 per year, apart from 无资料', async () => {
    await page.goto(`${server.url}targets?region=431100`);
    const rows = page.locator('#not-set tbody tr');
    await expect(rows.count()).resolves.toBe(3); // 永州市, 江永县, 道县 (宁远县 has no target list: 无资料)
    const text = await page.locator('#not-set').textContent();
    expect(text).toMatch(/道县[^]*固定资产投资/);
    expect(text).toContain('无资料');
    expect(errors).toEqual([]);
  });

  it('escalation download: CSV of the chain', async () => {
    const res = await page.request.get(`${server.url}download/escalation?indicator=gdp&year=2024&region=431100&format=csv`);
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(text).toContain('江永县');
    expect(text.split('\r\n')[0]).toContain('较上级(pp)');
  });

  it('scorecard: ranked counties, each value linked to its source, downloads', async () => {
    await page.goto(`${server.url}scorecard?region=431100&year=2024`);
    const first = page.locator('#scorecard tbody tr').first();
    await expect(first.getAttribute('data-code')).resolves.toBe('431125');
    await expect(first.locator('td').first().textContent()).resolves.toBe('1');
    await expect(first.locator('a.num').count()).resolves.toBeGreaterThan(0);
    const href = await page.locator('p.downloads a').last().getAttribute('href');
    const res = await page.request.get(`${server.url}${href!.replace(/^\//, '')}`);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    expect(errors).toEqual([]);
  });

  it('glossary: search, then a term page lists the documents using it', async () => {
    await page.goto(`${server.url}glossary`);
    await page.fill('input[name=q]', '双千');
    await page.click('form.selectors button');
    await page.waitForURL(/glossary\?q=/);
    await expect(page.locator('#glossary tbody tr').count()).resolves.toBe(1);
    await page.locator('#glossary tbody a').first().click();
    await page.waitForURL(/glossary\/term\//);
    await expect(page.locator('h1').textContent()).resolves.toContain('双千工程');
    await expect(page.locator('#term-uses tbody tr').count()).resolves.toBe(2);
    expect(errors).toEqual([]);
  });
});
