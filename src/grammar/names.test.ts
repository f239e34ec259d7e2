import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';
import { byLast, endsWithAny } from './names.js';

describe('clause grammar: families, context words, completion', () => {
  it.each<[string, string[]]>([
    [
      '实施重点项目104个，总投资97.94亿元，年度投资46.08亿元，1-11月完成投资49.764亿元，占比107.99%。',
      [
        'key_projects level 104 count 2023 actual =',
        'key_projects_total_investment level 9794000000 CNY 2023 actual =',
        'key_projects_annual_investment level 4608000000 CNY 2023 target =',
        'key_projects_completed_investment level 4976400000 CNY 2023-01/2023-11 actual =',
        'key_projects_completed_investment plan_completion 107.99 % 2023-01/2023-11 actual =',
      ],
    ],
    [
      '引进2亿元以上重大招商项目14个，总投资204.7亿元，完成全年任务的292%。',
      [
        'signed_projects level 14 count 2023 actual =',
        'signed_investment level 20470000000 CNY 2023 actual =',
        'signed_investment plan_completion 292 % 2023 actual =',
      ],
    ],
    ['完成粮食播种面积37.38万亩，完成全年任务的103.5%。', ['grain_area level 249200124.6 m2 2023 actual =', 'grain_area plan_completion 103.5 % 2023 actual =']],
    ['净增高新技术企业72家，总数达582家。', ['new_high_tech_enterprises level 72 count 2023 actual =', 'high_tech_enterprises level 582 count 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('clause grammar: parts after 其中', () => {
  it('drops the value of a part of the indicator just given, and keeps the first value', () => {
    expect(facts('全县实施重点项目126个，完成投资158.6亿元，其中省重点项目4个，完成投资21.3亿元。')).toEqual([
      'key_projects level 126 count 2023 actual =',
      'key_projects_completed_investment level 15860000000 CNY 2023 actual =',
    ]);
  });
  it('keeps a different indicator after 其中 (tax within budget revenue)', () => {
    expect(facts('一般公共预算收入12.3亿元，其中税收收入8.9亿元。')).toEqual([
      'budget_revenue level 1230000000 CNY 2023 actual =',
      'tax_revenue level 890000000 CNY 2023 actual =',
    ]);
  });
});

describe('clause grammar: verbs of adding, contributions, price indices', () => {
  it.each<[string, string[]]>([
    // a verb of adding governs every name of its list
    ['新增科技型中小企业40家、高新技术企业9家。', ['new_high_tech_enterprises level 9 count 2023 actual =']],
    ['成功认定国家高新技术企业12家。', ['new_high_tech_enterprises level 12 count 2023 actual =']],
    ['规模以上工业企业新增18家。', ['new_above_scale_enterprises level 18 count 2023 actual =']],
    ['全县规上工业企业达到126家，新增18家。', ['above_scale_enterprises level 126 count 2023 actual =', 'new_above_scale_enterprises level 18 count 2023 actual =']],
    // without one the name is the stock
    ['年末有效高新技术企业达到1260家。', ['high_tech_enterprises level 1260 count 2023 actual =']],
    ['高新技术企业总数达到420家。', ['high_tech_enterprises level 420 count 2023 actual =']],
    // a contribution to an indicator's growth is no value of it
    ['网上零售额增长12%，拉动社会消费品零售总额增长1.1个百分点。', []],
    ['工业投资带动固定资产投资增长2.3个百分点。', []],
    // CPI is itself a rate of change: a fall is negative growth
    ['全年居民消费价格比上年下降0.4%。', ['cpi growth -0.4 % 2023 actual =']],
    ['居民消费价格上涨1.2%。', ['cpi growth 1.2 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('clause grammar: parts of a bulletin headline', () => {
  it.each<[string, string[]]>([
    ['年末金融机构本外币存款余额5230.6亿元，比上年末增长6.2%。', [
      'deposits level 523060000000 CNY 2023 actual =',
      'deposits growth 6.2 % 2023 actual =',
    ]],
    // a holder's deposits, another branch's value added, a balance of trade: not the headline
    ['其中，住户存款余额3100.2亿元；政府存款余额260.4亿元。', []],
    ['其他服务业增加值159.7亿元，增长5.5%。', []],
    ['进出口顺差12.3亿元。', []],
    // the share of a family's whole, with the whole named between 占 and 的
    ['完成民生领域财政支出45.1亿元，占公共预算支出的91.3%。', [
      'livelihood_spending level 4510000000 CNY 2023 actual =',
      'livelihood_spending_share share 91.3 % 2023 actual =',
    ]],
    // a share of the region's total is no fact of the contract
    ['第一产业增加值38亿元，占全县的12.1%。', ['gdp_primary level 3800000000 CNY 2023 actual =']],
    // a government level's own budget, government investment, one trade channel
    ['市级一般公共预算收入完成376.4亿元，增长6.9%。', []],
    ['市政府固定资产投资82亿元，增长13.9%。', []],
    ['全年跨境电商进出口额增长92.1%。', []],
    ['全市服务业增加值2100.5亿元，增长6.1%。', ['gdp_tertiary level 210050000000 CNY 2023 actual =', 'gdp_tertiary growth 6.1 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('growth words', () => {
  it.each<[string, string[]]>([
    ['一般公共预算收入可比增长6.6%。', ['budget_revenue growth 6.6 % 2023 actual =']],
    ['居民人均可支配收入比上年名义增长5.1%。', ['income growth 5.1 % 2023 actual =']],
    ['PM2.5平均浓度降幅达12%。', ['pm25 growth -12 % 2023 actual =']],
    ['粮食总产量增产3.1%。', ['grain_output growth 3.1 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('written forms of older and other reports', () => {
  it.each<[string, string[]]>([
    ['规模以上工业企业实现增加值120亿元，增长8%。', ['industrial_va level 12000000000 CNY 2023 actual =', 'industrial_va growth 8 % 2023 actual =']],
    ['全县规上工业完成增加值45亿元。', ['industrial_va level 4500000000 CNY 2023 actual =']],
    ['农民人均纯收入5680元，增长12.1%。', ['income_rural level 5680 CNY 2023 actual =', 'income_rural growth 12.1 % 2023 actual =']],
    ['地方财政一般预算收入8.6亿元。', ['budget_revenue level 860000000 CNY 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});


describe('endsWithAny', () => {
  const words = byLast(['高新技术产品', '对东盟', '省']);
  it.each<[string, number, boolean]>([
    ['高新技术产品出口', 6, true],
    ['对东盟出口', 3, true],
    ['全省重点项目', 2, true],
    ['全市重点项目', 2, false],
    ['产品出口', 2, false], // 产品 alone is not a word of the list
    ['高新技术产品出口', 7, false],
    ['出口', 0, false],
    ['', 0, false],
  ])('%s at %d → %s', (text, at, want) => {
    expect(endsWithAny(text, at, words)).toBe(want);
    expect(['高新技术产品', '对东盟', '省'].some((w) => text.endsWith(w, at))).toBe(want);
  });
  it('an empty word ends everywhere, as endsWith says', () => {
    expect(endsWithAny('出口', 0, byLast(['']))).toBe(true);
    expect(endsWithAny('出口', 1, byLast([]))).toBe(false);
  });
});
