import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempFiles, tempFile } from './fixtures.case.js';
import { decodeHtml, declaredCharset, htmlToText, isWidgetLine } from './html.js';
import { readSource } from './index.js';

afterAll(removeTempFiles);

/** A government news page around a short bulletin: menus, share/print widgets, related list, footer. */
function bulletinPage(charsetLabel: string): string {
  return `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charsetLabel}">
<title>柳溪县2025年国民经济和社会发展统计公报_统计数据_柳溪县人民政府</title>
<style>.nav{color:red}</style>
<script>var tracker = "页面统计代码，不是正文。";</script>
</head><body>
<div class="header"><div class="logo">柳溪县人民政府</div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tjsj">统计数据</a></div>
<div class="main">
  <div class="article">
    <h1 class="article-title">柳溪县2025年国民经济和社会发展统计公报</h1>
    <div class="info">发布时间：2026-03-20　来源：柳溪县统计局　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="javascript:window.print()">打印</a>】</div>
    <div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
    <div class="article-content">
      <p>　　初步核算，全年全县地区生产总值
      218.64亿元，比上年增长5.7%。其中，第一产业增加值41.25亿元，增长3.8%；第二产业增加值73.90亿元，增长6.9%；第三产业增加值103.49亿元，增长5.6%。</p>
      <p>&nbsp;&nbsp;全年一般公共预算收入12.37亿元，比上年增长4.2%，其中税收收入8.15亿元，增长3.1%。<br>一般公共预算支出36.82亿元，增长2.6%。</p>
      <table border="1">
        <tr><th>指标</th><th>单位</th><th>绝对数</th><th>比上年增长%</th></tr>
        <tr><td>地区生产总值</td><td>亿元</td><td>218.64</td><td>5.7</td></tr>
        <tr><td rowspan="2">其中：第一产业</td><td>亿元</td><td>41.25</td><td>3.8</td></tr>
        <tr><td>万人</td><td>6.20</td><td>-1.5</td></tr>
      </table>
    </div>
    <div class="ewm">扫一扫在手机打开当前页</div>
    <div class="page-next"><p>上一篇：<a href="/a1.html">柳溪县2025年1-11月经济运行简况</a></p><p>下一篇：<a href="/a3.html">柳溪县第一季度用电情况</a></p></div>
    <div class="xgwz"><h3>相关链接</h3><ul>
      <li><a href="/r1.html">2024年柳溪县统计公报</a></li>
      <li><a href="/r2.html">2023年柳溪县统计公报</a></li>
      <li><a href="/r3.html">柳溪县第四次经济普查公报</a></li>
    </ul></div>
  </div>
</div>
<div class="footer"><p>主办：柳溪县人民政府办公室　地址：柳溪县人民路18号　联系电话：0000-1234567</p><p>网站标识码：0000000000　备案号：某ICP备00000000号</p></div>
</body></html>`;
}

const EXPECTED_LINES = [
  '柳溪县2025年国民经济和社会发展统计公报',
  '初步核算，全年全县地区生产总值218.64亿元，比上年增长5.7%。其中，第一产业增加值41.25亿元，增长3.8%；第二产业增加值73.90亿元，增长6.9%；第三产业增加值103.49亿元，增长5.6%。',
  '全年一般公共预算收入12.37亿元，比上年增长4.2%，其中税收收入8.15亿元，增长3.1%。',
  '一般公共预算支出36.82亿元，增长2.6%。',
  '指标\t单位\t绝对数\t比上年增长%',
  '地区生产总值\t亿元\t218.64\t5.7',
  '其中：第一产业\t亿元\t41.25\t3.8',
  '\t万人\t6.20\t-1.5',
];

const CHROME = ['首页', '当前位置', '分享', '微信', '打印', '字号', '扫一扫', '上一篇', '下一篇', '相关链接', '2024年柳溪县统计公报', '主办', '备案号', '页面统计代码'];

describe('HTML reader on a GBK page with chrome', () => {
  const path = tempFile('bulletin-gbk.html', iconv.encode(bulletinPage('gb2312'), 'gbk'));

  it('decodes GB2312-labelled bytes as GB18030 and keeps only the article', async () => {
    const src = await readSource(path);
    expect(src.format).toBe('html');
    expect(src.encoding).toBe('gb18030');
    expect(src.title).toBe('柳溪县2025年国民经济和社会发展统计公报');
    // Title first, then the paragraphs and table rows in reading order, nothing else.
    const lines = src.text.split('\n');
    expect(lines.filter((l) => !l.startsWith('发布时间'))).toEqual(EXPECTED_LINES);
    for (const word of CHROME) expect(src.text).not.toContain(word);
  });

  it('catches a wrong <meta> charset (says GB2312, bytes are UTF-8)', async () => {
    const src = await readSource(tempFile('lying-gb.html', bulletinPage('gb2312')));
    expect(src.encoding).toBe('utf-8');
    expect(src.diagnostics.map((d) => d.rule)).toContain('decode/charset-mismatch');
    expect(src.text).toContain(EXPECTED_LINES[1]);
  });

  it('catches a wrong <meta> charset (says UTF-8, bytes are GBK)', async () => {
    const src = await readSource(tempFile('lying-utf8.html', iconv.encode(bulletinPage('utf-8'), 'gbk')));
    expect(src.encoding).toBe('gb18030');
    expect(src.diagnostics.map((d) => d.rule)).toContain('decode/charset-mismatch');
    expect(src.text.split('\n')).toEqual(expect.arrayContaining(EXPECTED_LINES));
  });
});

describe('HTML decoding', () => {
  it('finds the declared charset in either meta form', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(enc('<meta charset="GBK"><p>x</p>'))).toBe('GBK');
    expect(declaredCharset(enc('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'))).toBe('gb2312');
    expect(declaredCharset(enc('<p>none</p>'))).toBeNull();
  });

  it('uses the BOM before any meta tag', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="gbk"><p>增长5.7%</p>')]);
    expect(decodeHtml(new Uint8Array(bytes), 'b.html').encoding).toBe('utf-8');
  });

  it('detects GBK without any declaration', () => {
    const r = decodeHtml(new Uint8Array(iconv.encode('<html><body><p>全年全县地区生产总值218.64亿元，比上年增长5.7%。</p></body></html>', 'gbk')), 'n.html');
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toContain('比上年增长5.7%');
  });
});

describe('htmlToText', () => {
  it('removes segment breaks between Chinese characters but not between words', () => {
    const r = htmlToText('<body><p>地区生产\n  总值 GDP\n growth 5.7%</p></body>', { mode: 'document' });
    expect(r.text).toBe('地区生产总值 GDP growth 5.7%');
  });

  it('keeps a TAB typed between cells of a pseudo-table paragraph', () => {
    const r = htmlToText('<body><p>居民消费价格总指数\t100.6</p><p>食品烟酒  \t 98.1</p></body>', { mode: 'document' });
    expect(r.text).toBe('居民消费价格总指数\t100.6\n食品烟酒\t98.1');
  });

  it('renders layout tables as blocks and data tables as rows', () => {
    const html = `<body><table><tr><td><p>第一段正文，内容较长，用来说明这是版式表格里的段落，而不是数据表格中的一个单元格。它还有第二句话，继续说明全年经济运行总体平稳，主要指标保持增长，结构持续优化。</p>
      <table><tr><td>指标</td><td>数值</td></tr><tr><td>人口</td><td>31.2</td></tr></table></td></tr></table></body>`;
    const lines = htmlToText(html, { mode: 'document' }).text.split('\n');
    expect(lines[0]).toMatch(/^第一段正文/);
    expect(lines.slice(1)).toEqual(['指标\t数值', '人口\t31.2']);
  });

  it('joins the paragraphs of one cell', () => {
    const r = htmlToText('<body><table><tr><td><p>比上年</p><p>增长(%)</p></td><td>指标</td></tr></table></body>', { mode: 'document' });
    expect(r.text).toBe('比上年增长(%)\t指标');
  });

  it('says why a page has no article text', () => {
    const images = `<html><head><title>某地区2025年统计公报</title></head><body><div class="nav"><a href="/">首页</a></div>
      <div class="content"><h1>某地区2025年统计公报</h1>${'<img src="p.png"><br>'.repeat(6)}</div></body></html>`;
    expect(htmlToText(images, { mode: 'article' }).noText).toBe('no article text: the page shows the document as 6 images (OCR them first)');
    const attachment = `<html><head><title>统计公报</title></head><body><div class="content"><h1>某地区2025年统计公报</h1>
      <p>附件：<a href="files/%E6%9F%90%E5%9C%B0%E5%8C%BA2025.docx">某地区2025年统计公报.docx</a></p></div></body></html>`;
    expect(htmlToText(attachment, { mode: 'article' }).noText).toBe(
      'no article text: the document is an attachment (某地区2025年统计公报.docx): read that file instead',
    );
  });

  it('recognizes widget lines', () => {
    expect(isWidgetLine('【字号：大 中 小】【打印】【关闭】')).toBe(true);
    expect(isWidgetLine('上一篇：柳溪县经济运行简况')).toBe(true);
    expect(isWidgetLine('扫一扫在手机打开当前页')).toBe(true);
    expect(isWidgetLine('全年粮食总产量比上年增长1.1%')).toBe(false);
    expect(isWidgetLine('中小企业')).toBe(false);
  });
});
