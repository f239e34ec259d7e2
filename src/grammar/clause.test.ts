import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { tokenize } from '../recognize/index.js';
import { ClauseGrammar } from './clause.js';
import type { FactDraft } from './types.js';

/** Facts of one text as compact strings: indicator measure value unit [scope] period status bound. */
function facts(text: string, opts: { plan?: boolean } = {}): string[] {
  const n = normalize(text);
  const drafts: FactDraft[] = new ClauseGrammar(n.text, { year: 2023, sections: opts.plan ? [{ start: 0, plan: true }] : [] }).run(tokenize(n.text));
  return drafts.map((d) =>
    [d.indicator, d.measure, d.value, d.unit, d.scope ?? '', d.period, d.status, d.bound].filter((x) => x !== '').join(' '),
  );
}

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

describe('clause grammar: distribution and lists', () => {
  it.each<[string, string[]]>([
    ['城乡居民人均可支配收入分别增长5.0%、7.8%。', ['income_urban growth 5 % 2023 actual =', 'income_rural growth 7.8 % 2023 actual =']],
    ['城镇、农村居民人均可支配收入分别增长5%和6.5%。', ['income_urban growth 5 % 2023 actual =', 'income_rural growth 6.5 % 2023 actual =']],
    ['游客接待量、旅游综合收入均增长40%以上。', ['tourists growth 40 % 2023 actual >=', 'tourism_revenue growth 40 % 2023 actual >=']],
    [
      '全年接待游客422.85万人次、旅游收入38.65亿元，分别增长67.1%、63.5%。',
      [
        'tourists level 4228500 person_time 2023 actual =',
        'tourism_revenue level 3865000000 CNY 2023 actual =',
        'tourists growth 67.1 % 2023 actual =',
        'tourism_revenue growth 63.5 % 2023 actual =',
      ],
    ],
    [
      '一、二、三季度，GDP增速分别排名全市第三、第一、第三。',
      [
        'gdp rank 3 rank prefecture 2023-01/2023-03 actual =',
        'gdp rank 1 rank prefecture 2023-01/2023-06 actual =',
        'gdp rank 3 rank prefecture 2023-01/2023-09 actual =',
      ],
    ],
    ['金融机构各项存贷款余额分别达188.2亿元、131.6亿元。', ['deposits level 18820000000 CNY 2023 actual =', 'loans level 13160000000 CNY 2023 actual =']],
    ['城乡居民人均可支配收入27741元。', ['income level 27741 CNY 2023 actual =']],
    ['全年签约项目34个，合同引资96.5亿元。', ['signed_projects level 34 count 2023 actual =', 'signed_investment level 9650000000 CNY 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

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

describe('clause grammar: 年均 after a span named earlier in the paragraph', () => {
  it('takes the span of 过去五年 from the sentence before', () => {
    expect(facts('过去五年，我们砥砺奋进。全县生产总值从68亿元增长到91.8亿元，年均增长5.4%。')).toEqual([
      'gdp level 6800000000 CNY 2018 actual =',
      'gdp level 9180000000 CNY 2023 actual =',
      'gdp growth 5.4 % 2019/2023 actual =',
    ]);
  });
});

describe('clause grammar: five-year reviews and base years (spans.ts)', () => {
  it.each<[string, string[]]>([
    // a comparison with a base year further back is a change over the years since
    ['2023年，全县生产总值完成88.2亿元，比2018年增长36.5%，年均增长6.4%。', [
      'gdp level 8820000000 CNY 2023 actual =',
      'gdp growth_cumulative 36.5 % 2019/2023 actual =',
      'gdp growth 6.4 % 2019/2023 actual =',
    ]],
    ['各项贷款余额比2018年增长1.6倍。', ['loans growth_cumulative 160 % 2019/2023 actual =']],
    ['PM2.5平均浓度比“十三五”末下降21.4%。', ['pm25 growth_cumulative -21.4 % 2021/2023 actual =']],
    // last year as the base is an ordinary growth
    ['生产总值比2022年增长5.2%。', ['gdp growth 5.2 % 2023 actual =']],
    // monthly figures against an earlier year are a special scope: no fact
    ['1-2月，规模以上工业增加值比2021年同期增长9.3%。', []],
    // inside a five-year paragraph: flows are totals over the span, reached levels the end year
    ['五年来，城镇新增就业3.6万人，累计完成固定资产投资812亿元，城镇化率达到58.3%，提高6.2个百分点。', [
      'new_urban_jobs level 36000 person 2019/2023 actual =',
      'fai level 81200000000 CNY 2019/2023 actual =',
      'urbanization_rate level 58.3 % 2023 actual =',
      'urbanization_rate change 6.2 pp 2019/2023 actual =',
    ]],
    ['这五年，我们爬坡过坎。实际利用外资4.2亿美元，进出口总额增长到126亿元。', [
      'fdi level 420000000 USD 2019/2023 actual =',
      'trade level 12600000000 CNY 2023 actual =',
    ]],
    // a start value takes the base year written before it
    ['一般公共预算收入从2018年的9.6亿元增长到14.1亿元。', [
      'budget_revenue level 960000000 CNY 2018 actual =',
      'budget_revenue level 1410000000 CNY 2023 actual =',
    ]],
    // without any base year the start value is not a fact
    ['一般公共预算收入从9.6亿元增长到14.1亿元。', ['budget_revenue level 1410000000 CNY 2023 actual =']],
    // a five-year plan's name inside a clause is not the time the clause is about
    ['今年是奋进“十四五”新征程的关键一年。固定资产投资增长8.2%。', ['fai growth 8.2 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));

  it('reads 到2028年 … 年均 in a plan as the span from the plan year', () => {
    expect(facts('到2028年，全县生产总值年均增长7%以上，城乡居民收入年均分别增长6.5%和8%。', { plan: true })).toEqual([
      'gdp growth 7 % 2024/2028 target >=',
      'income_urban growth 6.5 % 2024/2028 target =',
      'income_rural growth 8 % 2024/2028 target =',
    ]);
  });
});

describe('clause grammar: verbs of adding, contributions, price indices', () => {
  it.each<[string, string[]]>([
    // a verb of adding governs every name of its list
    ['新增科技型中小企业40家、高新技术企业9家。', ['new_high_tech_enterprises level 9 count 2023 actual =']],
    ['成功认定国家高新技术企业12家。', ['new_high_tech_enterprises level 12 count 2023 actual =']],
    ['规模以上工业企业新增18家。', ['new_above_scale_enterprises level 18 count 2023 actual =']],
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
    ['全市服务业增加值2100.5亿元，增长6.1%。', ['gdp_tertiary level 210050000000 CNY 2023 actual =', 'gdp_tertiary growth 6.1 % 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('clause grammar: no change, slogans, rates before words', () => {
  it.each<[string, string[]]>([
    ['全年固定资产投资与上年持平。', ['fai growth 0 % 2023 actual =']],
    ['社会消费品零售总额同比持平。', ['retail_sales growth 0 % 2023 actual =']],
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

describe('sections: a five-year plan part', () => {
  it('reads 今后五年 in a plan heading as the five years after the one reviewed', async () => {
    const { findSections } = await import('./sections.js');
    const text = '一、过去五年工作回顾\n' + '过去一年，全县上下团结奋进。\n'.repeat(12) + '二、今后五年的总体思路和奋斗目标\n到2028年，生产总值年均增长7%。\n';
    const parts = findSections(text, 2023);
    expect(parts).toEqual([{ start: text.indexOf('二、'), plan: true, span: { from: 2024, to: 2028 } }]);
  });

  it('gives levels the last year of the plan and 年均 the span', async () => {
    const { findSections } = await import('./sections.js');
    const { normalize } = await import('../normalize/index.js');
    const { tokenize } = await import('../recognize/index.js');
    const pad = '一、2020年工作回顾\n' + '过去一年，全市上下团结奋进。\n'.repeat(12);
    const text = pad + '二、“十四五”时期的主要目标任务\n生产总值年均增长8%以上，常住人口城镇化率达到64%。\n三、2021年主要工作\n生产总值增长8%以上。\n';
    const n = normalize(text);
    const sections = findSections(n.text, 2020);
    const drafts = new ClauseGrammar(n.text, { year: 2020, sections }).run(tokenize(n.text));
    expect(drafts.map((d) => `${d.indicator} ${d.measure} ${d.value} ${d.period} ${d.status}`)).toEqual([
      'gdp growth 8 2021/2025 target',
      'urbanization_rate level 64 2025 target',
      'gdp growth 8 2021 target',
    ]);
  });
});
