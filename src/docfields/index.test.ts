import { describe, expect, it } from 'vitest';
import { detectKind, detectScript, detectYear, hasChineseYear, lineStartUnits, loosen, nextAtLineStart } from './index.js';
import { matchLines } from './matches.js';

// Made-up documents shaped like the real ones.
const report = [
  '2024年某县政府工作报告',
  '——2024年1月12日在某县第十八届人民代表大会第三次会议上',
  '各位代表：',
  '现在，我代表县人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。',
  '一、2023年工作回顾',
  '2023年，全县地区生产总值增长5.1%，一般公共预算收入增长8%，较2022年提高2个百分点。',
  '二、2024年工作安排',
  '2024年是实施“十四五”规划的关键一年，全县经济社会发展的主要预期目标是：地区生产总值增长6%左右。',
].join('\n');

const bulletin = [
  '某市2023年国民经济和社会发展统计公报',
  '某市统计局',
  '国家统计局某市调查队',
  '2024年3月20日',
  '2023年，全市上下坚持稳中求进工作总基调，经济运行回升向好，高质量发展扎实推进。',
  '一、综合',
  '初步核算，全年全市地区生产总值1234.5亿元，比上年增长5.6%。其中，第一产业增加值增长3.1%。',
  '年末全市常住人口123.4万人，比上年末减少0.5万人。',
].join('\n');

const news = [
  '某县：产业发展跑出加速度',
  '来源：某日报 记者 张三 通讯员 李四',
  '2023年以来，某县坚持项目为王，全县新签约项目数量同比增长两成，一批重点项目顺利投产达效。',
  '前三季度，全县规模工业增加值增长9%，增速居全市前列。',
].join('\n');

describe('detectKind', () => {
  it.each([
    ['a work report', report, 'report'],
    ['a statistical bulletin', bulletin, 'bulletin'],
    ['a news review', news, 'news'],
  ])('%s', (_label, text, kind) => {
    expect(detectKind(text).kind).toBe(kind);
  });

  it('reads a report without a title from its opening', () => {
    const text = '各位代表：\n现在，我代表市人民政府，向大会作政府工作报告，请予审议。\n一、2023年工作回顾\n过去一年，全市经济回升向好。';
    const k = detectKind(text);
    expect(k.kind).toBe('report');
    expect(k.rule).toMatch(/^kind:report-(address|delegate)$/);
  });

  it('reads a bulletin title split over two lines', () => {
    const text = '2025 年某市国民经济和社会发展\n统计公报\n2025 年，全市上下坚持稳中求进，经济运行总体平稳、稳中有进。\n一、综合\n初步核算，全年全市地区生产总值比上年增长5%。';
    expect(detectKind(text)).toEqual({ kind: 'bulletin', rule: 'kind:bulletin-title' });
  });

  it('reads a bulletin that starts with its issuer', () => {
    const text = '某市统计局\n国家统计局某市调查队\n2026 年 3 月\n2025 年是规划收官之年，全市经济稳健向好，发展质量持续提升。\n一、综 合\n经初步核算，全市地区生产总值同比增长6%，其中第一产业增长4%。';
    expect(detectKind(text).kind).toBe('bulletin');
  });

  it('does not take a menu entry for a title', () => {
    const text = '首页\n统计数据\n统计公报\n政府工作报告\n正文\n某县召开座谈会，听取企业家对优化营商环境的意见建议，县领导出席会议并讲话。\n记者 王五';
    expect(detectKind(text).kind).toBe('news');
  });

  it('uses the title hint, and the file name only as a weak hint', () => {
    expect(detectKind('全年全市地区生产总值比上年增长5%。', { title: '2023年某市国民经济和社会发展统计公报' }).kind).toBe(
      'bulletin',
    );
    expect(detectKind('今年以来，全县经济运行平稳。', { filename: '2020_某县_report.txt' }).kind).toBe('news');
  });
});

describe('detectYear', () => {
  it('gives the year a work report reviews', () => {
    expect(detectYear(report, 'report')).toEqual({ year: 2023, rule: 'year:review' });
  });

  it('reads a report that only gives its delivery date or title', () => {
    const dated = '——2021年2月3日在某县第十七届人民代表大会第五次会议上\n各位代表：过去的一年，全县上下克难奋进，经济总量迈上新台阶。';
    expect(detectYear(dated, 'report').year).toBe(2020);
    const titled = '标题：2019年某市政府工作报告\n正文：\n今年政府工作的总体要求是：坚持稳中求进，推动高质量发展，全市上下要奋发有为。';
    expect(detectYear(titled, 'report').year).toBe(2018);
  });

  it('reads a date written in Chinese numerals', () => {
    const text = '二〇一九年一月十四日在某省第十三届人民代表大会第二次会议上\n各位代表：过去的一年，全省经济社会发展取得新成就，主要目标任务较好完成。';
    expect(detectYear(text, 'report').year).toBe(2018);
  });

  it('gives the year of a bulletin', () => {
    expect(detectYear(bulletin, 'bulletin')).toEqual({ year: 2023, rule: 'year:bulletin-title' });
  });

  it('gives the year a news review talks about', () => {
    expect(detectYear(news, 'news').year).toBe(2023);
    const text = '回望2022年，某县交出了一份亮眼的成绩单，全县经济总量持续攀升，民生福祉不断增进。';
    expect(detectYear(text, 'news')).toEqual({ year: 2022, rule: 'year:review-past' });
  });

  it('falls back to the most frequent year, leaving out comparisons', () => {
    const text =
      '今年一季度，全县工业用电量较2021年同期明显增加，2023年一季度新签约项目较多，2023年一季度税收同比增长，2021—2025年规划稳步实施。';
    expect(detectYear(text, 'news')).toEqual({ year: 2023, rule: 'year:frequency' });
  });

  it('gives null when there is no year', () => {
    expect(detectYear('全县经济运行平稳。', 'news')).toEqual({ year: null, rule: 'year:none' });
  });
});

describe('detectScript', () => {
  it.each([
    ['今年以來，湖南某縣堅持穩中求進，全縣經濟運行總體平穩，地區生產總值同比增長5%。', 'zh-Hant'],
    ['今年以来，湖南某县坚持稳中求进，全县经济运行总体平稳，地区生产总值同比增长5%。', 'zh-Hans'],
    ['全县经济运行总体平稳，地区生产总值同比增长5%，后面引用了一个繁體詞。', 'zh-Hans'],
    ['', 'zh-Hans'],
    ['GDP 5.1% 2023', 'zh-Hans'],
  ])('%s → %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });
});

describe('hasChineseYear', () => {
  it.each([
    ['二〇一九年', true],
    ['在二零二三年', true],
    ['一九九九年底', true],
    ['二○二四年和', true],
    // negatives
    ['', false],
    ['年', false],
    ['2019年', false],
    ['〇一九年', false], // three digits
    ['二〇一九', false], // no 年
    ['二〇一九 年', false], // not right before
    ['二〇一x九年', false],
    ['十四五年', false],
  ])('%j: %s', (s, want) => {
    expect(hasChineseYear(s)).toBe(want);
    expect(/[〇零○一二三四五六七八九]{4}年/u.test(s)).toBe(want);
  });
});

describe('loosen', () => {
  it.each([
    [/^政府工作报告$/gu, '政府工作报告', true],
    [/(^|[。！])(?<y>\d{4})年[，,是]/gu, '(|[。！])(?<y>\\d{4})年[，,是]', true],
    [/^[^一]{1,2}、/gu, '[^一]{1,2}、', true], // a class's ^ stays
    [/^.{0,40}国民经济和社会发展统计公报/gu, '国民经济和社会发展统计公报', false], // its start cut off
    [/(?<![较比])(?<y>\d{4})年/gu, '(?<![较比])(?<y>\\d{4})年', false], // a lookbehind reads the line before
    [/公报(?=.{0,2}年)/gu, '公报(?=.{0,2}年)', false],
    [/\bnews\b/giu, '\\bnews\\b', false],
  ])('%s loosens to %s, positional: %s', (re, source, positional) => {
    const l = loosen(re);
    expect(l.loose.source).toBe(source);
    expect(l.loose.global).toBe(false);
    expect(l.positional).toBe(positional);
  });
});

describe('lineStartUnits', () => {
  it.each([
    [/^政府工作报告$/gu, '政'],
    [/^(date|发布时间|日期)[:：]/gu, 'd发日'],
    [/^[一二三]{1,2}、/gu, '一二三'],
    [/^[一二三]?、/gu, undefined], // the class may match nothing
    [/^[一-九]、/gu, undefined], // a range
    [/^[^一]、/gu, undefined],
    [/^.{0,40}公报/gu, undefined],
    [/^一、综合|二、/gu, undefined], // a top-level |
    [/一、综合/gu, undefined],
    [/^news/giu, undefined],
  ])('%s starts with one of %s', (re, units) => {
    const u = lineStartUnits(re);
    expect(u === undefined ? undefined : [...u].map((c) => String.fromCharCode(c)).join('')).toBe(units);
  });
});

describe('nextAtLineStart', () => {
  // matchLines passing over the lines nextAtLineStart rules out gives what the plain search gives
  const patterns = [/^一、综合/gu, /^[一二三]{1,2}、(农业|工业)/gu, /^国家统计局.{1,3}调查队$/gu, /^(date|日期)[:：].{0,4}?(?<y>(19|20)\d\d)/gu, /^政府工作报告$/gu];
  const bits = ['一', '、', '综合', '二', '三', '农业', '工业', '国家统计局', '某', '调查队', 'date', '日期', '：', '2023', '19', '政府工作报告', '年', ''];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  it('gives the same matches as the plain line search (randomized)', () => {
    for (let t = 0; t < 3000; t++) {
      const lines: string[] = [];
      for (let i = rnd(6); i >= 0; i--) {
        let l = '';
        for (let k = rnd(5); k >= 0; k--) l += bits[rnd(bits.length)];
        lines.push(l);
      }
      const text = lines.join('');
      const starts = new Int32Array(lines.length);
      for (let i = 1; i < lines.length; i++) starts[i] = (starts[i - 1] as number) + (lines[i - 1] as string).length;
      for (const p of patterns) {
        const l = loosen(p);
        const a = { sticky: new RegExp(l.loose.source, `${l.loose.flags}y`), units: lineStartUnits(p) as Set<number> };
        expect(a.units).toBeDefined();
        const plain = [...matchLines(lines, p)].map((m) => [m.input, m.index, m[0]]);
        const first = nextAtLineStart(text, starts, a, 0);
        const fast = first >= lines.length ? [] : [...matchLines(lines, p, first, (i) => nextAtLineStart(text, starts, a, i))].map((m) => [m.input, m.index, m[0]]);
        expect(fast).toEqual(plain);
      }
    }
  });
});
