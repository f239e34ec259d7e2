/**
 * A document's title and the address of its original, read from its text:
 * the header lines collected texts carry ("标题：…", "来源URL：…" before
 * "正文："), else the first short line that reads like a heading. Readers of
 * HTML, PDF and DOCX find a title in the markup; this is for plain text.
 */

export interface DocumentHeader {
  title?: string;
  sourceUrl?: string;
}

/** Header keys of collected texts, by what they give. */
const TITLE_KEYS = /^(?:标题|題目|题目|標題|文章标题|title)\s*[:：]\s*(.+)$/i;
const URL_KEYS = /^(?:来源URL|来源网址|来源链接|原文链接|原文地址|來源URL|来源|source(?:[ _-]?url)?|url)\s*[:：]\s*(\S+)\s*$/i;
/** The line that ends the header (the body follows). */
const BODY_START = /^(?:正文|正\s*文)\s*[:：]/;

/** How far into a text its header lines may go. */
const HEADER_LINES = 20;
const MAX_TITLE = 120;

/** The first lines of a text (some collected texts carry their line breaks as the characters \\r\\n). */
function firstLines(text: string): string[] {
  return text.replace(/^\ufeff/, '').slice(0, 4000).split(/\r?\n|\\r\\n|\\n/, HEADER_LINES);
}

/** An http(s) address, or undefined. */
export function cleanUrl(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  return /^https?:\/\/[^\s"<>]+$/i.test(t) ? t : undefined;
}

/** The "标题：" and "来源URL：" lines at the top of a text. */
export function headerFields(text: string): DocumentHeader {
  const out: DocumentHeader = {};
  const lines = firstLines(text);
  for (const raw of lines) {
    const line = raw.trim();
    if (BODY_START.test(line)) break;
    const t = TITLE_KEYS.exec(line);
    if (t && !out.title && t[1]!.trim().length <= MAX_TITLE) out.title = t[1]!.trim();
    const u = URL_KEYS.exec(line);
    if (u && !out.sourceUrl) {
      const url = cleanUrl(u[1]);
      if (url) out.sourceUrl = url;
    }
  }
  return out;
}

/** A line that reads like a heading: short, and not a sentence (no 。；, no trailing ，). */
function headingLike(line: string): boolean {
  const chars = [...line].length;
  if (chars < 6 || chars > 60) return false;
  if (/[。；;！!？?]/.test(line.slice(0, -1)) || /[，,、：:]$/.test(line)) return false;
  if (/^[\d\s.,%年月日\-—/]+$/.test(line)) return false;
  return /\p{Script=Han}/u.test(line);
}

/** The first heading-like line of the first lines of a text (a trailing 。 dropped). */
export function firstHeading(text: string): string | undefined {
  const lines = firstLines(text);
  for (const raw of lines) {
    const line = raw
      .trim()
      .replace(/^#+\s*/, '')
      .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1')
      .replace(/[。.]$/, '');
    if (!line) continue;
    if (headingLike(line)) return line;
  }
  return undefined;
}

/**
 * The title and source address of a document: the ones given (at ingest),
 * else the header lines, else the reader's title (HTML, PDF, DOCX), else the
 * first heading of the text.
 */
export function documentTitle(text: string, readerTitle: string | undefined, given: DocumentHeader = {}): DocumentHeader {
  const header = headerFields(text);
  const title = given.title?.trim() || header.title || readerTitle?.trim() || firstHeading(text);
  const sourceUrl = cleanUrl(given.sourceUrl) ?? header.sourceUrl;
  return { ...(title ? { title } : {}), ...(sourceUrl ? { sourceUrl } : {}) };
}
