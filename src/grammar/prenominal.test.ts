import { describe, expect, it } from 'vitest';
import { facts } from './facts.case.js';

describe('counts before their noun (prenominal.ts)', () => {
  it.each<[string, string[]]>([
    ['总投资86.5亿元的19个省、市重点项目全部开工。', [
      'key_projects level 19 count 2023 actual =',
      'key_projects_total_investment level 8650000000 CNY 2023 actual =',
    ]],
    ['31项省市重点项目完成投资42亿元。', [
      'key_projects level 31 count 2023 actual =',
      'key_projects_completed_investment level 4200000000 CNY 2023 actual =',
    ]],
    ['新落地7个签约项目。', ['signed_projects level 7 count 2023 actual =']],
    ['推进32个总投资96.4亿元的重点项目建设。', [
      'key_projects level 32 count 2023 actual =',
      'key_projects_total_investment level 9640000000 CNY 2023 actual =',
    ]],
    // a count that qualifies some other noun
    ['建成3个乡镇卫生院。', []],
    // a count before a list separator belongs to the name before it
    ['认定科技型中小企业27家、高新技术企业2家。', ['new_high_tech_enterprises level 2 count 2023 actual =']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));

  it('reads them as targets in a plan part', () => {
    expect(facts('实施总投资120亿元的24个重点项目。', { plan: true })).toEqual([
      'key_projects level 24 count 2024 target =',
      'key_projects_total_investment level 12000000000 CNY 2024 target =',
    ]);
  });
});
