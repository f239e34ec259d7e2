import { describe, expect, it } from 'vitest';
import { readGlossary } from './read.js';

const terms = (text: string) => readGlossary(text).map((e) => [e.term, e.definition, e.kind]);

describe('readGlossary', () => {
  const cases: { name: string; text: string; want: [string, string, string][] }[] = [
    {
      name: 'numbered notes 〔1〕 with page references',
      text: '严格落实“四个不摘”〔1〕要求。\n〔1〕四个不摘：即摘帽不摘责任，摘帽不摘政策。(见第2页)\n〔2〕河湖长制：即由各级党政主要负责人担任河湖长。（见第4页）\n',
      want: [
        ['四个不摘', '即摘帽不摘责任，摘帽不摘政策。', 'note'],
        ['河湖长制', '即由各级党政主要负责人担任河湖长。', 'note'],
      ],
    },
    {
      name: 'bracketed footnotes with a quoted term and a wrapped line',
      text: '正文。\n[19]“标准地”改革：“标准地”是指在城镇开发边界内具备供地条件的区\n域先行完成区域评估。\n[20]三区三线：城镇空间、农业空间、生态空间。\n',
      want: [
        ['标准地改革', '“标准地”是指在城镇开发边界内具备供地条件的区域先行完成区域评估。', 'note'],
        ['三区三线', '城镇空间、农业空间、生态空间。', 'note'],
      ],
    },
    {
      name: 'items numbered 5. only under a 名词解释 heading',
      text: '1.加快产业转型。推进“双千工程”建设。\n附件一：名词解释\n5.“7+18+N”产业政策：“7”是指生命健康等7个重点产业。\n6.双千工程：千名干部包联千家企业。\n',
      want: [
        ['7+18+N产业政策', '“7”是指生命健康等7个重点产业。', 'item'],
        ['双千工程', '千名干部包联千家企业。', 'item'],
      ],
    },
    {
      name: 'in-text definitions: 是指, ，即, 所谓…就是指',
      text: '全力实施“三高四新”战略。“三高四新”是指打造三个高地、担当四新使命。实现“两个翻一番”，即地区生产总值和居民收入比2020年翻一番。所谓“一网通办”，就是指企业群众办事只进一张网。\n',
      want: [
        ['三高四新', '打造三个高地、担当四新使命', 'inline'],
        ['两个翻一番', '地区生产总值和居民收入比2020年翻一番', 'inline'],
        ['一网通办', '企业群众办事只进一张网', 'inline'],
      ],
    },
    {
      name: 'figures as terms in notes; a quoted term ending in 是; 。是指',
      text: '名词解释\n〔5〕3+4：即3年中职+4年本科。\n12.“三个凡是”：是指凡是外地的成功做法都要学习。\n10.“河长制”。是指由各级党政主要负责人担任河长。\n',
      want: [
        ['3+4', '即3年中职+4年本科。', 'note'],
        ['三个凡是', '是指凡是外地的成功做法都要学习。', 'item'],
        ['河长制', '由各级党政主要负责人担任河长。', 'item'],
      ],
    },
    {
      name: 'a term defined in a note and in the text: the note',
      text: '“双碳”是指碳达峰与碳中和两个目标。\n〔11〕双碳：碳达峰、碳中和。\n',
      want: [['双碳', '碳达峰、碳中和。', 'note']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(terms(c.text)).toEqual(c.want);
    });
  }

  describe('negatives', () => {
    const negatives: { name: string; text: string }[] = [
      { name: 'a bulletin note without a term', text: '注释：\n[1]公报中各项数据为初步统计数，部分数据因四舍五入的原因存在差额。\n' },
      { name: 'a bulletin note ending in 包括：', text: '[4]常住人口包括：居住在本乡镇街道且户口在本乡镇街道的人。\n' },
      { name: 'a bulletin note naming its sources', text: '[6]资料来源：就业数据来自市人力资源和社会保障局。\n' },
      { name: 'a statistical 是指 without quotes', text: '[9]邮政行业寄递业务量是指企业从事各类邮政普遍服务业务的数量。\n' },
      { name: '即将, 即使, 即可', text: '“十四五”即将收官。“双减”即使有难度也要推进。“一码通”即可办理。\n' },
      { name: 'agenda items outside a glossary', text: '1.实施城市规划提升工程：完成国土空间规划编制。\n2.开展空气治理提质行动：高标准建设监测站。\n' },
      { name: 'a figure explained inside a term', text: '“7”是指七个重点产业，“18”是指十八条产业链。\n' },
      { name: 'a sentence with a colon is not a term', text: '〔3〕今年，我们要做好以下工作：一是稳增长。\n' },
    ];
    for (const n of negatives) {
      it(n.name, () => {
        expect(terms(n.text)).toEqual([]);
      });
    }
  });

  it('spans count code points and point at the entry', () => {
    const text = '𠀀前言。\n〔1〕蓝马甲：指治安志愿者队伍。(见第5页)\n';
    const [e] = readGlossary(text);
    const cps = Array.from(text);
    expect(cps.slice(e!.span[0], e!.span[1]).join('')).toBe('蓝马甲：指治安志愿者队伍。(见第5页)');
  });
});
