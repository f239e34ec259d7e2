import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';

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

describe('分别 by position (distribution.ts)', () => {
  it.each<[string, string[]]>([
    // among the amounts of the sentence: the one that is not an indicator keeps its place
    ['年末生猪存栏88.1万头，全年生猪出栏152.6万头，分别增长3.2%和4.5%。', [
      'hogs_slaughtered level 1526000 head 2023 actual =',
      'hogs_slaughtered growth 4.5 % 2023 actual =',
    ]],
    ['全年接待游客860万人次，实现综合效益72亿元，分别增长21%、25%。', [
      'tourists level 8600000 person_time 2023 actual =',
      'tourists growth 21 % 2023 actual =',
    ]],
    // in a list of names: the one that is not an indicator keeps its place
    ['空气质量综合指数、PM2.5平均浓度分别下降5.1%、8.3%。', ['pm25 growth -8.3 % 2023 actual =']],
    ['综合指数和PM2.5浓度分别下降5.1%和8.3%。', ['pm25 growth -8.3 % 2023 actual =']],
    // the indicator first, other things after it
    ['社会消费品零售总额、限额以上消费品零售额分别完成58.2亿元、7.1亿元，分别增长6.2%、9.6%。', [
      'retail_sales level 5820000000 CNY 2023 actual =',
      'retail_sales growth 6.2 % 2023 actual =',
    ]],
    // the clause's own words before 分别 name other things: nothing by position
    ['外贸进出口总额稳定在120亿元以上，蔬菜出口突破30亿元、货值和总量分别居全国第1位、第3位。', [
      'trade level 12000000000 CNY 2023 actual >=',
    ]],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('a rank that opens its clause', () => {
  it.each<[string, string[]]>([
    // after a comparison of the growth, the rank is the indicator's
    ['全县地区生产总值增长5.6%，增速比上半年加快0.3个百分点，居全市第4位。', [
      'gdp growth 5.6 % 2023 actual =',
      'gdp rank 4 rank prefecture 2023 actual =',
    ]],
    // not after an amount of something else
    ['PM2.5平均浓度29微克/立方米，PM10平均浓度41微克/立方米，全省排名第一。', ['pm25 level 29 ug_m3 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));
});

describe('values over a list of units, twice', () => {
  it('gives both lists of the sentence to the units', async () => {
    const { normalize } = await import('../normalize/index.js');
    const { tokenize } = await import('../recognize/index.js');
    const { regionTokens } = await import('../pipeline/document.js');
    const { ClauseGrammar } = await import('./clause.js');
    const region = { code: '430000', name: '湖南省' };
    const n = normalize('常德、衡阳地区生产总值分别为4861.2亿元、4599.7亿元，分别增长5.8%、5.6%。');
    const got = new ClauseGrammar(n.text, { year: 2025, sections: [], region })
      .run(tokenize(n.text, regionTokens(n.text, region, 'news')))
      .map((d) => `${d.region?.name} ${d.measure} ${d.value}`);
    expect(got).toEqual(['常德市 level 486120000000', '衡阳市 level 459970000000', '常德市 growth 5.8', '衡阳市 growth 5.6']);
  });
});

