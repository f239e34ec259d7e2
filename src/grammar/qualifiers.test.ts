import { describe, expect, it } from 'vitest';
import { tokenize, type QuantityToken, type Token } from '../recognize/index.js';
import { dropParentheticals, insideQuotedName, isCjk, isQualifier } from './qualifiers.js';

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

describe('isQualifier and insideQuotedName by char code: as the plain string reads (randomized)', () => {
  // the plain versions, reading characters as strings
  const plainInside = (text: string, tok: { start: number; end: number }): boolean => {
    let open = -1;
    for (let i = tok.start - 1; i >= 0 && i >= tok.start - 6; i--) {
      if (text[i] === '“') {
        open = i;
        break;
      }
      if (text[i] === '”') return false;
    }
    if (open < 0) return false;
    let close = -1;
    for (let i = open + 1; i < text.length && i <= tok.end + 4; i++) {
      if (text[i] === '”') {
        close = i;
        break;
      }
    }
    if (close < tok.end) return false;
    return tok.start - open > 1 || close > tok.end;
  };
  const plainQualifier = (text: string, tok: QuantityToken, next: Token | undefined): boolean => {
    let end = tok.end;
    if (next && next.t === 'cue' && next.cue.kind === 'post' && next.start === end) end = next.end;
    const ch = text[end];
    if (plainInside(text, tok)) return true;
    if (!isCjk(ch)) return false;
    if ((tok.unit === '%' || tok.unit === 'pp') && ch !== '的') return false;
    if (next && next.start === end && next.t !== 'qty') {
      if (next.t === 'cue' && next.cue.kind === 'post') return false;
      return next.t === 'ind' && end !== tok.end;
    }
    if (next && next.t === 'cue' && next.start === end) return false;
    return true;
  };
  it('agrees with the string reads on random texts around every quantity', () => {
    const pieces = ['“', '”', '的', '个', '项目', '两个', '10亿元', '5%', '，', 'a', '以上', '3', '工业', '增长', '全省第', '乡镇', '生产总值', '实现“两个翻一番”', '“3', '个”', '3个乡镇', '10亿元以上项目', '家企业'];
    let seed = 3;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let quoted = 0;
    let qualifiers = 0;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let p = rnd(10); p > 0; p--) text += pieces[rnd(pieces.length)];
      const toks = tokenize(text);
      for (let k = 0; k < toks.length; k++) {
        const tok = toks[k]!;
        if (tok.t !== 'qty') continue;
        const want = plainInside(text, tok);
        if (want) quoted++;
        expect(insideQuotedName(text, tok)).toBe(want);
        const next = toks[k + 1];
        const q = plainQualifier(text, tok, next);
        if (q) qualifiers++;
        expect(isQualifier(text, tok, next)).toBe(q);
      }
    }
    expect(quoted).toBeGreaterThan(5);
    expect(qualifiers).toBeGreaterThan(50);
  });
});
