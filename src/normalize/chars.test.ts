import { describe, expect, it } from 'vitest';
import { identity } from './aligned.js';
import { mapCharacters } from './chars.js';

describe('mapCharacters', () => {
  it.each([
    // [source, convert, text, han, converted]
    ['全縣增長５．６％，', true, '全县增长5.6%，', 4, 2],
    ['全縣增長', false, '全縣增長', 4, 0],
    ['a\r\nb\rc', true, 'a\nb\nc', 0, 0],
    ['𠀀國\u3000Ａ⼈', true, '𠀀国 A人', 2, 1],
    ['\ufeff每年', true, ' 每年', 2, 0],
    ['１／２∕３', true, '1/2/3', 0, 0],
  ])('%j (convert: %s) → %j', (src, convert, want, han, converted) => {
    const counts = { han: 0, converted: 0 };
    const out = mapCharacters(identity(src), convert, counts);
    expect(out.text).toBe(want);
    expect(counts).toEqual({ han, converted });
    expect(out.start.length).toBe(want.length);
  });

  it.each([['全县增长5.6%，完成投资。'], ['plain ascii'], ['']])('returns %j itself when nothing maps', (src) => {
    const t = identity(src);
    expect(mapCharacters(t, true)).toBe(t);
  });
});
