import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../recognize/index.js';
import { dropParentheticals } from './qualifiers.js';

const show = (text: string, ts: Token[]) => ts.map((t) => text.slice(t.start, t.end)).join(' ');

describe('dropParentheticals', () => {
  it.each<[string, string, Array<[number, number]>]>([
    // an aside without a value goes, with its commas
    ['收入12亿元（人民币，下同），增长5%。', '12亿元 ， 增长 5% 。', [[6, 14]]],
    // a value inside the brackets: only the brackets go
    ['收入12亿元（增长5%）。', '12亿元 增长 5% 。', []],
    // an indicator's name inside: no aside
    ['占总人口比重（常住人口城镇化率）为74.63%。', '占 比重 常住人口城镇化率 为 74.63% 。', []],
    // not closed in the sentence: the bracket goes, the rest stays
    ['增长（下同，', '增长 ，', []],
    // no brackets: every token
    ['增长5%，', '增长 5% ，', []],
  ])('%s', (text, want, wantAsides) => {
    const tokens = tokenize(text);
    const asides: Array<[number, number]> = [];
    expect(show(text, dropParentheticals(tokens, 0, tokens.length, asides))).toBe(want);
    expect(asides).toEqual(wantAsides);
  });

  it('reads only tokens[from, to) and refills the array it is given', () => {
    const text = '增长5%。（下同）收入12亿元。';
    const tokens = tokenize(text);
    const end = tokens.findIndex((t) => t.t === 'sep' && t.ch === '。') + 1;
    const out: Token[] = [tokens[0]!, tokens[0]!, tokens[0]!];
    expect(show(text, dropParentheticals(tokens, end, tokens.length, [], out))).toBe('12亿元 。');
    expect(out.length).toBe(2);
    expect(dropParentheticals(tokens, 0, 0, [])).toEqual([]);
  });

  it.each<[string, number, string]>([
    ['（人民币，下同）增长12亿元。', 1, '增长'], // the first token past an aside
    ['增长12亿元。', 2, '增长 12亿元'],
    ['（增长5%）', 1, '增长'], // not an aside: only the bracket goes
    ['（下同）', 1, ''],
  ])('%s: the first %d', (text, limit, want) => {
    const tokens = tokenize(text);
    expect(show(text, dropParentheticals(tokens, 0, tokens.length, [], [], limit))).toBe(want);
  });
});
