/**
 * Numbers the Chinese way. Facts are stored in base units (CNY, m2, person,
 * ton…); people read 亿元, 万元, 万亩, 万人, %. These helpers turn a stored
 * value back into the figure a report would print.
 */
import type { Bound, Measure, RankScope, Unit } from '../types.js';

export interface Displayed {
  /** The number as printed, e.g. "67.05". */
  number: string;
  /** The unit after it, e.g. "亿元" (may be empty). */
  unit: string;
  /** number + unit, e.g. "67.05亿元". */
  text: string;
}

/** Indicators counted per person or per item, which Chinese reports print in 元 even above 10,000. */
const PER_CAPITA = new Set(['gdp_per_capita', 'income', 'income_urban', 'income_rural', 'income_poverty_relieved']);
/** Land areas reported in 亩 (farm land) rather than 平方米. */
const FARM_AREA = new Set(['grain_area']);

const MU = 10000 / 15; // 1 亩 = 666.67 m2

function trim(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A scaled figure: up to two decimals, as reports print them (67.05亿, 255.92亿, 12.5万). */
function scaled(n: number): string {
  return trim(n, Math.abs(n) >= 1 ? 2 : 4);
}

/** How a value in a base unit is shown: divide by `divisor`, then append `label`. */
export interface Scale {
  divisor: number;
  label: string;
}

function bigScale(value: number, base: string, perItem: boolean): Scale {
  const a = Math.abs(value);
  if (a >= 1e8) return { divisor: 1e8, label: `亿${base}` };
  if (a >= 1e4 && !perItem) return { divisor: 1e4, label: `万${base}` };
  return { divisor: 1, label: base };
}

/** The display scale for a value (for a series: pass its largest absolute value). */
export function displayScale(value: number, unit: Unit, indicator = ''): Scale {
  switch (unit) {
    case 'CNY':
      return bigScale(value, '元', PER_CAPITA.has(indicator));
    case 'USD':
      return bigScale(value, '美元', PER_CAPITA.has(indicator));
    case '%':
      return { divisor: 1, label: '%' };
    case 'pp':
      return { divisor: 1, label: '个百分点' };
    case 'rank':
      return { divisor: 1, label: '' };
    case 'count':
      return bigScale(value, '个', false);
    case 'person':
      return bigScale(value, '人', false);
    case 'person_time':
      return bigScale(value, '人次', false);
    case 'head':
      return bigScale(value, '头', false);
    case 'm2':
      if (FARM_AREA.has(indicator)) {
        const s = bigScale(value / MU, '亩', false);
        return { divisor: s.divisor * MU, label: s.label };
      }
      return Math.abs(value) >= 1e6 ? { divisor: 1e6, label: '平方公里' } : bigScale(value, '平方米', false);
    case 'ton':
      return bigScale(value, '吨', false);
    case 'm':
      return Math.abs(value) >= 1000 ? { divisor: 1000, label: '公里' } : { divisor: 1, label: '米' };
    case 'ug_m3':
      return { divisor: 1, label: '微克/立方米' };
    case 'TEU':
      return bigScale(value, '标箱', false);
    case 'kW':
      return bigScale(value, '千瓦', false);
    case 'index':
      return { divisor: 1, label: '' };
  }
}

/** A value shown in a given scale: 6705000000 in 亿元 → "67.05". */
export function scaledNumber(value: number, scale: Scale): string {
  const n = value / scale.divisor;
  return scale.divisor === 1 && Number.isInteger(n) ? String(n) : scale.divisor === 1 ? trim(n, 2) : scaled(n);
}

/** A stored value in its display unit: 6705000000 CNY → 67.05亿元. */
export function displayValue(value: number, unit: Unit, indicator = ''): Displayed {
  const scale = displayScale(value, unit, indicator);
  const number = unit === 'rank' ? trim(value, 0) : scaledNumber(value, scale);
  if (unit === 'rank') return { number, unit: '', text: `第${number}` };
  return { number, unit: scale.label, text: `${number}${scale.label}` };
}

const BOUND_BEFORE: Partial<Record<Bound, string>> = { '>': '超过', '<': '低于' };
const BOUND_AFTER: Partial<Record<Bound, string>> = { '~': '左右', '>=': '以上', '<=': '以内' };

export interface FactLike {
  indicator: string;
  measure: Measure;
  value: number;
  valueMax?: number | null;
  unit: Unit;
  bound: Bound;
  scope?: RankScope | null;
}

const SCOPE: Record<RankScope, string> = { prefecture: '全市', province: '全省', nation: '全国', peer: '同类' };

/** A fact as a short Chinese phrase: 增长5.1%, 67.05亿元, 全市第3, 5%—5.5%左右. */
export function displayFact(f: FactLike): string {
  const v = displayValue(f.value, f.unit, f.indicator);
  let core = v.text;
  if (f.valueMax !== undefined && f.valueMax !== null) {
    const hi = displayValue(f.valueMax, f.unit, f.indicator);
    core = v.unit === hi.unit && v.unit !== '%' ? `${v.number}—${hi.text}` : `${v.text}—${hi.text}`;
  }
  switch (f.measure) {
    case 'growth':
    case 'growth_cumulative': {
      const neg = f.value < 0 && (f.valueMax === undefined || f.valueMax === null);
      const text = neg ? displayValue(-f.value, f.unit, f.indicator).text : core;
      core = `${f.measure === 'growth_cumulative' ? '累计' : ''}${neg ? '下降' : '增长'}${text}`;
      break;
    }
    case 'change': {
      const neg = f.value < 0;
      core = `${neg ? '减少' : '增加'}${neg ? displayValue(-f.value, f.unit, f.indicator).text : core}`;
      break;
    }
    case 'rank':
      core = `${f.scope ? SCOPE[f.scope] : ''}${core}`;
      break;
    case 'share':
      core = `占比${core}`;
      break;
    case 'plan_completion':
      core = `完成计划${core}`;
      break;
    case 'level':
      break;
  }
  return `${BOUND_BEFORE[f.bound] ?? ''}${core}${BOUND_AFTER[f.bound] ?? ''}`;
}

export const MEASURE_LABELS: Record<Measure, string> = {
  level: '总量',
  growth: '增速',
  growth_cumulative: '累计增长',
  change: '增减',
  rank: '排名',
  share: '占比',
  plan_completion: '计划完成率',
};

export const STATUS_LABELS: Record<'actual' | 'estimate' | 'target', string> = {
  actual: '实际',
  estimate: '预计',
  target: '目标',
};

export const OUTCOME_LABELS: Record<'met' | 'missed' | 'pending' | 'no_data', string> = {
  met: '达成',
  missed: '未达成',
  pending: '待定',
  no_data: '无实际数据',
};

export const LEVEL_LABELS: Record<'province' | 'prefecture' | 'county', string> = {
  province: '省级',
  prefecture: '地级',
  county: '县级',
};

export const KIND_LABELS: Record<'report' | 'bulletin' | 'news', string> = {
  report: '政府工作报告',
  bulletin: '统计公报',
  news: '新闻',
};

/** Integer with thousands separators the Chinese way (12,345). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
