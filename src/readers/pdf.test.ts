import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../types.js';
import { buildPdf, paragraph, removeTempFiles, tempFile, type PdfPageSpec, type PdfTextRun } from './fixtures.case.js';
import { readSource } from './index.js';
import { readPdf, repairPuaDecimalPoints } from './pdf.js';

afterAll(removeTempFiles);

/**
 * A two-page bulletin of a made-up city, typeset like a Word export: running
 * header, "- n -" page numbers, justified paragraphs with first-line indent,
 * a number broken across lines, a number and its unit on different lines, a
 * paragraph that continues on the next page, and a small four-column table.
 */
function bulletinPages(): PdfPageSpec[] {
  const size = 12;
  const x = 72;
  const width = 360;
  const header: PdfTextRun = { x: 200, y: 800, size: 9, text: '清河市2025年国民经济和社会发展统计公报' };
  const pageNo = (n: number): PdfTextRun => ({ x: 280, y: 40, size: 10.5, text: `- ${n} -` });
  const table = (y: number): PdfTextRun[] => {
    const rows = [
      ['指标', '单位', '绝对数', '比上年增长%'],
      ['地区生产总值', '亿元', '2716.35', '5.2'],
      ['规模以上工业增加值', '亿元', '842.10', '7.3'],
      ['社会消费品零售总额', '亿元', '1203.56', '4.1'],
      ['城镇新增就业', '万人', '6.82', '-2.1'],
    ];
    const s = 10.5;
    return rows.flatMap((r, i) => {
      const yy = y - i * 18;
      // Label and unit left-aligned; numbers right-aligned on their column edge.
      const right = (text: string, edge: number) => edge - [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0) * s;
      return [
        { x: 80, y: yy, size: s, text: r[0]! },
        { x: 230, y: yy, size: s, text: r[1]! },
        { x: right(r[2]!, 350), y: yy, size: s, text: r[2]! },
        { x: right(r[3]!, 440), y: yy, size: s, text: r[3]! },
      ];
    });
  };
  const page1: PdfTextRun[] = [
    header,
    { x: 120, y: 740, size: 16, text: '清河市2025年国民经济和社会发展统计公报' },
    { x: 96, y: 700, size, text: '一、综合' },
    ...paragraph(
      [
        '初步核算，全年全市地区生产总值2716.35亿元，比上',
        '年增长5.2%。其中，第一产业增加值311.08亿元，第二产业',
        '增加值1046.92亿元，第三产业增加值1358.35亿元。',
      ],
      { x, y: 676, width, size },
    ),
    ...paragraph(['全年一般公共预算收入158.42亿元，比上年增长', '3.9%，其中税收收入为112.37亿元，非税收入为80.69', '亿元，增长2.4%。'], { x, y: 620, width, size }),
    { x: 150, y: 560, size: 10.5, text: '2025年主要经济指标' },
    ...table(540),
    ...paragraph(['年末全市常住人口312.6万人，比上年末减少0.8万人。全', '年出生人口1.92万人，出生率为6.13‰；死亡人口2.41万'], {
      x,
      y: 420,
      width,
      size,
      continuesOnNextPage: true,
    }),
    pageNo(1),
  ];
  const page2: PdfTextRun[] = [
    header,
    // The paragraph from page 1 goes on: an unindented, justified continuation.
    { x, y: 740, size, text: '人，死亡率为7.70‰。', charSpacing: 0 },
    { x: 96, y: 700, size, text: '二、农业' },
    ...paragraph(['全年粮食播种面积301.5千公顷，比上年增长0.4%；粮食总产', '量186.2万吨，增长1.1%。'], { x, y: 676, width, size }),
    pageNo(2),
  ];
  return [{ runs: page1 }, { runs: page2 }];
}

describe('PDF reader on a generated two-page bulletin', () => {
  const path = tempFile('bulletin.pdf', buildPdf(bulletinPages()));

  it('reads the text with the header, page numbers and line breaks gone', async () => {
    const src = await readSource(path);
    expect(src.format).toBe('pdf');
    expect(src.title).toBe('清河市2025年国民经济和社会发展统计公报');
    const lines = src.text.split('\n');
    // The title stays once (it is not the small running header), the header copies go.
    expect(lines.filter((l) => l.includes('国民经济和社会发展统计公报'))).toEqual(['清河市2025年国民经济和社会发展统计公报']);
    expect(src.text).not.toMatch(/- \d -/);
    expect(src.text).not.toMatch(/^\s*-?\s*\d\s*-?\s*$/m);
    expect(lines).toContain('一、综合');
    // Wrapped lines joined; a number broken across lines and a number/unit split come out whole.
    expect(lines).toContain(
      '初步核算，全年全市地区生产总值2716.35亿元，比上年增长5.2%。其中，第一产业增加值311.08亿元，第二产业增加值1046.92亿元，第三产业增加值1358.35亿元。',
    );
    expect(src.text).toContain('非税收入为80.69亿元，增长2.4%。');
    // A paragraph running over the page break is one line.
    expect(lines).toContain('年末全市常住人口312.6万人，比上年末减少0.8万人。全年出生人口1.92万人，出生率为6.13‰；死亡人口2.41万人，死亡率为7.70‰。');
    expect(lines).toContain('全年粮食播种面积301.5千公顷，比上年增长0.4%；粮食总产量186.2万吨，增长1.1%。');
    const diag = src.diagnostics.map((d) => d.rule);
    expect(diag).toContain('pdf/headers-footers-removed');
    expect(diag).toContain('pdf/page-numbers-removed');
  });

  it('emits the table as TAB-separated rows, header first', async () => {
    const src = await readSource(path);
    const lines = src.text.split('\n');
    const at = lines.indexOf('指标\t单位\t绝对数\t比上年增长%');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('2025年主要经济指标');
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '地区生产总值\t亿元\t2716.35\t5.2',
      '规模以上工业增加值\t亿元\t842.10\t7.3',
      '社会消费品零售总额\t亿元\t1203.56\t4.1',
      '城镇新增就业\t万人\t6.82\t-2.1',
    ]);
  });
});

describe('PDF refusals and repairs', () => {
  const runs = paragraph(['初步核算，全年全市地区生产总值2716.35亿元，比上', '年增长5.2%。'], { x: 72, y: 700, width: 360, size: 12 });

  it('refuses a password-protected PDF', async () => {
    const bytes = buildPdf([{ runs }], { encrypt: { userPassword: 'secret', ownerPassword: 'owner' } });
    await expect(readPdf(bytes, 'locked.pdf')).rejects.toThrow(new InputError('locked.pdf', 'encrypted PDF: remove the password first'));
  });

  it('reads a PDF encrypted with an empty user password (owner restrictions only)', async () => {
    const bytes = buildPdf([{ runs }], { encrypt: { userPassword: '', ownerPassword: 'owner' } });
    const r = await readPdf(bytes, 'restricted.pdf');
    expect(r.text).toContain('地区生产总值2716.35亿元');
    expect(r.diagnostics.map((d) => d.rule)).toContain('pdf/encrypted');
  });

  it('refuses a PDF without a text layer', async () => {
    const bytes = buildPdf([{ runs: [], rect: true }, { runs: [], rect: true }]);
    await expect(readPdf(bytes, 'scan.pdf')).rejects.toThrow('no text layer (scanned PDF): run OCR first');
  });

  it('refuses a damaged PDF with one short line', async () => {
    const whole = buildPdf([{ runs }]);
    const cut = whole.subarray(0, 40);
    const err = await readPdf(cut, 'cut.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toMatch(/^(damaged PDF: |no text layer)/);
    expect((err as InputError).message).not.toContain('\n');
    const garbage = new TextEncoder().encode('%PDF-1.7\nthis is not a PDF body at all\n');
    await expect(readPdf(garbage, 'junk.pdf')).rejects.toThrow(/junk\.pdf: (damaged PDF|no text layer)/);
  });

  it('maps CJK radicals to unified ideographs', async () => {
    const bytes = buildPdf([{ runs: [{ x: 72, y: 700, size: 12, text: '⺠⽣保障⽀出增⻓8.2%，⻔诊人次同比增加，⻜机场旅客吞吐量回升。' }] }]);
    const r = await readPdf(bytes, 'radicals.pdf');
    expect(r.text).toBe('民生保障支出增长8.2%，门诊人次同比增加，飞机场旅客吞吐量回升。');
    expect(r.diagnostics.map((d) => d.rule)).toContain('pdf/radicals-mapped');
  });

  it('reads a private-use glyph that only sits after digits as a decimal point', () => {
    const pua = '\u{1001B0}';
    const r = repairPuaDecimalPoints(`收入２２２１${pua}７亿元，增长４${pua}１％，支出５８${pua}７亿元。１${pua}一般公共预算`);
    expect(r.text).toBe(`收入２２２１.７亿元，增长４.１％，支出５８.７亿元。１${pua}一般公共预算`);
    expect(r.count).toBe(3);
    // Used elsewhere too: left alone.
    expect(repairPuaDecimalPoints(`甲${pua}乙１${pua}２`).count).toBe(0);
  });
});
