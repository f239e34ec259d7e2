import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { documentFields, newsMonths } from './document.js';

function fields(text: string, filename = 'doc.txt') {
  const n = normalize(text);
  const f = documentFields(n.script, n.text, { filename, header: text });
  return { year: f.year, written: f.written, kind: f.kind, region: f.region?.name };
}

describe('document year and the year the text was written', () => {
  it('reads a work report delivered early in 2026 as the review of 2025', () => {
    const text = '2026年蓝山县人民政府工作报告\n——2026年1月8日在蓝山县第十八届人民代表大会第五次会议上\n一、2025年工作回顾\n过去的一年，全县地区生产总值增长6%。\n';
    expect(fields(text)).toMatchObject({ year: 2025, written: 2026, kind: 'report' });
  });

  it('reads a January release about 去年 as news about last year', () => {
    const text = '标题：蓝山县经济运行平稳\n发布时间：2026-01-21\n正文：\n1月20日，县统计局发布数据。去年，全县地区生产总值增长6.1%，固定资产投资增长8%。去年全县社会消费品零售总额增长5%。\n';
    expect(fields(text, 'release.txt')).toMatchObject({ year: 2025, written: 2026, kind: 'news' });
  });

  it('keeps a mid-year news item in its own year, a comparison base never counts', () => {
    const text = 'title:1-7月蓝山县经济稳中有升\ndate:Tue,24Aug2021 03:37:22GMT\n1-7月，蓝山县规模以上工业增加值同比增长5.8%，比2019年1-7月增长12.1%。\n';
    expect(fields(text, 'news.txt')).toMatchObject({ year: 2021, written: 2021 });
  });

  it('reads a December year-end review of this year (今年 is the year reviewed)', () => {
    const text = '蓝山县2025年经济社会发展综述\n2025年12月28日\n今年以来，全县地区生产总值预计增长6%。\n';
    expect(fields(text, 'review.txt')).toMatchObject({ year: 2025, written: 2025 });
  });
});

describe('news about some months', () => {
  it.each([
    ["title:'1-7月某市经济稳中有升'\n1-7月，全市规模以上工业增加值增长5.8%。", { from: 1, to: 7 }],
    ['标题：前三季度全县经济运行平稳\n正文：全县生产总值增长6%。', { from: 1, to: 9 }],
    ['原标题：上半年全市经济数据出炉\n全市生产总值增长5%。', { from: 1, to: 6 }],
  ])('reads the months of the headline: %j', (text, want) => {
    expect(newsMonths(text)).toEqual(want);
  });

  it.each([['标题：2025年全县经济社会发展综述\n全年生产总值增长6%。'], ['1-7月，全市规模以上工业增加值增长5.8%。']])(
    'finds none without a headline about months: %j',
    (text) => expect(newsMonths(text)).toBeUndefined(),
  );
});

