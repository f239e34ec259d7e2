import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../types.js';
import { removeTempFiles, tempFile, tinyPng } from './fixtures.case.js';
import { decodeText, readSource } from './index.js';
import { guessUtf16, normalizeCharset } from './text.js';

afterAll(removeTempFiles);

const SAMPLE = '全年全市地区生产总值1702.61亿元，比上年增长6.1%。\n其中，第一产业增加值增长4.3%。\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8', () => {
    const r = decodeText(utf8(SAMPLE), 'a.txt');
    expect(r).toMatchObject({ text: SAMPLE, encoding: 'utf-8' });
    expect(r.diagnostics).toEqual([]);
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]), 'bom.txt');
    expect(r.text).toBe(SAMPLE);
    expect(r.encoding).toBe('utf-8');
  });

  it('reads GBK as GB18030', () => {
    const r = decodeText(new Uint8Array(iconv.encode(SAMPLE, 'gbk')), 'gbk.txt');
    expect(r.text).toBe(SAMPLE);
    expect(r.encoding).toBe('gb18030');
  });

  it('reads Big5 when the detector says so', () => {
    const trad = '全年全市地區生產總值1702.61億元，比上年增長6.1%。其中，第一產業增加值增長4.3%，第二產業增加值增長5.9%，第三產業增加值增長6.6%。\n';
    const r = decodeText(new Uint8Array(iconv.encode(trad.repeat(3), 'big5')), 'big5.txt');
    expect(r.encoding).toBe('big5');
    expect(r.text).toBe(trad.repeat(3));
  });

  it('reads UTF-16 LE and BE with a BOM, and LE without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(decodeText(new Uint8Array(le), 'le.txt')).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' });
    const be = Buffer.from(SAMPLE, 'utf16le').swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'be.txt')).toMatchObject({
      text: SAMPLE,
      encoding: 'utf-16be',
    });
    const noBom = decodeText(new Uint8Array(Buffer.from(SAMPLE, 'utf16le')), 'nobom.txt');
    expect(noBom).toMatchObject({ text: SAMPLE, encoding: 'utf-16le' });
    expect(noBom.diagnostics.map((d) => d.rule)).toContain('decode/utf16-no-bom');
  });

  it('normalizes CRLF line ends', () => {
    expect(decodeText(utf8('第一行\r\n第二行\r第三行'), 'crlf.txt').text).toBe('第一行\n第二行\n第三行');
  });

  it('reports replacement characters and ??? runs without refusing', () => {
    const r = decodeText(utf8('地区生产总值\uFFFD\uFFFD亿元，增长???%'), 'lossy.txt');
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['decode/replacement-chars', 'decode/question-mark-runs']);
    expect(r.diagnostics[0]!.span).toEqual([6, 8]);
    expect(r.diagnostics[1]!.span).toEqual([13, 16]);
  });

  it('accepts GBK text with one broken byte, with a diagnostic', () => {
    const gbk = iconv.encode(SAMPLE.repeat(20), 'gbk');
    const broken = Buffer.concat([gbk.subarray(0, 40), Buffer.from([0x81, 0x20]), gbk.subarray(40)]);
    const r = decodeText(new Uint8Array(broken), 'broken.txt');
    expect(r.encoding).toBe('gb18030');
    expect(r.diagnostics.map((d) => d.rule)).toContain('decode/replacement-chars');
  });

  it('refuses binary data', () => {
    expect(() => decodeText(tinyPng(), 'x.txt')).toThrow(new InputError('x.txt', 'binary file (PNG image): not a text document'));
    expect(() => decodeText(Uint8Array.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00, 0x00, 0x00, 0x07, 0x01]), 'n.txt')).toThrow(
      /binary file/,
    );
    const controls = Uint8Array.from({ length: 400 }, (_v, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26)));
    expect(() => decodeText(controls, 'c.txt')).toThrow('binary file (control characters): not a text document');
  });

  it('refuses bytes that are no Chinese encoding', () => {
    // Lone lead bytes followed by ASCII are invalid in UTF-8, GB18030 and Big5 alike.
    const junk = Uint8Array.from({ length: 300 }, (_v, i) => (i % 2 === 0 ? 0xff : 0x20));
    expect(() => decodeText(junk, 'junk.txt')).toThrow(/junk\.txt: undecodable text/);
  });

  it('returns empty text for an empty buffer', () => {
    expect(decodeText(new Uint8Array(0), 'e.txt')).toEqual({ text: '', encoding: 'utf-8', diagnostics: [] });
  });
});

describe('text helpers', () => {
  it('maps charset labels', () => {
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('"gbk"')).toBe('gb18030');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('big5')).toBe('big5');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });

  it('guesses UTF-16 from NUL bytes only when the pattern is clear', () => {
    expect(guessUtf16(new Uint8Array(Buffer.from('abc 123\n', 'utf16le')))).toBe('utf-16le');
    expect(guessUtf16(utf8('plain ascii text'))).toBeNull();
  });
});

describe('readSource on text files', () => {
  it('reads a GBK .txt file', async () => {
    const src = await readSource(tempFile('gbk.txt', iconv.encode(SAMPLE, 'gbk')));
    expect(src).toMatchObject({ format: 'txt', encoding: 'gb18030', text: SAMPLE });
  });

  it('refuses an empty file and a whitespace-only file', async () => {
    await expect(readSource(tempFile('empty.txt', ''))).rejects.toThrow('empty file: no text to read');
    await expect(readSource(tempFile('blank.txt', ' \n\t\n'))).rejects.toThrow('empty file: no text to read');
  });
});
