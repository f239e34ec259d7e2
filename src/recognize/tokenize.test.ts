import { describe, expect, it } from 'vitest';
import { scanSeparators, tokenize, type Token } from './index.js';

/** A token as kind@start-end (the separator's character for a separator). */
const show = (t: Token) => `${t.t === 'sep' ? t.ch : t.t}@${t.start}-${t.end}`;

describe('tokenize lays the separators out between the kept tokens', () => {
  it.each([
    // separators in the gaps are kept, in text order with the tokens
    ['2023年，增长5%。', ['period@0-5', '，@5-6', 'cue@6-8', 'qty@8-10', '。@10-11']],
    // text with no other token: every separator
    ['一，二、三。', ['，@1-2', '、@3-4', '。@5-6']],
    // a separator inside a kept token is no token of its own
    ['1,234.5亿元', ['qty@0-9']],
    // none at all
    ['无', []],
  ])('%s', (text, want) => expect(tokenize(text).map(show)).toEqual(want));

  it('gives the separators scanSeparators finds outside tokens', () => {
    const text = '全年，地区生产总值（GDP）增长5.1%；其中，第一产业增长3%。\n';
    const seps = tokenize(text).filter((t) => t.t === 'sep');
    const covered = tokenize(text).filter((t) => t.t !== 'sep');
    const outside = scanSeparators(text).filter((s) => !covered.some((t) => t.start <= s.start && s.start < t.end));
    expect(seps).toEqual(outside);
  });

  it('keeps an empty extra token where no separator is, drops it under one', () => {
    const empty = (at: number): Token => ({ t: 'region', start: at, end: at, code: 'x', name: 'x' });
    expect(tokenize('甲乙，', [empty(1)]).map(show)).toEqual(['region@1-1', '，@2-3']);
    expect(tokenize('甲乙，', [empty(2)]).map(show)).toEqual(['，@2-3']);
  });
});
