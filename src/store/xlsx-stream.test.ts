import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cellXml, columnLetters, XlsxStream, xmlText } from './xlsx-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('columnLetters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, want) => expect(columnLetters(i)).toBe(want));
});

describe('xmlText', () => {
  it.each([
    ['道县 <GDP> & "增速"', '道县 &lt;GDP&gt; &amp; &quot;增速&quot;'],
    ['tab\tand\nline', 'tab\tand\nline'], // TAB and LF are XML characters
    ['bell\u0007 and nul\u0000', 'bell and nul'], // C0 controls are not
    ['𠮷野', '𠮷野'], // a surrogate pair is one character and stays
    ['lone \ud800 half', 'lone  half'],
    ['\ufffe', ''],
  ])('%j', (s, want) => expect(xmlText(s)).toBe(want));
});

describe('cellXml', () => {
  it.each([
    [null, 0, ''], // an empty cell is left out
    [null, 1, '<c r="B2" s="1"/>'],
    [12.5, 0, '<c r="B2"><v>12.5</v></c>'],
    [Number.NaN, 0, ''],
    ['x', 1, '<c r="B2" s="1" t="inlineStr"><is><t>x</t></is></c>'],
    [' lead', 0, '<c r="B2" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>'],
  ] as const)('%j (style %i)', (c, style, want) => expect(cellXml('B2', c, style)).toBe(want));
});

describe('XlsxStream', () => {
  it('writes sheets that an XLSX reader reads back, cell for cell, past several flushes', async () => {
    const file = join(dir, 'many.xlsx');
    const w = new XlsxStream(file);
    w.sheet('data', [{ width: 12 }, { width: 20 }, { width: 10 }]);
    w.row(['region_code', 'quote', 'value'], true);
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([String(430000 + i), `地区生产总值增长${i}% <${i}> & "q"`, i % 7 === 0 ? null : i * 1.5]);
    for (const r of rows) w.row(r);
    w.sheet('dictionary', [{ width: 16 }]);
    w.row(['column'], true);
    w.row(['说明']);
    w.close();
    const sheets = await readExcelFile(file);
    expect(sheets.map((s) => s.sheet)).toEqual(['data', 'dictionary']);
    const data = sheets[0]!.data;
    expect(data).toHaveLength(3001);
    expect(data[0]).toEqual(['region_code', 'quote', 'value']);
    expect(data.slice(1)).toEqual(rows);
    expect(sheets[1]!.data).toEqual([['column'], ['说明']]);
  });

  it('refuses a row before a sheet is started', () => {
    const w = new XlsxStream(join(dir, 'early.xlsx'));
    expect(() => w.row(['x'])).toThrow(/before sheet/);
    w.abort();
  });
});
