import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';

describe('clause grammar: chains', () => {
  it.each<[string, string[]]>([
    [
      '前三季度，全县GDP达到67.05亿元，同比增长5.1%，全市排名第3。',
      [
        'gdp level 6705000000 CNY 2023-01/2023-09 actual =',
        'gdp growth 5.1 % 2023-01/2023-09 actual =',
        'gdp rank 3 rank prefecture 2023-01/2023-09 actual =',
      ],
    ],
    ['地区生产总值同比增长3.0%。', ['gdp growth 3 % 2023 actual =']],
    ['粮食总产量下降2.5%。', ['grain_output growth -2.5 % 2023 actual =']],
    ['城镇登记失业率2.48%。', ['unemployment_rate level 2.48 % 2023 actual =']],
    ['城镇化率提高1.5个百分点。', ['urbanization_rate change 1.5 pp 2023 actual =']],
    ['各项贷款余额较上年增加28.6亿元。', ['loans change 2860000000 CNY 2023 actual =']],
    ['民生支出占比80%以上。', ['livelihood_spending_share share 80 % 2023 actual >=']],
    ['外贸进出口总额稳定在400亿元以上，排全省第5位。', ['trade level 40000000000 CNY 2023 actual >=', 'trade rank 5 rank province 2023 actual =']],
    ['1-11月完成固定资产投资突破50亿元。', ['fai level 5000000000 CNY 2023-01/2023-11 actual >']],
    ['旅游综合收入30多亿元。', ['tourism_revenue level 3000000000 CNY 2023 actual >']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('clause grammar: what is not a fact', () => {
  it.each([
    '固定资产投资增长9.6%，高于全市6.5个百分点。',
    '其中工业投资增长12%。',
    '全年争取到位资金32.99亿元，同比增长18.38%。',
    '空气质量综合指数2.01，排名全省第3名。',
    '高新技术产品出口3414.8亿元，增长11.0%。',
    '一般公共预算收入从2649.2亿元增长到3826.4亿元。',
  ])('%s', (text) => {
    const got = facts(text);
    // only the growth of fai is a fact in the first example
    expect(got.filter((f) => !f.startsWith('fai growth 9.6') && !f.startsWith('budget_revenue level 382640000000'))).toEqual([]);
  });
});

describe('clause grammar: future years in a review', () => {
  it('reads a figure for a later year than the one reviewed as a target', () => {
    expect(facts('2024年，全县地区生产总值增长6.5%以上。')).toEqual(['gdp growth 6.5 % 2024 target >=']);
    expect(facts('“十四五”期间，全县GDP年均增长6%以上。')).toEqual(['gdp growth 6 % 2021/2025 target >=']);
  });
});

describe('clause grammar: plausible levels', () => {
  it('does not read a per-capita figure as the region GDP', () => {
    expect(facts('生产总值55138元，同比增长5.9%。')).toEqual([]);
  });
});

describe('clause grammar: no change, slogans, rates before words', () => {
  it.each<[string, string[]]>([
    ['全年固定资产投资与上年持平。', ['fai growth 0 % 2023 actual =']],
    ['社会消费品零售总额同比持平。', ['retail_sales growth 0 % 2023 actual =']],
    // 保持平稳 is no 持平
    ['全省经济保持平稳，地区生产总值增长6.5%。', ['gdp growth 6.5 % 2023 actual =']],
    // a number inside a quoted name is part of the name
    ['地区生产总值、城乡居民人均可支配收入实现“两个翻一番”。', []],
    ['全力打造“三个百亿元”产业集群。', []],
    // a rate runs straight into the next item when a reader lost the punctuation
    ['税收收入88.1亿元，增长3.1%一般公共预算支出120亿元', ['tax_revenue level 8810000000 CNY 2023 actual =', 'tax_revenue growth 3.1 % 2023 actual =']],
    // but qualifies a noun through 的
    ['培育增速20%的企业30家。', []],
    // a level reached after 降至
    ['PM2.5平均浓度降至38微克/立方米。', ['pm25 level 38 ug_m3 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('separator tests by comparison', () => {
  it('isSentenceEnd and isClauseSep agree with SENTENCE_END and CLAUSE_SEP on every separator and other characters', async () => {
    const { CLAUSE_SEP, isClauseSep, isSentenceEnd, SENTENCE_END } = await import('./chain.js');
    const { scanSeparators } = await import('../recognize/index.js');
    const chars = [...scanSeparators('，、；：,;:。！？!?\n\t（）()').map((s) => s.ch), '的', '', '。。', ' ', '；；'];
    for (const ch of chars) {
      expect(isSentenceEnd(ch), ch).toBe(SENTENCE_END.has(ch));
      expect(isClauseSep(ch), ch).toBe(CLAUSE_SEP.has(ch));
    }
  });
});
