import { describe, expect, it } from 'vitest';
import { codePointAt, normalize, quoteAt, toSourceSpan } from './index.js';

function roundTrip(source: string, needle: string): string {
  const n = normalize(source);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in normalized "${n.text}"`).toBeGreaterThanOrEqual(0);
  const span = toSourceSpan(n, at, at + needle.length);
  return quoteAt(source, span);
}

describe('normalize', () => {
  it('converts Traditional to Simplified keeping offsets', () => {
    const src = '全縣GDP達到67.05億元，同比增長5.1%';
    const n = normalize(src);
    expect(n.text).toBe('全县GDP达到67.05亿元，同比增长5.1%');
    expect(roundTrip(src, '达到67.05亿元')).toBe('達到67.05億元');
  });

  it('maps full-width digits and punctuation to ASCII', () => {
    const src = '增长５．６％，完成投资１２３亿元';
    expect(normalize(src).text).toBe('增长5.6%，完成投资123亿元');
    expect(roundTrip(src, '5.6%')).toBe('５．６％');
  });

  it('drops spaces inside numbers and units but keeps them between Latin words', () => {
    const src = '完成投资 80.69 亿元，2025 年 GDP增长 5.6%，Made in China';
    const n = normalize(src);
    expect(n.text).toBe('完成投资80.69亿元，2025年GDP增长5.6%，Made in China');
    expect(roundTrip(src, '80.69亿元')).toBe('80.69 亿元');
  });

  it('removes literal escapes and entities', () => {
    const src = '全年增长&nbsp;6%\\r\\n第二段';
    expect(normalize(src).text).toBe('全年增长6%\n第二段');
  });

  it('drops web chrome lines', () => {
    const src = '首页\n分享到：微信 微博\n正文第一句。\n【字号：大 中 小】\n相关报道：某某新闻\n打印\n';
    expect(normalize(src).text).toBe('正文第一句。\n');
  });

  it('re-joins PDF-wrapped lines and drops gazette headers and page numbers', () => {
    const body: string[] = [];
    for (let i = 0; i < 30; i++) body.push('这是一行被排版折断的政府工作报告正文文字');
    body.push('全年实现地区生产总值增长5.6%；规模工业增加');
    body.push('');
    body.push('某某县人民政府公报 2024年第 1期（总第 3期） 重要政务');
    body.push('');
    body.push('- 4 -');
    body.push('');
    body.push('值增长 11.4%，固定资产投资增长8.3%。');
    const src = body.join('\n\n');
    const n = normalize(src);
    expect(n.lines.wrapped).toBe(true);
    expect(n.text).toContain('规模工业增加值增长11.4%');
    expect(n.text).not.toContain('公报');
    const q = roundTrip(src, '增加值增长11.4%');
    expect(q.startsWith('增加')).toBe(true);
    expect(q.endsWith('11.4%')).toBe(true);
  });

  it.each([
    ['二、“\n十四五\n”时期的主要目标', '二、“十四五”时期的主要目标'],
    ['实施《\n乡村振兴\n》规划', '实施《乡村振兴》规划'],
    ['全县生产总值\n，增长6%', '全县生产总值，增长6%'],
    ['（\n初步核算\n）', '（初步核算）'],
    ['我们坚定不移践行\n以人民为中心的发展思想\n，在共享中提高生活水平。', '我们坚定不移践行以人民为中心的发展思想，在共享中提高生活水平。'],
    ['亲自指挥、\n亲自部署。', '亲自指挥、亲自部署。'],
    ['金融机构本外币贷款余额15397.0\n亿元，比上年末下降2.0%。', '金融机构本外币贷款余额15397.0亿元，比上年末下降2.0%。'],
  ])('re-joins a phrase that inline markup broke over lines: %j', (src, want) => {
    expect(normalize(src).text).toBe(want);
  });

  it.each([
    ['一、工作回顾\n“十四五”开局良好。'],
    ['他说：“增长6%。”\n二、工作安排'],
  ])('keeps a paragraph that merely starts or ends with a quote: %j', (src) => {
    expect(normalize(src).text).toBe(src);
  });

  it.each([
    ['全年规模以上工业[3]增加值下降6.0%', '全年规模以上工业增加值下降6.0%'],
    ['常住人口874.4万人[3]，其中', '常住人口874.4万人，其中'],
    ['实现“两个翻一番”〔13〕目标', '实现“两个翻一番”目标'],
    ['研发投入强度①达到2.1%', '研发投入强度达到2.1%'],
  ])('drops the footnote marker in %j', (src, want) => {
    expect(normalize(src).text).toBe(want);
    // the words on both sides keep their way back to the source
    expect(roundTrip(src, want.slice(0, 4))).toBe(src.slice(0, 4));
    expect(roundTrip(src, want.slice(-2))).toBe(src.slice(-2));
  });

  it.each([['[1]名词解释'], ['措施：①加快建设'], ['见〔2024〕5号文件']])('keeps a marker that opens an item: %j', (src) => {
    expect(normalize(src).text).toBe(src);
  });

  it.each([
    ['地区生产总值增长2。4%', '地区生产总值增长2.4%'],
    ['提高0。35个百分点', '提高0.35个百分点'],
  ])('reads a full stop inside a decimal as a point: %j', (src, want) => {
    expect(normalize(src).text).toBe(want);
    expect(roundTrip(src, want.slice(-4))).toBe(src.slice(-4));
  });

  it.each([['增长12%。4月份以来'], ['完成2。下一步']])('keeps a full stop that ends a sentence: %j', (src) => {
    expect(normalize(src).text).toBe(src);
  });

  it.each([
    ['增加值完成40.8 2亿元，年均增长1 2.7%', '增加值完成40.82亿元，年均增长12.7%', '40.8 2亿元'],
    ['增加值完成40.8 2 亿元', '增加值完成40.82亿元', '40.8 2 亿元'],
  ])('joins a decimal a PDF broke with a space: %j', (src, want, quote) => {
    expect(normalize(src).text).toBe(want);
    expect(roundTrip(src, '40.82亿元')).toBe(quote);
  });

  it.each([['表1 2025年分县数据'], ['图3 2021-2025年'], ['指数 12 34'], ['比重为1.2 3.4']])('keeps numbers apart: %j', (src) => {
    expect(normalize(src).text).toBe(src.replace(/(?<=[\u4e00-\u9fff]) | (?=[\u4e00-\u9fff])/gu, ''));
  });

  it('keeps ordinary paragraphs apart', () => {
    const src = '一、工作回顾\n全年增长6%。\n二、工作安排\n增长7%左右。';
    expect(normalize(src).text).toBe(src);
  });

  it('maps spans to code points when the source has supplementary characters', () => {
    const src = '𠀀𠀁增长6%';
    const n = normalize(src);
    const at = n.text.indexOf('增长');
    expect(toSourceSpan(n, at, at + 4)).toEqual([2, 6]);
    expect(quoteAt(src, [2, 6])).toBe('增长6%');
  });
});

describe('codePointAt', () => {
  // without a surrogate pair no index is kept: UTF-16 offsets are code points
  it.each([
    { source: '全县生产总值增长5%', pair: false },
    { source: 'GDP 12.5亿元\n第二行', pair: false },
    { source: '𠀀县生产总值增长5%', pair: true },
    { source: '生产总值𩸽增长5%𠮷', pair: true },
  ])('$source', ({ source, pair }) => {
    const n = normalize(source);
    expect(n.cp === null).toBe(!pair);
    const cps = [...source];
    let u = 0;
    for (let k = 0; k <= cps.length; k++) {
      expect(codePointAt(n, u), `offset ${u}`).toBe(k);
      u += cps[k]?.length ?? 0;
    }
  });
});
