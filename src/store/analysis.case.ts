/**
 * A three-level fixture for escalation, scorecards and the glossary: 湖南省 →
 * 永州市 → its counties, written like work reports and bulletins (the
 * words and figures are made up for the tests). Not part of the build.
 *
 * GDP growth targets for 2024: 湖南省 5.5% 左右 → 永州市 6% 以上 (+0.5pp) →
 * 江永县 7% (+1pp), 道县 6.5% (+0.5pp); 宁远县 has a report without a target
 * list (无资料), 蓝山县 has nothing (无资料). 道县's list names no
 * 固定资产投资 (未设目标 for fai); 湖南省's names neither 工业 nor 进出口.
 */
import { createHash } from 'node:crypto';
import { syncGazetteer } from './regions.js';
import { toExtraction, type SampleDoc } from './sample.case.js';
import type { Store } from './types.js';

const HN: [string, string] = ['430000', '湖南省'];
const YZ: [string, string] = ['431100', '永州市'];
const DX: [string, string] = ['431124', '道县'];
const JY: [string, string] = ['431125', '江永县'];
const NY: [string, string] = ['431126', '宁远县'];

const REVIEW_PAD = '过去一年，我们坚持稳中求进工作总基调，统筹发展和安全，经济运行总体平稳、稳中有进，各项事业取得新进展。'.repeat(3);

export const ANALYSIS_DOCS: SampleDoc[] = [
  {
    path: 'fixture/2024_湖南省_report.txt',
    region: HN,
    year: 2023,
    kind: 'report',
    text:
      `湖南省政府工作报告\n一、2023年工作回顾\n${REVIEW_PAD}全省地区生产总值增长4.6%。\n` +
      '二、2024年工作安排\n今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长3%，固定资产投资增长6%，社会消费品零售总额增长6%，居民人均可支配收入增长与经济增长基本同步。\n' +
      '深入实施“三高四新”战略。“三高四新”是指打造三个高地、担当四新使命。\n',
    facts: [
      { quote: '地区生产总值增长4.6%', region: HN, indicator: 'gdp', measure: 'growth', value: 4.6, unit: '%', period: '2023', status: 'actual' },
      { quote: '地区生产总值增长5.5%左右', region: HN, indicator: 'gdp', measure: 'growth', value: 5.5, unit: '%', period: '2024', status: 'target', bound: '~' },
      { quote: '一般公共预算收入增长3%', region: HN, indicator: 'budget_revenue', measure: 'growth', value: 3, unit: '%', period: '2024', status: 'target' },
      { quote: '固定资产投资增长6%', region: HN, indicator: 'fai', measure: 'growth', value: 6, unit: '%', period: '2024', status: 'target' },
      { quote: '社会消费品零售总额增长6%', region: HN, indicator: 'retail_sales', measure: 'growth', value: 6, unit: '%', period: '2024', status: 'target' },
    ],
  },
  {
    path: 'fixture/2024_永州市_report.txt',
    region: YZ,
    year: 2023,
    kind: 'report',
    text:
      `永州市政府工作报告\n一、2023年工作回顾\n${REVIEW_PAD}\n` +
      '二、2024年主要目标任务\n全市经济社会发展的主要预期目标是：地区生产总值增长6%以上，规模以上工业增加值增长7%，固定资产投资增长7.5%，社会消费品零售总额增长6.5%，一般公共预算收入增长4%，居民人均可支配收入增长6%，进出口总额增长10%。\n' +
      '名词解释\n〔1〕双千工程：每年新引进千万元以上项目千个、新增市场主体千户。(见第3页)\n',
    facts: [
      { quote: '地区生产总值增长6%以上', region: YZ, indicator: 'gdp', measure: 'growth', value: 6, unit: '%', period: '2024', status: 'target', bound: '>=' },
      { quote: '规模以上工业增加值增长7%', region: YZ, indicator: 'industrial_va', measure: 'growth', value: 7, unit: '%', period: '2024', status: 'target' },
      { quote: '固定资产投资增长7.5%', region: YZ, indicator: 'fai', measure: 'growth', value: 7.5, unit: '%', period: '2024', status: 'target' },
    ],
  },
  {
    path: 'fixture/2024_江永县_report.txt',
    region: JY,
    year: 2023,
    kind: 'report',
    text:
      `江永县政府工作报告\n一、2023年工作回顾\n${REVIEW_PAD}\n` +
      '二、2024年工作安排\n今年全县经济社会发展的主要预期目标是：地区生产总值增长7%，规模以上工业增加值增长8%，固定资产投资增长9%，社会消费品零售总额增长7%，一般公共预算收入增长5%，城乡居民人均可支配收入分别增长6%和7.5%，进出口总额增长12%。\n' +
      '全力推进“双千工程”，力争全年签约项目30个。\n',
    facts: [
      { quote: '地区生产总值增长7%', region: JY, indicator: 'gdp', measure: 'growth', value: 7, unit: '%', period: '2024', status: 'target' },
      { quote: '固定资产投资增长9%', region: JY, indicator: 'fai', measure: 'growth', value: 9, unit: '%', period: '2024', status: 'target' },
    ],
  },
  {
    path: 'fixture/2024_道县_report.txt',
    region: DX,
    year: 2023,
    kind: 'report',
    text:
      `道县政府工作报告\n一、2023年工作回顾\n${REVIEW_PAD}\n` +
      '二、2024年工作安排\n今年全县经济社会发展的主要预期目标是：地区生产总值增长6.5%，规模以上工业增加值增长7%，社会消费品零售总额增长6%，一般公共预算收入增长5%，城乡居民收入增长与经济增长同步。\n',
    facts: [{ quote: '地区生产总值增长6.5%', region: DX, indicator: 'gdp', measure: 'growth', value: 6.5, unit: '%', period: '2024', status: 'target' }],
  },
  {
    path: 'fixture/2024_宁远县_report.txt',
    region: NY,
    year: 2023,
    kind: 'report',
    text: `宁远县政府工作报告\n一、2023年工作回顾\n${REVIEW_PAD}全县地区生产总值增长5.1%。\n`,
    facts: [{ quote: '地区生产总值增长5.1%', region: NY, indicator: 'gdp', measure: 'growth', value: 5.1, unit: '%', period: '2023', status: 'actual' }],
  },
  {
    path: 'fixture/2024_outcomes_bulletins.txt',
    region: YZ,
    year: 2024,
    kind: 'bulletin',
    text:
      '2024年统计公报摘编\n湖南省地区生产总值增长5.3%。永州市地区生产总值增长5.9%，固定资产投资增长8.1%。江永县地区生产总值增长7.4%，地区生产总值120亿元，常住人口24万人，固定资产投资增长9.6%。' +
      '道县地区生产总值增长6.2%，地区生产总值210亿元，常住人口60万人，固定资产投资增长4%。宁远县地区生产总值增长6.8%，固定资产投资下降2%。\n',
    facts: [
      { quote: '湖南省地区生产总值增长5.3%', region: HN, indicator: 'gdp', measure: 'growth', value: 5.3, unit: '%', period: '2024', status: 'actual' },
      { quote: '永州市地区生产总值增长5.9%', region: YZ, indicator: 'gdp', measure: 'growth', value: 5.9, unit: '%', period: '2024', status: 'actual' },
      { quote: '固定资产投资增长8.1%', region: YZ, indicator: 'fai', measure: 'growth', value: 8.1, unit: '%', period: '2024', status: 'actual' },
      { quote: '江永县地区生产总值增长7.4%', region: JY, indicator: 'gdp', measure: 'growth', value: 7.4, unit: '%', period: '2024', status: 'actual' },
      { quote: '地区生产总值120亿元', region: JY, indicator: 'gdp', measure: 'level', value: 12e9, unit: 'CNY', period: '2024', status: 'actual' },
      { quote: '常住人口24万人', region: JY, indicator: 'population', measure: 'level', value: 240000, unit: 'person', period: '2024', status: 'actual' },
      { quote: '固定资产投资增长9.6%', region: JY, indicator: 'fai', measure: 'growth', value: 9.6, unit: '%', period: '2024', status: 'actual' },
      { quote: '道县地区生产总值增长6.2%', region: DX, indicator: 'gdp', measure: 'growth', value: 6.2, unit: '%', period: '2024', status: 'actual' },
      { quote: '地区生产总值210亿元', region: DX, indicator: 'gdp', measure: 'level', value: 21e9, unit: 'CNY', period: '2024', status: 'actual' },
      { quote: '常住人口60万人', region: DX, indicator: 'population', measure: 'level', value: 600000, unit: 'person', period: '2024', status: 'actual' },
      { quote: '固定资产投资增长4%', region: DX, indicator: 'fai', measure: 'growth', value: 4, unit: '%', period: '2024', status: 'actual' },
      { quote: '宁远县地区生产总值增长6.8%', region: NY, indicator: 'gdp', measure: 'growth', value: 6.8, unit: '%', period: '2024', status: 'actual' },
      { quote: '固定资产投资下降2%', region: NY, indicator: 'fai', measure: 'growth', value: -2, unit: '%', period: '2024', status: 'actual' },
    ],
  },
];

/** Writes the fixture into a store (with the gazetteer), as ingest would. */
export async function loadAnalysisFixture(store: Store): Promise<void> {
  await syncGazetteer(store);
  for (const d of ANALYSIS_DOCS) {
    await store.saveExtraction({
      hash: createHash('sha256').update(d.text).digest('hex'),
      path: d.path,
      bytes: Buffer.byteLength(d.text),
      extractorVersion: 'fixture-1',
      extraction: toExtraction(d),
    });
  }
}
