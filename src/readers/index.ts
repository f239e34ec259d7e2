/**
 * Reader entry point: a file on disk → SourceText (the text every span points into).
 *
 * The format is chosen from the content (magic numbers, HTML sniffing); the
 * extension only breaks ties between plain text and HTML. Files that are not
 * readable documents are refused with an InputError naming the problem.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError, type Diagnostic, type SourceFormat, type SourceText } from '../types.js';
import { expandsPast, formatSize, LimitError, readLimits, type ReadLimits } from './limits.js';
import { checkPdfBounds } from './pdf-streams.js';
import { checkZipBounds } from './zip.js';
import { classifyZip, describeOle2, listZipEntries, looksLikeHtml, sniffContainer } from './sniff.js';
import { bomEncoding, decodeText, lossDiagnostics } from './text.js';

export { decodeText } from './text.js';
// The PDF, DOCX and HTML readers (pdfjs, mammoth, cheerio) are imported only
// when such a file comes: a plain-text run never pays for loading them.
// htmlToText and decodeHtml live in './html.js'.

const HTML_EXT = new Set(['.html', '.htm', '.xhtml', '.shtml', '.shtm', '.jsp', '.asp', '.aspx', '.php', '.mht']);

const ZIP_REFUSALS: Record<string, string> = {
  xlsx: 'Excel workbook (.xlsx): not a supported document; export the text as .docx or .txt',
  pptx: 'PowerPoint presentation (.pptx): not a supported document',
  odf: 'OpenDocument file: save as .docx',
  epub: 'EPUB book: not a supported document',
  zip: 'archive (zip): unpack it first',
};

async function readBytes(path: string, limits: ReadLimits): Promise<Uint8Array> {
  try {
    // a file is not even read past four times the text cap (PDFs and DOCX carry images)
    const { size } = await stat(path);
    if (size > limits.maxText * 4) throw new LimitError(path, `larger than ${formatSize(limits.maxText * 4)} (four times the text cap): not read (the limit is --max-text / ZHIBIAO_MAX_TEXT)`);
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if (err instanceof LimitError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : `cannot read file (${code ?? String(err)})`;
    throw new InputError(path, reason);
  }
}

function finish(
  path: string,
  format: SourceFormat,
  encoding: string,
  text: string,
  diagnostics: Diagnostic[],
  title: string | undefined,
  limits: ReadLimits,
): SourceText {
  if (text.length > limits.maxText) throw expandsPast(path, limits);
  if (!text.trim()) {
    throw new InputError(path, format === 'txt' ? 'empty file: no text to read' : `no text found in this ${format.toUpperCase()} file`);
  }
  const source: SourceText = { path, text, format, encoding, diagnostics };
  if (title) source.title = title;
  return source;
}

/**
 * Read a document in any supported format. Throws InputError for refusals
 * (LimitError when the document would pass the text cap, see limits.ts).
 */
export async function readSource(path: string, options: Partial<ReadLimits> = {}): Promise<SourceText> {
  const limits = readLimits(options);
  const bytes = await readBytes(path, limits);
  const ext = extname(path).toLowerCase();
  if (bytes.length === 0) throw new InputError(path, 'empty file: no text to read');
  const container = sniffContainer(bytes);

  switch (container.kind) {
    case 'pdf': {
      checkPdfBounds(bytes, path, limits);
      const { readPdf } = await import('./pdf.js');
      const r = await readPdf(bytes, path);
      return finish(path, 'pdf', 'pdf', r.text, r.diagnostics, r.title, limits);
    }
    case 'zip': {
      const listing = listZipEntries(bytes);
      if (!listing) throw new InputError(path, ext === '.docx' ? 'damaged DOCX: zip directory unreadable' : 'damaged zip archive: directory unreadable');
      const kind = classifyZip(listing.names);
      if (kind !== 'docx') throw new InputError(path, ZIP_REFUSALS[kind] ?? 'archive (zip): unpack it first');
      if (listing.encrypted) throw new InputError(path, 'encrypted DOCX: remove the password first');
      checkZipBounds(bytes, path, limits);
      const { readDocx } = await import('./docx.js');
      const r = await readDocx(bytes, path);
      return finish(path, 'docx', 'docx', r.text, r.diagnostics, r.title, limits);
    }
    case 'ole2':
      throw new InputError(path, describeOle2(bytes));
    case 'rtf':
      throw new InputError(path, 'RTF document: save as .docx');
    case 'binary':
      throw new InputError(path, `binary file (${container.label}): not a text document`);
    case 'unknown':
      break;
  }

  if (ext === '.pdf') throw new InputError(path, 'damaged PDF: no %PDF header');
  if (ext === '.docx') throw new InputError(path, 'damaged DOCX: not a zip container');

  // Text or HTML: the cap counts the bytes of the text itself.
  if (bytes.length > limits.maxText) throw expandsPast(path, limits);
  // Text or HTML: decide on a cheap decode of the start.
  const bom = bomEncoding(bytes);
  const probe = new TextDecoder(bom && bom.encoding !== 'gb18030' ? bom.encoding : 'latin1').decode(bytes.subarray(0, 4096));
  const isHtml = looksLikeHtml(probe) || (HTML_EXT.has(ext) && /<(html|body|p|div|table|meta)\b/i.test(probe));
  if (isHtml) {
    const { decodeHtml, htmlToText } = await import('./html.js');
    const decoded = decodeHtml(bytes, path);
    const r = htmlToText(decoded.text, { mode: 'article' });
    if (r.noText) throw new InputError(path, r.noText);
    const diagnostics = [
      { rule: 'decode/encoding', message: `decoded as ${decoded.encoding}` },
      ...decoded.diagnostics,
      ...r.diagnostics,
      ...lossDiagnostics(r.text, decoded.encoding),
    ];
    return finish(path, 'html', decoded.encoding, r.text, diagnostics, r.title, limits);
  }
  const decoded = decodeText(bytes, path);
  return finish(path, 'txt', decoded.encoding, decoded.text, decoded.diagnostics, undefined, limits);
}
