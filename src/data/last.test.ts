import { describe, expect, it } from 'vitest';
import { forgetLastResults, lastResult } from './last.js';

describe('lastResult', () => {
  it('keeps the last value only', () => {
    const c = lastResult<string, number>();
    expect(c.get('a')).toBeUndefined();
    c.set('a', 1);
    expect(c.get('a')).toBe(1);
    c.set('b', 2);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toBe(2);
    c.clear();
    expect(c.get('b')).toBeUndefined();
  });

  it('compares keys with the given test', () => {
    const c = lastResult<{ text: string; title?: string }, string>((x, y) => x.text === y.text && x.title === y.title);
    c.set({ text: 't', title: 'x' }, 'v');
    expect(c.get({ text: 't', title: 'x' })).toBe('v');
    expect(c.get({ text: 't' })).toBeUndefined();
    expect(c.get({ text: 'u', title: 'x' })).toBeUndefined();
  });

  it('forgetLastResults clears every cache', () => {
    const a = lastResult<string, number>();
    const b = lastResult<number, string>();
    a.set('k', 1);
    b.set(7, 'v');
    forgetLastResults();
    expect(a.get('k')).toBeUndefined();
    expect(b.get(7)).toBeUndefined();
    a.set('k', 2);
    expect(a.get('k')).toBe(2);
  });
});
