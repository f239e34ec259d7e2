/**
 * Scorecards (综合考核): a weighted composite ranking of a prefecture's
 * counties (or a province's prefectures) for one year.
 *
 * Inputs (a weights file, JSON or YAML, see DEFAULT_WEIGHTS_YAML):
 * - `indicator` + `measure` (growth, level…): the unit's best available value
 *   for the year (reviewed > actual > estimate, as `compare`: never a target);
 * - `per_capita: true`: the level divided by the unit's 常住人口 of the same year
 *   (only where a population figure is stored; else the input is missing);
 * - `indicator: targets_met`: the share of the unit's targets for the year that were met
 *   (met / (met + missed); pending and no_data do not count).
 * Each input has a `weight` (> 0) and a `direction` (`higher` or `lower` is better).
 *
 * Scoring: per input, units with a value are ranked (1 = best; ties share the
 * rank) and scored 100 × (n − rank) / (n − 1) (100 for the best, 0 for the
 * worst, 100 when only one unit has a value). The composite is the weighted
 * mean of the unit's input scores over the inputs it has; `coverage` is the
 * share of the total weight it has. Units with coverage under one half are
 * listed, unranked (资料不足), so a county with one good figure does not top the card.
 */
import { readFileSync } from 'node:fs';
import type { Measure } from '../types.js';
import type { CompareRow, Store } from './types.js';
import type { RegionLevel } from './types.js';

export interface WeightInput {
  indicator: string;
  measure: Measure;
  weight: number;
  direction: 'higher' | 'lower';
  perCapita?: boolean;
  /** Column label (default: the indicator's Chinese name and measure). */
  label?: string;
}

export const DEFAULT_WEIGHTS: readonly WeightInput[] = [
  { indicator: 'gdp', measure: 'growth', weight: 3, direction: 'higher', label: '地区生产总值增速' },
  { indicator: 'industrial_va', measure: 'growth', weight: 2, direction: 'higher', label: '规上工业增加值增速' },
  { indicator: 'fai', measure: 'growth', weight: 2, direction: 'higher', label: '固定资产投资增速' },
  { indicator: 'retail_sales', measure: 'growth', weight: 1, direction: 'higher', label: '社会消费品零售总额增速' },
  { indicator: 'budget_revenue', measure: 'growth', weight: 2, direction: 'higher', label: '一般公共预算收入增速' },
  { indicator: 'income_rural', measure: 'growth', weight: 1, direction: 'higher', label: '农村居民收入增速' },
  { indicator: 'gdp', measure: 'level', weight: 1, direction: 'higher', perCapita: true, label: '人均地区生产总值' },
  { indicator: 'targets_met', measure: 'level', weight: 2, direction: 'higher', label: '目标完成率' },
];

export const DEFAULT_WEIGHTS_YAML = `# zhibiao scorecard weights (the default set). Edit and pass with --weights FILE.
# indicator: an indicator id (zhibiao indicators), or targets_met (share of the year's targets met)
# measure: growth, level, share…   direction: higher or lower (is better)
# per_capita: true divides the level by the unit's 常住人口 of the year (where stored)
inputs:
${DEFAULT_WEIGHTS.map(
  (w) =>
    `  - indicator: ${w.indicator}\n    measure: ${w.measure}\n    weight: ${w.weight}\n    direction: ${w.direction}\n${w.perCapita ? '    per_capita: true\n' : ''}${w.label ? `    label: ${w.label}\n` : ''}`,
).join('')}`;

/** The small YAML this file format needs: `inputs:` then a list of flat `key: value` maps. */
export function parseWeightsYaml(text: string): unknown {
  const inputs: Record<string, unknown>[] = [];
  let current: Record<string, unknown> | null = null;
  for (const [i, raw] of text.split(/\r?\n/u).entries()) {
    const line = raw.replace(/\s+#.*$/u, '').replace(/^#.*$/u, '');
    if (!line.trim()) continue;
    if (/^inputs\s*:\s*$/u.test(line)) continue;
    const m = /^\s*(-\s+)?([a-z_]+)\s*:\s*(.*?)\s*$/u.exec(line);
    if (!m) throw new Error(`line ${i + 1}: expected "key: value"`);
    if (m[1] || !current) {
      current = {};
      inputs.push(current);
    }
    const v = m[3]!.replace(/^["'](.*)["']$/u, '$1');
    current[m[2]!] = v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/u.test(v) ? Number(v) : v;
  }
  return { inputs };
}

/** Checks a parsed weights file. */
export function weightsFrom(data: unknown): WeightInput[] {
  const list = Array.isArray(data) ? data : (data as { inputs?: unknown })?.inputs;
  if (!Array.isArray(list) || list.length === 0) throw new Error('expected a list of inputs (inputs: - indicator: gdp …)');
  return list.map((x, i) => {
    const o = x as Record<string, unknown>;
    const where = `input ${i + 1}`;
    if (typeof o.indicator !== 'string' || !o.indicator) throw new Error(`${where}: indicator is required`);
    const weight = o.weight === undefined ? 1 : Number(o.weight);
    if (!Number.isFinite(weight) || weight <= 0) throw new Error(`${where}: weight must be a number > 0`);
    const direction = o.direction ?? 'higher';
    if (direction !== 'higher' && direction !== 'lower') throw new Error(`${where}: direction must be higher or lower`);
    const perCapita = o.per_capita === true || o.perCapita === true;
    return {
      indicator: o.indicator,
      measure: (typeof o.measure === 'string' ? o.measure : perCapita ? 'level' : 'growth') as Measure,
      weight,
      direction,
      ...(perCapita ? { perCapita } : {}),
      ...(typeof o.label === 'string' ? { label: o.label } : {}),
    };
  });
}

/** A weights file: .json, else YAML. */
export function readWeights(path: string): WeightInput[] {
  const text = readFileSync(path, 'utf8');
  return weightsFrom(/\.json$/iu.test(path) || text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? JSON.parse(text) : parseWeightsYaml(text));
}

export interface ScoreCell {
  value: number | null;
  unit: string | null;
  rank: number | null;
  score: number | null;
  /** actual / estimate (targets_met: derived). */
  status: string | null;
  factId: number | null;
  documentId: number | null;
  quote: string | null;
  /** For per-capita inputs: the population fact used. */
  populationFactId?: number | null;
  /** For targets_met: met and judged counts. */
  met?: number;
  judged?: number;
}

export interface ScoreRow {
  region: { code: string; name: string; level: RegionLevel };
  cells: ScoreCell[];
  composite: number | null;
  /** Share of the total weight the unit has values for. */
  coverage: number;
  rank: number | null;
}

export interface Scorecard {
  region: { code: string; name: string };
  year: number;
  inputs: WeightInput[];
  rows: ScoreRow[];
}

function round(n: number, d = 4): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

const EMPTY: ScoreCell = { value: null, unit: null, rank: null, score: null, status: null, factId: null, documentId: null, quote: null };

/** Ranks values (1 = best, ties share), scores 100…0. */
function rankAndScore(values: Map<string, number>, direction: 'higher' | 'lower'): Map<string, { rank: number; score: number }> {
  const sorted = [...values.entries()].sort((a, b) => (direction === 'higher' ? b[1] - a[1] : a[1] - b[1]));
  const n = sorted.length;
  const out = new Map<string, { rank: number; score: number }>();
  sorted.forEach(([code, v], i) => {
    const rank = i > 0 && sorted[i - 1]![1] === v ? out.get(sorted[i - 1]![0])!.rank : i + 1;
    out.set(code, { rank, score: n === 1 ? 100 : round((100 * (n - rank)) / (n - 1), 2) });
  });
  return out;
}

export interface ScorecardQuery {
  region: string;
  year: number;
  weights?: readonly WeightInput[];
}

export async function scorecard(store: Store, q: ScorecardQuery): Promise<Scorecard> {
  const inputs = [...(q.weights ?? DEFAULT_WEIGHTS)];
  const root = await store.region(q.region);
  if (!root) throw new Error(`no region ${q.region}`);
  const level: RegionLevel = root.level === 'province' ? 'prefecture' : 'county';
  const units = (await store.regions({ within: root.code, level })).filter((r) => root.level !== 'province' || r.parent === root.code);
  const period = String(q.year);
  const cells = new Map<string, ScoreCell[]>(units.map((u) => [u.code, inputs.map(() => ({ ...EMPTY }))]));
  const slice = async (indicator: string, measure: Measure): Promise<Map<string, CompareRow>> => {
    const rows = await store.compare({ indicator, measure, period, within: root.code, level });
    return new Map(rows.map((r) => [r.region.code, r]));
  };
  const population = inputs.some((i) => i.perCapita) ? await slice('population', 'level') : new Map<string, CompareRow>();
  let targetTally: Map<string, { met: number; judged: number }> | undefined;
  for (const [i, input] of inputs.entries()) {
    const values = new Map<string, number>();
    if (input.indicator === 'targets_met') {
      if (!targetTally) {
        targetTally = new Map();
        for (const t of await store.targets({ regions: [root.code], years: [q.year] })) {
          if (t.target.period !== period || (t.outcome !== 'met' && t.outcome !== 'missed')) continue;
          const k = t.target.region.code;
          const c = targetTally.get(k) ?? { met: 0, judged: 0 };
          c.judged++;
          if (t.outcome === 'met') c.met++;
          targetTally.set(k, c);
        }
      }
      for (const [code, c] of targetTally) {
        const cell = cells.get(code)?.[i];
        if (!cell) continue;
        Object.assign(cell, { value: round((100 * c.met) / c.judged, 2), unit: '%', status: 'derived', met: c.met, judged: c.judged });
        values.set(code, cell.value!);
      }
    } else {
      const rows = await slice(input.indicator, input.measure);
      for (const [code, r] of rows) {
        const cell = cells.get(code)?.[i];
        if (!cell) continue;
        let value = r.value;
        let unit: string = r.unit;
        if (input.perCapita) {
          const p = population.get(code);
          if (!p || p.value <= 0) continue;
          value = round(r.value / p.value, 2);
          unit = `${r.unit}/人`;
          cell.populationFactId = p.factId;
        }
        Object.assign(cell, { value, unit, status: r.status, factId: r.factId, documentId: r.documentId, quote: r.quote });
        values.set(code, value);
      }
    }
    for (const [code, rs] of rankAndScore(values, input.direction)) Object.assign(cells.get(code)![i]!, rs);
  }
  const total = inputs.reduce((s, w) => s + w.weight, 0);
  const rows: ScoreRow[] = units.map((u) => {
    const cs = cells.get(u.code)!;
    let w = 0;
    let sum = 0;
    cs.forEach((c, i) => {
      if (c.score === null) return;
      w += inputs[i]!.weight;
      sum += inputs[i]!.weight * c.score;
    });
    const coverage = round(w / total, 4);
    return { region: { code: u.code, name: u.name, level: u.level }, cells: cs, composite: w > 0 && coverage >= 0.5 ? round(sum / w, 2) : null, coverage, rank: null };
  });
  const ranked = rows.filter((r) => r.composite !== null).sort((a, b) => b.composite! - a.composite!);
  ranked.forEach((r, i) => {
    r.rank = i > 0 && ranked[i - 1]!.composite === r.composite ? ranked[i - 1]!.rank : i + 1;
  });
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.coverage - a.coverage || a.region.code.localeCompare(b.region.code));
  return { region: { code: root.code, name: root.name }, year: q.year, inputs, rows };
}

