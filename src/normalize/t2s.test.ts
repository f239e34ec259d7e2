import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { t2sPairs } from '../../scripts/build-t2s.mjs';
import { simplifyChar } from './chars.js';

describe('Traditional → Simplified table (data/t2s.tsv)', () => {
  it('maps every code point exactly as OpenCC t → cn does, character by character', () => {
    const expected = new Map<number, number>(t2sPairs() as Array<[number, number]>);
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const want = expected.get(cp) ?? cp;
      if (simplifyChar(cp) !== want) wrong.push(`U+${cp.toString(16)} → ${simplifyChar(cp).toString(16)}, OpenCC ${want.toString(16)}`);
      if (wrong.length > 10) break;
    }
    expect(wrong).toEqual([]);
    expect(expected.size).toBeGreaterThan(4000);
    expect(String.fromCodePoint(simplifyChar(0x81fa))).toBe('台'); // 臺
  });
});
