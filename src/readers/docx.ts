/**
 * DOCX reader: mammoth converts to HTML (tables survive), then the shared
 * HTML renderer turns paragraphs into lines and table rows into TAB-separated cells.
 */
import mammoth from 'mammoth';
import { InputError, type Diagnostic } from '../types.js';
import { htmlToText } from './html.js';

export interface DocxReadResult {
  text: string;
  title?: string;
  diagnostics: Diagnostic[];
}

export async function readDocx(bytes: Uint8Array, path: string): Promise<DocxReadResult> {
  const diagnostics: Diagnostic[] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images are not text: skip the base64 payloads entirely.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        ignoreEmptyParagraphs: true,
      },
    );
    html = result.value;
    const warnings = result.messages.filter((m) => m.type === 'warning').length;
    const errors = result.messages.filter((m) => m.type === 'error');
    if (warnings) diagnostics.push({ rule: 'docx/conversion-warnings', message: `${warnings} conversion warning(s) from mammoth (mostly unmapped styles)` });
    for (const e of errors.slice(0, 3)) diagnostics.push({ rule: 'docx/conversion-error', message: e.message });
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 120);
    throw new InputError(path, `damaged DOCX: ${msg}`);
  }
  const rendered = htmlToText(html, { mode: 'document' });
  const out: DocxReadResult = { text: rendered.text, diagnostics: [...diagnostics, ...rendered.diagnostics] };
  // The first heading-styled paragraph, else the first line, is the title.
  const h = /<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/i.exec(html);
  const heading = h?.[1] ? htmlToText(h[1], { mode: 'document' }).text.replace(/\s+/g, ' ').trim() : '';
  const firstLine = rendered.text.split('\n', 1)[0] ?? '';
  const title = heading || firstLine;
  if (title && title.length <= 100) out.title = title;
  return out;
}
