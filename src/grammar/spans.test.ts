import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { tokenize } from '../recognize/index.js';
import { ClauseGrammar } from './clause.js';
import { facts } from './facts.case.js';
import type { PeriodSpec } from '../recognize/index.js';
import type { Measure } from '../types.js';
import { spanPeriod, spansInvolved, type SpanQuestion, type YearSpan } from './spans.js';

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
    // 年均 after a start value of a written year runs from it
    ['地区生产总值从2018年的45.6亿元增长到70.1亿元，年均增长9%。', [
      'gdp level 4560000000 CNY 2018 actual =',
      'gdp level 7010000000 CNY 2023 actual =',
      'gdp growth 9 % 2019/2023 actual =',
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

describe('sections: where the plan part opens', () => {
  it('opens at a line that states the targets, even at the top of a text (a page of a report)', async () => {
    const { findSections } = await import('./sections.js');
    const text = '标题：2024年某某市政府工作报告\n今年政府工作的总体要求是：坚持稳中求进。\n经济社会发展的主要预期目标是：生产总值增长6%以上。\n' + '加快建设现代化产业体系。\n'.repeat(20);
    expect(findSections(text, 2023)[0]).toEqual({ start: text.indexOf('今年'), plan: true });
  });

  it('does not open at a title or a preamble that merely names a plan', async () => {
    const { findSections } = await import('./sections.js');
    const text = '二、2024年工作安排\n' + '过去一年，全市上下团结奋进。\n'.repeat(20);
    expect(findSections(text, 2023)).toEqual([]);
  });
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

describe('plan parts of a report reviewing 2025', () => {
  const plan = (text: string) => {
    const n = normalize(text);
    return new ClauseGrammar(n.text, { year: 2025, written: 2026, sections: [{ start: 0, plan: true }] })
      .run(tokenize(n.text))
      .map((d) => `${d.indicator} ${d.measure} ${d.value} ${d.period} ${d.status} ${d.bound}`);
  };
  it.each<[string, string[]]>([
    ['今年主要预期目标是：地区生产总值增长5.5%左右。', ['gdp growth 5.5 2026 target ~']],
    ['“十五五”时期，全县生产总值年均增长5%。', ['gdp growth 5 2026/2030 target =']],
    ['到2030年，常住人口城镇化率达到70%。', ['urbanization_rate level 70 2030 target =']],
    ['实施省市县重点项目120个，总投资600亿元，年度计划投资150亿元。', [
      'key_projects level 120 2026 target =',
      'key_projects_total_investment level 60000000000 2026 target =',
      'key_projects_annual_investment level 15000000000 2026 target =',
    ]],
  ])('%s', (text, want) => expect(plan(text)).toEqual(want));
});

describe('news about 1-2月: the same months of other years', () => {
  const news = (text: string) => {
    const n = normalize(text);
    return new ClauseGrammar(n.text, { year: 2021, sections: [], months: { from: 1, to: 2 } })
      .run(tokenize(n.text))
      .map((d) => `${d.indicator} ${d.measure} ${d.value} ${d.period}`);
  };
  it.each<[string, string[]]>([
    ['规模以上工业增加值同比增长44.6%。', ['industrial_va growth 44.6 2021-01/2021-02']],
    ['2020年同期规模以上工业增加值同比下降23.2%。', ['industrial_va growth -23.2 2020-01/2020-02']],
    // against the same months of an earlier year: a special-scope rate, no fact
    ['规模以上工业增加值比2019年同期增长11.1%。', []],
    ['2013-2018年同期规模以上工业增加值平均增速为7.35%。', ['industrial_va growth 7.35 2013/2018']],
  ])('%s', (text, want) => expect(news(text)).toEqual(want));
});


describe('spansInvolved: when it says no, spanPeriod answers undefined (randomized questions)', () => {
  it('holds over every combination of the parts it does not read', () => {
    const measures: Measure[] = ['level', 'growth', 'change', 'growth_cumulative', 'share', 'rank'];
    const periods: Array<PeriodSpec | null> = [
      null,
      { k: 'year', year: 2023 },
      { k: 'year', rel: -1 },
      { k: 'year', year: 2027 },
      { k: 'months', from: 1, to: 6 },
      { k: 'months', from: 1, to: 12, year: 2022 },
      { k: 'span', from: 2019, to: 2023 },
      { k: 'span', from: 2021, to: 2025 },
    ];
    const scopes: Array<YearSpan | null> = [null, { from: 2019, to: 2023 }, { from: 2026, to: 2030 }];
    const years: Array<number | undefined> = [undefined, 2011, 2018, 2022, 2023];
    let seed = 5;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let skipped = 0;
    let answered = 0;
    for (let round = 0; round < 20000; round++) {
      const refYear = years[rnd(years.length)];
      const sentenceRefYear = years[rnd(years.length)];
      const q: SpanQuestion = {
        measure: measures[rnd(measures.length)]!,
        averaged: rnd(3) === 0,
        sums: rnd(2) === 0,
        cumulativeWord: rnd(3) === 0,
        reached: rnd(2) === 0,
        yearOnYear: rnd(2) === 0,
        period: periods[rnd(periods.length)]!,
        scope: scopes[rnd(scopes.length)]!,
        ...(refYear !== undefined ? { refYear } : {}),
        ...(sentenceRefYear !== undefined ? { sentenceRefYear } : {}),
        docYear: 2023,
        baseYear: rnd(2) === 0 ? 2023 : 2024,
      };
      if (!spansInvolved(q)) {
        skipped++;
        expect(spanPeriod(q)).toBeUndefined();
      } else if (spanPeriod(q) !== undefined) answered++;
    }
    // both sides are exercised
    expect(skipped).toBeGreaterThan(500);
    expect(answered).toBeGreaterThan(1000);
  });
});
