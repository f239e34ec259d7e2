/**
 * Hostile inputs at the readers: decompression bombs (DOCX, PDF), deep HTML,
 * a bad byte in UTF-8. Fixtures are generated here, never committed.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { badByteText, deepHtml, docxBomb, pdfBomb, smallDocx, smallPdf } from '../bench/hostile-inputs.js';
import { InputError } from '../types.js';
import { removeTempFiles, tempFile } from './fixtures.case.js';
import { readSource } from './index.js';
import { LimitError, MAX_TEXT_ENV, parseSize } from './limits.js';

afterAll(removeTempFiles);

const MB = 1024 * 1024;

describe('decompression bombs', () => {
  afterEach(() => {
    delete process.env[MAX_TEXT_ENV];
  });

  it('refuses a DOCX that expands past the text cap in one line, without inflating it', async () => {
    const bomb = tempFile('bomb.docx', docxBomb(20));
    process.env[MAX_TEXT_ENV] = '5MB';
    const started = performance.now();
    const err = await readSource(bomb).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LimitError);
    expect((err as InputError).reason).toMatch(/^expands past 5 MB of text: not read/);
    expect((err as InputError).message).toBe(`${bomb}: ${(err as InputError).reason}`);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a DOCX whose header lies about the size, while inflating', async () => {
    const bomb = tempFile('liar.docx', docxBomb(20, { declaredSize: 4096 }));
    process.env[MAX_TEXT_ENV] = '5MB';
    await expect(readSource(bomb)).rejects.toThrow(/expands past 5 MB of text: not read/);
  });

  it('refuses a PDF whose page stream inflates past the text cap', async () => {
    const bomb = tempFile('bomb.pdf', pdfBomb(20));
    process.env[MAX_TEXT_ENV] = '5MB';
    await expect(readSource(bomb)).rejects.toThrow(/expands past 5 MB of text: not read/);
  });

  it('still reads ordinary DOCX and PDF files, and the cap is configurable', async () => {
    const docx = tempFile('ok.docx', smallDocx('蓝山县2023年统计公报：全年地区生产总值达到98.64亿元，增长5.2%。'));
    expect((await readSource(docx)).text).toContain('98.64亿元');
    const pdf = tempFile('ok.pdf', smallPdf());
    expect((await readSource(pdf)).text).toContain('GDP grew');
    const txt = tempFile('long.txt', '全年地区生产总值达到98.64亿元，增长5.2%。\n'.repeat(40_000));
    expect((await readSource(txt)).text.length).toBeGreaterThan(1_000_000);
    process.env[MAX_TEXT_ENV] = '1MB';
    await expect(readSource(txt)).rejects.toThrow(/expands past 1 MB of text: not read/);
    expect((await readSource(txt, { maxText: 4 * MB })).format).toBe('txt');
  });

  it('parses sizes', () => {
    expect(parseSize('50MB')).toBe(50 * MB);
    expect(parseSize('512kb')).toBe(512 * 1024);
    expect(parseSize('1000')).toBe(1000);
    expect(parseSize('lots')).toBeNull();
  });
});

describe('deep HTML', () => {
  it('reads 100,000 nesting levels in well under a second, with a diagnostic', async () => {
    const file = tempFile('deep.html', deepHtml(100_000));
    const started = performance.now();
    const src = await readSource(file);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(src.text).toContain('地区生产总值增长5.2%');
    expect(src.diagnostics.map((d) => d.rule)).toContain('html/depth-capped');
  });

  it('reads 4,000 levels of inline and table nesting without overflowing the stack', async () => {
    for (const tag of ['span', 'font', 'table', 'b']) {
      const src = await readSource(tempFile(`deep-${tag}.html`, deepHtml(4_000, tag)));
      expect(src.text).toContain('地区生产总值增长5.2%');
    }
  });

  it('leaves ordinary pages alone', async () => {
    const src = await readSource(tempFile('flat.html', deepHtml(30)));
    expect(src.diagnostics.map((d) => d.rule)).not.toContain('html/depth-capped');
  });
});

describe('a bad byte in UTF-8 text', () => {
  it('decodes the rest, replaces the byte with U+FFFD and says where', async () => {
    const bytes = badByteText();
    const src = await readSource(tempFile('bad-byte.txt', bytes));
    expect(src.encoding).toBe('utf-8');
    const at = bytes.indexOf(0xff);
    const expected = new TextDecoder('utf-8').decode(bytes.subarray(0, at)) + '\uFFFD' + new TextDecoder('utf-8').decode(bytes.subarray(at + 1));
    expect(src.text).toBe(expected);
    const d = src.diagnostics.find((x) => x.rule === 'decode/invalid-bytes');
    expect(d?.message).toMatch(new RegExp(`^1 invalid byte sequence\\(s\\) replaced with U\\+FFFD while decoding as utf-8, at byte ${at}`));
    const cp = [...src.text].indexOf('\uFFFD');
    expect(d?.span).toEqual([cp, cp + 1]);
  });

  it('still refuses bytes that are not text at all', async () => {
    const junk = Buffer.alloc(4000);
    for (let i = 0; i < junk.length; i++) junk[i] = 0x80 + ((i * 37) % 0x40);
    await expect(readSource(tempFile('junk.txt', junk))).rejects.toThrow(InputError);
  });
});
