/**
 * Escalation, "no target set", scorecards and the stored glossary on a
 * three-level fixture (湖南省 → 永州市 → counties), on every backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, removeTempDatabases } from './backends.case.js';
import { loadAnalysisFixture } from './analysis.case.js';
import { escalation, flatten, type EscalationNode } from './escalation.js';
import { storedAbsentTargets } from './absent.js';
import { parseWeightsYaml, scorecard, weightsFrom, DEFAULT_WEIGHTS_YAML } from './scorecard.js';
import { storedGlossary, termPage } from '../glossary/store.js';
import type { Store } from './types.js';

afterAll(() => removeTempDatabases());

const TODAY = new Date('2026-01-15T00:00:00Z');

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`analysis on ${backend.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await backend.open();
      await loadAnalysisFixture(store);
    });
    afterAll(async () => {
      await store?.close();
    });

    const byName = (nodes: EscalationNode[], name: string) => nodes.find((n) => n.region.name === name)!;

    it('chains gdp targets province → prefecture → counties with the gaps to the level above', async () => {
      const e = await escalation(store, { indicator: 'gdp', year: 2024, region: '430000', today: TODAY });
      expect(e.roots).toHaveLength(1);
      const nodes = flatten(e);
      const hn = byName(nodes, '湖南省');
      expect(hn.target).toMatchObject({ value: 5.5, bound: '~' });
      expect(hn.actual?.value).toBe(5.3);
      expect(hn.outcome).toBe('met'); // 5.3 ≥ 5.5 − 0.5 (左右)
      const yz = byName(nodes, '永州市');
      expect(yz).toMatchObject({ depth: 1, state: 'set', gapToParentPp: 0.5, comparedWith: { name: '湖南省' }, outcome: 'missed' });
      expect(yz.target).toMatchObject({ value: 6, bound: '>=' });
      expect(byName(nodes, '江永县')).toMatchObject({ depth: 2, gapToParentPp: 1, outcome: 'met', comparedWith: { name: '永州市' } });
      expect(byName(nodes, '道县')).toMatchObject({ gapToParentPp: 0.5, outcome: 'missed' });
      expect(yz.meanChildEscalationPp).toBe(0.75);
      // a report without a target list, and a county without any document
      expect(byName(nodes, '宁远县')).toMatchObject({ state: 'no_data', note: '无资料：报告中未找到主要预期目标', target: null });
      expect(byName(nodes, '宁远县').actual?.value).toBe(6.8);
      expect(byName(nodes, '蓝山县')).toMatchObject({ state: 'no_data', note: '无资料：未收录设定2024年目标的工作报告' });
      // the province's other prefectures are listed, not expanded
      const changsha = byName(nodes, '长沙市');
      expect(changsha).toMatchObject({ state: 'no_data', children: [] });
      expect(hn.meanChildEscalationPp).toBe(0.5);
    });

    it('tells 未设目标 (the list leaves the indicator out) from 无资料', async () => {
      const e = await escalation(store, { indicator: 'fai', year: 2024, region: '431100', today: TODAY });
      const nodes = flatten(e);
      expect(nodes[0]).toMatchObject({ region: { name: '永州市' }, state: 'set' });
      const dx = byName(nodes, '道县');
      expect(dx.state).toBe('not_set');
      expect(dx.note).toContain('未设目标');
      expect(dx.absent?.quote).toContain('主要预期目标是');
      expect(dx.absent?.span[1]).toBeGreaterThan(dx.absent!.span[0]);
      expect(dx.actual?.value).toBe(4);
      expect(byName(nodes, '江永县')).toMatchObject({ state: 'set', gapToParentPp: 1.5 });
      expect(byName(nodes, '宁远县').state).toBe('no_data');
    });

    it('records the absent headline indicators with the span of the target list', async () => {
      const absent = await storedAbsentTargets(store, ['430000'], [2024]);
      const by = (name: string) => absent.filter((a) => a.region.name === name).map((a) => a.indicator).sort();
      expect(by('湖南省')).toEqual(['industrial_va', 'trade']);
      expect(by('道县')).toEqual(['fai', 'trade']);
      expect(by('永州市')).toEqual([]);
      expect(by('江永县')).toEqual([]);
      expect(by('宁远县')).toEqual([]);
      const hn = absent.find((a) => a.region.name === '湖南省')!;
      const doc = await store.document(hn.documentId);
      expect([...doc!.text].slice(hn.span[0], hn.span[1]).join('')).toBe(hn.quote);
    });

    it('without a region: every province with a target', async () => {
      const e = await escalation(store, { indicator: 'gdp', year: 2024, today: TODAY });
      expect(e.roots.map((r) => r.region.name)).toEqual(['湖南省']);
    });

    it('ranks the counties of a prefecture on a weighted scorecard', async () => {
      const weights = weightsFrom(
        parseWeightsYaml(`inputs:\n  - indicator: gdp\n    measure: growth\n    weight: 2\n  - indicator: fai\n    measure: growth\n    weight: 1\n    direction: higher\n  - indicator: gdp\n    measure: level\n    per_capita: true\n    weight: 1\n`),
      );
      const card = await scorecard(store, { region: '431100', year: 2024, weights });
      const names = card.rows.filter((r) => r.rank !== null).map((r) => [r.region.name, r.rank, r.composite]);
      // gdp growth: 江永 7.4 > 宁远 6.8 > 道县 6.2; fai: 江永 9.6 > 道县 4 > 宁远 −2; per capita: 江永 50000 > 道县 35000
      expect(names).toEqual([
        ['江永县', 1, 100],
        ['宁远县', 2, 33.33], // (2×50 + 1×0) / 3, over 75% of the weights
        ['道县', 3, 12.5], // (2×0 + 1×50 + 1×0) / 4
      ]);
      const jy = card.rows[0]!;
      expect(jy.cells[2]).toMatchObject({ value: 50000, unit: 'CNY/人', rank: 1, status: 'actual' });
      expect(jy.cells[0]!.factId).not.toBeNull();
      expect(jy.cells[0]!.quote).toBe('江永县地区生产总值增长7.4%');
      const ny = card.rows.find((r) => r.region.name === '宁远县')!;
      expect(ny.coverage).toBe(0.75);
      expect(ny.cells[2]!.value).toBeNull(); // no population figure: no per-capita value
      const ls = card.rows.find((r) => r.region.name === '蓝山县')!;
      expect(ls).toMatchObject({ rank: null, composite: null, coverage: 0 });
    });

    it('the default weights parse back from their documented YAML', () => {
      const parsed = weightsFrom(parseWeightsYaml(DEFAULT_WEIGHTS_YAML));
      expect(parsed.map((w) => w.indicator)).toEqual(['gdp', 'industrial_va', 'fai', 'retail_sales', 'budget_revenue', 'income_rural', 'gdp', 'targets_met']);
      expect(parsed[6]).toMatchObject({ perCapita: true, measure: 'level' });
      expect(() => weightsFrom({ inputs: [{ indicator: 'gdp', weight: -1 }] })).toThrow(/weight/);
      expect(() => weightsFrom({ inputs: [{ indicator: 'gdp', direction: 'up' }] })).toThrow(/direction/);
    });

    it('reads the glossary of stored reports, and a term page lists the documents using it', async () => {
      const all = await storedGlossary(store);
      expect(all.map((e) => [e.term, e.region?.name])).toEqual([
        ['三高四新', '湖南省'],
        ['双千工程', '永州市'],
      ]);
      const found = await storedGlossary(store, { search: '双千' });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ marker: '〔1〕', kind: 'note', year: 2023 });
      const page = await termPage(store, '双千工程');
      expect(page.definitions).toHaveLength(1);
      expect(page.uses.map((u) => u.doc).sort()).toEqual(['fixture/2024_永州市_report.txt', 'fixture/2024_江永县_report.txt']);
    });
  });
}
