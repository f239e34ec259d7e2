import { describe, expect, it } from 'vitest';
import { compact, compactText } from './compact.js';

describe('compactText', () => {
  it.each([
    ['石 家 庄 市'],
    ['2025年\u3000焦作市国民经济和社会发展\n统计公报'],
    ['\\r\\n第二段\\n'],
    ['价格???指数'],
    ['a\u00a0b\u200bc\u2060d\ufeffe\u0085f\u202fg'],
    ['单个?问号保留'],
    [''],
  ])('removes what compact removes: %j', (s) => {
    expect(compactText(s)).toBe(compact(s).text);
  });

  it('agrees with compact on every character of the BMP between spaces', () => {
    let s = '';
    for (let c = 0x20; c < 0x3100; c++) s += `x${String.fromCharCode(c)}`;
    expect(compactText(s)).toBe(compact(s).text);
  });
});
