/**
 * The dashboard's routes: server-rendered pages plus the static files they
 * load (app.js, style.css, ECharts from node_modules, boundary maps).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { compress } from 'hono/compress';
import type { Store } from '../store/types.js';
import { hashToken, SESSION_COOKIE, viewerOf, type ReadAccess, type Viewer } from '../server/auth.js';
import { MEASURES, PERIOD_PATTERN, INDICATOR_PATTERN, REGION_LEVELS, STATUSES } from '../store/vocab.js';
import { ApiError } from '../server/errors.js';
import { parseParams, type ParamSpec } from '../server/params.js';
import { sameOriginPath, viaHttps } from '../server/security.js';
import { indicatorName } from '../store/catalog.js';
import { compareRegions, indicatorEntries, regionParam, regionSummary } from '../server/queries.js';
import { CHINA, mapCodes, mapFiles, mapFor, type MapLevel } from './maps/index.js';
import { comparePage, REVIEW_FILTERS, type ReviewFilter } from './pages/compare.js';
import { documentPage } from './pages/document.js';
import { loginPage } from './pages/login.js';
import { searchPage } from './pages/search.js';
import type { PageViewer } from './pages/layout.js';
import { overviewPage } from './pages/overview.js';
import { regionPage } from './pages/region.js';
import { targetsPage } from './pages/targets.js';
import { downloadBody, type SheetTable } from './download.js';
import { compareSheet, regionSheet, targetsSheet } from './sheets.js';
import { OUTCOMES } from '../store/vocab.js';
import { mountAnalysis } from './analysis-routes.js';
import { headlineOf, storedTargetLists } from '../store/absent.js';

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
  for (const f of mapFiles()) table.set(`maps/${f.replace('provinces/', '')}`, load(new URL(`./maps/${f}`, import.meta.url), TYPES.json!));
  return table;
}

export interface WebOptions {
  store: Store;
  read: ReadAccess;
}


export function mountWeb(app: Hono, { store, read }: WebOptions): void {
  // pages and static files compressed (gzip/deflate as the browser accepts; echarts.min.js 1 MB → ≈330 kB)
  app.use('/static/*', compress());
  for (const path of ['/', '/region/*', '/compare', '/targets', '/doc/*', '/search', '/escalation', '/scorecard', '/glossary', '/glossary/*']) app.use(path, compress());
  /** The signed-in user; a stale cookie just signs out. */
  const viewerFor = async (c: Context): Promise<Viewer | null> => {
    try {
      return await viewerOf(store, c);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return null;
      }
      throw err;
    }
  };
  const shown = (v: Viewer | null): PageViewer | null => (v ? { name: v.user.name, role: v.user.role } : null);
  /** A page handler that knows the viewer; with --read token, a visitor is sent to sign in first. */
  const pageRoute =
    (handler: (c: Context, viewer: PageViewer | null) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const viewer = await viewerFor(c);
      if (read === 'token' && !viewer) {
        const url = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return handler(c, shown(viewer));
    };

  /** With --read token, a download needs a signed-in viewer too. */
  const readGate = async (c: Context): Promise<void> => {
    if (read === 'token' && !(await viewerFor(c))) throw new ApiError(401, '请先登录后再下载。');
  };
  const formatParam = (c: Context): 'csv' | 'xlsx' =>
    parseParams([{ kind: 'enum', name: 'format', values: ['csv', 'xlsx'] as const, default: 'csv', description: '' }], { format: c.req.queries('format') ?? [] }).format;
  const downloadResponse = async (c: Context, table: SheetTable): Promise<Response> => {
    const d = await downloadBody(table, formatParam(c));
    return new Response(new Uint8Array(d.body), {
      headers: {
        'content-type': d.type,
        'content-disposition': `attachment; filename="download.${d.filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
        'cache-control': 'no-store',
      },
    });
  };

  /** The compare page's model from its query: the comparison, the indicator list, and the scopes offered. */
  const comparePageModel = async (queries: Record<string, string[]>) => {
    const { format: _format, ...rest } = queries;
    const p = parseParams(
      [
        ...slice,
        { kind: 'string', name: 'within', description: '' },
        { kind: 'enum', name: 'level', values: REGION_LEVELS, description: '' },
        { kind: 'string', name: 'peers_of', description: '' },
        { kind: 'string', name: 'focus', description: '' },
        { kind: 'enum', name: 'review', values: Object.keys(REVIEW_FILTERS) as ReviewFilter[], description: '' },
      ],
      rest,
    );
    const reviewStates = REVIEW_FILTERS[p.review ?? 'default'].states;
    const indicators = indicatorEntries(await store.indicators(), false);
    const indicator = p.indicator ?? indicators[0]?.id;
    const peersOf = p.peers_of ? await regionParam(store, p.peers_of, 'peers_of') : undefined;
    const focus = peersOf ?? (p.focus ? await regionParam(store, p.focus, 'focus') : undefined);
    const within = !peersOf && p.within ? await regionParam(store, p.within, 'within') : undefined;
    const result = indicator
      ? await compareRegions(store, {
          indicator,
          ...(p.measure ? { measure: p.measure } : {}),
          ...(p.period ? { period: p.period } : {}),
          ...(p.status ? { status: p.status } : {}),
          ...(peersOf ? { peersOf } : {}),
          ...(within ? { within } : {}),
          ...(p.level ? { level: p.level } : {}),
          ...(reviewStates ? { reviews: [...reviewStates] } : {}),
        })
      : undefined;
    if (result && focus && !peersOf) result.focus = focus;
    // the scopes offered: the regions above the focus (or the current scope), widest first
    const anchor = focus ?? result?.within ?? within;
    const scopes = anchor ? [...(await store.ancestors(anchor.code))].reverse().filter((r) => r.level !== 'county') : [];
    if (!focus && anchor && anchor.level !== 'county' && !scopes.some((r) => r.code === anchor.code)) scopes.push(anchor);
    return { result, indicators, p, scopes };
  };

  const assets = assetTable();
  const serveAsset = (name: string): Response => {
    const get = assets.get(name);
    if (!get) throw new ApiError(404, `no static file ${name}`);
    const a = get();
    return new Response(new Uint8Array(a.body), { headers: { 'content-type': a.type, 'cache-control': 'public, max-age=86400' } });
  };
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/static/maps/:file', (c) => serveAsset(`maps/${c.req.param('file')}`));
  app.get('/static/:file', (c) => serveAsset(c.req.param('file')));

  app.get('/login', async (c) => {
    const { next } = parseParams([{ kind: 'string', name: 'next', maxLength: 2000, description: '' }], c.req.queries());
    return c.html(loginPage({ next: sameOriginPath(next, c.req.url), error: null, viewer: shown(await viewerFor(c)) }));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const next = sameOriginPath(typeof form.next === 'string' ? form.next : undefined, c.req.url);
    const found = /^zb_[A-Za-z0-9_-]{43}$/.test(token) ? await store.tokenUser(hashToken(token)) : undefined;
    if (!found) {
      return c.html(loginPage({ next, error: '令牌无效、已吊销或用户已停用。请向管理员索取新令牌。', viewer: null }), 401);
    }
    setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', maxAge: 30 * 24 * 3600, secure: viaHttps(c) });
    await store.audit({ user: found.user.name, action: 'session.login', target: `token:${found.tokenId}` });
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  app.get('/search', pageRoute(async (c, viewer) => {
    const p = parseParams(
      [
        { kind: 'string', name: 'q', maxLength: 100, description: '' },
        { kind: 'integer', name: 'offset', min: 0, default: 0, description: '' },
      ],
      c.req.queries(),
    );
    const result = p.q ? await store.searchDocuments(p.q, { limit: 20, offset: p.offset }) : null;
    return c.html(searchPage(p.q ?? '', result, viewer));
  }));

  app.get('/', pageRoute(async (c, viewer) => {
    const p = parseParams(
      [
        ...slice,
        { kind: 'string', name: 'province', pattern: /^\d{6}$/, patternHint: 'a province code such as 130000', description: '' },
        { kind: 'enum', name: 'map_level', values: ['prefecture', 'county'] as const, description: '' },
      ],
      c.req.queries(),
    );
    const [stats, usage, documents] = await Promise.all([store.stats(), store.indicators(), store.documents({ limit: 50 })]);
    const info = p.province ? mapFor(p.province) : CHINA;
    if (p.province && !info) throw new ApiError(404, `没有省级地区 ${p.province} 的地图：province 须为省级代码，如 130000（河北省）。`);
    const level: MapLevel = info === CHINA ? 'province' : (p.map_level ?? 'county');
    const drawnUnits = mapCodes(info!, level);
    const mapUsage = await store.indicators({ regions: [...drawnUnits], descendants: false });
    const mapIndicators = indicatorEntries(mapUsage, false).sort((a, b) => b.regions - a.regions || b.facts - a.facts);
    const indicator = p.indicator ?? mapIndicators[0]?.id;
    const province = info === CHINA ? undefined : await store.region(info!.province);
    const result = indicator
      ? await compareRegions(store, {
          indicator,
          ...(province ? { within: province } : {}),
          level,
          ...(p.measure ? { measure: p.measure } : {}),
          ...(p.period ? { period: p.period } : {}),
          ...(p.status ? { status: p.status } : {}),
        })
      : undefined;
    // the map shows only the units it has shapes for
    if (result) result.rows = result.rows.filter((r) => drawnUnits.has(r.region.code));
    const map = { info: info!, level, result, indicators: mapIndicators, units: drawnUnits.size, province: province ?? null };
    return c.html(overviewPage({ stats, indicators: indicatorEntries(usage, false), documents: documents.items, map }, viewer));
  }));

  app.get('/region/:code', pageRoute(async (c, viewer) => {
    const code = c.req.param('code') ?? '';
    const region = await regionParam(store, code, 'code').catch((err: unknown) => {
      if (err instanceof ApiError) throw new ApiError(404, `没有找到地区“${code}”。${err.message}`);
      throw err;
    });
    return c.html(regionPage(await regionSummary(store, region), indicatorName, viewer));
  }));

  app.get('/download/region/:code', async (c) => {
    await readGate(c);
    const region = await regionParam(store, c.req.param('code') ?? '', 'code');
    const { table } = parseParams([{ kind: 'enum', name: 'table', values: ['headline', 'targets'] as const, default: 'headline', description: '' }], { table: c.req.queries('table') ?? [] });
    const s = await regionSummary(store, region);
    return downloadResponse(c, table === 'targets' ? targetsSheet(`${region.name}_目标完成情况`, s.targets) : regionSheet(s));
  });

  const targetsModel = async (queries: Record<string, string[]>) => {
    const { format: _format, ...rest } = queries;
    const p = parseParams(
      [
        { kind: 'string', name: 'region', description: '' },
        { kind: 'string', name: 'indicator', pattern: INDICATOR_PATTERN, patternHint: 'an indicator id such as gdp', description: '' },
        { kind: 'list', name: 'outcome', values: OUTCOMES, description: '' },
        { kind: 'integer', name: 'offset', min: 0, default: 0, description: '' },
      ],
      rest,
    );
    const region = p.region ? await regionParam(store, p.region, 'region') : undefined;
    const all = await store.targets({ ...(region ? { regions: [region.code] } : {}), ...(p.indicator ? { indicators: [p.indicator] } : {}) });
    const items = p.outcome ? all.filter((t) => p.outcome!.includes(t.outcome)) : all;
    return { p, region, all, items };
  };

  app.get('/targets', pageRoute(async (c, viewer) => {
    const { p, region, all, items } = await targetsModel(c.req.queries());
    const query = new URL(c.req.url).search.replace(/^\?/, '');
    // 未设目标 records of the region's reports (only for one region: the full list stays fast)
    const absent = region ? (await storedTargetLists(store, [region.code])).filter((l) => !p.indicator || l.absent.some((a) => a.indicator === headlineOf(p.indicator!))) : undefined;
    return c.html(targetsPage({ region: region ?? null, indicator: p.indicator ?? null, outcomes: p.outcome ?? [], all, items, query, offset: p.offset, ...(absent ? { targetLists: absent } : {}) }, indicatorName, viewer));
  }));

  app.get('/download/targets', async (c) => {
    await readGate(c);
    const { region, items } = await targetsModel(c.req.queries());
    return downloadResponse(c, targetsSheet(`${region?.name ?? '全部地区'}_目标完成情况`, items));
  });

  app.get('/compare', pageRoute(async (c, viewer) => {
    const { result, indicators, p, scopes } = await comparePageModel(c.req.queries());
    const query = new URL(c.req.url).search.replace(/^\?/, '');
    return c.html(
      comparePage(result, indicators, { indicator: result?.indicator.id ?? p.indicator, within: p.within, level: p.level, peersOf: p.peers_of, review: p.review, scopes, query }, viewer),
    );
  }));

  app.get('/download/compare', async (c) => {
    await readGate(c);
    const { result } = await comparePageModel(c.req.queries());
    return downloadResponse(c, compareSheet(result));
  });

  mountAnalysis(app, store, { pageRoute, readGate, downloadResponse });

  app.get('/doc/:id', pageRoute(async (c, viewer) => {
    const { id } = parseParams([{ kind: 'integer', name: 'id', in: 'path', required: true, min: 1, description: '' }], {}, { id: c.req.param('id') ?? '' });
    const doc = await store.document(id);
    if (!doc) throw new ApiError(404, `没有编号为 ${id} 的文件。`);
    return c.html(documentPage(doc, indicatorName, viewer));
  }));
}
