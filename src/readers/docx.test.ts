import { afterAll, describe, expect, it } from 'vitest';
import { buildCfb, buildDocx, storedZip, removeTempFiles, tempFile, wPara, wTable } from './fixtures.case.js';
import { readSource } from './index.js';

afterAll(removeTempFiles);

const BODY =
  wPara('柳溪县2025年财政预算执行情况', 'Heading1') +
  wPara('全年一般公共预算收入12.37亿元，完成预算的101.3%，比上年增长4.2%。') +
  wPara('一般公共预算支出36.82亿元，比上年增长2.6%，其中民生支出占比达到78.5%。') +
  wTable([
    ['项目', '预算数', '完成数', ['比上年', '增长(%)']],
    ['一般公共预算收入', '12.21', '12.37', '4.2'],
    ['其中：税收收入', '8.02', '8.15', '3.1'],
  ]) +
  wPara('政府性基金预算收入5.64亿元，下降12.0%。');

describe('DOCX reader', () => {
  it('reads paragraphs as lines and table rows as TAB-separated cells', async () => {
    const src = await readSource(tempFile('budget.docx', buildDocx(BODY)));
    expect(src.format).toBe('docx');
    expect(src.title).toBe('柳溪县2025年财政预算执行情况');
    expect(src.text.split('\n')).toEqual([
      '柳溪县2025年财政预算执行情况',
      '全年一般公共预算收入12.37亿元，完成预算的101.3%，比上年增长4.2%。',
      '一般公共预算支出36.82亿元，比上年增长2.6%，其中民生支出占比达到78.5%。',
      '项目\t预算数\t完成数\t比上年增长(%)',
      '一般公共预算收入\t12.21\t12.37\t4.2',
      '其中：税收收入\t8.02\t8.15\t3.1',
      '政府性基金预算收入5.64亿元，下降12.0%。',
    ]);
  });

  it('reads a docx saved under another extension (content decides)', async () => {
    const src = await readSource(tempFile('budget-renamed.bin', buildDocx(BODY)));
    expect(src.format).toBe('docx');
  });

  it('refuses a legacy .doc', async () => {
    const path = tempFile('old.doc', buildCfb([{ name: 'WordDocument' }, { name: '1Table' }]));
    await expect(readSource(path)).rejects.toThrow(`${path}: legacy Word .doc: save as .docx`);
  });

  it('refuses a password-protected Office file', async () => {
    const path = tempFile('locked.docx', buildCfb([{ name: 'EncryptionInfo' }, { name: 'EncryptedPackage' }]));
    await expect(readSource(path)).rejects.toThrow('encrypted Office document: remove the password and save as .docx');
  });

  it('refuses a zip that is not a docx, and a spreadsheet', async () => {
    const zip = storedZip([
      { name: 'report.txt', data: '不是文档' },
      { name: 'tables/a.csv', data: 'a,b' },
    ]);
    await expect(readSource(tempFile('bundle.zip', zip))).rejects.toThrow('archive (zip): unpack it first');
    await expect(readSource(tempFile('fake.docx', zip))).rejects.toThrow('archive (zip): unpack it first');
    const xlsx = storedZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    await expect(readSource(tempFile('sheet.xlsx', xlsx))).rejects.toThrow(/Excel workbook/);
  });

  it('refuses a zip with encrypted entries and a damaged docx', async () => {
    const enc = storedZip([{ name: 'word/document.xml', data: '<x/>' }], { encryptedFlag: true });
    await expect(readSource(tempFile('enc.docx', enc))).rejects.toThrow('encrypted DOCX: remove the password first');
    const broken = storedZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document><w:body><w:p>' },
    ]);
    const err = await readSource(tempFile('broken.docx', broken)).then(
      () => new Error('no refusal'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toMatch(/broken\.docx: (damaged DOCX: |no text found)/);
    expect(err.message).not.toContain('\n');
  });
});
