/**
 * A plain multi-page PDF for the memory benchmark: lines of Chinese text set in
 * the non-embedded Adobe-GB1 font STSong-Light (encoding UniGB-UTF16-H), 36
 * lines of up to 30 characters a page, A4. Deterministic.
 */
/** Text as the hex string of a PDF text operand in UniGB-UTF16-H. */
export function utf16beHex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}

/**
 * The font as objects 3, 4 and 5 of a PDF whose objects 1 and 2 are the catalog
 * and the page tree: STSong-Light (Adobe-GB1, not embedded) in UniGB-UTF16-H.
 */
export const CJK_FONT_OBJECTS: readonly string[] = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
];

const PER_LINE = 30;
const PER_PAGE = 36;

export function buildTextPdf(lines: readonly string[], pages: number): Buffer {
  // cut long lines into page-width pieces; a paragraph's last piece stays short
  const pieces: string[] = [];
  for (const line of lines) for (let i = 0; i < line.length; i += PER_LINE) pieces.push(line.slice(i, i + PER_LINE));
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer): number => objects.push(body);
  const catalog = add('');
  const pagesId = add('');
  const [font] = CJK_FONT_OBJECTS.map((o) => add(o));
  const pageIds: number[] = [];
  let next = 0;
  for (let p = 0; p < pages; p++) {
    let content = '';
    for (let l = 0; l < PER_PAGE; l++) {
      const text = pieces[next++ % pieces.length]!;
      content += `BT /F1 15 Tf 1 0 0 1 72 ${(770 - l * 19.5).toFixed(1)} Tm <${utf16beHex(text)}> Tj ET\n`;
    }
    content += `BT /F1 9 Tf 1 0 0 1 290 40 Tm <${utf16beHex(String(p + 1))}> Tj ET\n`;
    const data = Buffer.from(content, 'latin1');
    const contentId = add(Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contentId} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let pos = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pos);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(part);
    pos += part.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${pos}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
