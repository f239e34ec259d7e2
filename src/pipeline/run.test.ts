import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../extract.js';

const examples = readdirSync('examples').filter((f) => f.endsWith('.txt'));

describe('pipeline on the example documents', () => {
  it.each(examples)('%s: every quote is the source text at its span', async (name) => {
    const ex = await extractFile(join('examples', name));
    const cps = Array.from(ex.source.text);
    expect(ex.facts.length).toBeGreaterThan(5);
    for (const f of ex.facts) expect(cps.slice(f.span[0], f.span[1]).join('')).toBe(f.quote);
    expect(ex.document.chars).toBe(cps.length);
  });

  it('reads the Traditional example as zh-Hant and keeps Traditional quotes', async () => {
    const ex = await extractFile('examples/shuangpai_2023_q3_traditional.txt');
    expect(ex.document).toMatchObject({ script: 'zh-Hant', region: { code: '431123' }, year: 2023, kind: 'news' });
    expect(ex.facts.find((f) => f.indicator === 'gdp' && f.measure === 'level')?.quote).toBe('地區生產總值達到45.32億元');
  });

  it('splits a work report into review (actual/estimate) and plan (targets of the next year)', async () => {
    const ex = await extractFile('examples/ningyuan_2023_work_report.txt');
    expect(ex.document).toMatchObject({ kind: 'report', year: 2023, region: { code: '431126' } });
    const gdp = ex.facts.filter((f) => f.indicator === 'gdp' && f.measure === 'growth');
    expect(gdp.map((f) => [f.value, f.period, f.status, f.bound])).toEqual([
      [5.8, '2023', 'estimate', '~'],
      [6.5, '2024', 'target', '>='],
    ]);
  });

  it('is deterministic', async () => {
    const a = await extractFile('examples/lanshan_2023_review.txt');
    const b = await extractFile('examples/lanshan_2023_review.txt');
    expect(JSON.stringify(a.facts)).toBe(JSON.stringify(b.facts));
  });
});

describe('facts about other units', () => {
  it('gives a county named before its indicator its own region in a city document', async () => {
    const { extractSource } = await import('../extract.js');
    const text =
      '永州市2023年经济运行情况\n2023年，全市地区生产总值增长4.5%。分县区看，祁阳市地区生产总值增长6.1%，江华瑶族自治县规模工业增加值增长8.0%；道县固定资产投资增长7.2%。全市社会消费品零售总额增长5.1%。\n';
    const ex = extractSource({ path: 'city.txt', text, format: 'txt', encoding: 'utf-8', diagnostics: [] });
    expect(ex.document.region?.code).toBe('431100');
    expect(ex.facts.map((f) => `${f.region.code} ${f.indicator} ${f.value}`)).toEqual([
      '431100 gdp 4.5',
      '431181 gdp 6.1',
      '431129 industrial_va 8',
      '431124 fai 7.2',
      '431100 retail_sales 5.1',
    ]);
  });
});

describe('values distributed over listed units', () => {
  it('gives each listed county its value of a 分别 list', async () => {
    const { extractSource } = await import('../extract.js');
    const text = '永州市2023年经济运行情况\n2023年，全市地区生产总值增长4.5%。祁阳市、江华瑶族自治县、道县地区生产总值分别增长8.1%、7.5%、6.9%。\n';
    const ex = extractSource({ path: 'city.txt', text, format: 'txt', encoding: 'utf-8', diagnostics: [] });
    expect(ex.facts.map((f) => `${f.region.code} ${f.indicator} ${f.value}`)).toEqual([
      '431100 gdp 4.5',
      '431181 gdp 8.1',
      '431129 gdp 7.5',
      '431124 gdp 6.9',
    ]);
  });
});
