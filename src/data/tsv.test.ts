import { describe, expect, it } from 'vitest';
import { compact } from '../regions/compact.js';
import { layout } from '../regions/layout.js';
import { DataFileError, parseTsv } from './tsv.js';

describe('parseTsv', () => {
  it('skips leading comments and blank lines, and keeps optional cells empty', () => {
    const rows = parseTsv('# about\n# more\na\tb\tc\n1\t2\n\n# note\n3\t4\t5\r\n', 'x.tsv', ['a', 'b']);
    expect(rows.map((r) => r.cells)).toEqual([
      { a: '1', b: '2', c: '' },
      { a: '3', b: '4', c: '5' },
    ]);
    expect(rows[1]?.line).toBe(7);
  });

  it.each([
    ['a\tb\n1\t2\n', ['z'], /x.tsv:1: missing column "z"/],
    ['a\tb\n1\t\n', ['b'], /x.tsv:2: empty "b"/],
    ['a\tb\n1\t2\t3\n', ['a'], /x.tsv:2: 3 cells for 2 columns/],
  ])('rejects a bad file, naming file and line (%j)', (text, required, message) => {
    expect(() => parseTsv(text, 'x.tsv', required)).toThrow(DataFileError);
    expect(() => parseTsv(text, 'x.tsv', required)).toThrow(message);
  });
});

describe('compact', () => {
  it('drops whitespace, escape sequences and lost-space runs, keeping the way back', () => {
    const text = '石 家 庄\u3000市\\r\\n统计局??发布';
    const c = compact(text);
    expect(c.text).toBe('石家庄市统计局发布');
    expect(text[c.origin[4]!]).toBe('统');
    expect(c.origin[c.text.length]).toBe(text.length);
  });

  it('keeps a single question mark', () => {
    expect(compact('为什么?').text).toBe('为什么?');
  });
});

describe('layout', () => {
  it('finds the prose between the title zone and trailing chrome', () => {
    const text = '首页\n某县2023年政府工作报告\n各位代表：现在，我代表县人民政府向大会报告工作，请予审议。\n相关文章\n某市2023年政府工作报告';
    const lay = layout(text);
    expect(text.slice(lay.bodyStart, lay.bodyEnd)).toBe('各位代表：现在，我代表县人民政府向大会报告工作，请予审议。');
    expect(lay.lines).toHaveLength(5);
    expect(lay.prose[lay.bodyStart]).toBe(1);
    expect(lay.prose[0]).toBe(0);
  });

  it('splits on literal \\r\\n left by scrapers', () => {
    const text = '标题\\r\\n正文第一段很长很长，有标点符号，也有足够多的字数来算作正文。';
    expect(layout(text).lines).toHaveLength(2);
  });
});
