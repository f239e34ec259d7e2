import { describe, expect, it } from 'vitest';
import { parseArabic, parseChinese, scale } from './number.js';
import { hasUnit, scanPeriods } from './period.js';
import { scanQuantities } from './quantity.js';
import { scanRanks } from './rank.js';

describe('numbers', () => {
  it.each([
    ['1,234.5', 1234.5],
    ['67.05', 67.05],
    ['0.32', 0.32],
    ['12', 12],
  ])('Arabic %s → %d', (s, v) => expect(parseArabic(s)).toBe(v));

  it.each([
    ['十五', 15],
    ['一百二十', 120],
    ['两', 2],
    ['三', 3],
    ['十', 10],
    ['二十三', 23],
    ['两万', 20000],
    ['一千零五', 1005],
    ['三点五', 3.5],
    ['二〇二三', 2023],
  ])('Chinese %s → %d', (s, v) => expect(parseChinese(s)).toBe(v));

  it.each(['', '亿', '增长', '1.2.3'])('not a number: %s', (s) => {
    expect(parseChinese(s) ?? parseArabic(s)).toBeUndefined();
  });

  it('scales without binary noise', () => {
    expect(scale(83.4, 1e8)).toBe(8340000000);
    expect(scale(67.05, 1e8)).toBe(6705000000);
  });
});

describe('quantities', () => {
  const one = (s: string) => {
    const q = scanQuantities(s);
    expect(q.length, s).toBeGreaterThan(0);
    return q[0]!;
  };
  it.each([
    ['67.05亿元', 6705000000, 'CNY'],
    ['1119万美元', 11190000, 'USD'],
    ['37.38万亩', 249200124.6, 'm2'],
    ['88.5万亩', 590000295, 'm2'],
    ['12.5千公顷', 125000000, 'm2'],
    ['41.1万吨', 411000, 'ton'],
    ['3.2亿斤', 160000, 'ton'],
    ['73.6万头', 736000, 'head'],
    ['422.85万人次', 4228500, 'person_time'],
    ['5.58万人', 55800, 'person'],
    ['49个', 49, 'count'],
    ['7家', 7, 'count'],
    ['5.1%', 5.1, '%'],
    ['1.5个百分点', 1.5, 'pp'],
    ['17.8μg/m3', 17.8, 'ug_m3'],
    ['3098米', 3098, 'm'],
    ['12.6万标箱', 126000, 'TEU'],
    ['50万千瓦', 500000, 'kW'],
    ['1,234.5亿元', 123450000000, 'CNY'],
    ['两个百分点', 2, 'pp'],
  ])('%s → %d %s', (s, v, u) => {
    const q = one(s);
    expect(q.value).toBeCloseTo(v, 3);
    expect(q.unit).toBe(u);
  });

  it('reads ranges', () => {
    const q = one('5%—5.5%');
    expect(q.value).toBe(5);
    expect(q.valueMax).toBe(5.5);
    const r = one('4.5-5%');
    expect([r.value, r.valueMax, r.unit]).toEqual([4.5, 5, '%']);
  });

  it('marks 多/余 and a bare magnitude', () => {
    expect(one('30多亿元').more).toBe(true);
    expect(one('1万余人次').more).toBe(true);
    const m = one('5000万以上');
    expect(m.magnitudeOnly).toBe(true);
    expect(m.value).toBe(50000000);
  });

  it('reads 倍 and 翻番', () => {
    expect(one('27倍').unit).toBe('times');
    expect(one('翻一番'.slice(1)).value).toBe(1);
  });
});

describe('periods', () => {
  const p = (s: string) => scanPeriods(s).filter((t) => t.t === 'period').map((t) => (t.t === 'period' ? t.periods : []));
  it.each([
    ['前三季度', [{ k: 'months', from: 1, to: 9 }]],
    ['上半年', [{ k: 'months', from: 1, to: 6 }]],
    ['一季度', [{ k: 'months', from: 1, to: 3 }]],
    ['1-11月', [{ k: 'months', from: 1, to: 11 }]],
    ['1—9月份', [{ k: 'months', from: 1, to: 9 }]],
    ['截至10月', [{ k: 'months', from: 1, to: 10 }]],
    ['全年', [{ k: 'year', rel: 0 }]],
    ['2023年', [{ k: 'year', year: 2023 }]],
    ['“十四五”', [{ k: 'span', from: 2021, to: 2025 }]],
    ['十五五', [{ k: 'span', from: 2026, to: 2030 }]],
    ['五年来', [{ k: 'lastN', n: 5 }]],
    ['过去的五年', [{ k: 'lastN', n: 5 }]],
    ['这五年', [{ k: 'lastN', n: 5 }]],
    ['近三年里', [{ k: 'lastN', n: 3 }]],
    ['今后五年', [{ k: 'nextN', n: 5 }]],
    ['未来五年', [{ k: 'nextN', n: 5 }]],
  ])('%s', (s, want) => expect(p(s)[0]).toEqual(want));

  it('reads a list of quarters as cumulative periods', () => {
    expect(p('一、二、三季度')[0]).toEqual([
      { k: 'months', from: 1, to: 3 },
      { k: 'months', from: 1, to: 6 },
      { k: 'months', from: 1, to: 9 },
    ]);
  });

  it('treats calendar dates as dates, not periods', () => {
    const toks = scanPeriods('2023年11月，12月19日');
    expect(toks.filter((t) => t.t === 'date').length).toBeGreaterThanOrEqual(2);
  });
});

describe('ranks', () => {
  it.each([
    ['全市排名第3', 3, 'prefecture'],
    ['排名全省第3名', 3, 'province'],
    ['居全市第一', 1, 'prefecture'],
    ['位居全市之首', 1, 'prefecture'],
    ['排名永州市第三', 3, 'prefecture'],
    ['居全国地级市第1位', 1, 'nation'],
    ['排全省第5位', 5, 'province'],
    ['排名同类县市区第2', 2, 'peer'],
  ])('%s → %d (%s)', (s, v, scope) => {
    const r = scanRanks(s);
    expect(r[0]?.value).toBe(v);
    expect(r[0]?.scope).toBe(scope);
  });

  it.each([
    ['排第7名', 7],
    ['居第15位', 15],
    ['位列第二位', 2],
  ])('a place with no scope written: %s → %d', (s, v) => {
    expect(scanRanks(s).map((r) => [r.value, r.scope])).toEqual([[v, null]]);
  });

  it.each(['第一产业', '第三次会议', '排名前列', '居第一方阵'])('no scoped rank in %s', (s) => {
    expect(scanRanks(s).filter((r) => r.scope !== null)).toEqual([]);
  });
});

describe('exact scaling of written numbers', () => {
  it.each([
    ['83.4', 1e8, 8340000000],
    ['49.764', 1e8, 4976400000],
    ['1,234.5', 1e8, 123450000000],
    ['37.38', 6666670, 249200124.6],
    ['0.5', 1, 0.5],
  ])('%s × %d', async (d, f, v) => {
    const { scaleWritten } = await import('./number.js');
    expect(scaleWritten(d, f)).toBeCloseTo(v, 6);
  });
});

describe('ranks without a verb', () => {
  it.each([
    ['，全市第10，', 10, 'prefecture'],
    ['增速全市第一。', 1, 'prefecture'],
    ['增幅全省第3位', 3, 'province'],
    ['位居全省第十一位，全市第一位', 1, 'prefecture'],
  ])('%s', (s, v, scope) => {
    const r = scanRanks(s);
    expect(r[r.length - 1]?.value).toBe(v);
    expect(r[r.length - 1]?.scope).toBe(scope);
  });
});

describe('tiers are not ranks', () => {
  it.each(['位居全省第一方阵', '进入全市第一梯队', '列入全省第二批'])('%s', (s) => {
    expect(scanRanks(s)).toEqual([]);
  });
});

describe('hasUnit', () => {
  it.each([
    ['三五十', '五', true],
    ['三五十', '十', true],
    ['0123456789', '7', true],
    ['三五十', '四', false],
    ['', '五', false],
    ['半', '年', false],
  ])('%s holds %s: %s', (chars, ch, want) => expect(hasUnit(chars, ch.charCodeAt(0))).toBe(want));
  it('holds nothing outside the text (NaN)', () => expect(hasUnit('三五十', '三'.charCodeAt(5))).toBe(false));
});
