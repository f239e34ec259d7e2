import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';

describe('group ranks (group-rank.ts)', () => {
  it.each<[string, string[]]>([
    ['地区生产总值、规模以上工业增加值、固定资产投资分别增长6.1%、7.4%、9.0%，三项指标增速均居全市第二。', [
      'gdp growth 6.1 % 2023 actual =',
      'industrial_va growth 7.4 % 2023 actual =',
      'fai growth 9 % 2023 actual =',
      'gdp rank 2 rank prefecture 2023 actual =',
      'industrial_va rank 2 rank prefecture 2023 actual =',
      'fai rank 2 rank prefecture 2023 actual =',
    ]],
    // two of the three named
    ['固定资产投资增长9%，社会消费品零售总额增长5%，地区生产总值增长6%，两项指标均居全市第一。', [
      'fai growth 9 % 2023 actual =',
      'retail_sales growth 5 % 2023 actual =',
      'gdp growth 6 % 2023 actual =',
      'retail_sales rank 1 rank prefecture 2023 actual =',
      'gdp rank 1 rank prefecture 2023 actual =',
    ]],
    ['上述指标均居全省第一。', []],
    // more indicators than the sentence gave: no rank
    ['地区生产总值增长6%，五项指标均居全市第一。', ['gdp growth 6 % 2023 actual =']],
    // a rank of something else
    ['地区生产总值增长6%，营商环境评价居全市第一。', ['gdp growth 6 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));

  it('keeps an energy intensity apart from the indicator it is of', () => {
    expect(facts('单位规模工业增加值能耗下降5.2%。')).toEqual([]);
  });
});
