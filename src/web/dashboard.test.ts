/**
 * Issue 11 in a real headless Chromium, on small Hebei test data at three
 * levels (hebei.case.ts): best available values ranked together, honest
 * targets, headline levels, the trend chart, national maps with drill-down,
 * titles and source links, downloads, the compare scope, small screens.
 * Writes the screenshots to artifacts/screenshots/. Skipped without Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, launchChromium } from './chromium.case.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../store/corpus.case.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite.js';
import { syncGazetteer } from '../store/regions.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { toExtraction } from '../store/sample.case.js';
import { HEBEI_DOCS } from './hebei.case.js';

const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');

describe.skipIf(!haveChromium)('dashboard an analyst trusts (Chromium, Hebei data)', () => {
  let dir: string;
  let store: SqliteStore;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhibiao-hebei-'));
    store = openSqliteStore(join(dir, 'hebei.db'));
    await syncGazetteer(store);
    for (const [i, d] of HEBEI_DOCS.entries()) {
      await store.saveExtraction({
        hash: `hebei-${i}`,
        path: d.path,
        bytes: 1,
        extractorVersion: 'v1',
        extraction: toExtraction(d),
        ...(d.path.includes('易县') ? { title: '易县2023年统计公报', sourceUrl: 'http://example.gov.cn/yixian/2023.html' } : {}),
      });
    }
    server = await startServer(store, { port: 0, host: '127.0.0.1' });
    mkdirSync(SHOTS, { recursive: true });
    context = await launchChromium(dir);
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    await context?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("compare: 保定's counties ranked together, actual over estimate, estimates badged, scope chosen in the page", async () => {
    await page.goto(`${server.url}compare?indicator=gdp&within=130600&level=county`);
    await expect(page.locator('#compare-scope').textContent()).resolves.toContain('保定市内全部县级地区');
    const rows = await page.locator('#ranking tbody tr').evaluateAll((els) => els.map((e) => [e.querySelector('td:nth-child(2)')!.textContent, e.getAttribute('data-status')]));
    // the latest year's level by default; 涿州's bulletin actual wins over its report's estimate
    expect(rows).toEqual([
      ['涿州市', 'actual'],
      ['易县', 'actual'],
      ['安国市', 'estimate'],
    ]);
    await expect(page.locator('#ranking tr[data-status="estimate"] small.tag.est').textContent()).resolves.toBe('预计');
    await expect(page.locator('#ranking tbody tr').first().locator('a.num').textContent()).resolves.toBe('458.9亿元');
    // each value names its document by title, with the original's address when known
    await expect(page.locator('#ranking tr[data-code="130681"] small.doc').textContent()).resolves.toContain('涿州市2023年国民经济和社会发展统计公报');
    await expect(page.locator('#ranking tr[data-code="130633"] small.doc a.source').getAttribute('href')).resolves.toBe('http://example.gov.cn/yixian/2023.html');
    // the scope select offers 全国, 河北省 and 保定市; choosing 河北省 relabels the page
    await page.locator('select[name="within"]').selectOption('130000');
    await page.locator('form.selectors button[type="submit"]').click();
    await page.waitForURL(/within=130000/);
    await expect(page.locator('#compare-scope').textContent()).resolves.toContain('河北省内全部县级地区');
    await page.goto(`${server.url}compare?indicator=gdp&within=130600&level=county`);
    await page.locator('#compare-chart[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'compare-baoding-counties.png'), fullPage: true });
    // no clipped bar labels: the room right of the longest bar holds the widest label
    const room = await page.evaluate(() => {
      const ec = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): Record<string, unknown> } } }).echarts;
      const o = ec.getInstanceByDom(document.getElementById('compare-chart')!).getOption() as {
        grid: { right: number }[];
        series: { data: { display: string; estimate: boolean }[] }[];
      };
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = '12px sans-serif';
      const widest = Math.max(...o.series[0]!.data.map((d) => ctx.measureText(d.display + (d.estimate ? '（预计）' : '')).width));
      return { right: o.grid[0]!.right, widest };
    });
    expect(room.right).toBeGreaterThanOrEqual(room.widest + 5);
    // targets beside outcomes: 涿州's 2023 growth target of 6% against its 6.3% actual
    await page.goto(`${server.url}compare?indicator=gdp&within=130600&level=county&measure=growth&period=2023`);
    const zz = page.locator('#ranking tr[data-code="130681"]');
    await expect(zz.locator('a.num.target').textContent()).resolves.toBe('增长6%');
    await expect(zz.locator('.badge').textContent()).resolves.toBe('达成');
    // one status on request
    await page.goto(`${server.url}compare?indicator=gdp&within=130600&level=county&status=actual&measure=level&period=2023`);
    expect(await page.locator('#ranking tbody tr').count()).toBe(2);
  });

  it('region: best value with its badge, the latest level with its year, targets counted per outcome and filtered', async () => {
    await page.goto(`${server.url}region/130684`);
    // 高碑店: 2023 has only a growth rate; the headline shows the 2021 level
    await expect(page.locator('table.headline tr[data-indicator="gdp"] td.level').textContent()).resolves.toMatch(/214\.3亿元.*\(2021\)/);
    await expect(page.locator('.docs').textContent()).resolves.toContain('2024年高碑店市政府工作报告');
    await expect(page.locator('.docs a.source').getAttribute('href')).resolves.toBe('http://example.gov.cn/gbd/2024.html');

    await page.goto(`${server.url}region/130681`);
    const level = page.locator('table.headline tr[data-indicator="gdp"] td.level');
    await expect(level.textContent()).resolves.toContain('458.9亿元');
    await expect(level.locator('a.rank').textContent()).resolves.toBe('保定市第1/3');
    const filter = page.locator('.outcome-filter');
    await expect(filter.locator('button[data-outcome="met"] b').textContent()).resolves.toBe('1');
    await expect(filter.locator('button[data-outcome="pending"] b').textContent()).resolves.toBe('1');
    await filter.locator('button[data-outcome="pending"]').click();
    const visible = await page.locator('#targets-table tbody tr:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    expect(visible).toEqual(['pending']);
    await filter.locator('button[data-outcome=""]').click();
    // the trend chart: a real year axis with a gap, the target as a second series
    await page.locator('#series-chart[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    const series = JSON.parse((await page.locator('#series-data').textContent())!) as { label: string; points: { year: number; estimate: boolean }[]; targets: unknown[] }[];
    const levels = series.find((s) => s.label.startsWith('地区生产总值（总量'))!;
    expect(levels.points.map((p) => [p.year, p.estimate])).toEqual([
      [2020, true],
      [2021, false],
      [2023, false],
    ]);
    expect(levels.targets).toHaveLength(1);
    // drawn on a year axis: 2022 is a gap (null), the 2020 estimate is a hollow marked point, the 2030 target a second series
    const option = await page.evaluate(() => {
      const o = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): Record<string, unknown> } } }).echarts
        .getInstanceByDom(document.getElementById('series-chart')!)
        .getOption() as { xAxis: { type: string }[]; series: { name: string; data: { value: [number, number | null]; symbol?: string }[] }[] };
      return { axis: o.xAxis[0]!.type, line: o.series[0]!.data.map((d) => [d.value[0], d.value[1], d.symbol ?? null]), target: o.series[1]!.name };
    });
    expect(option.axis).toBe('value');
    expect(option.line.find((d) => d[0] === 2022)?.[1]).toBeNull();
    expect(option.line.find((d) => d[0] === 2020)?.[2]).toBe('emptyCircle');
    expect(option.target).toBe('目标');
    await page.screenshot({ path: join(SHOTS, 'region-hebei-county.png'), fullPage: true });

    await page.goto(`${server.url}region/130683`);
    await expect(page.locator('table.headline tr[data-indicator="gdp"] td.level small.tag.est').textContent()).resolves.toBe('预计');
    await expect(page.locator('#targets-table tr[data-outcome="no_data"] .badge').textContent()).resolves.toBe('无实际数据');
  });

  it('targets page lists every target with counts; downloads are UTF-8 CSV with BOM and XLSX', async () => {
    await page.goto(`${server.url}targets`);
    await expect(page.locator('p.meta').textContent()).resolves.toMatch(/3 项目标：达成 1 · 未达成 0 · 待定 1 · 无实际数据 1/);
    await page.screenshot({ path: join(SHOTS, 'targets.png'), fullPage: true });
    // the region page offers its tables too
    await page.goto(`${server.url}region/130681`);
    const href = await page.locator('#targets .downloads a').nth(1).getAttribute('href');
    expect(href).toBe('/download/region/130681?table=targets&format=xlsx');
    const regionXlsx = await fetch(`${server.url}${href!.slice(1)}`);
    expect(regionXlsx.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''.+\.xlsx/);
    const csv = await (await fetch(`${server.url}download/targets?format=csv`)).arrayBuffer();
    const bytes = new Uint8Array(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('地区代码,地区,指标');
    const xlsx = await fetch(`${server.url}download/compare?indicator=gdp&within=130600&level=county&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const { default: readXlsx } = await import('read-excel-file/node');
    const buf = Buffer.from(await (await fetch(`${server.url}download/compare?indicator=gdp&within=130600&level=county&format=xlsx`)).arrayBuffer());
    const read = (await readXlsx(buf)) as unknown as unknown[];
    const rows = (Array.isArray(read[0]) ? read : (read[0] as { data: unknown[][] }).data) as unknown[][];
    expect(rows[0]).toContain('地区生产总值总量（亿元）');
    expect(rows[1]).toContain(458.9);
  });

  it('overview: a China map of provinces, drilling down into a province (prefectures and counties)', async () => {
    await page.goto(server.url);
    await page.locator('#map[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await expect(page.locator('#map-meta').textContent()).resolves.toMatch(/地图上34个省级地区中 1 个有数据/);
    await page.screenshot({ path: join(SHOTS, 'overview-china.png'), fullPage: true });
    await page.goto(`${server.url}?province=130000`);
    await page.locator('#map[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await expect(page.locator('#map-meta').textContent()).resolves.toMatch(/县级地区中 3 个有数据/);
    await page.screenshot({ path: join(SHOTS, 'overview-hebei-counties.png'), fullPage: true });
    await page.goto(`${server.url}?province=130000&map_level=prefecture`);
    await page.locator('#map[data-ready="true"] canvas').waitFor({ timeout: 15_000 });
    await expect(page.locator('#map-meta').textContent()).resolves.toMatch(/地图上11个地级地区中 1 个有数据/);
    await page.screenshot({ path: join(SHOTS, 'overview-hebei-prefectures.png'), fullPage: true });
  });

  it('documents are named by their title and link to the original', async () => {
    const docs = await store.documents({ regions: ['130633'], descendants: false });
    await page.goto(`${server.url}doc/${docs.items[0]!.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('易县2023年统计公报');
    await expect(page.locator('#source-url').getAttribute('href')).resolves.toBe('http://example.gov.cn/yixian/2023.html');
  });

  it('is usable 390 px wide: nothing wider than the screen, no one-character columns', async () => {
    const small = await context.newPage();
    await small.setViewportSize({ width: 390, height: 844 });
    for (const path of ['region/130681', 'compare?indicator=gdp&within=130600&level=county', 'targets']) {
      await small.goto(`${server.url}${path}`);
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(392);
      const narrow = await small.locator('table.grid thead th').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width < 30).length);
      expect(narrow, path).toBe(0);
    }
    await small.goto(`${server.url}region/130681`);
    await small.screenshot({ path: join(SHOTS, 'region-390px.png'), fullPage: true });
    await small.close();
  });
});
