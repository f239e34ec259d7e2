/**
 * Test data at three levels of Hebei (河北省 → 保定市 → its counties), written
 * for these tests (figures realistic, not real): county work reports that give
 * last year's figures as 预计, a bulletin that later gives one actual, a county
 * whose latest year has only a growth rate, and targets that were met, whose
 * year is over without an outcome, and whose year has not come yet.
 */
import type { SampleDoc } from '../store/sample.case.js';

const ZZ: [string, string] = ['130681', '涿州市'];
const AG: [string, string] = ['130683', '安国市'];
const GBD: [string, string] = ['130684', '高碑店市'];
const YX: [string, string] = ['130633', '易县'];
const BD: [string, string] = ['130600', '保定市'];
const HB: [string, string] = ['130000', '河北省'];

export const HEBEI_DOCS: SampleDoc[] = [
  {
    path: 'hebei/2024_涿州市_report.txt',
    region: ZZ,
    year: 2024,
    kind: 'report',
    text: '政府工作报告\n2023年，预计全市地区生产总值完成456.2亿元，增长6.1%。2023年目标为地区生产总值增长6%。2030年目标：地区生产总值突破800亿元。回顾2020年，预计地区生产总值380.2亿元。\n',
    facts: [
      { quote: '地区生产总值完成456.2亿元', region: ZZ, indicator: 'gdp', measure: 'level', value: 45620000000, unit: 'CNY', period: '2023', status: 'estimate' },
      { quote: '增长6.1%', region: ZZ, indicator: 'gdp', measure: 'growth', value: 6.1, unit: '%', period: '2023', status: 'estimate' },
      { quote: '地区生产总值增长6%', region: ZZ, indicator: 'gdp', measure: 'growth', value: 6, unit: '%', period: '2023', status: 'target' },
      { quote: '地区生产总值突破800亿元', region: ZZ, indicator: 'gdp', measure: 'level', value: 80000000000, unit: 'CNY', period: '2030', status: 'target', bound: '>' },
      { quote: '地区生产总值380.2亿元', region: ZZ, indicator: 'gdp', measure: 'level', value: 38020000000, unit: 'CNY', period: '2020', status: 'estimate' },
    ],
  },
  {
    path: 'hebei/2023_涿州市_bulletin.txt',
    region: ZZ,
    year: 2023,
    kind: 'bulletin',
    text: '涿州市2023年国民经济和社会发展统计公报\n全年全市地区生产总值458.9亿元，比上年增长6.3%。\n2021年地区生产总值401.5亿元。\n',
    facts: [
      { quote: '地区生产总值458.9亿元', region: ZZ, indicator: 'gdp', measure: 'level', value: 45890000000, unit: 'CNY', period: '2023', status: 'actual' },
      { quote: '增长6.3%', region: ZZ, indicator: 'gdp', measure: 'growth', value: 6.3, unit: '%', period: '2023', status: 'actual' },
      { quote: '地区生产总值401.5亿元', region: ZZ, indicator: 'gdp', measure: 'level', value: 40150000000, unit: 'CNY', period: '2021', status: 'actual' },
    ],
  },
  {
    path: 'hebei/2024_安国市_report.txt',
    region: AG,
    year: 2024,
    kind: 'report',
    text: '政府工作报告\n过去一年，预计全市地区生产总值达到124.6亿元，增长5.2%。2022年目标为规模以上工业增加值增长8%。\n',
    facts: [
      { quote: '地区生产总值达到124.6亿元', region: AG, indicator: 'gdp', measure: 'level', value: 12460000000, unit: 'CNY', period: '2023', status: 'estimate' },
      { quote: '增长5.2%', region: AG, indicator: 'gdp', measure: 'growth', value: 5.2, unit: '%', period: '2023', status: 'estimate' },
      { quote: '规模以上工业增加值增长8%', region: AG, indicator: 'industrial_va', measure: 'growth', value: 8, unit: '%', period: '2022', status: 'target' },
    ],
  },
  {
    path: 'hebei/2024_高碑店市_report.txt',
    region: GBD,
    year: 2024,
    kind: 'report',
    text: '标题：2024年高碑店市政府工作报告\n来源URL：http://example.gov.cn/gbd/2024.html\n\n正文：\n2023年全市地区生产总值增长5.5%。2021年全市地区生产总值完成214.3亿元，2022年增长4.1%。\n',
    facts: [
      { quote: '地区生产总值增长5.5%', region: GBD, indicator: 'gdp', measure: 'growth', value: 5.5, unit: '%', period: '2023', status: 'actual' },
      { quote: '地区生产总值完成214.3亿元', region: GBD, indicator: 'gdp', measure: 'level', value: 21430000000, unit: 'CNY', period: '2021', status: 'actual' },
      { quote: '增长4.1%', region: GBD, indicator: 'gdp', measure: 'growth', value: 4.1, unit: '%', period: '2022', status: 'actual' },
    ],
  },
  {
    path: 'hebei/2023_易县_bulletin.txt',
    region: YX,
    year: 2023,
    kind: 'bulletin',
    text: '易县2023年国民经济和社会发展统计公报\n全年全县地区生产总值142.7亿元，增长5.9%。\n',
    facts: [
      { quote: '地区生产总值142.7亿元', region: YX, indicator: 'gdp', measure: 'level', value: 14270000000, unit: 'CNY', period: '2023', status: 'actual' },
      { quote: '增长5.9%', region: YX, indicator: 'gdp', measure: 'growth', value: 5.9, unit: '%', period: '2023', status: 'actual' },
    ],
  },
  {
    path: 'hebei/2023_保定市_bulletin.txt',
    region: BD,
    year: 2023,
    kind: 'bulletin',
    text: '保定市2023年国民经济和社会发展统计公报\n全年全市地区生产总值4085.4亿元，增长5.7%。\n',
    facts: [{ quote: '地区生产总值4085.4亿元', region: BD, indicator: 'gdp', measure: 'level', value: 408540000000, unit: 'CNY', period: '2023', status: 'actual' }],
  },
  {
    path: 'hebei/2023_河北省_bulletin.txt',
    region: HB,
    year: 2023,
    kind: 'bulletin',
    text: '河北省2023年国民经济和社会发展统计公报\n全年全省地区生产总值43944.1亿元，增长5.5%。\n',
    facts: [{ quote: '地区生产总值43944.1亿元', region: HB, indicator: 'gdp', measure: 'level', value: 4394410000000, unit: 'CNY', period: '2023', status: 'actual' }],
  },
];
