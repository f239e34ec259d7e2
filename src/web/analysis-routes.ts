/**
 * Routes of the analysis pages: /escalation, /scorecard, /glossary,
 * /glossary/term/:term and their downloads. Mounted by routes.ts with the
 * same page guard (viewer, --read token) and download helper.
 */
import type { Context, Hono } from 'hono';
import type { Store } from '../store/types.js';
import { ApiError } from '../server/errors.js';
import { parseParams } from '../server/params.js';
import { indicatorName } from '../store/catalog.js';
import { INDICATOR_PATTERN, MEASURES } from '../store/vocab.js';
import { regionParam } from '../server/queries.js';
import { escalation } from '../store/escalation.js';
import { scorecard } from '../store/scorecard.js';
import { storedGlossary, termPage } from '../glossary/store.js';
import { mapCodes, mapFor } from './maps/index.js';
import { escalationPage, glossaryPage, scorecardPage, termDetailPage } from './pages/analysis.js';
import { escalationSheet, glossarySheet, scorecardSheet } from './analysis-sheets.js';
import type { PageViewer } from './pages/layout.js';
import type { SheetTable } from './download.js';

export interface AnalysisRouteHelpers {
  pageRoute: (handler: (c: Context, viewer: PageViewer | null) => Promise<Response>) => (c: Context) => Promise<Response>;
  readGate: (c: Context) => Promise<void>;
  downloadResponse: (c: Context, table: SheetTable) => Promise<Response>;
}

/** Indicators offered for escalation: the headline ones with targets. */
const ESCALATION_INDICATORS = ['gdp', 'industrial_va', 'fai', 'retail_sales', 'budget_revenue', 'income', 'income_urban', 'income_rural', 'trade'];

function queryOf(c: Context): string {
  return new URL(c.req.url).search.replace(/^\?/, '').replace(/(^|&)format=[^&]*/g, '');
}

export function mountAnalysis(app: Hono, store: Store, { pageRoute, readGate, downloadResponse }: AnalysisRouteHelpers): void {
  const escalationModel = async (c: Context) => {
    const { format: _f, ...rest } = c.req.queries();
    const p = parseParams(
      [
        { kind: 'string', name: 'indicator', pattern: INDICATOR_PATTERN, patternHint: 'an indicator id such as gdp', default: 'gdp', description: '' },
        { kind: 'integer', name: 'year', min: 1980, max: 2100, description: '' },
        { kind: 'string', name: 'region', description: '' },
        { kind: 'enum', name: 'measure', values: MEASURES, default: 'growth', description: '' },
      ],
      rest,
    );
    const region = p.region ? await regionParam(store, p.region, 'region') : undefined;
    let year = p.year;
    if (year === undefined) {
      // the latest year with a target of the indicator
      let latest = 0;
      await store.eachFact({ indicators: [p.indicator], measures: [p.measure], statuses: ['target'], ...(region ? { regions: [region.code] } : {}) }, (f) => {
        if (/^\d{4}$/.test(f.period) && Number(f.period) > latest) latest = Number(f.period);
      });
      year = latest || new Date().getUTCFullYear();
    }
    const e = await escalation(store, { indicator: p.indicator, year, measure: p.measure, ...(region ? { region: region.code } : {}) });
    const province = e.roots.length === 1 ? `${e.roots[0]!.region.code.slice(0, 2)}0000` : undefined;
    const info = province ? mapFor(province) : undefined;
    return { p, region, year, e, map: info ? { info, codes: mapCodes(info, 'county') } : null };
  };

  app.get('/escalation', pageRoute(async (c, viewer) => {
    const { p, region, year, e, map } = await escalationModel(c);
    const indicators = ESCALATION_INDICATORS.map((id) => ({ id, name: indicatorName(id) }));
    return c.html(
      escalationPage(
        { escalation: e, indicator: p.indicator, indicatorLabel: indicatorName(p.indicator) ?? p.indicator, year, region: region ?? null, map, query: queryOf(c), indicators },
        viewer,
      ),
    );
  }));
  app.get('/download/escalation', async (c) => {
    await readGate(c);
    const { e } = await escalationModel(c);
    return downloadResponse(c, escalationSheet(e));
  });

  const scorecardModel = async (c: Context) => {
    const { format: _f, ...rest } = c.req.queries();
    const p = parseParams(
      [
        { kind: 'string', name: 'region', description: '' },
        { kind: 'integer', name: 'year', min: 1980, max: 2100, default: new Date().getUTCFullYear() - 1, description: '' },
      ],
      rest,
    );
    const region = p.region ? await regionParam(store, p.region, 'region') : undefined;
    if (region && region.level === 'county') throw new ApiError(400, '综合排名须选地级市（排列其县）或省（排列其地级市）。');
    const card = region ? await scorecard(store, { region: region.code, year: p.year }) : null;
    return { p, region, card };
  };
  app.get('/scorecard', pageRoute(async (c, viewer) => {
    const { p, region, card } = await scorecardModel(c);
    return c.html(scorecardPage({ card, region: region ?? null, year: p.year, query: queryOf(c) }, viewer));
  }));
  app.get('/download/scorecard', async (c) => {
    await readGate(c);
    const { card } = await scorecardModel(c);
    if (!card) throw new ApiError(400, 'region is required');
    return downloadResponse(c, scorecardSheet(card));
  });

  app.get('/glossary', pageRoute(async (c, viewer) => {
    const p = parseParams([{ kind: 'string', name: 'q', maxLength: 50, description: '' }], c.req.queries());
    const entries = await storedGlossary(store, p.q ? { search: p.q } : {});
    return c.html(glossaryPage(p.q ?? '', entries, viewer));
  }));
  app.get('/download/glossary', async (c) => {
    await readGate(c);
    const p = parseParams([{ kind: 'string', name: 'q', maxLength: 50, description: '' }, { kind: 'enum', name: 'format', values: ['csv', 'xlsx'] as const, description: '' }], c.req.queries());
    return downloadResponse(c, glossarySheet(await storedGlossary(store, p.q ? { search: p.q } : {})));
  });
  app.get('/glossary/term/:term', pageRoute(async (c, viewer) => {
    const term = decodeURIComponent(c.req.param('term') ?? '').slice(0, 50);
    return c.html(termDetailPage(await termPage(store, term), viewer));
  }));
}
