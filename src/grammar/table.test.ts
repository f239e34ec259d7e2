import { describe, expect, it } from 'vitest';
import { splitLines, TabbedLines, tableFacts } from './table.js';

const ctx = { year: 2025, sections: [] };
const show = (text: string) =>
  tableFacts(text, ctx).map((d) => `${d.indicator} ${d.measure} ${d.value} ${d.unit} | ${text.slice(d.start, d.end).replace(/\t/g, ' ')}`);

describe('table rule', () => {
  it('reads value and growth columns with the unit from a unit column', () => {
    const t = '表1 主要指标\n指标\t单位\t绝对数\t比上年增长%\n地区生产总值\t亿元\t1234.5\t5.6\n粮食总产量\t万吨\t41.1\t-0.8\n';
    expect(show(t)).toEqual([
      'gdp level 123450000000 CNY | 地区生产总值 亿元 1234.5',
      'gdp growth 5.6 % | 地区生产总值 亿元 1234.5 5.6',
      'grain_output level 411000 ton | 粮食总产量 万吨 41.1',
      'grain_output growth -0.8 % | 粮食总产量 万吨 41.1 -0.8',
    ]);
  });

  it('takes the unit from a caption line or the value header', () => {
    expect(show('单位：亿元\n指标\t全年\t增长（%）\n社会消费品零售总额\t562.3\t6.1\n')).toEqual([
      'retail_sales level 56230000000 CNY | 社会消费品零售总额 562.3',
      'retail_sales growth 6.1 % | 社会消费品零售总额 562.3 6.1',
    ]);
    expect(show('指标\t总量（亿元）\n固定资产投资\t88.2\n')).toEqual(['fai level 8820000000 CNY | 固定资产投资 88.2']);
  });

  it('reads an index against the previous year as growth', () => {
    expect(show('指标\t上年同期=100\n居民消费价格指数\t100.4\n食品烟酒\t99.3\n')).toEqual(['cpi growth 0.4 % | 居民消费价格指数 100.4']);
  });

  it('ignores rows that name no indicator and columns that are ratios of something else', () => {
    expect(show('单位:万元\n科目\t预算数\t完成数\t占预算(%)\n本年收入合计\t100\t98\t98\n')).toEqual([]);
  });
});

describe('industry structure rule', () => {
  it('gives the three sector shares, the last ratio when it changed', async () => {
    const { structureFacts } = await import('./structure.js');
    const text = '三次产业结构由11.9:44.6:43.5调整为10.0:38.5:51.5。';
    expect(structureFacts(text, ctx).map((d) => `${d.indicator} ${d.value}`)).toEqual([
      'gdp_primary 10',
      'gdp_secondary 38.5',
      'gdp_tertiary 51.5',
    ]);
    expect(structureFacts('三次产业之比为1:2:3。', ctx)).toEqual([]);
  });
});

describe('industry structure rule: period', () => {
  it('takes a year named earlier in the sentence', async () => {
    const { structureFacts } = await import('./structure.js');
    const got = structureFacts('经最终核实，2024年全市生产总值为2657.5亿元，三次产业结构为8.2：40.0：51.8。', ctx);
    expect(got.map((d) => d.period)).toEqual(['2024', '2024', '2024']);
  });
});

describe('industry structure rule: a change between two written years', () => {
  it.each<[string, string[]]>([
    ['三次产业结构由2018年的9.1:45.2:45.7调整为2023年底的8.0:38.9:53.1。', [
      'gdp_primary 8 2023', 'gdp_secondary 38.9 2023', 'gdp_tertiary 53.1 2023',
      'gdp_primary 9.1 2018', 'gdp_secondary 45.2 2018', 'gdp_tertiary 45.7 2018',
    ]],
    ['生产总值从2018年的60亿元增长到88亿元，三次产业结构从12.0:40.0:48.0优化为9.5:37.0:53.5。', [
      'gdp_primary 9.5 2025', 'gdp_secondary 37 2025', 'gdp_tertiary 53.5 2025',
      'gdp_primary 12 2018', 'gdp_secondary 40 2018', 'gdp_tertiary 48 2018',
    ]],
  ])('%s', async (text, want) => {
    const { structureFacts } = await import('./structure.js');
    expect(structureFacts(text, ctx).map((d) => `${d.indicator} ${d.value} ${d.period}`)).toEqual(want);
  });
});

describe('splitLines', () => {
  /** The character-by-character split it replaces. */
  const byChar = (text: string) => {
    const out: Array<{ start: number; cells: Array<{ text: string; start: number; end: number }>; raw: string }> = [];
    let from = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === '\n') {
        const cells: Array<{ text: string; start: number; end: number }> = [];
        let c = from;
        for (let k = from; k <= i; k++) {
          if (k === i || text[k] === '\t') {
            cells.push({ text: text.slice(c, k).trim(), start: c, end: k });
            c = k + 1;
          }
        }
        out.push({ start: from, cells, raw: text.slice(from, i) });
        from = i + 1;
      }
    }
    return out;
  };
  it.each([
    '指标\t单位\t绝对数\n地区生产总值\t亿元\t1234.5',
    '无表格的一行\n第二行',
    '\t\t\n\n',
    '末尾换行\t1\n',
    '',
    ' 空格 \t 5.6 ',
  ])('%j', (text) => expect(splitLines(text)).toEqual(byChar(text)));
  it('TabbedLines gives the reference lines (byChar), tabbed exactly where a line has two cells (randomized and the table above)', () => {
    const check = (text: string) => {
      const want = byChar(text);
      const lazy = new TabbedLines(text);
      expect(lazy.length).toBe(want.length);
      // read in a scrambled order, some twice
      for (const k of [...want.keys()].reverse().concat([...want.keys()])) {
        expect(lazy.tabbed[k]).toBe(want[k]!.cells.length >= 2 ? 1 : 0);
        expect(lazy.raw(k)).toBe(want[k]!.raw);
        expect(lazy.line(k)).toEqual(want[k]);
      }
    };
    for (const text of ['指标\t单位\t绝对数\n地区生产总值\t亿元\t1234.5', '无表格的一行\n第二行', '\t\t\n\n', '末尾换行\t1\n', '', ' 空格 \t 5.6 ', '\n\t', '\t']) check(text);
    const pieces = ['\t', '\n', ' ', 'a', '指标', '12.5', '\t\t', '\n\n'];
    let seed = 13;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let p = rnd(20); p > 0; p--) text += pieces[rnd(pieces.length)];
      check(text);
    }
  });
  it('cells of one line, none of the next', () => {
    expect(splitLines('a\tb\nc').map((l) => l.cells.map((x) => x.text))).toEqual([['a', 'b'], ['c']]);
  });
});
