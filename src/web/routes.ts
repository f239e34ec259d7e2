/**
 * The dashboard's routes: server-rendered pages plus the static files they
 * load (app.js, style.css, ECharts from node_modules, boundary maps).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { Store } from '../store/types.js';
import { MEASURES, PERIOD_PATTERN, INDICATOR_PATTERN, REGION_LEVELS, STATUSES } from '../store/vocab.js';
import { ApiError } from '../server/errors.js';
import { parseParams, type ParamSpec } from '../server/params.js';
import { indicatorName } from '../store/catalog.js';
import { compareRegions, indicatorEntries, regionParam, regionSummary } from '../server/queries.js';
import { MAPS, mapCodes, mapFor } from './maps/index.js';
import { comparePage } from './pages/compare.js';
import { documentPage } from './pages/document.js';
import { overviewPage } from './pages/overview.js';
import { regionPage } from './pages/region.js';

const slice = [
  { kind: 'string', name: 'indicator', pattern: INDICATOR_PATTERN, patternHint: 'an indicator id such as gdp', description: '' },
  { kind: 'enum', name: 'measure', values: MEASURES, description: '' },
  { kind: 'string', name: 'period', pattern: PERIOD_PATTERN, patternHint: 'a period such as 2023', description: '' },
  { kind: 'enum', name: 'status', values: STATUSES, description: '' },
] as const satisfies readonly ParamSpec[];

interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Static files by URL name, read once on first use. */
function assetTable(): Map<string, () => Asset> {
  const load = (url: URL | string, type: string): (() => Asset) => {
    let cached: Asset | undefined;
    return () => (cached ??= { body: readFileSync(url), type });
  };
  const table = new Map<string, () => Asset>();
  table.set('app.js', load(new URL('./static/app.js', import.meta.url), TYPES.js!));
  table.set('style.css', load(new URL('./static/style.css', import.meta.url), TYPES.css!));
  table.set('echarts.min.js', load(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), TYPES.js!));
  for (const m of MAPS) table.set(`maps/${m.file}`, load(new URL(`./maps/${m.file}`, import.meta.url), TYPES.json!));
  return table;
}

export function mountWeb(app: Hono, store: Store): void {
  const assets = assetTable();
  const serveAsset = (name: string): Response => {
    const get = assets.get(name);
    if (!get) throw new ApiError(404, `no static file ${name}`);
    const a = get();
    return new Response(new Uint8Array(a.body), { headers: { 'content-type': a.type, 'cache-control': 'public, max-age=3600' } });
  };
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/static/maps/:file', (c) => serveAsset(`maps/${c.req.param('file')}`));
  app.get('/static/:file', (c) => serveAsset(c.req.param('file')));

  app.get('/', async (c) => {
    const p = parseParams([...slice, { kind: 'string', name: 'province', pattern: /^\d{6}$/, patternHint: 'a province code', description: '' }], c.req.queries());
    const [stats, usage, documents] = await Promise.all([store.stats(), store.indicators(), store.documents({ limit: 50 })]);
    const info = mapFor(p.province ?? '430000');
    let map = null;
    if (info) {
      const counties = await store.regions({ within: info.province, level: info.level });
      const mapUsage = await store.indicators({ regions: counties.map((r) => r.code), descendants: false });
      const mapIndicators = indicatorEntries(mapUsage, false).sort((a, b) => b.regions - a.regions || b.facts - a.facts);
      const indicator = p.indicator ?? mapIndicators[0]?.id;
      const province = await store.region(info.province);
      const result =
        indicator && province
          ? await compareRegions(store, {
              indicator,
              within: province,
              level: info.level,
              ...(p.measure ? { measure: p.measure } : {}),
              ...(p.period ? { period: p.period } : {}),
              ...(p.status ? { status: p.status } : {}),
            })
          : undefined;
      const drawn = mapCodes(info);
      // the map shows only the units it has shapes for
      if (result) result.rows = result.rows.filter((r) => drawn.has(r.region.code));
      map = { info, result, indicators: mapIndicators, units: drawn.size };
    }
    return c.html(overviewPage({ stats, indicators: indicatorEntries(usage, false), documents: documents.items, map }));
  });

  app.get('/region/:code', async (c) => {
    const code = c.req.param('code');
    const region = await regionParam(store, code, 'code').catch((err: unknown) => {
      if (err instanceof ApiError) throw new ApiError(404, `没有找到地区“${code}”。${err.message}`);
      throw err;
    });
    return c.html(regionPage(await regionSummary(store, region), indicatorName));
  });

  app.get('/compare', async (c) => {
    const p = parseParams(
      [
        ...slice,
        { kind: 'string', name: 'within', description: '' },
        { kind: 'enum', name: 'level', values: REGION_LEVELS, description: '' },
        { kind: 'string', name: 'peers_of', description: '' },
      ],
      c.req.queries(),
    );
    const indicators = indicatorEntries(await store.indicators(), false);
    const indicator = p.indicator ?? indicators[0]?.id;
    const result = indicator
      ? await compareRegions(store, {
          indicator,
          ...(p.measure ? { measure: p.measure } : {}),
          ...(p.period ? { period: p.period } : {}),
          ...(p.status ? { status: p.status } : {}),
          ...(p.peers_of ? { peersOf: await regionParam(store, p.peers_of, 'peers_of') } : {}),
          ...(!p.peers_of && p.within ? { within: await regionParam(store, p.within, 'within') } : {}),
          ...(p.level ? { level: p.level } : {}),
        })
      : undefined;
    return c.html(comparePage(result, indicators, { indicator, within: p.within, level: p.level, peersOf: p.peers_of }));
  });

  app.get('/doc/:id', async (c) => {
    const { id } = parseParams([{ kind: 'integer', name: 'id', in: 'path', required: true, min: 1, description: '' }], {}, { id: c.req.param('id') });
    const doc = await store.document(id);
    if (!doc) throw new ApiError(404, `没有编号为 ${id} 的文件。`);
    return c.html(documentPage(doc, indicatorName));
  });
}
