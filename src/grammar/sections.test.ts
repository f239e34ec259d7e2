import { describe, expect, it } from 'vitest';
import { readTsv, compilePattern } from '../lexicon/load.js';
import { anyOf } from './sections.js';

describe('anyOf: one test for several patterns, as testing them one by one', () => {
  const lines = [
    '二、2024年工作安排', '一、2023年工作回顾', '主要预期目标是：', '2024年经济社会发展的总体要求', '今年政府工作的总体要求是：',
    '三、今后五年的总体思路和奋斗目标', '地区生产总值增长5%左右', '', 'abcabc', 'aa', 'ab', 'ba', 'x|y', '（一）坚持稳中求进',
  ];
  const sets: RegExp[][] = [
    readTsv('sections.tsv', ['pattern', 'part']).map((r) => compilePattern(r, 'pattern')),
    [/^a|b$/u, /c/u], // top-level alternatives stay inside their own pattern
    [/^(a)\1/u, /b/u], // a backreference: tested one by one
    [/(?<x>a)/u, /(?<x>b)/u], // the same group name twice: does not compile as one, tested one by one
    [/A/iu, /b/u], // different flags: one by one
    [/^x\|y$/u],
    [],
  ];
  it.each(sets.map((s, k) => [k, s] as const))('set %i', (_k, set) => {
    const any = anyOf(set);
    for (const line of lines) expect(any(line)).toBe(set.some((p) => p.test(line)));
  });
});
