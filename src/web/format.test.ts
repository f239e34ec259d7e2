import { describe, expect, it } from 'vitest';
import { displayFact, displayScale, displayValue, scaledNumber } from './format.js';

describe('displayValue', () => {
  it.each([
    [6705000000, 'CNY', 'gdp', '67.05亿元'],
    [431000000, 'CNY', 'fiscal_revenue', '4.31亿元'],
    [56780000, 'CNY', 'fai', '5678万元'],
    [35000, 'CNY', 'income_urban', '35000元'],
    [25592000000, 'CNY', 'gdp', '255.92亿元'],
    [11190000, 'USD', 'fdi', '1119万美元'],
    [5.1, '%', 'gdp', '5.1%'],
    [1.5, 'pp', 'urbanization_rate', '1.5个百分点'],
    [3, 'rank', 'gdp', '第3'],
    [3087, 'person', 'new_urban_jobs', '3087人'],
    [125000, 'person', 'new_urban_jobs', '12.5万人'],
    [2488000, 'person_time', 'tourists', '248.8万人次'],
    [736000, 'head', 'hogs_slaughtered', '73.6万头'],
    [208000104, 'm2', 'grain_area', '31.2万亩'],
    [411000, 'ton', 'grain_output', '41.1万吨'],
    [17.8, 'ug_m3', 'pm25', '17.8微克/立方米'],
    [49, 'count', 'signed_projects', '49个'],
  ] as const)('%d %s %s → %s', (value, unit, indicator, text) => {
    expect(displayValue(value, unit, indicator).text).toBe(text);
  });
});

describe('displayFact', () => {
  it('says growth, falls, bounds, ranks and ranges the Chinese way', () => {
    expect(displayFact({ indicator: 'gdp', measure: 'growth', value: 5.1, unit: '%', bound: '=' })).toBe('增长5.1%');
    expect(displayFact({ indicator: 'gdp', measure: 'growth', value: -2, unit: '%', bound: '=' })).toBe('下降2%');
    expect(displayFact({ indicator: 'gdp', measure: 'growth', value: 6, unit: '%', bound: '>=' })).toBe('增长6%以上');
    expect(displayFact({ indicator: 'gdp', measure: 'growth', value: 6, unit: '%', bound: '~' })).toBe('增长6%左右');
    expect(displayFact({ indicator: 'gdp', measure: 'growth', value: 5, valueMax: 5.5, unit: '%', bound: '=' })).toBe('增长5%—5.5%');
    expect(displayFact({ indicator: 'gdp', measure: 'rank', value: 3, unit: 'rank', scope: 'prefecture', bound: '=' })).toBe('全市第3');
    expect(displayFact({ indicator: 'cpi', measure: 'level', value: 3, unit: '%', bound: '<=' })).toBe('3%以内');
    expect(displayFact({ indicator: 'gdp', measure: 'level', value: 5e11, unit: 'CNY', bound: '>' })).toBe('超过5000亿元');
    expect(displayFact({ indicator: 'fai', measure: 'change', value: -280000000, unit: 'CNY', bound: '=' })).toBe('减少2.8亿元');
  });
});

describe('scales', () => {
  it('draws a series in the unit of its largest value', () => {
    const s = displayScale(10230000000, 'CNY', 'gdp');
    expect(s.label).toBe('亿元');
    expect(scaledNumber(9850000000, s)).toBe('98.5');
  });
});
