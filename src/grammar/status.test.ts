import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';

describe('clause grammar: status and plan part', () => {
  it('reads a plan part as targets for the next year', () => {
    expect(facts('地区生产总值增长6%以上，确保粮食播面51.5万亩以上、总产23.5万吨以上。', { plan: true })).toEqual([
      'gdp growth 6 % 2024 target >=',
      'grain_area level 343333505 m2 2024 target >=',
      'grain_output level 235000 ton 2024 target >=',
    ]);
  });
  it('reads 完成投资 in a plan as the annual investment target', () => {
    expect(facts('全年实施重点项目300个以上，完成投资700亿元以上。', { plan: true })).toEqual([
      'key_projects level 300 count 2024 target >=',
      'key_projects_annual_investment level 70000000000 CNY 2024 target >=',
    ]);
  });
  it('reads 预计 as an estimate', () => {
    expect(facts('预计全年地区生产总值增长4.5%左右。地方一般公共预算收入增长3%。')).toEqual([
      'gdp growth 4.5 % 2023 estimate ~',
      'budget_revenue growth 3 % 2023 actual =',
    ]);
  });
  it('reads 年均 over a five-year span', () => {
    expect(facts('五年来，地区生产总值年均增长6.2%，达到5002.5亿元。')).toEqual([
      'gdp growth 6.2 % 2019/2023 actual =',
      'gdp level 500250000000 CNY 2023 actual =',
    ]);
  });
});

describe('clause grammar: the reach of 预计', () => {
  it.each<[string, string[]]>([
    // at the head of a sentence it covers every item
    ['预计全年，地区生产总值增长6%；固定资产投资增长8%。', ['gdp growth 6 % 2023 estimate =', 'fai growth 8 % 2023 estimate =']],
    // inside one item of a ； list, that item only
    ['税收收入完成3.2亿元；地区生产总值预计增长6%；固定资产投资增长8%。', [
      'tax_revenue level 320000000 CNY 2023 actual =',
      'gdp growth 6 % 2023 estimate =',
      'fai growth 8 % 2023 actual =',
    ]],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});
