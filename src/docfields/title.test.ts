import { describe, expect, it } from 'vitest';
import { documentTitle, firstHeading, headerFields } from './title.js';

describe('document title and source address', () => {
  const collected = '标题：政府工作报告——在某市第十二届人民代表大会第四次会议上\n发文单位：某市人民政府\n来源URL：http://example.gov.cn/news/show.asp?id=471\n\n正文：\n各位代表：……\n标题：不是标题\n';
  it('reads the header lines of collected texts', () => {
    expect(headerFields(collected)).toEqual({
      title: '政府工作报告——在某市第十二届人民代表大会第四次会议上',
      sourceUrl: 'http://example.gov.cn/news/show.asp?id=471',
    });
  });
  it('falls back to the first heading-like line, joined and without markdown', () => {
    expect(firstHeading('\n\n# 以实干实绩奋力迈向“县域经济强县”\n\n——写在全会召开之际')).toBe('以实干实绩奋力迈向“县域经济强县”');
    expect(firstHeading(' 政 府 工 作 报 告\n——2023年12月19日')).toBe('政府工作报告');
    expect(firstHeading('全年地区生产总值102.3亿元，增长5.8%。固定资产投资增长7.6%。')).toBeUndefined();
  });
  it('prefers what was given at ingest, then the header, then the reader title', () => {
    expect(documentTitle(collected, 'HTML 标题', { title: '给定标题' }).title).toBe('给定标题');
    expect(documentTitle(collected, 'HTML 标题').title).toMatch(/^政府工作报告/);
    expect(documentTitle('正文', '某县2023年统计公报')).toEqual({ title: '某县2023年统计公报' });
    expect(documentTitle('x', undefined, { sourceUrl: 'javascript:alert(1)' }).sourceUrl).toBeUndefined();
  });
});

describe('texts whose line breaks are written out', () => {
  it('splits on a literal \\r\\n too', () => {
    expect(firstHeading('政府工作报告 \\r\\n——在某县第十七届人民代表大会第一次会议上 \\r\\n各位代表：')).toBe('政府工作报告');
  });
});
