import { describe, expect, it } from 'vitest';
import { isZoneCode, loadShortFormRules, shortForm } from './shortforms.js';

const rules = loadShortFormRules();

describe('shortForm', () => {
  it.each([
    ['湖南省', '430000', '湖南'],
    ['北京市', '110000', '北京'],
    ['永州市', '431100', '永州'],
    ['江永县', '431125', '江永'],
    ['芷江侗族自治县', '431228', '芷江'],
    ['江华瑶族自治县', '431129', '江华'],
    ['新疆维吾尔自治区', '650000', '新疆'],
    ['广西壮族自治区', '450000', '广西'],
    ['内蒙古自治区', '150000', '内蒙古'],
    ['宁夏回族自治区', '640000', '宁夏'],
    ['西藏自治区', '540000', '西藏'],
    ['香港特别行政区', '810000', '香港'],
    ['湘西土家族苗族自治州', '433100', '湘西'],
    ['黔东南苗族侗族自治州', '522600', '黔东南'],
    ['博尔塔拉蒙古自治州', '652700', '博尔塔拉'],
    ['双江拉祜族佤族布朗族傣族自治县', '530925', '双江'],
    ['龙胜各族自治县', '450328', '龙胜'],
    ['东乡族自治县', '622926', '东乡'],
    ['鄂伦春自治旗', '150723', '鄂伦春'],
    ['阿克苏地区', '652900', '阿克苏'],
    ['锡林郭勒盟', '152500', '锡林郭勒'],
    ['科尔沁右翼前旗', '152221', '科尔沁右翼前'],
    ['顺河回族区', '410203', '顺河'],
    ['浦东新区', '310115', '浦东'],
    ['清新区', '441803', '清新'],
    ['万柏林区', '140109', '万柏林'],
    ['沙县区', '350405', '沙县'],
  ])('%s → %s', (name, code, expected) => {
    expect(shortForm(name, code, rules)).toBe(expected);
  });

  it.each([
    ['道县', '431124', 'a one-character stem is never produced'],
    ['城区', '140302', 'a one-character stem is never produced'],
    ['芒市', '533103', 'a one-character stem is never produced'],
    ['永州经济技术开发区', '431171', 'development zones get none'],
    ['保定白沟新城', '130672', 'development zones get none'],
    ['西沙群岛', '460321', 'no known suffix'],
  ])('%s has no short form (%s)', (name, code) => {
    expect(shortForm(name, code, rules)).toBeNull();
  });

  it('recognizes NBS zone codes', () => {
    expect(isZoneCode('431171')).toBe(true);
    expect(isZoneCode('431125')).toBe(false);
    expect(isZoneCode('430700')).toBe(false);
  });
});
