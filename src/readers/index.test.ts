import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../types.js';
import { removeTempFiles, tempFile, tinyPng } from './fixtures.case.js';
import { readSource } from './index.js';

afterAll(removeTempFiles);

describe('readSource dispatch and refusals', () => {
  it('refuses images and other binaries by their magic numbers, whatever the extension', async () => {
    const png = tempFile('chart.txt', tinyPng());
    await expect(readSource(png)).rejects.toThrow(new InputError(png, 'binary file (PNG image): not a text document'));
    const gz = tempFile('data.html', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]));
    await expect(readSource(gz)).rejects.toThrow('binary file (gzip archive): not a text document');
    const elf = tempFile('prog', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
    await expect(readSource(elf)).rejects.toThrow('binary file (ELF executable): not a text document');
  });

  it('refuses RTF and a .pdf that is not a PDF', async () => {
    await expect(readSource(tempFile('memo.rtf', '{\\rtf1\\ansi 统计}'))).rejects.toThrow('RTF document: save as .docx');
    await expect(readSource(tempFile('fake.pdf', '这不是PDF文件'))).rejects.toThrow('damaged PDF: no %PDF header');
  });

  it('names missing files and directories in one line', async () => {
    const missing = join(tmpdir(), 'zhibiao-no-such-file.txt');
    await expect(readSource(missing)).rejects.toThrow(`${missing}: file not found`);
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-dir-'));
    await expect(readSource(dir)).rejects.toThrow(`${dir}: is a directory, not a file`);
    rmSync(dir, { recursive: true });
  });

  it('sniffs HTML without an .html extension and keeps .txt with angle brackets as text', async () => {
    const html = tempFile('page', '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县2025年统计公报</title></head><body><div><p>全年全县地区生产总值218.64亿元，比上年增长5.7%。其中，第一产业增加值41.25亿元，增长3.8%；第二产业增加值73.90亿元，增长6.9%；第三产业增加值103.49亿元，增长5.6%。全年一般公共预算收入12.37亿元。</p></div></body></html>');
    const src = await readSource(html);
    expect(src.format).toBe('html');
    expect(src.text).toContain('地区生产总值218.64亿元');
    const txt = await readSource(tempFile('note.txt', '指标<单位>说明：增长率 > 5%'));
    expect(txt.format).toBe('txt');
    expect(txt.text).toBe('指标<单位>说明：增长率 > 5%');
  });

  it('refuses an HTML page without article text', async () => {
    const page = tempFile('empty.html', '<html><head><title>统计公报</title></head><body><div class="nav"><a href="/">首页</a></div></body></html>');
    await expect(readSource(page)).rejects.toThrow('no article text found in this HTML page');
  });
});
