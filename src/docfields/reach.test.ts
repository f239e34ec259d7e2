import { describe, expect, it } from 'vitest';
import { regexReach } from './reach.js';

describe('regexReach', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['统计公报', 4],
    ['a|bcd|ef', 3],
    ['(?<y>\\d{4})年', 5],
    ['\\d{1,2}', 2],
    ['a?b', 2],
    ['.', 2], // a code point: up to two units
    ['.{0,30}x', 61],
    ['[^，]', 2],
    ['[，。]', 1],
    ['[\\p{Script=Han}]', 2],
    ['\\p{Script=Han}', 2],
    ['\\D\\S\\W', 6],
    ['\\s\\w\\d', 3],
    ['\\u4e00', 1],
    ['\\u{20000}', 2],
    ['𠀀', 2],
    // anchors and lookbehinds add nothing, lookaheads their own reach
    ['^ab$', 2],
    ['\\bab\\B', 2],
    ['(?<![较比])ab', 2],
    ['(?<=\\d)。(?=\\d{1,3}(?:%|个百分点))', 8],
    ['a(?=bcd)', 4],
    ['a(?!b)', 2],
    ['(ab){2,3}c', 7],
    ['(a(?=xyz)){2}', 5],
    ['x{0}', 0],
    ['a{3}?', 3], // lazy
    ['a{', 2], // a literal brace
    ['[a-z]{2}', 2],
    ['(?:^|[。！])(?<y>\\d{4})年[，,是]', 7],
  ])('%j reaches %d', (source, want) => {
    expect(regexReach(source)).toBe(want);
  });

  it.each([['a*'], ['a+b'], ['a{2,}'], ['(a)\\1'], ['(?<n>a)\\k<n>'], ['(?i:a)'], ['(ab'], ['[ab'], ['a)'], ['\\p{L'], ['(?=a)+']])(
    '%j is unbounded (or not understood)',
    (source) => {
      expect(regexReach(source)).toBe(Infinity);
    },
  );

  it('bounds every match of the data patterns it is used on', () => {
    // an attempt never consumes more than the reach
    const cases: [string, string][] = [
      ['(?<y>\\d{4})年.{0,30}国民经济和社会发展统计公报', '2025年郑州市国民经济和社会发展统计公报'],
      ['(?<y>\\d{4})年([1-6]|[一二三四五六])月(\\d{1,2}|[一二三四五六七八九十]{1,3})日在.{0,30}人民代表大会', '2020年1月21日在唐县第十七届人民代表大会'],
      ['.{0,3}𠀀.{0,3}', '𠀀𠀀𠀀𠀀𠀀𠀀𠀀'],
    ];
    for (const [source, text] of cases) {
      const m = new RegExp(source, 'u').exec(text);
      expect(m).not.toBeNull();
      expect(m![0].length).toBeLessThanOrEqual(regexReach(source));
    }
  });
});
