import { describe, expect, it } from 'vitest';
import {
  assembleText,
  buildLines,
  dropChartLabels,
  isPageNumber,
  removeHeadersFooters,
  renderTableRows,
  type LayoutLine,
  type PdfItem,
} from './pdf-layout.js';

/** An item whose width follows the fixture font: CJK 1 em, ASCII 0.5 em. */
function item(str: string, x: number, y: number, size = 12): PdfItem {
  let em = 0;
  for (const ch of str) em += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return { str, x, y, width: em * size, size };
}

const page = (items: PdfItem[]) => ({ width: 595, height: 842, items });

describe('buildLines', () => {
  it('puts superscript note marks on their line and joins CJK items without spaces', () => {
    const lines = buildLines(page([item('全年生产总值', 72, 700), item('[2]', 144, 705, 7), item('14210', 155, 700), item('亿元', 185, 700)]), 0);
    expect(lines.map((l) => l.text)).toEqual(['全年生产总值[2]14210亿元']);
  });

  it('drops spaces next to CJK and inside letter-spaced runs, keeps real gaps between Latin words', () => {
    const lines = buildLines(
      page([
        item('业 增 加 值 8 6 4 9 . 7 亿 元', 72, 700),
        item('GDP', 72, 680),
        item('growth', 96, 680), // 6 pt gap after "GDP" (ends at 90)
        item('2025 年 3 月 31 日', 72, 660),
      ]),
      0,
    );
    expect(lines.map((l) => l.text)).toEqual(['业增加值8649.7亿元', 'GDP growth', '2025年3月31日']);
  });

  it('splits cells at wide gaps and keeps letter-spaced heads together', () => {
    const lines = buildLines(page([item('指', 80, 700), item('标', 104, 700), item('绝对数', 300, 700), item('比上年增长%', 400, 700)]), 0);
    expect(lines[0]!.cells.map((c) => c.text)).toEqual(['指标', '绝对数', '比上年增长%']);
  });
});

const line = (page: number, x0: number, x1: number, y: number, text: string, size = 12): LayoutLine => ({
  page,
  x0,
  x1,
  y,
  size,
  cells: text.split('\t').map((t, i, all) => ({ text: t, x0: x0 + ((x1 - x0) * i) / all.length, x1: x0 + ((x1 - x0) * (i + 1)) / all.length - 30 })),
  text,
});

describe('page numbers and running heads', () => {
  it('recognizes page-number forms', () => {
    for (const t of ['- 4 -', '— 12 —', '－１－', '第 3 页', '第3页 共12页', '3/12', '7', 'Page 2 of 9', '· 5 ·']) {
      expect(isPageNumber(t), t).toBe(true);
    }
    for (const t of ['2025年', '增长5.2%', '一、综合', '12345']) expect(isPageNumber(t), t).toBe(false);
  });

  it('removes a repeated header and bottom page numbers but keeps a same-text title in a larger size', () => {
    const pages = [1, 2, 3].map((p) => [
      line(p - 1, 200, 400, 800, '清河市2025年统计公报', 9),
      ...(p === 1 ? [line(0, 120, 480, 740, '清河市2025年统计公报', 16)] : []),
      line(p - 1, 72, 432, 600, `正文第${p}页的内容。`),
      line(p - 1, 280, 300, 40, `- ${p} -`, 10.5),
    ]);
    const r = removeHeadersFooters(
      pages,
      pages.map(() => 842),
    );
    expect(r.headerFooter).toBe(3);
    expect(r.pageNumbers).toBe(3);
    expect(r.pages.map((p) => p.map((l) => l.text))).toEqual([['清河市2025年统计公报', '正文第1页的内容。'], ['正文第2页的内容。'], ['正文第3页的内容。']]);
  });
});

describe('assembleText', () => {
  it('joins wrapped lines (also across a page) and keeps paragraph starts, headings and full sentences apart', () => {
    const p1 = [
      line(0, 96, 150, 720, '一、综合'),
      line(0, 96, 432, 700, '全年一般公共预算收入158.42亿元，比上年增长3.9%，其中税收收入为80.69'),
      line(0, 72, 180, 681, '亿元，增长2.4%。'),
      line(0, 96, 432, 640, '年末常住人口312.6万人，比上年末减少0.8万人。全年出生人口1.92万人，死亡人口2.41万'),
    ];
    const p2 = [line(1, 72, 200, 740, '人，死亡率为7.70‰。'), line(1, 96, 150, 700, '二、农业'), line(1, 96, 432, 680, '粮食总产量186.2万吨。'), line(1, 72, 300, 661, '比上年增长1.1%。')];
    const r = assembleText([p1, p2]);
    expect(r.text.split('\n')).toEqual([
      '一、综合',
      '全年一般公共预算收入158.42亿元，比上年增长3.9%，其中税收收入为80.69亿元，增长2.4%。',
      '年末常住人口312.6万人，比上年末减少0.8万人。全年出生人口1.92万人，死亡人口2.41万人，死亡率为7.70‰。',
      '二、农业',
      // A full line that ends a sentence, then an unindented line: one paragraph.
      '粮食总产量186.2万吨。比上年增长1.1%。',
    ]);
  });
});

describe('tables', () => {
  it('aligns header cells to the columns of the data rows and merges a two-line header', () => {
    const cell = (text: string, x0: number, x1: number) => ({ text, x0, x1 });
    const row = (y: number, cells: Array<{ text: string; x0: number; x1: number }>): LayoutLine => ({
      page: 0,
      x0: cells[0]!.x0,
      x1: cells[cells.length - 1]!.x1,
      y,
      size: 10.5,
      cells,
      text: cells.map((c) => c.text).join('\t'),
    });
    const rows = [
      row(700, [cell('招生数', 300, 331), cell('在校生数', 365, 407)]),
      row(693, [cell('指标', 170, 192)]),
      row(686, [cell('（人）', 300, 331), cell('（人）', 370, 401)]),
      row(668, [cell('研究生', 110, 141), cell('31491', 311, 337), cell('92266', 386, 412)]),
      row(650, [cell('普通本专科', 110, 162), cell('220588', 306, 337), cell('691795', 381, 412)]),
      row(632, [cell('普通高中', 110, 152), cell('66953', 311, 337), cell('188668', 381, 412)]),
    ];
    expect(renderTableRows(rows)).toEqual(['指标\t招生数（人）\t在校生数（人）', '研究生\t31491\t92266', '普通本专科\t220588\t691795', '普通高中\t66953\t188668']);
  });

  it('drops runs of chart axis labels', () => {
    const lines = ['图1 地区生产总值', '500\t12%', '9.7%', '400\t10%', '253.18\t285.71\t309.26', '2021\t2022\t2023', '全年粮食总产量增长。'].map((t, i) =>
      line(0, 72, 400, 700 - i * 20, t),
    );
    const r = dropChartLabels([lines]);
    expect(r.dropped).toBe(5);
    expect(r.pages[0]!.map((l) => l.text)).toEqual(['图1 地区生产总值', '全年粮食总产量增长。']);
  });
});
