import { describe, expect, it } from 'vitest';
import { CodePointText, highlightRuns, indicatorHue, sentenceAround } from './highlight.js';

describe('CodePointText', () => {
  it('slices by code point, not UTF-16 unit', () => {
    const t = new CodePointText('寧遠𠮷訊：增長6.3%');
    expect(t.length).toBe(11);
    expect(t.text.length).toBe(12);
    expect(t.slice(5, 11)).toBe('增長6.3%');
    expect(t.at(2)).toBe('𠮷');
  });
});

describe('highlightRuns', () => {
  it('cuts the text at every span edge and lists the facts covering each run', () => {
    const text = new CodePointText('𠮷地区生产总值增长5%，财政收入增长3%。');
    const runs = highlightRuns(text, [
      { id: 1, span: [1, 11] },
      { id: 2, span: [7, 11] },
      { id: 3, span: [12, 18] },
    ]);
    expect(runs.map((r) => [r.text, r.facts, r.starts])).toEqual([
      ['𠮷', [], []],
      ['地区生产总值', [1], [1]],
      ['增长5%', [1, 2], [2]],
      ['，', [], []],
      ['财政收入增长', [3], [3]],
      ['3%。', [], []],
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text.text);
  });

  it('keeps an anchor for an empty span and clamps spans past the end', () => {
    const text = new CodePointText('abc');
    const runs = highlightRuns(text, [
      { id: 1, span: [1, 1] },
      { id: 2, span: [2, 99] },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe('abc');
    expect(runs.find((r) => r.starts.includes(1))).toBeDefined();
    expect(runs.find((r) => r.facts.includes(2))?.text).toBe('c');
  });
});

describe('sentenceAround', () => {
  it('extends a span to the sentence around it', () => {
    const text = new CodePointText('上年完成。全县GDP增长5%，排名第3。下一句');
    const [s, e] = sentenceAround(text, [7, 12]);
    expect(text.slice(s, e)).toBe('全县GDP增长5%，排名第3。');
  });
});

describe('indicatorHue', () => {
  it('is stable and spreads ids apart', () => {
    expect(indicatorHue('gdp')).toBe(indicatorHue('gdp'));
    const hues = ['gdp', 'fai', 'retail_sales', 'budget_revenue', 'income'].map(indicatorHue);
    expect(new Set(hues).size).toBe(5);
  });
});
