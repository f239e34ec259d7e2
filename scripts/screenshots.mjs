// Screenshots of the dashboard for a running server (artifacts/screenshots/, gitignored):
//   node scripts/screenshots.mjs http://127.0.0.1:8787 [prefix]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
const prefix = process.argv[3] ?? 'real-';
const out = join(process.cwd(), 'artifacts', 'screenshots');
mkdirSync(out, { recursive: true });
const shots = [
  ['region-hebei-county', '/region/130633', null],
  ['compare-baoding-counties', '/compare?indicator=gdp&within=130600&level=county', '#compare-chart[data-ready="true"] canvas'],
  ['overview-china', '/', '#map[data-ready="true"] canvas'],
  ['overview-hebei', '/?province=130000', '#map[data-ready="true"] canvas'],
  ['targets-baoding', '/targets?region=130600', null],
];
const browser = await chromium.launch({ executablePath: process.env.ZHIBIAO_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (const [name, path, ready] of shots) {
  await page.goto(base + path, { waitUntil: 'load' });
  if (ready) await page.locator(ready).waitFor({ timeout: 20_000 });
  else await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, `${prefix}${name}.png`), fullPage: true });
  console.log(`${prefix}${name}.png  ${path}`);
}
await browser.close();
