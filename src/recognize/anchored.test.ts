import { describe, expect, it } from 'vitest';
import { anchoredMatches, anchorIndex, anchorSets, positionsOf, sticky } from './anchored.js';
import { scanLexical } from './lexical.js';
import { PERIOD_ANCHORS } from './period.js';
import { RANK_ANCHORS } from './rank.js';

/** [index, match] of every match of the global form of `re`. */
const globalMatches = (re: RegExp, text: string): Array<[number, string]> =>
  [...text.matchAll(new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}g`))].map((m) => [m.index, m[0]]);

const anchored = (re: RegExp, text: string, chars: string, dMin: number, dMax: number): Array<[number, string]> =>
  anchoredMatches(text, sticky(re), positionsOf(text, chars), dMin, dMax).map((m) => [m.index, m[0]]);

describe('positionsOf', () => {
  it.each([
    ['排名第一，居全省第二', '排', [0]],
    ['排名第一，居全省第二', '第居', [2, 5, 8]],
    ['没有', '排', []],
    ['', '排居', []],
  ])('%s / %s', (text, chars, want) => expect(positionsOf(text, chars)).toEqual(want));
});

describe('anchoredMatches equals the global scan when every match holds an anchor', () => {
  const scopeFirst = /(全市|全省|[\u4e00-\u9fa5]{2,6}?(?:市|省))(?:排名|居|位居)第([0-9一二三]+)/u;
  it.each([
    // scope, verb, ordinal: the verb's first character at offsets 2…7
    [scopeFirst, '全市排名第3，全省居第二。永州市位居第一', '排居位', 2, 7],
    [scopeFirst, '增速全市排名第3位', '排居位', 2, 7],
    // overlapping windows of close anchors; one anchor inside a match
    [scopeFirst, '全省居居第1全市排名第2', '排居位', 2, 7],
    [/第[一二三]|第[一二三]名/u, '第一第二名第三', '第', 0, 0],
    [/[ab]?x/u, 'axxbx', 'x', 0, 1],
    // an anchor in a lookahead: one anchor's window holds two matches
    [/[ab](?=[ab]?x)/u, 'abxab', 'x', 1, 2],
    [/年/u, '今年去年', '年', 0, 0],
    // a lookbehind before the anchor still sees the text before the start
    [/(?<=[、，])第([一二三])/u, '第一、第二，第三', '第', 0, 0],
    // characters outside the BMP before and inside the text
    [/[\u4e00-\u9fa5]{0,2}?市排名/u, '𠀀𠀀全市排名', '排', 1, 3],
    [/.市排名/u, '𠀀市排名', '排', 2, 3],
    [/.市排名/u, 'a𠀀市排名', '排', 1, 3],
  ])('%s over %s', (re, text, chars, dMin, dMax) => {
    expect(anchored(re, text, chars, dMin, dMax)).toEqual(globalMatches(re, text));
  });

  it.each([
    // no anchor, no match (also none for the global scan)
    [scopeFirst, '全市第3', '排居位', 2, 7],
    [/第[一二三]/u, '', '第', 0, 0],
  ])('none: %s over %s', (re, text, chars, dMin, dMax) => {
    expect(anchored(re, text, chars, dMin, dMax)).toEqual([]);
    expect(globalMatches(re, text)).toEqual([]);
  });

  it('misses matches whose anchor lies outside the window (the promise broken)', () => {
    expect(anchored(scopeFirst, '永州市排名第3', '排居位', 2, 2)).toEqual([]);
    expect(globalMatches(scopeFirst, '永州市排名第3')).toEqual([[0, '永州市排名第3']]);
  });
});

describe('anchorIndex', () => {
  it('gives what positionsOf gives for each set, sets sharing characters too', () => {
    const sets = ['年', '月', '排居位名列', '第', '位第', '年'];
    const index = anchorIndex(sets);
    let seed = 9;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = [...'年月排居位名列第甲乙，'];
    for (let k = 0; k < 300; k++) {
      let text = '';
      for (let i = Math.floor(rand() * 40); i > 0; i--) text += alphabet[Math.floor(rand() * alphabet.length)];
      const positions = index(text);
      // a set not fixed in the index is looked up
      for (const chars of [...sets, '乙甲', '无']) expect(positions(chars), `${text} / ${chars}`).toEqual(positionsOf(text, chars));
    }
  });
});

describe('anchors collected by the lexical walk (anchorSets + scanLexical)', () => {
  it('are what positionsOf gives for each set, and leave the lexical tokens as they are (randomized)', () => {
    const sets = [...PERIOD_ANCHORS, ...RANK_ANCHORS, '年第', '第'];
    const index = anchorIndex(sets);
    const collector = anchorSets(sets);
    const pieces = ['2024年', '1-6月', '第', '位', '居全省', '排名', '生产总值', '增长', '5.1%', '，', '。', '\n', '“十四五”', '季度', 'a', '上半年', '𠀀'];
    let seed = 9;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let p = rnd(25); p > 0; p--) text += pieces[rnd(pieces.length)];
      const c = collector(text);
      const withAnchors = scanLexical(text, c);
      expect(withAnchors).toEqual(scanLexical(text));
      const walked = index(text);
      for (const chars of [...new Set(sets), '增长', '%']) {
        expect(c.positions(chars)).toEqual(positionsOf(text, chars));
        expect(walked(chars)).toEqual(positionsOf(text, chars));
      }
    }
  });
});
