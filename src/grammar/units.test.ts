import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { regionTokens } from '../pipeline/document.js';
import { tokenize } from '../recognize/index.js';
import type { DocumentKind } from '../types.js';
import { ClauseGrammar } from './clause.js';

const HUNAN = { code: '430000', name: '湖南省' };

/** Facts of a text about a province written early in 2022 (去年 is 2021), with the unit each is about. */
function facts(text: string, kind: DocumentKind = 'news'): string[] {
  const n = normalize(text);
  const tokens = tokenize(n.text, regionTokens(n.text, HUNAN, kind));
  return new ClauseGrammar(n.text, { year: 2021, written: 2022, sections: [], region: HUNAN })
    .run(tokens)
    .map((d) => [d.region?.name ?? '-', d.indicator, d.measure, d.value, d.scope ?? '', d.period].filter((x) => x !== '').join(' '));
}

describe('units named in the text (units.ts)', () => {
  it.each<[string, string[]]>([
    // a city's figures belong to the city, and carry on after ；
    ['去年，岳阳市GDP4402.98亿元，居全省第2；GDP同比增长8.1%，增速全省第三。', [
      '岳阳市 gdp level 440298000000 2021',
      '岳阳市 gdp rank 2 province 2021',
      '岳阳市 gdp growth 8.1 2021',
      '岳阳市 gdp rank 3 province 2021',
    ]],
    // a list of units before 分别 gets one value each, also across a comma and the period
    ['株洲、湘潭、衡阳，全年GDP增速分别为7.9%、8.1%、8.0%。', [
      '株洲市 gdp growth 7.9 2021',
      '湘潭市 gdp growth 8.1 2021',
      '衡阳市 gdp growth 8 2021',
    ]],
    // a rank with no scope written, of a unit inside the document's region: within that region
    ['湘潭GDP总量虽仅排第7名，增速居全省第三。', ['湘潭市 gdp rank 7 province 2021', '湘潭市 gdp rank 3 province 2021']],
    // 总量和增量都…: one rank for the indicator
    ['去年，长沙的GDP总量和增量都稳居全省第一。', ['长沙市 gdp rank 1 province 2021']],
    // the nation when the sentence says so
    ['全国万亿城市增至24个，长沙GDP居第15位。', ['长沙市 gdp rank 15 nation 2021']],
    // the document's own word brings the figures back to it
    ['郴州GDP增长8.8%；全省地区生产总值增长7.7%。', ['郴州市 gdp growth 8.8 2021', '- gdp growth 7.7 2021']],
  ])('%s', (text, want) => expect(facts(text)).toEqual(want));

  it('reads cities of other provinces in news, by their one reading only', () => {
    expect(facts('长沙之前的宁波、青岛、无锡，全年GDP增速分别为8.2%、8.3%、8.6%。')).toEqual([
      '宁波市 gdp growth 8.2 2021',
      '青岛市 gdp growth 8.3 2021',
      '无锡市 gdp growth 8.6 2021',
    ]);
  });

  it('gives no scope to a rank of the document\'s own unit that names none', () => {
    expect(facts('全省地区生产总值居第8位。')).toEqual([]);
  });

  it('keeps cities of other provinces out of a report', () => {
    expect(facts('宁波、青岛、无锡，全年GDP增速分别为8.2%、8.3%、8.6%。', 'report')).toEqual([]);
  });
});
