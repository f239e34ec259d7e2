import { describe, expect, it } from 'vitest';
import { mapRadicals } from './radicals.js';

describe('mapRadicals', () => {
  it('maps every radical in both blocks to one BMP unified ideograph', () => {
    const ranges: Array<[number, number]> = [
      [0x2e80, 0x2ef3],
      [0x2f00, 0x2fd5],
    ];
    for (const [lo, hi] of ranges) {
      for (let cp = lo; cp <= hi; cp++) {
        if (cp === 0x2e9a) continue; // unassigned
        const r = mapRadicals(String.fromCodePoint(cp));
        expect(r.count, `U+${cp.toString(16)}`).toBe(1);
        expect(r.text.length).toBe(1);
        const out = r.text.codePointAt(0)!;
        expect(out >= 0x3400 && out <= 0x9fff, `U+${cp.toString(16)} → U+${out.toString(16)}`).toBe(true);
      }
    }
  });

  it('turns PDF radical soup into words and leaves other text alone', () => {
    expect(mapRadicals('⺠⽣⽐上年增⻓，⼯业⽤电量').text).toBe('民生比上年增长，工业用电量');
    expect(mapRadicals('⻔诊、⻋辆、⻜机、⻢铃薯、⻥类、⻓江').text).toBe('门诊、车辆、飞机、马铃薯、鱼类、长江');
    expect(mapRadicals('地区生产总值123.4亿元')).toEqual({ text: '地区生产总值123.4亿元', count: 0 });
  });
});
