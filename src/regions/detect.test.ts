import { describe, expect, it } from 'vitest';
import { detectDocumentRegion, rankDocumentRegions, selfType } from './detect.js';

// Made-up documents: short, but shaped like the real thing (titles, 全县/全市, chrome).
const countyNews = [
  '江永新闻网',
  '湖南江永县：特色产业带动群众增收',
  '今年以来，湖南江永县围绕香柚、香芋等特色产业做文章，全县农业总产值稳步增长，增速在永州市各县区中位居前列。',
  '前三季度，全县完成地区生产总值60多亿元，同比增长5%左右；全县规模工业增加值增长8%，在全市排名靠前。',
  '江永还加快文旅融合，接待游客人次明显增加。',
].join('\n');

const cityReport = [
  '各位代表：',
  '现在，我代表市人民政府向大会报告工作，请予审议。',
  '一、过去一年工作回顾',
  '过去一年，全市上下攻坚克难，永州经济运行总体平稳，全市地区生产总值增长4%以上。',
  '祁阳、江永、道县、宁远等县市区主要指标稳中有进，冷水滩、零陵城区品质持续提升。',
  '我们坚持项目为王，全市新开工项目数量创近年新高，永州的开放平台建设取得新突破。',
].join('\n');

const pdfReport = [
  ' 政 府 工 作 报 告',
  '——2024年 1月 8日在芷江侗族自治县',
  '',
  '第十届人民代表大会第二次会议上',
  '',
  '县人民政府代县长 某某',
  '各位代表：',
  '现在，我代表县人民政府向大',
  '会报告工作，请予审议。',
  '一、2023年工作回顾',
  '2023年，全县上下团结一心，地区生产总值增长5%左右，在怀化市排名靠前，',
  '全县固定资产投资稳定增长，县城面貌持续改善。',
].join('\n');

const chrome = [
  '',
  '相关文章',
  '焦作市解放区2024年政府工作报告',
  '郏县2024年政府工作报告',
  '平顶山市新华区2024年政府工作报告',
  '安庆市2023年政府工作报告',
  '标签云',
  '北京市',
  '上海市',
].join('\n');

describe('detectDocumentRegion', () => {
  it('finds the county of a news review (湖南江永县 … 全县 … 永州市)', () => {
    const g = detectDocumentRegion(countyNews);
    expect(g.region?.code).toBe('431125');
  });

  it('finds the prefecture that delivers a work report (我代表市人民政府 … 永州 … its counties)', () => {
    const g = detectDocumentRegion(cityReport);
    expect(g.region?.code).toBe('431100');
  });

  it('reads a title split across lines by PDF extraction', () => {
    const g = detectDocumentRegion(pdfReport);
    expect(g.region?.code).toBe('431228');
    expect(g.rule).toBe('cue:congress');
    expect(g.span).toBeDefined();
    expect(pdfReport.slice(g.span![0], g.span![1])).toBe('芷江侗族自治县');
  });

  it('discounts lists of other documents after the text', () => {
    const text = [
      '2021年唐县政府工作报告',
      '2021年1月15日在唐县第十七届人民代表大会第五次会议上',
      '各位代表：现在，我代表县人民政府向大会报告工作，全县生产总值稳步增长，全县财政收入增长明显。',
      '我们推动唐县红色旅游和特色农业融合发展，在保定市率先完成多项改革任务。',
    ].join('\n');
    expect(detectDocumentRegion(text + chrome).region?.code).toBe('130627');
  });

  it('picks among same-named districts by the prefecture the text names', () => {
    const pds = '平顶山市新华区2023年国民经济和社会发展统计公报\n一、综合\n初步核算，全区地区生产总值比上年增长5%，全区经济运行总体平稳，在平顶山市各县区中增速靠前。';
    const sjz = '石家庄市新华区2023年国民经济和社会发展统计公报\n一、综合\n初步核算，全区地区生产总值比上年增长6%，全区经济运行总体平稳，在石家庄市各县区中增速靠前。';
    expect(detectDocumentRegion(pds).region?.code).toBe('410402');
    expect(detectDocumentRegion(sjz).region?.code).toBe('130105');
  });

  it('resolves a district mentioned without its city from the rest of the text', () => {
    const text = '各位代表：我代表区人民政府向大会报告工作。过去一年，新华区全区经济平稳运行，全区固定资产投资增长，为建设现代化沧州作出新贡献，沧州市交办的任务全部完成。';
    expect(detectDocumentRegion(text).region?.code).toBe('130902');
  });

  it('uses the kind of unit the text calls itself for a shared short form (长沙)', () => {
    const county = '长沙经开区所在的长沙今年势头良好，全县规模工业增长较快，县委县政府出台多项措施，全县上下干劲十足，我县经济总量继续保持在全省县域前列。';
    const city = '长沙今年势头良好，全市规模工业增长较快，市委市政府出台多项措施，全市上下干劲十足，我市经济总量继续保持在中部省会城市前列。';
    expect(detectDocumentRegion(county).region?.code).toBe('430121');
    expect(detectDocumentRegion(city).region?.code).toBe('430100');
  });

  it('does not take the prefecture a county-level city ranks itself in for the speaker', () => {
    const text =
      '各位代表：现在，我代表市人民政府向大会报告工作。过去一年，全市经济稳中有进，安国中药产业加快发展，' +
      '全市生产总值增长7%，在保定市各县市中位居前列，增速排名保定市第二，安国市获评省级先进。';
    expect(detectDocumentRegion(text).region?.code).toBe('130683');
  });

  it('finds a province that speaks for itself', () => {
    const text = '各位代表：现在，我代表省人民政府向大会作政府工作报告。过去一年，全省经济运行稳中有进，河北地区生产总值增长5%以上，石家庄、保定、唐山等市主要指标好于预期，全省上下奋发有为。';
    const g = detectDocumentRegion(text);
    expect(g.region?.code).toBe('130000');
  });

  it('takes a title hint as title-zone evidence', () => {
    const body = '一、综合\n初步核算，全年全市地区生产总值比上年增长5%，全市经济运行稳中向好，主要指标好于预期。';
    const g = detectDocumentRegion(body, { title: '2023年衡阳市国民经济和社会发展统计公报' });
    expect(g.region?.code).toBe('430400');
    expect(g.rule).toBe('title:bulletin-title');
  });

  it('falls back to the file name only when the text names no unit', () => {
    const text = '各位代表：过去一年，我们坚持稳中求进，全县经济运行总体平稳，民生事业持续进步。';
    expect(detectDocumentRegion(text, { filename: 'data/2020_河北省保定市唐县_report.txt' })).toEqual({
      region: expect.objectContaining({ code: '130627' }),
      rule: 'filename',
    });
    expect(detectDocumentRegion(countyNews, { filename: '2020_河北省保定市唐县_report.txt' }).region?.code).toBe('431125');
  });

  it('gives null when nothing names a unit', () => {
    expect(detectDocumentRegion('')).toEqual({ region: null, rule: 'none' });
    expect(detectDocumentRegion('过去一年，我们坚持稳中求进，经济运行总体平稳。')).toEqual({ region: null, rule: 'none' });
  });

  it('is not fooled by common words that contain short forms', () => {
    const text = '各位代表：过去一年，全县乡村振兴顺利推进，合作社发展壮大，创新平台建设顺利通过验收，财政和金融运行平稳，长治久安局面巩固。蠡县县委县政府团结带领全县人民砥砺前行。';
    expect(detectDocumentRegion(text).region?.code).toBe('130635');
  });

  it('explains its ranking', () => {
    const ranked = rankDocumentRegions(countyNews);
    expect(ranked[0]?.region.code).toBe('431125');
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked.map((r) => r.region.code)).toContain('431100');
  });
});

describe('selfType', () => {
  it.each([
    ['江永县', '县'],
    ['芷江侗族自治县', '县'],
    ['永州市', '市'],
    ['广西壮族自治区', '区'],
    ['阿克苏地区', '地区'],
    ['湘西土家族苗族自治州', '州'],
    ['锡林郭勒盟', '盟'],
  ])('%s → %s', (name, t) => {
    expect(selfType(name)).toBe(t);
  });
});

describe('detectDocumentRegion picks the first of the full ranking', () => {
  // it finds the best candidate in one pass instead of sorting them all
  const DEV = new URL('../../../shared/corpus/dev/', import.meta.url);
  it('on the made-up documents and the dev corpus', async () => {
    const { existsSync, readdirSync, readFileSync } = await import('node:fs');
    const texts = [countyNews, cityReport, pdfReport, ''];
    if (existsSync(DEV)) for (const n of readdirSync(DEV).sort()) texts.push(readFileSync(new URL(n, DEV), 'utf8'));
    for (const t of texts) {
      const first = rankDocumentRegions(t)[0];
      expect(detectDocumentRegion(t).region?.code ?? null).toBe(first?.region.code ?? null);
    }
  });
});
