// First paint of every dashboard page on loopback, in headless Chromium
// (a benchmark, not a test). Usage:
//   node bin/zhibiao.js serve --db some.db --port 8911 &
//   node scripts/bench-first-paint.mjs http://127.0.0.1:8911 [runs]
// Prints, per page, the median first-paint and first-contentful-paint (ms)
// of `runs` cold loads (a fresh browser context each: no cache), and of warm
// loads (static files cached).
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://127.0.0.1:8911').replace(/\/$/, '');
const runs = Number(process.argv[3] ?? 5);
const CHROMIUM = process.env.ZHIBIAO_CHROMIUM ?? '/usr/bin/chromium';

async function firstDoc() {
  const r = await fetch(`${base}/api/documents?limit=1`);
  const j = await r.json();
  return j.items?.[0];
}

const doc = await firstDoc();
const pages = [
  ['overview (China map)', '/'],
  ['overview (Hebei counties)', '/?province=130000'],
  ['region (county)', doc?.region ? `/region/${doc.region.code}` : '/region/130681'],
  ['compare', '/compare?indicator=gdp&within=130600&level=county'],
  ['targets', '/targets'],
  ['document', doc ? `/doc/${doc.id}` : '/doc/1'],
  ['search', '/search?q=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC'],
];

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => {
  const ok = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return ok.length ? ok[Math.floor(ok.length / 2)] : NaN;
};
// the paint entries, waited for (headless Chromium records them a little after load)
const paintOf = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const out = { fp: NaN, fcp: NaN };
        const take = (list) => {
          for (const e of list) {
            if (e.name === 'first-paint') out.fp = e.startTime;
            if (e.name === 'first-contentful-paint') out.fcp = e.startTime;
          }
          if (!Number.isNaN(out.fp) && !Number.isNaN(out.fcp)) resolve(out);
        };
        take(performance.getEntriesByType('paint'));
        new PerformanceObserver((l) => take(l.getEntries())).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(out), 3000);
      }),
  );

console.log(`first paint on ${base}, median of ${runs} loads (ms)`);
console.log(['page', 'cold FP', 'cold FCP', 'warm FP', 'warm FCP'].join('\t'));
for (const [name, path] of pages) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.bringToFront();
    await page.goto(base + path, { waitUntil: 'load' });
    cold.push(await paintOf(page));
    // leave the page first, so its charts' work is not counted in the next load
    await page.goto('about:blank');
    await page.goto(base + path, { waitUntil: 'load' });
    warm.push(await paintOf(page));
    await ctx.close();
  }
  const f = (xs, k) => median(xs.map((x) => x[k])).toFixed(0);
  console.log([name, f(cold, 'fp'), f(cold, 'fcp'), f(warm, 'fp'), f(warm, 'fcp')].join('\t'));
}
await browser.close();
