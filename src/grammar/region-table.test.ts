import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { regionTokens } from '../pipeline/document.js';
import { headerColumns, isSpaceCode, lineRanges, regionLineStarts, regionTableFacts } from './region-table.js';

const CITY = { code: '130600', name: '保定市' };

function facts(text: string): string[] {
  const n = normalize(text);
  return regionTableFacts(n.text, { year: 2024, sections: [], region: CITY }, regionTokens(n.text, CITY)).map(
    (d) => `${d.region?.name ?? '-'} ${d.indicator} ${d.measure} ${d.value} ${d.unit} ${n.text.slice(d.start, d.end)}`,
  );
}

describe('region tables: headers', () => {
  it('reads a two-row header as value and growth columns per indicator', () => {
    const cols = headerColumns('县（市、区）地区生产总值（亿元）一般公共预算收入（亿元）比上年增长（%）比上年增长（%）');
    expect(cols.map((c) => `${c.indicator}/${c.measure}`)).toEqual(['gdp/level', 'gdp/growth', 'budget_revenue/level', 'budget_revenue/growth']);
  });

  it('reads a one-row header in its own order', () => {
    const cols = headerColumns('地区\t生产总值（亿元）\t增速（%）\t固定资产投资增速（%）');
    expect(cols.map((c) => `${c.indicator}/${c.measure}`)).toEqual(['gdp/level', 'gdp/growth', 'fai/level', 'fai/growth']);
  });
});

describe('region tables: rows', () => {
  it('reads one cell per line (PDF) under a caption', () => {
    const text = [
      '全市经济稳中有进。',
      '表3 2024年分县市区主要指标',
      '县市区',
      '地区生',
      '产总值',
      '（亿元）',
      '比上年',
      '增长（%）',
      '涿州市',
      '512.30',
      '6.1',
      '定州市',
      '401.75',
      '-0.4',
      '全年粮食总产量稳定。',
    ].join('\n');
    expect(facts(text)).toEqual([
      '涿州市 gdp level 51230000000 CNY 512.30',
      '涿州市 gdp growth 6.1 % 6.1',
      '定州市 gdp level 40175000000 CNY 401.75',
      '定州市 gdp growth -0.4 % -0.4',
    ]);
  });

  it('reads TAB rows under a two-row TAB header', () => {
    const text = [
      '表2 分县市区主要指标',
      '县市区',
      '\t地区生产总值（亿元）\t\t一般公共预算收入（亿元）',
      '\t\t比上年增长（%）\t\t比上年增长（%）',
      '涿州市\t512.3\t6.1\t30.2\t4.4',
      '定州市\t401.8\t5.2\t25.9\t-1.3',
    ].join('\n');
    expect(facts(text)).toEqual([
      '涿州市 gdp level 51230000000 CNY 512.3',
      '涿州市 gdp growth 6.1 % 6.1',
      '涿州市 budget_revenue level 3020000000 CNY 30.2',
      '涿州市 budget_revenue growth 4.4 % 4.4',
      '定州市 gdp level 40180000000 CNY 401.8',
      '定州市 gdp growth 5.2 % 5.2',
      '定州市 budget_revenue level 2590000000 CNY 25.9',
      '定州市 budget_revenue growth -1.3 % -1.3',
    ]);
  });

  it('reads TAB rows', () => {
    const text = '地区\t地区生产总值（亿元）\t增长（%）\n涿州市\t512.3\t6.1\n定州市\t401.8\t5.2\n';
    expect(facts(text)).toHaveLength(4);
  });

  it.each([
    // one region row is no table
    ['地区\t地区生产总值（亿元）\t增长（%）\n涿州市\t512.3\t6.1\n'],
    // rows of regions under a header that names no indicator
    ['地区\t面积\t人口\n涿州市\t12\t6.1\n定州市\t40\t5.2\n'],
    // a row with a word in a number cell
    ['地区\t地区生产总值（亿元）\t增长（%）\n涿州市\t512.3\t持平\n定州市\t401.8\t5.2\n'],
  ])('gives nothing for %j', (text) => expect(facts(text)).toEqual([]));
});

describe('region tables: the line prefilter', () => {
  it('isSpaceCode is /\\s/u on every UTF-16 unit', () => {
    const bad: number[] = [];
    for (let c = 0; c < 65536; c++) if (isSpaceCode(c) !== /\s/u.test(String.fromCharCode(c))) bad.push(c);
    expect(bad).toEqual([]);
  });

  it('regionLineStarts are the lines whose first non-space offset a region starts at (randomized, with negatives)', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['伊州区', '涿州市', ' ', '\u3000', '\t', '\n', '512.3', '全市', '。', 'a'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const regions: Array<{ t: 'region'; start: number; end: number; code: string; name: string }> = [];
      const n = rnd(30);
      for (let p = 0; p < n; p++) {
        const piece = pieces[rnd(pieces.length)]!;
        if (piece.endsWith('区') || piece.endsWith('市')) {
          if (piece !== '全市' || rnd(2) === 0) regions.push({ t: 'region', start: text.length, end: text.length + piece.length, code: '1', name: piece });
        }
        text += piece;
      }
      // regions in any order
      if (rnd(2) === 0) regions.reverse();
      const starts = new Set(regions.map((r) => r.start));
      const plain: number[] = [];
      let from = 0;
      for (const line of text.split('\n')) {
        let a = 0;
        while (a < line.length && /\s/u.test(line[a]!)) a++;
        if (starts.has(from + a)) plain.push(from);
        from += line.length + 1;
      }
      expect(regionLineStarts(text, regions)).toEqual(plain);
      const ranges = lineRanges(text);
      expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(text.split('\n'));
    }
  });
});
