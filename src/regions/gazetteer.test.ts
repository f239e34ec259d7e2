import { describe, expect, it } from 'vitest';
import { gazetteer } from './gazetteer.js';

// The first call loads and checks every data file; keep it the first thing this file does.
const g = gazetteer();

const codes = (list: { code: string }[]) => list.map((r) => r.code);
const found = (text: string) => g.findMentions(text).map((m) => `${m.surface}:${m.candidates[0]?.code}`);

describe('loading', () => {
  it('has every level of GB/T 2260', () => {
    const count = (lv: string) => g.all().filter((r) => r.level === lv).length;
    expect(count('province')).toBe(34);
    expect(count('prefecture')).toBe(333);
    expect(count('county')).toBe(2974);
  });

  it('gives every unit an existing parent of a higher level', () => {
    const rank = { province: 0, prefecture: 1, county: 2 } as const;
    for (const r of g.all()) {
      if (r.level === 'province') {
        expect(r.parent).toBeNull();
        continue;
      }
      const p = g.get(r.parent ?? '');
      expect(p, r.code).toBeDefined();
      expect(rank[p!.level]).toBeLessThan(rank[r.level]);
      expect(p!.code.slice(0, 2)).toBe(r.code.slice(0, 2));
    }
  });

  it('hangs municipality districts and province-managed units under the province', () => {
    expect(g.get('110101')?.parent).toBe('110000');
    expect(g.get('500240')?.parent).toBe('500000'); // 石柱土家族自治县, a 重庆 county
    expect(g.get('429004')?.parent).toBe('420000'); // 仙桃市
    expect(g.get('419001')?.parent).toBe('410000'); // 济源市
    expect(g.get('659001')?.parent).toBe('650000'); // 石河子市
    expect(g.get('110100')).toBeUndefined(); // the 市辖区 placeholder is collapsed
  });

  it('keeps prefecture-level cities without counties once, as prefectures', () => {
    expect(g.get('441900')).toMatchObject({ name: '东莞市', level: 'prefecture', parent: '440000' });
    expect(g.children('441900')).toEqual([]);
  });
});

describe('navigation', () => {
  it('gets a unit by code', () => {
    expect(g.get('431125')).toMatchObject({ code: '431125', name: '江永县', level: 'county', parent: '431100' });
    expect(g.get('999999')).toBeUndefined();
  });

  it('lists children', () => {
    const kids = g.children('431100');
    expect(kids.map((r) => r.name)).toContain('江永县');
    expect(kids.every((r) => r.parent === '431100')).toBe(true);
    expect(g.children('431125')).toEqual([]);
  });

  it('lists ancestors parent first', () => {
    expect(codes(g.ancestors('431125'))).toEqual(['431100', '430000']);
    expect(codes(g.ancestors('430000'))).toEqual([]);
    expect(codes(g.ancestors('310115'))).toEqual(['310000']);
  });

  it('answers isWithin, equal included', () => {
    expect(g.isWithin('431125', '430000')).toBe(true);
    expect(g.isWithin('431125', '431100')).toBe(true);
    expect(g.isWithin('431125', '431125')).toBe(true);
    expect(g.isWithin('431125', '130000')).toBe(false);
    expect(g.isWithin('430000', '431125')).toBe(false);
  });
});

describe('lookup', () => {
  it.each([
    ['江永县', ['431125']],
    ['江永', ['431125']],
    ['芷江', ['431228']],
    ['湖南', ['430000']],
    ['新疆', ['650000']],
    ['博州', ['652700']],
    ['巴州', ['652800', '511902']], // the alias first, then 巴州区 (巴中)
    ['阿克苏', ['652900', '652901']],
    ['长沙', ['430100', '430121']],
    ['吉林', ['220000', '220200']],
    ['新华区', ['130105', '130902', '410402']],
    ['祁阳县', ['431181']],
    ['清苑县', ['130608']],
    ['满城县', ['130607']],
    ['徐水县', ['130609']],
    ['宁乡县', ['430182']],
    ['株洲县', ['430212']],
    ['431121', ['431181']],
    ['431125', ['431125']],
    [' 永州市 ', ['431100']],
    ['振兴', ['210603']],
  ])('%s → %j', (q, expected) => {
    expect(codes(g.lookup(q))).toEqual(expected);
  });

  it.each(['', '火星', '000000', '江', '中华人民共和国'])('%j finds nothing', (q) => {
    expect(g.lookup(q)).toEqual([]);
  });

  it('puts short forms, aliases and former names in aliases', () => {
    expect(g.get('431181')?.aliases).toEqual(expect.arrayContaining(['祁阳', '祁阳县']));
    expect(g.get('652700')?.aliases).toEqual(expect.arrayContaining(['博尔塔拉', '博州']));
    expect(g.get('431125')?.aliases).not.toContain('江永县');
  });

  it('tells how a surface is known and whether it stands alone', () => {
    expect(g.surfaceKinds('江永县')).toEqual(['name']);
    expect(g.surfaceKinds('江永')).toEqual(['short']);
    expect(g.surfaceKinds('祁阳县')).toEqual(['old']);
    expect(g.surfaceKinds('博州')).toEqual(['alias']);
    expect(g.isStopSurface('振兴')).toBe(true);
    expect(g.isStopSurface('江永')).toBe(false);
  });
});

describe('findMentions', () => {
  it.each([
    ['湖南江永县今年前三季度增长较快', ['湖南:430000', '江永县:431125']],
    ['湖南省长沙市望城区', ['湖南省:430000', '长沙市:430100', '望城区:430112']],
    ['我代表芷江侗族自治县人民政府', ['芷江侗族自治县:431228']],
    ['江永县委召开全会', ['江永县:431125']],
    ['博州和巴州的棉花', ['博州:652700', '巴州:652800']],
    ['原祁阳县撤县设市', ['祁阳县:431181']],
    ['新疆维吾尔自治区和内蒙古', ['新疆维吾尔自治区:650000', '内蒙古:150000']],
    ['永州市辖江永、江华两县', ['永州市:431100', '江永:431125', '江华:431129']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('reports UTF-16 offsets into the original text', () => {
    const text = '😀 看永州市';
    const [m] = g.findMentions(text);
    expect(m).toMatchObject({ surface: '永州市', start: 4, end: 7 });
    expect(text.slice(m!.start, m!.end)).toBe('永州市');
  });

  it('orders candidates: full names, then by level', () => {
    const [m] = g.findMentions('长沙发展');
    expect(codes(m!.candidates)).toEqual(['430100', '430121']);
  });

  it.each([
    ['顺利通过验收', '利通 (利通区) inside 顺利|通过'],
    ['搭建创新平台', '新平 (新平县) inside 创新|平台'],
    ['实施乡村振兴战略', '振兴 is a stop-listed common word'],
    ['发展农民合作社', '合作 is a stop-listed common word'],
    ['财政和金融运行平稳', '政和 (政和县) inside 财政|和'],
    ['开展示范县创建', '范县 inside 示范|县'],
    ['城市和县城同步推进', '和县 inside 和|县城'],
    ['老城区改造', '老城区 is generic'],
    ['推动长治久安', '长治 inside 长治久安'],
    ['雄安新区建设', '安新 (安新县) inside 雄安新区'],
    ['长安镇的企业', '长安 followed by 镇 is a town'],
    ['江华路改造完成', '江华 followed by 路 is a street'],
  ])('finds nothing in %s (%s)', (text) => {
    expect(g.findMentions(text)).toEqual([]);
  });

  it('is fast on a 40 KB document', () => {
    const para =
      '今年以来，湖南省永州市江永县坚持稳中求进，全县地区生产总值增长5%，' +
      '固定资产投资顺利完成，乡村振兴和创新平台建设取得新进展，与长沙、株洲等地合作深化。\n';
    const text = para.repeat(Math.ceil(40_000 / para.length)).slice(0, 40_000);
    g.findMentions(text);
    const runs: number[] = [];
    for (let k = 0; k < 15; k++) {
      const t = performance.now();
      g.findMentions(text);
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    // Typically about 2 ms; the bound leaves room for a busy CI machine.
    expect(runs[7]).toBeLessThan(15);
  });
});

describe('autonomous units written with the plain level word', () => {
  it.each([
    ['江华县', '431129'],
    ['芷江县', '431228'],
    ['湘西州', '433100'],
  ])('%s', (name, code) => {
    expect(gazetteer().lookup(name).map((r) => r.code)).toContain(code);
  });
});
