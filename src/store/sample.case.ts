/**
 * Test data for the store, API and dashboard tests: short documents about
 * counties of 永州市 (Hunan) written like real reports, with their facts
 * located in the text (code-point spans computed from the quotes, so the spans
 * are right by construction). Shared by several test files; not part of the build.
 */
import { createHash } from 'node:crypto';
import { syncGazetteer } from './regions.js';
import type { Store } from './types.js';
import type { DocumentKind, Extraction, Fact, Measure, Status, Bound, Unit, RankScope, Script } from '../types.js';

export interface SampleFact {
  quote: string;
  /** Which occurrence of the quote (0 = first). */
  nth?: number;
  region: [code: string, name: string];
  indicator: string;
  measure: Measure;
  value: number;
  value_max?: number;
  unit: Unit;
  scope?: RankScope;
  period: string;
  status: Status;
  bound?: Bound;
}

export interface SampleDoc {
  path: string;
  region: [code: string, name: string] | null;
  year: number;
  kind: DocumentKind;
  script?: Script;
  text: string;
  facts: SampleFact[];
}

/** Code-point offset of the nth occurrence of `quote` in `text`. */
export function codePointSpan(text: string, quote: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`quote "${quote}" (#${nth}) not in text`);
  }
  const start = [...text.slice(0, at)].length;
  return [start, start + [...quote].length];
}

export function toExtraction(d: SampleDoc): Extraction {
  const facts: Fact[] = d.facts.map((f) => ({
    type: 'fact',
    doc: d.path,
    region: { code: f.region[0], name: f.region[1] },
    indicator: f.indicator,
    measure: f.measure,
    value: f.value,
    ...(f.value_max !== undefined ? { value_max: f.value_max } : {}),
    unit: f.unit,
    ...(f.scope ? { scope: f.scope } : {}),
    period: f.period,
    status: f.status,
    bound: f.bound ?? '=',
    span: codePointSpan(d.text, f.quote, f.nth),
    quote: f.quote,
    rule: `sample/${f.measure}`,
  }));
  return {
    document: {
      type: 'document',
      doc: d.path,
      region: d.region ? { code: d.region[0], name: d.region[1] } : null,
      year: d.year,
      kind: d.kind,
      script: d.script ?? 'zh-Hans',
      chars: [...d.text].length,
    },
    facts,
    source: { path: d.path, text: d.text, format: 'txt', encoding: 'utf-8', diagnostics: [] },
    diagnostics: [],
  };
}

const JY: [string, string] = ['431125', '江永县'];
const DX: [string, string] = ['431124', '道县'];
const NY: [string, string] = ['431126', '宁远县'];
const YZ: [string, string] = ['431100', '永州市'];

export const SAMPLE_DOCS: SampleDoc[] = [
  {
    path: 'sample/2023_江永县_report.txt',
    region: JY,
    year: 2022,
    kind: 'report',
    text:
      '政府工作报告\n\n一、2022年工作回顾\n过去一年，全县地区生产总值达到98.5亿元，增长4.1%，全市排名第5。' +
      '规模工业增加值增长7.4%。\n\n二、2023年主要目标\n今年经济社会发展的主要预期目标是：地区生产总值增长6%以上，' +
      '固定资产投资增长8%左右，社会消费品零售总额增长5%，城镇居民人均可支配收入增长6.5%。\n',
    facts: [
      { quote: '地区生产总值达到98.5亿元', region: JY, indicator: 'gdp', measure: 'level', value: 9850000000, unit: 'CNY', period: '2022', status: 'actual' },
      { quote: '增长4.1%', region: JY, indicator: 'gdp', measure: 'growth', value: 4.1, unit: '%', period: '2022', status: 'actual' },
      { quote: '全市排名第5', region: JY, indicator: 'gdp', measure: 'rank', value: 5, unit: 'rank', scope: 'prefecture', period: '2022', status: 'actual' },
      { quote: '规模工业增加值增长7.4%', region: JY, indicator: 'industrial_va', measure: 'growth', value: 7.4, unit: '%', period: '2022', status: 'actual' },
      { quote: '地区生产总值增长6%以上', region: JY, indicator: 'gdp', measure: 'growth', value: 6, unit: '%', period: '2023', status: 'target', bound: '>=' },
      { quote: '固定资产投资增长8%左右', region: JY, indicator: 'fai', measure: 'growth', value: 8, unit: '%', period: '2023', status: 'target', bound: '~' },
      { quote: '社会消费品零售总额增长5%', region: JY, indicator: 'retail_sales', measure: 'growth', value: 5, unit: '%', period: '2023', status: 'target' },
      { quote: '城镇居民人均可支配收入增长6.5%', region: JY, indicator: 'income_urban', measure: 'growth', value: 6.5, unit: '%', period: '2023', status: 'target' },
    ],
  },
  {
    path: 'sample/2023_江永县_bulletin.txt',
    region: JY,
    year: 2023,
    kind: 'bulletin',
    text:
      '江永县2023年国民经济和社会发展统计公报\n\n初步核算，全年全县地区生产总值102.3亿元，比上年增长5.8%。' +
      '全年固定资产投资比上年增长7.6%。社会消费品零售总额42.15亿元，增长6.1%。粮食播种面积31.2万亩。\n',
    facts: [
      { quote: '地区生产总值102.3亿元', region: JY, indicator: 'gdp', measure: 'level', value: 10230000000, unit: 'CNY', period: '2023', status: 'actual' },
      { quote: '比上年增长5.8%', region: JY, indicator: 'gdp', measure: 'growth', value: 5.8, unit: '%', period: '2023', status: 'actual' },
      { quote: '固定资产投资比上年增长7.6%', region: JY, indicator: 'fai', measure: 'growth', value: 7.6, unit: '%', period: '2023', status: 'actual' },
      { quote: '社会消费品零售总额42.15亿元', region: JY, indicator: 'retail_sales', measure: 'level', value: 4215000000, unit: 'CNY', period: '2023', status: 'actual' },
      { quote: '增长6.1%', region: JY, indicator: 'retail_sales', measure: 'growth', value: 6.1, unit: '%', period: '2023', status: 'actual' },
      { quote: '粮食播种面积31.2万亩', region: JY, indicator: 'grain_area', measure: 'level', value: 208000104, unit: 'm2', period: '2023', status: 'actual' },
    ],
  },
  {
    path: 'sample/2023_道县_bulletin.txt',
    region: DX,
    year: 2023,
    kind: 'bulletin',
    text: '道县2023年统计公报\n全年全县地区生产总值150.2亿元，增长4.9%。固定资产投资增长3.2%。\n',
    facts: [
      { quote: '地区生产总值150.2亿元', region: DX, indicator: 'gdp', measure: 'level', value: 15020000000, unit: 'CNY', period: '2023', status: 'actual' },
      { quote: '增长4.9%', region: DX, indicator: 'gdp', measure: 'growth', value: 4.9, unit: '%', period: '2023', status: 'actual' },
      { quote: '固定资产投资增长3.2%', region: DX, indicator: 'fai', measure: 'growth', value: 3.2, unit: '%', period: '2023', status: 'actual' },
    ],
  },
  {
    path: 'sample/2023_宁远县_news.txt',
    region: NY,
    year: 2023,
    kind: 'news',
    script: 'zh-Hant',
    // 𠮷 lies outside the BMP: one code point, two UTF-16 units; spans after it must still land right
    text: '寧遠𠮷訊：2023年，寧遠縣地區生產總值增長6.3%，增速居全市前列。\n',
    facts: [
      { quote: '地區生產總值增長6.3%', region: NY, indicator: 'gdp', measure: 'growth', value: 6.3, unit: '%', period: '2023', status: 'actual' },
    ],
  },
  {
    path: 'sample/2024_永州市_report.txt',
    region: YZ,
    year: 2023,
    kind: 'report',
    text: '永州市政府工作报告\n2023年，全市地区生产总值增长4.5%左右。江永县地区生产总值增长5.8%。2024年全市地区生产总值增长6%左右。\n',
    facts: [
      { quote: '全市地区生产总值增长4.5%左右', region: YZ, indicator: 'gdp', measure: 'growth', value: 4.5, unit: '%', period: '2023', status: 'estimate', bound: '~' },
      { quote: '江永县地区生产总值增长5.8%', region: JY, indicator: 'gdp', measure: 'growth', value: 5.8, unit: '%', period: '2023', status: 'actual' },
      { quote: '全市地区生产总值增长6%左右', region: YZ, indicator: 'gdp', measure: 'growth', value: 6, unit: '%', period: '2024', status: 'target', bound: '~' },
    ],
  },
];

export const SAMPLE_FACT_COUNT = SAMPLE_DOCS.reduce((n, d) => n + d.facts.length, 0);

/** Writes the sample documents into a store (with the gazetteer), as ingest would. */
export async function loadSample(store: Store, version = 'sample-1'): Promise<Map<string, number>> {
  await syncGazetteer(store);
  const ids = new Map<string, number>();
  for (const d of SAMPLE_DOCS) {
    const saved = await store.saveExtraction({
      hash: createHash('sha256').update(d.text).digest('hex'),
      path: d.path,
      bytes: Buffer.byteLength(d.text),
      extractorVersion: version,
      extraction: toExtraction(d),
    });
    ids.set(d.path, saved.id);
  }
  return ids;
}
