/**
 * The dashboard in a real headless Chromium, on a database made by ingesting
 * real documents (the shared seeds when ../shared exists, else examples/).
 * Skipped, with a message, when Chromium is not installed
 * (apt-get install -y chromium).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared, REPO_ROOT } from '../store/corpus.case.js';
import { ingest } from '../store/ingest.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import type { DocumentDetail } from '../store/types.js';
import { startServer, type RunningServer } from '../server/serve.js';

const CHROMIUM = process.env.ZHIBIAO_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set ZHIBIAO_CHROMIUM)\n`);
}

const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');

describe.skipIf(!haveChromium)('dashboard in Chromium', () => {
  let dir: string;
  let store: SqliteStore;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  /** The county whose page is opened: 江永县 with the seeds, else a county of the examples. */
  let county: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-browser-'));
    store = openSqliteStore(join(dir, 'browser.db'));
    const summary = await ingest(store, [corpusDir()], { workers: 2 });
    expect(summary.failed).toEqual([]);
    if (hasShared()) county = '431125';
    else {
      const counties = await store.regions({ level: 'county', withFacts: true });
      county = counties.sort((a, b) => b.factCount - a.factCount)[0]!.code;
    }
    server = await startServer(store, { port: 0, host: '127.0.0.1' });
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('pageerror', (err) => {
      throw new Error(`page error: ${err.message}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('region page: clicking a number opens the document at the highlighted source sentence', async () => {
    await page.goto(`${server.url}region/${county}`);
    const name = (await store.region(county))!.name;
    await expect(page.locator('h1').textContent()).resolves.toContain(name);
    const link = page.locator('table.headline a.num').first();
    await expect(link.count()).resolves.toBe(1);
    const factId = await link.getAttribute('data-fact');
    const shown = (await link.textContent())!;
    await page.screenshot({ path: join(SHOTS, 'region.png'), fullPage: true });

    await link.click();
    await page.waitForURL(/\/doc\/\d+#fact-\d+$/);
    const docId = /\/doc\/(\d+)/.exec(page.url())![1]!;
    const doc = (await (await fetch(`${server.url}api/documents/${docId}`)).json()) as DocumentDetail;
    const fact = doc.facts.find((f) => String(f.id) === factId)!;
    expect(fact, `fact ${factId} is in document ${docId}`).toBeDefined();

    // the span is highlighted in the text, in view, and reads exactly the quote
    const focused = page.locator('#doc-text mark.fact.focus');
    await expect(focused.first().isVisible()).resolves.toBe(true);
    const text = (await focused.allTextContents()).join('');
    expect(text).toBe(fact.quote);
    const box = await focused.first().boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    // the banner shows the sentence around it, and the number shown on the region page
    const banner = page.locator('#focus');
    await expect(banner.isVisible()).resolves.toBe(true);
    await expect(banner.locator('.focus-sentence mark').textContent()).resolves.toBe(fact.quote);
    await expect(banner.locator('.focus-fact').textContent()).resolves.toContain(shown);
    await page.screenshot({ path: join(SHOTS, 'document.png') });
  });

  it('document page: hovering a highlight shows the fact; the side list scrolls to a span', async () => {
    const docs = await store.documents({ regions: [county], descendants: false });
    const doc = (await store.document(docs.items[0]!.id))!;
    await page.goto(`${server.url}doc/${doc.id}`);
    await expect(page.locator('#doc-text mark.fact').count()).resolves.toBeGreaterThan(0);
    await page.locator('#doc-text mark.fact').first().hover();
    await expect(page.locator('#tip').isVisible()).resolves.toBe(true);

    const last = doc.facts[doc.facts.length - 1]!;
    await page.locator(`.fact-list a[data-goto="${last.id}"]`).click();
    await page.waitForURL(new RegExp(`#fact-${last.id}$`));
    const focused = page.locator('#doc-text mark.fact.focus');
    expect((await focused.allTextContents()).join('')).toBe(last.quote);
    const box = await focused.first().boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
  });

  it('compare page ranks counties of the province by value', async () => {
    await page.goto(`${server.url}compare?indicator=gdp&within=430000&level=county`);
    const rows = page.locator('#ranking tbody tr');
    const n = await rows.count();
    expect(n).toBeGreaterThanOrEqual(2);
    const values = (await page.locator('#ranking tbody a.num').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value')))));
    const ranks = (await page.locator('#ranking tbody tr td:first-child').allTextContents()).map(Number);
    expect(ranks[0]).toBe(1);
    for (let i = 1; i < values.length; i++) {
      expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
      expect(ranks[i]!).toBeGreaterThanOrEqual(ranks[i - 1]!);
    }
    // every ranked region is a county-level unit of Hunan
    for (const code of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!))) {
      const r = await store.region(code);
      expect(r?.level).toBe('county');
      expect(r?.province).toBe('430000');
    }
    await page.locator('#compare-chart[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });
  });

  it('overview draws the Hunan county map', async () => {
    await page.goto(server.url);
    await page.locator('#map[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await expect(page.locator('.map-section .meta').textContent()).resolves.toMatch(/地图上122个县级地区中 \d+ 个有数据/);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  });
});
