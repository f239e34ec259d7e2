import { describe, expect, it } from 'vitest';
import { identity } from './aligned.js';
import { mapChar, mapCharacters, simplifyChar } from './chars.js';

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

describe('mapCharacters on every BMP unit', () => {
  const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
  it.each([[true], [false]])('maps each as simplifyChar then mapChar do (convert: %s)', (convert) => {
    for (let c = 0; c < 0x10000; c++) {
      if (c === 0x0d || (c >= 0xd800 && c <= 0xdfff)) continue;
      const s = String.fromCharCode(c);
      const counts = { han: 0, converted: 0 };
      const out = mapCharacters(identity(`a${s}b`), convert, counts);
      const simple = convert ? simplifyChar(c) : c;
      const want = String.fromCodePoint(mapChar(simple) ?? simple);
      if (out.text !== `a${want}b`) expect(out.text, c.toString(16)).toBe(`a${want}b`);
      const han = isHan(c) ? 1 : 0;
      const converted = han && simple !== c ? 1 : 0;
      if (counts.han !== han || counts.converted !== converted) expect(counts, c.toString(16)).toEqual({ han, converted });
    }
  });
});
