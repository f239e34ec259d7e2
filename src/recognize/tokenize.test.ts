import { describe, expect, it } from 'vitest';
import { layOut, layOutBySort, scanSeparators, tokenize, type Token } from './index.js';

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

describe('layOut (best per offset, one walk) equals layOutBySort (every candidate sorted)', () => {
  /** A small deterministic generator (no dependence on Math.random between runs). */
  const rng = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const KINDS: Token['t'][] = ['date', 'period', 'rank', 'ind', 'qty', 'region', 'cue'];
  const candidate = (t: Token['t'], start: number, end: number, tag: number): Token => {
    // the tag tells apart candidates of one kind and span (list order decides between them)
    const span = { start, end };
    switch (t) {
      case 'qty':
        return { t, ...span, value: tag, unit: null, more: false, magnitudeOnly: false, text: String(tag) };
      case 'rank':
        return { t, ...span, value: tag, scope: null };
      case 'period':
        return { t, ...span, periods: [{ k: 'lastN', n: tag }] };
      case 'region':
        return { t, ...span, code: String(tag), name: String(tag) };
      case 'ind':
        return { t, ...span, alias: { tag } as never };
      case 'cue':
        return { t, ...span, cue: { tag } as never };
      default:
        return { t: 'date', ...span };
    }
  };
  const ALPHABET = '甲乙，、；。\n（）丙:';
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('random texts and candidates, seed %i', (seed) => {
    const r = rng(seed);
    for (let round = 0; round < 60; round++) {
      const len = Math.floor(r() * 40);
      let text = '';
      for (let k = 0; k < len; k++) text += ALPHABET[Math.floor(r() * ALPHABET.length)];
      const lists: Token[][] = [];
      let tag = 0;
      for (let l = 0; l < 1 + Math.floor(r() * 5); l++) {
        const list: Token[] = [];
        for (let c = Math.floor(r() * 12); c > 0; c--) {
          const start = Math.floor(r() * (len + 1));
          // mostly short, some equal spans (ties on length and kind), now and then empty
          const end = Math.min(len, start + (r() < 0.1 ? 0 : 1 + Math.floor(r() * 4)));
          list.push(candidate(KINDS[Math.floor(r() * KINDS.length)]!, start, end, tag++));
        }
        lists.push(list);
      }
      const want = layOutBySort(text, lists.flat());
      const got = layOut(text, lists);
      // the same objects, not only equal ones (a candidate's identity is its list position)
      expect(got.length).toBe(want.length);
      got.forEach((t, k) => (t.t === 'sep' ? expect(t).toEqual(want[k]) : expect(t).toBe(want[k])));
    }
  });

  it('ties: the longer, then the higher kind, then the earlier list wins', () => {
    const text = '甲乙丙，';
    const a = candidate('cue', 0, 2, 1);
    const b = candidate('ind', 0, 2, 2);
    const c = candidate('ind', 0, 2, 3);
    const d = candidate('qty', 0, 3, 4);
    expect(layOut(text, [[a], [b], [c]])[0]).toBe(b);
    expect(layOut(text, [[c], [b]])[0]).toBe(c);
    expect(layOut(text, [[a, b], [d]])).toEqual([d, { t: 'sep', start: 3, end: 4, ch: '，' }]);
    // a candidate past the end of the text, or empty, goes the sorted way and agrees
    expect(layOut(text, [[candidate('cue', 2, 2, 5)], [a]])).toEqual(layOutBySort(text, [candidate('cue', 2, 2, 5), a]));
  });
});
