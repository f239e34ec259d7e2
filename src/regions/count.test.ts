import { describe, expect, it } from 'vitest';
import { literalPrefixes, PatternCounter } from './count.js';

const each = (text: string, patterns: RegExp[]) =>
  patterns.map((p) => {
    p.lastIndex = 0;
    return [...text.matchAll(p)].length;
  });

describe('PatternCounter', () => {
  const selfWords = [/全县(?!域)/gu, /(我|本)县/gu, /我代表县(人民)?政府/gu, /全市(?!场)/gu, /(我|本)市(?!场)/gu];
  it.each([
    ['全县上下，我县，本县；我代表县人民政府', selfWords],
    ['全县域，全市场，我市场', selfWords], // negatives: lookaheads rule these out
    ['', selfWords],
    ['没有自称', selfWords],
    // overlapping matches of different patterns are all counted; of one pattern, not
    ['aaaa', [/aa/gu, /a/gu, /aaa/gu]],
    ['abab', [/ab/gu, /ba/gu, /b/gu]],
    // empty matches step one code point, as matchAll does
    ['a𠀀b', [/x*/gu, /a/gu]],
    ['a𠀀b', [/x*/g]],
    // not joinable: counted one by one
    ['aa bb', [/(a)\1/gu, /b/gu]],
    ['aab', [/(?<x>a)/gu, /(?<x>b)/gu]],
    ['AaA', [/a/giu, /A/gu]],
  ])('in %j counts as separate scans do', (text, patterns) => {
    expect(new PatternCounter(patterns).count(text)).toEqual(each(text, patterns));
  });

  it('agrees with separate scans on random text', () => {
    const patterns = [/全县(?!域)/gu, /(我|本)县/gu, /县域/gu, /全县域?/gu, /县(?=县)/gu, /(?<=全)县/gu, /𠀀县?/gu];
    const counter = new PatternCounter(patterns);
    const alphabet = ['全', '县', '域', '我', '本', '𠀀', '。'];
    let seed = 3;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 2000; k++) {
      let s = '';
      const n = rand(16);
      for (let i = 0; i < n; i++) s += alphabet[rand(alphabet.length)];
      expect(counter.count(s), s).toEqual(each(s, patterns));
    }
  });

  it('agrees with separate scans on random text, patterns with literal starts of every shape', () => {
    const patterns = [
      /全县(?!域)/gu,
      /(我|本)县/gu,
      /我代表县(人民)?政府/gu,
      /我代表(区|自治区)(人民)?政府/gu,
      /(?:本|全)(县|区)/gu,
      /县域?/gu,
      /全?县/gu,
      /县+/gu,
      /(县|域)*全/gu,
      /我{2}/gu,
      /^全/gu,
      /全|本县/gu,
      /[全本]县/gu,
      /(?<x>我)县/gu,
      /\u5168县/gu,
      /./gu,
    ];
    const counter = new PatternCounter(patterns);
    const alphabet = ['全', '县', '域', '我', '本', '区', '自治', '代表', '人民', '政府', '𠀀', '。'];
    let seed = 11;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const n = rand(20);
      for (let i = 0; i < n; i++) s += alphabet[rand(alphabet.length)];
      expect(counter.count(s), s).toEqual(each(s, patterns));
    }
  });
});

describe('literalPrefixes', () => {
  it.each([
    [/全县(?!域)/u, ['全县']],
    [/(我|本)县/u, ['我县', '本县']],
    [/(?:我|本)县/u, ['我县', '本县']],
    [/我代表县(人民)?政府/u, ['我代']],
    [/我代表(区|自治区)(人民)?政府/u, ['我代']],
    [/(自治区|区)/u, ['自治', '区']],
    [/全/u, ['全']],
    [/全县域?/u, ['全县']],
    [/全?县/u, null],
    [/县?/u, null],
    [/县+/u, null],
    [/县{2}/u, null],
    [/(县|域)*全/u, null],
    [/(县|)全/u, null],
    [/^全/u, null],
    [/全|本县/u, null],
    [/[全本]县/u, null],
    [/(?<x>我)县/u, null],
    [/(?<=全)县/u, null],
    [/\u5168县/u, null],
    [/𠀀县/u, null],
    [/Ab/i, null],
    [/.a/u, null],
    [/a[|]b/u, ['a']],
  ])('%s starts with one of %j', (p, want) => {
    expect(literalPrefixes(p)).toEqual(want);
  });
});
