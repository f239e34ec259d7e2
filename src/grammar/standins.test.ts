import { describe, expect, it } from 'vitest';
import { applyStandins } from './standins.js';
import type { FactDraft } from './types.js';

const draft = (indicator: string, value: number, period = '2024'): FactDraft => ({
  indicator, measure: 'level', value, unit: 'CNY', period, status: 'actual', bound: '=', start: 0, end: 1, rule: 'level',
});

describe('stand-ins', () => {
  it('reads RMB deposits as deposits when no total is given', () => {
    expect(applyStandins([draft('deposits_rmb', 1e11)]).map((d) => d.indicator)).toEqual(['deposits']);
  });

  it('keeps the part when the whole is given for the same period', () => {
    expect(applyStandins([draft('deposits', 2e11), draft('deposits_rmb', 1e11)]).map((d) => d.indicator)).toEqual(['deposits', 'deposits_rmb']);
  });

  it('renames only where the whole is missing (another period)', () => {
    expect(applyStandins([draft('deposits', 2e11, '2023'), draft('deposits_rmb', 1e11)]).map((d) => d.indicator)).toEqual(['deposits', 'deposits']);
  });

  it('leaves drafts without parts as they are (the early return), and the same list', () => {
    const list = [draft('deposits', 2e11), draft('gdp', 1e11, '2023')];
    const copy = list.map((d) => ({ ...d }));
    expect(applyStandins(list)).toBe(list);
    expect(list).toEqual(copy);
  });
});
