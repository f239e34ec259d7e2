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
