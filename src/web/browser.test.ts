/**
 * The dashboard in a real headless Chromium, on a database made by ingesting
 * real documents (the shared seeds when ../shared exists, else examples/).
 * Skipped, with a message, when Chromium is not installed
 * (apt-get install -y chromium).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium } from './chromium.case.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, hasShared, REPO_ROOT } from '../store/corpus.case.js';
import { ingest } from '../store/ingest.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import type { DocumentDetail } from '../store/types.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { issueToken } from '../server/auth.js';
import { codePointSpan, toExtraction, type SampleDoc } from '../store/sample.case.js';

if (!haveChromium) {
  process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set ZHIBIAO_CHROMIUM)\n`);
}

const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');

/** Headless Debian Chromium with a fresh profile in `dir`, failing the test on any page error. */
async function openBrowser(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(SHOTS, { recursive: true });
  const context = await launchChromium(dir);
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw new Error(`page error: ${err.message}`);
  });
  return { context, page };
}

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
    ({ context, page } = await openBrowser(dir));
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
    await page.goto(`${server.url}?province=430000`);
    await page.locator('#map[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await expect(page.locator('.map-section .meta').textContent()).resolves.toMatch(/地图上122个县级地区中 \d+ 个有数据/);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  });
});

/** A document with a character outside the BMP before its facts: code points and UTF-16 units differ after it. */
const REVIEW_DOC: SampleDoc = {
  path: 'review/江永县_公报.txt',
  region: ['431125', '江永县'],
  year: 2023,
  kind: 'bulletin',
  text: '江永𠮷县2023年统计公报\n全年地区生产总值102.3亿元，增长5.8%。固定资产投资增长7.6%。粮食产量12.5万吨。\n',
  facts: [
    { quote: '地区生产总值102.3亿元', region: ['431125', '江永县'], indicator: 'gdp', measure: 'level', value: 10230000000, unit: 'CNY', period: '2023', status: 'actual' },
    { quote: '增长5.8%', region: ['431125', '江永县'], indicator: 'gdp', measure: 'growth', value: 5.8, unit: '%', period: '2023', status: 'actual' },
    { quote: '固定资产投资增长7.6%', region: ['431125', '江永县'], indicator: 'fai', measure: 'growth', value: 7.6, unit: '%', period: '2023', status: 'actual' },
  ],
};

describe.skipIf(!haveChromium)('reviewing in the dashboard (Chromium)', () => {
  let dir: string;
  let store: SqliteStore;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let docId: number;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-review-ui-'));
    store = openSqliteStore(join(dir, 'review.db'));
    const { syncGazetteer } = await import('../store/regions.js');
    await syncGazetteer(store);
    docId = (await store.saveExtraction({ hash: 'review-ui', path: REVIEW_DOC.path, bytes: 1, extractorVersion: 'v1', extraction: toExtraction(REVIEW_DOC) })).id;
    await store.createUser('li', 'reviewer');
    token = (await issueToken(store, 'li', 'browser')).token;
    server = await startServer(store, { port: 0, host: '127.0.0.1', read: 'token' });
    ({ context, page } = await openBrowser(dir));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = async (quote: string): Promise<string | undefined> =>
    (await store.document(docId))!.facts.find((f) => f.quote === quote)?.reviewState;

  it('signs in with a token and comes back to the document', async () => {
    await page.goto(`${server.url}doc/${docId}`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('input[name="token"]').fill(token);
    await page.locator('.login-form button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/doc/${docId}$`));
    await expect(page.locator('header .who .user').textContent()).resolves.toContain('li');
    await expect(page.locator('.review-actions').count()).resolves.toBe(3);
  });

  it('accepts, corrects and rejects facts in place', async () => {
    const item = (quote: string) => page.locator('.fact-list li', { hasText: quote === '增长5.8%' ? '5.8%' : quote });
    const gdp = (await store.document(docId))!.facts.find((f) => f.measure === 'level')!;
    await page.locator(`.review-actions button[data-action="accept"][data-id="${gdp.id}"]`).click();
    await page.locator(`.fact-list li[data-fact="${gdp.id}"][data-state="accepted"]`).waitFor();
    expect(await stateOf('地区生产总值102.3亿元')).toBe('accepted');

    const growth = (await store.document(docId))!.facts.find((f) => f.measure === 'growth' && f.indicator === 'gdp')!;
    // a level is corrected in the unit shown (亿元) and saved in yuan
    const level = (await store.document(docId))!.facts.find((f) => f.measure === 'level' && f.indicator === 'gdp')!;
    await page.locator(`.review-actions button[data-action="correct"][data-id="${level.id}"]`).click();
    const levelDialog = page.locator('#review-dialog');
    await expect(levelDialog.locator('input[name="value"]').inputValue()).resolves.toBe('102.3');
    await expect(levelDialog.locator('select[name="scale"] option:checked').textContent()).resolves.toBe('亿元');
    await levelDialog.locator('input[name="value"]').fill('102.5');
    await levelDialog.locator('button[type="submit"]').click();
    await page.locator('.fact-list li[data-state="corrected"]').waitFor();
    expect((await store.reviews({ documentId: docId, states: ['corrected'] })).items[0]).toMatchObject({ fields: { value: 10250000000 } });
    await page.locator(`.review-actions button[data-action="correct"][data-id="${growth.id}"]`).click();
    const dialog = page.locator('#review-dialog');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(dialog.locator('input[name="value"]').inputValue()).resolves.toBe('5.8');
    await dialog.locator('input[name="value"]').fill('5.9');
    await dialog.locator('input[name="note"]').fill('以修订数为准');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.fact-list li[data-state="corrected"]').count(), { timeout: 10_000 }).toBe(2);
    const corrected = (await store.reviews({ documentId: docId, states: ['corrected'] })).items[0]!;
    expect(corrected).toMatchObject({ fields: { value: 5.9 }, note: '以修订数为准', by: 'li' });
    await expect(page.locator(`.fact-list li[data-fact="${corrected.shownFactId}"] .val`).textContent()).resolves.toContain('5.9');
    expect(page.url()).toMatch(new RegExp(`#fact-${corrected.shownFactId}$`));

    const fai = (await store.document(docId))!.facts.find((f) => f.indicator === 'fai')!;
    // rejecting asks first: dismissed, nothing happens; confirmed, the fact is rejected
    page.once('dialog', (d) => void d.dismiss());
    await page.locator(`.review-actions button[data-action="reject"][data-id="${fai.id}"]`).click();
    await page.waitForTimeout(300);
    expect(await stateOf('固定资产投资增长7.6%')).toBe('unreviewed');
    page.once('dialog', (d) => {
      expect(d.type()).toBe('confirm');
      void d.accept();
    });
    await page.locator(`.review-actions button[data-action="reject"][data-id="${fai.id}"]`).click();
    await page.locator(`.fact-list li[data-fact="${fai.id}"].state-rejected`).waitFor();
    expect(await stateOf('固定资产投资增长7.6%')).toBe('rejected');
    await expect(item('固定资产投资').count()).resolves.toBe(1);
  });

  it('adds a missed fact by selecting its words; the span counts code points of the decoded text', async () => {
    const quote = '粮食产量12.5万吨';
    await page.evaluate((q) => {
      const root = document.getElementById('doc-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(q);
        if (at < 0) continue;
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + q.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(r);
        root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`${q} not in the page text`);
    }, quote);
    const add = page.locator('#add-fact');
    await add.waitFor({ state: 'visible' });
    await add.click();
    const dialog = page.locator('#review-dialog');
    const expected = codePointSpan(REVIEW_DOC.text, quote);
    await expect(dialog.locator('.dialog-title').textContent()).resolves.toContain(`[${expected[0]}, ${expected[1]})`);
    // prefilled from the selection and the document's year, the value in the unit written (万吨)
    await expect(dialog.locator('select[name="indicator"]').inputValue()).resolves.toBe('grain_output');
    await expect(dialog.locator('input[name="value"]').inputValue()).resolves.toBe('12.5');
    await expect(dialog.locator('select[name="scale"] option:checked').textContent()).resolves.toBe('万吨');
    await expect(dialog.locator('select[name="unit"]').inputValue()).resolves.toBe('ton');
    await expect(dialog.locator('input[name="period"]').inputValue()).resolves.toBe('2023');
    await expect(dialog.locator('select[name="status"]').inputValue()).resolves.toBe('actual');
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.fact-list li[data-state="added"]').waitFor();
    const added = (await store.reviews({ documentId: docId, states: ['added'] })).items[0]!;
    expect(added).toMatchObject({ span: expected, quote, by: 'li', fields: { indicator: 'grain_output', value: 125000, unit: 'ton', period: '2023' } });
    // UTF-16 offsets would be one more: the 𠮷 before it is two units
    expect(REVIEW_DOC.text.indexOf(quote)).toBe(expected[0] + 1);
    const focused = page.locator('#doc-text mark.fact.focus');
    expect((await focused.allTextContents()).join('')).toBe(quote);
    await page.screenshot({ path: join(SHOTS, 'review.png'), fullPage: true });
  });

  it('filters the fact list by review state', async () => {
    await page.locator('.review-filter button[data-filter="rejected"]').click();
    const visible = await page.locator('.fact-list li[data-state]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(visible).toEqual(['rejected']);
    await page.locator('.review-filter button[data-filter=""]').click();
    await expect(page.locator('.fact-list li[data-state]:visible').count()).resolves.toBe(4);
  });
});
