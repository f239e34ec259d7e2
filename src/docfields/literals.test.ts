import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from './literals.js';

describe('requiredLiterals', () => {
  it.each([
    [/工作回顾/u, ['工作回顾']],
    [/(?<y>\d{4})年(政府)?工作回顾/u, ['工作回顾']],
    [/\d{4}年.{0,25}政府工作报告|政府工作报告[—–-]|政府工作报告[（(]\d{4}/u, ['政府工作报告']],
    [/记者|通讯员|责任编辑|编辑[:：]/u, ['记者', '通讯员', '编辑']],
    [/(过去的|刚刚过去的|刚过去的|回顾|回望)(?<y>\d{4})年/u, ['年']],
    [/(过去的|刚过去的|回望)年?/u, ['过去的', '回望']],
    [/(|[。！])(?<y>\d{4})年[，,是]/u, ['年']],
    [/年?统计/u, ['统计']],
    [/a{2}b/u, ['b']],
    [/(ab){0,2}c/u, ['c']],
    [/(ab)+c/u, ['ab']],
    [/(?<=公报)年/u, ['年']],
    [/\u5e74\x41\cJ\p{Script=Han}\k<x>(?<x>z)/u, ['z']],
    [/[年]/u, undefined],
    [/\d+/u, undefined],
    [/a|\d/u, undefined],
    [/(a)?/u, undefined],
    [/(?=年)/u, undefined],
    [/年/iu, undefined],
    [/𠀀年/u, ['𠀀年']],
    [/[\]年]统计/u, ['统计']],
  ])('%s: %j', (re, want) => {
    expect(requiredLiterals(re)).toEqual(want);
  });

  it('gives literals every match contains one of, on random strings (the cue patterns and more)', () => {
    const cues = ['kind-cues.tsv', 'year-cues.tsv'].flatMap((f) =>
      readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('id\t'))
        .map((l) => new RegExp(l.split('\t')[3] as string, 'u')),
    );
    const more = [/(ab|c)d?e/u, /x(y(z|w))+/u, /(?:a|b)(c|d)/u, /q{1,2}r/u];
    const pieces = ['2024', '年', '工作', '回顾', '政府', '报告', '统计公报', '记者', '编辑', '：', '一、', '农业', '过去的', 'a', 'b', 'c', 'd', 'e', 'q', 'r', 'x', 'y', 'z', 'w', '。', '1月', '日在', '人民代表大会'];
    let seed = 17;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    let checked = 0;
    for (const re of [...cues, ...more]) {
      const lits = requiredLiterals(re);
      if (!lits) continue;
      for (let k = 0; k < 1500; k++) {
        let s = '';
        for (let j = rand(10); j > 0; j--) s += pieces[rand(pieces.length)];
        if (re.test(s)) {
          checked++;
          expect(lits.some((l) => s.includes(l)), `${re} ${JSON.stringify(s)} ${JSON.stringify(lits)}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
