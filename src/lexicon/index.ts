/**
 * Typed lexicons: indicators, their written forms, units and cue words.
 * Loaded once from the TSV files in data/ and validated.
 */
import type { Measure, Status, Unit } from '../types.js';
import { compilePattern, LexiconError, readTsv } from './load.js';

export interface IndicatorDef {
  id: string;
  name: string;
  /** Units a level value may have; the first is the usual one. */
  units: Unit[];
  family: string;
  /** The measure of a plain value: level, share, or growth (CPI: 居民消费价格涨幅2.1%). */
  levelAs: Measure;
  /** Forced status (key_projects_annual_investment is always a target). */
  status?: Status;
  /** The indicator that carries plan completion said of this one. */
  completionTo?: string;
  /** Plausible range of a level value in base units. */
  levelMin?: number;
  levelMax?: number;
  /** A flow whose total over a span of years is reported (五年来城镇新增就业50.2万人). */
  sums?: boolean;
  /** Project-defined, outside the output contract. */
  project?: boolean;
}

export type AliasKind = 'exact' | 'regex' | 'context';

export interface AliasDef {
  surface: string;
  kind: AliasKind;
  /** exact/regex: the indicators named. */
  targets: string[];
  /** context: family → indicator. */
  byFamily: Map<string, string>;
  /** Indicator to use instead inside a plan section. */
  plan?: string;
  /** For several targets: the indicator a single value belongs to. */
  single?: string;
  /** The name itself says growth (GDP增速分别为8.2%、8.3%). */
  growth?: boolean;
  /** The indicator meant when a verb of adding (新增, 认定) governs the name (新增…、高新技术企业7家). */
  added?: string;
  /** A short generic name: counts only after punctuation or a word of strict-ok.tsv. */
  strict?: boolean;
  pattern?: RegExp;
}

export type InternalUnit = Unit | 'times';

export interface UnitDef {
  surface: string;
  unit: InternalUnit;
  factor: number;
}

export type CueKind =
  | 'up'
  | 'down'
  | 'avg'
  | 'cumulative'
  | 'pre'
  | 'post'
  | 'until'
  | 'status'
  | 'dist'
  | 'all'
  | 'completion'
  | 'ratio'
  | 'compare'
  | 'contrib'
  | 'flat'
  | 'adding'
  | 'from'
  | 'filler'
  | 'conj';

export interface CueDef {
  surface: string;
  kind: CueKind;
  arg: string;
}

export interface Lexicon {
  /** Words allowed right before a strict alias. */
  strictOk: string[];
  indicators: Map<string, IndicatorDef>;
  aliases: AliasDef[];
  units: UnitDef[];
  cues: CueDef[];
}

const UNITS: ReadonlySet<string> = new Set([
  'CNY', 'USD', '%', 'pp', 'rank', 'count', 'person', 'person_time', 'head', 'm2', 'ton', 'm', 'ug_m3', 'TEU', 'kW', 'index', 'times',
]);
const CUE_KINDS: ReadonlySet<string> = new Set([
  'up', 'down', 'avg', 'cumulative', 'pre', 'post', 'until', 'status', 'dist', 'all', 'completion', 'ratio', 'compare', 'contrib', 'flat', 'adding', 'from', 'filler', 'conj',
]);
const BOUNDS: ReadonlySet<string> = new Set(['=', '~', '>=', '>', '<=', '<']);
const STATUSES: ReadonlySet<string> = new Set(['actual', 'estimate', 'target']);
const LEVEL_AS: ReadonlySet<string> = new Set(['level', 'share', 'growth']);
const ALIAS_KINDS: ReadonlySet<string> = new Set(['exact', 'regex', 'context']);

/**
 * The member of `set` equal to `value` (a string literal, so internalized),
 * else `value` itself: a cell cut from a TSV line is a new string, and the
 * grammar compares these words with literals at every token.
 */
function canonical<T extends string>(set: ReadonlySet<string>, value: string): T {
  let byValue = canonicalMaps.get(set);
  if (!byValue) canonicalMaps.set(set, (byValue = new Map([...set].map((v) => [v, v]))));
  return (byValue.get(value) ?? value) as T;
}
const canonicalMaps = new Map<ReadonlySet<string>, Map<string, string>>();

function loadIndicators(): Map<string, IndicatorDef> {
  const out = new Map<string, IndicatorDef>();
  for (const row of readTsv('indicators.tsv', ['id', 'name_zh', 'units', 'family', 'level_as'])) {
    const c = row.cells;
    const units = (c.units ?? '').split(',').map((u) => canonical<Unit>(UNITS, u.trim()));
    for (const u of units) if (!UNITS.has(u)) throw new LexiconError(row.file, row.line, `unknown unit "${u}"`);
    const levelAs = canonical<Measure>(LEVEL_AS, c.level_as ?? '');
    if (levelAs !== 'level' && levelAs !== 'share' && levelAs !== 'growth') throw new LexiconError(row.file, row.line, `bad level_as "${levelAs}"`);
    const status = c.status ? canonical<Status>(STATUSES, c.status) : undefined;
    if (status && !['actual', 'estimate', 'target'].includes(status))
      throw new LexiconError(row.file, row.line, `bad status "${status}"`);
    const id = c.id!;
    if (out.has(id)) throw new LexiconError(row.file, row.line, `duplicate indicator "${id}"`);
    const bound = (col: string): number | undefined => {
      const v = c[col];
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new LexiconError(row.file, row.line, `bad ${col} "${v}"`);
      return n;
    };
    const levelMin = bound('level_min');
    const levelMax = bound('level_max');
    out.set(id, {
      id,
      name: c.name_zh!,
      units: units as Unit[],
      family: c.family!,
      levelAs,
      ...(status ? { status } : {}),
      ...(levelMin !== undefined ? { levelMin } : {}),
      ...(levelMax !== undefined ? { levelMax } : {}),
      ...(c.completion_to ? { completionTo: c.completion_to } : {}),
      ...(c.sums === 'y' ? { sums: true } : {}),
      ...(c.project === 'y' ? { project: true } : {}),
    });
    if (c.sums && c.sums !== 'y') throw new LexiconError(row.file, row.line, `sums must be y or empty, not "${c.sums}"`);
  }
  for (const d of out.values()) {
    if (d.completionTo !== undefined && !out.has(d.completionTo))
      throw new LexiconError('indicators.tsv', 0, `${d.id}: completion_to names unknown indicator "${d.completionTo}"`);
  }
  return out;
}

function loadAliases(indicators: Map<string, IndicatorDef>): AliasDef[] {
  const out: AliasDef[] = [];
  const known = (row: { file: string; line: number }, id: string): string => {
    // Ids outside the lexicon are allowed (project-defined) but must look like ids.
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new LexiconError(row.file, row.line, `bad indicator id "${id}"`);
    return id;
  };
  for (const row of readTsv('aliases.tsv', ['surface', 'target', 'kind'])) {
    const c = row.cells;
    const kind = canonical<AliasKind>(ALIAS_KINDS, c.kind ?? '');
    if (!['exact', 'regex', 'context'].includes(kind)) throw new LexiconError(row.file, row.line, `bad kind "${kind}"`);
    const def: AliasDef = { surface: c.surface!, kind, targets: [], byFamily: new Map() };
    if (kind === 'context') {
      for (const pair of c.target!.split(',')) {
        const [fam, id] = pair.split(':');
        if (!fam || !id) throw new LexiconError(row.file, row.line, `context target "${pair}" is not family:indicator`);
        def.byFamily.set(fam, known(row, id));
      }
    } else {
      def.targets = c.target!.split(',').map((t) => known(row, t.trim()));
    }
    if (kind === 'regex') def.pattern = compilePattern(row, 'surface', 'gu');
    if (c.plan) def.plan = known(row, c.plan);
    if (c.single) def.single = known(row, c.single);
    if (c.added) def.added = known(row, c.added);
    if (c.growth) {
      if (c.growth !== 'y') throw new LexiconError(row.file, row.line, `growth must be y or empty, not "${c.growth}"`);
      def.growth = true;
    }
    if (c.strict) {
      if (c.strict !== 'y') throw new LexiconError(row.file, row.line, `strict must be y or empty, not "${c.strict}"`);
      def.strict = true;
    }
    out.push(def);
  }
  void indicators;
  return out;
}

function loadUnits(): UnitDef[] {
  return readTsv('units.tsv', ['surface', 'unit', 'factor']).map((row) => {
    const c = row.cells;
    if (!UNITS.has(c.unit!)) throw new LexiconError(row.file, row.line, `unknown unit "${c.unit}"`);
    const factor = Number(c.factor);
    if (!Number.isFinite(factor) || factor <= 0) throw new LexiconError(row.file, row.line, `bad factor "${c.factor}"`);
    return { surface: c.surface!, unit: canonical<InternalUnit>(UNITS, c.unit!), factor };
  });
}

function loadCues(): CueDef[] {
  return readTsv('cues.tsv', ['surface', 'kind']).map((row) => {
    const c = row.cells;
    if (!CUE_KINDS.has(c.kind!)) throw new LexiconError(row.file, row.line, `unknown cue kind "${c.kind}"`);
    const arg = c.arg ?? '';
    if ((c.kind === 'pre' || c.kind === 'post') && !BOUNDS.has(arg))
      throw new LexiconError(row.file, row.line, `bad bound "${arg}"`);
    if (c.kind === 'status' && !['actual', 'estimate', 'target'].includes(arg))
      throw new LexiconError(row.file, row.line, `bad status "${arg}"`);
    return { surface: c.surface!, kind: canonical<CueKind>(CUE_KINDS, c.kind!), arg: BOUNDS.has(arg) ? canonical(BOUNDS, arg) : canonical(STATUSES, arg) };
  });
}

let cached: Lexicon | undefined;

export function lexicon(): Lexicon {
  if (cached) return cached;
  const indicators = loadIndicators();
  const strictOk = readTsv('strict-ok.tsv', ['word']).map((r) => r.cells.word!);
  cached = { strictOk, indicators, aliases: loadAliases(indicators), units: loadUnits(), cues: loadCues() };
  return cached;
}

/** Whether a level value is plausible for the indicator (its unit converted to base units). */
export function plausibleLevel(id: string, value: number): boolean {
  const d = lexicon().indicators.get(id);
  if (!d) return true;
  return (d.levelMin === undefined || value >= d.levelMin) && (d.levelMax === undefined || value <= d.levelMax);
}

/** The contract's indicator ids (those scored); others are project-defined. */
export function isContractIndicator(id: string): boolean {
  const d = lexicon().indicators.get(id);
  return d !== undefined && d.project !== true;
}
