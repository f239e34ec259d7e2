import { describe, expect, it } from 'vitest';
import { gapLength, gapText, IGNORABLE_UNITS, type Asides } from './gaps.js';

/** What the walker computed before: the text outside asides, without ignorable marks. */
function byString(text: string, a: number, b: number, asides: Asides): string {
  let s = '';
  let at = a;
  for (const [x, y] of asides) {
    if (y <= at || x >= b) continue;
    if (x > at) s += text.slice(at, x);
    at = Math.max(at, y);
  }
  if (at < b) s += text.slice(at, b);
  return s.replace(/[\s“”"'‘’《》〈〉「」『』【】·]/gu, '');
}

describe('gaps between tokens', () => {
  it.each<[string, number, number, Asides, string]>([
    ['GDP同比增长', 3, 5, [], '同比'],
    ['实现“两个翻一番”目标', 2, 11, [], '两个翻一番目标'],
    ['收入 （人民币，下同） 增长', 2, 14, [[3, 11]], '增长'],
    ['比 2011年', 0, 2, [], '比'],
    ['《规划》提出', 0, 6, [], '规划提出'],
    ['𠀀增长', 0, 4, [], '𠀀增长'], // outside the BMP: two units, as String length counts
    // none: an empty or reversed range, only marks, only an aside
    ['增长', 1, 1, [], ''],
    ['增长', 2, 0, [], ''],
    ['“ ”·', 0, 4, [], ''],
    ['（下同）', 0, 4, [[0, 4]], ''],
  ])('%s [%d, %d)', (text, a, b, asides, want) => {
    expect(gapText(text, a, b, asides)).toBe(want);
    expect(gapText(text, a, b, asides)).toBe(byString(text, a, b, asides));
    expect(gapLength(text, a, b, asides)).toBe(want.length);
  });
});

describe('the ignorable units', () => {
  it('are exactly the UTF-16 units /[\\s“”"\'‘’《》〈〉「」『』【】·]/u matches', () => {
    const listed = new Set(IGNORABLE_UNITS);
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(listed.has(ch), c.toString(16)).toBe(/[\s“”"'‘’《》〈〉「」『』【】·]/u.test(ch));
    }
  });
});
