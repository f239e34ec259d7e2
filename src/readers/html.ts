/**
 * HTML → text: charset detection, main-content extraction, block layout.
 *
 * The content container is chosen by text density: starting at <body>, descend
 * into the child that holds most of the non-link Chinese text and sentence
 * punctuation, and stop where the text splits between children. Chrome (menus,
 * share/print widgets, related-article lists, footers) is removed by tag,
 * class/id patterns and widget-text patterns before and after that choice.
 */
import * as cheerio from 'cheerio';
import type { Diagnostic } from '../types.js';
import { countHan, firstCodePoint, isHan, isWide, lastCodePoint } from './chars.js';
import {
  bomEncoding,
  decodeLegacyChinese,
  decodeStrict,
  normalizeCharset,
  normalizeNewlines,
  type Decoded,
} from './text.js';

// ------------------------------------------------------------------ decoding

/** Charset declared in a <meta> tag within the first 4 KB, as written. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(tag);
    if (direct?.[1]) return direct[1];
  }
  return null;
}

/** Decode HTML bytes: BOM, then <meta> charset (verified), then detection. */
export function decodeHtml(bytes: Uint8Array, path: string): Decoded {
  const diagnostics: Diagnostic[] = [];
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = decodeStrict(body, bom.encoding) ?? new TextDecoder(bom.encoding).decode(body);
    return { text: normalizeNewlines(text), encoding: bom.encoding, diagnostics };
  }
  const label = declaredCharset(bytes);
  let declared = label ? normalizeCharset(label) : null;
  if (label && !declared) {
    diagnostics.push({ rule: 'decode/unknown-charset', message: `unknown charset "${label}" in <meta>; detecting instead` });
  }
  // A UTF-16 label in an ASCII-compatible document is always wrong (the BOM would have said so).
  if (declared === 'utf-16le' || declared === 'utf-16be') declared = 'utf-8';

  const utf8 = decodeStrict(bytes, 'utf-8');
  const hasNonAscii = bytes.some((b) => b >= 0x80);
  if (declared) {
    if (declared !== 'utf-8' && utf8 !== null && hasNonAscii) {
      // Valid UTF-8 with non-ASCII bytes is practically never meant as GBK or Big5.
      diagnostics.push({ rule: 'decode/charset-mismatch', message: `<meta> says ${label} but the bytes are UTF-8; decoded as utf-8` });
      return { text: normalizeNewlines(utf8), encoding: 'utf-8', diagnostics };
    }
    const strict = declared === 'utf-8' ? utf8 : decodeStrict(bytes, declared);
    if (strict !== null) return { text: normalizeNewlines(strict), encoding: declared, diagnostics };
    const loose = new TextDecoder(declared).decode(bytes);
    const bad = (loose.match(/\uFFFD/g) ?? []).length;
    // A few bad bytes in a page that is otherwise in the declared charset: keep it.
    if (bad <= 3 && bad < loose.length * 0.001) {
      diagnostics.push({ rule: 'decode/invalid-bytes', message: `${bad} byte sequence(s) invalid in ${declared} replaced with U+FFFD` });
      return { text: normalizeNewlines(loose), encoding: declared, diagnostics };
    }
    const detected = utf8 !== null ? { text: utf8, encoding: 'utf-8', diagnostics: [] } : decodeLegacyChinese(bytes, path);
    diagnostics.push({
      rule: 'decode/charset-mismatch',
      message: `<meta> says ${label} but the bytes are not ${declared}; decoded as ${detected.encoding}`,
    });
    return { text: normalizeNewlines(detected.text), encoding: detected.encoding, diagnostics: [...diagnostics, ...detected.diagnostics] };
  }
  if (utf8 !== null) return { text: normalizeNewlines(utf8), encoding: 'utf-8', diagnostics };
  const detected = decodeLegacyChinese(bytes, path);
  return { text: normalizeNewlines(detected.text), encoding: detected.encoding, diagnostics: [...diagnostics, ...detected.diagnostics] };
}

// ------------------------------------------------------------------ the tree

/** The parts of a domhandler node this module reads (cheerio's tree). */
interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
  parent: DomNode | null;
}

const isElement = (n: DomNode): boolean => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const kids = (n: DomNode): DomNode[] => n.children ?? [];

/** Elements that break lines. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'title', 'legend', 'option',
]);

/** Elements never rendered. */
const DROP_ALWAYS =
  'script, style, noscript, template, iframe, frame, frameset, object, embed, svg, canvas, select, button, input, textarea, link, meta, map, audio, video, source, track, head';

/** Chrome elements dropped in article mode. */
const DROP_ARTICLE = 'nav, aside, footer';

/** Class/id fragments that mark page chrome. */
const CHROME_ATTR =
  /(^|[\s_-])(share|print|fontsize|font-size|zoom|qrcode|ewm|wechat|weixin|scan|related|relevant|xgwz|xglj|xgxw|xgwj|xgtit|prev|next|pager|page-?nav|breadcrumbs?|crumbs?|position|location|dqwz|curpos|nav|navbar|menu|sidebar|side|header|footer|foot|bottom|copyright|banquan|toolbar|tools?|comment|login|search|topbar|logo|advert|ads?|banner|wza|fixed-?bar|gotop|back-?top)($|[\s_\d-])/i;
const CHROME_SUBSTR = /bdshare|jiathis|fenxiang|erweima|zihao|dayin|breadcrumb|copyright|pagination|sidebar|navbar|toolbar|qrcode|footer/i;

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Sentence punctuation used as a signal of running text. */
const PUNCT_RE = /[，。；：、！？]/g;

interface Stats {
  /** Han characters outside links. */
  han: number;
  /** Han characters inside links. */
  linkHan: number;
  /** Sentence punctuation outside links. */
  punct: number;
}

function computeStats(node: DomNode, inLink: boolean, cache: Map<DomNode, Stats>): Stats {
  if (node.type === 'text') {
    const data = node.data ?? '';
    let han = 0;
    for (const ch of data) if (isHan(ch.codePointAt(0) ?? 0)) han++;
    const punct = inLink ? 0 : (data.match(PUNCT_RE) ?? []).length;
    return inLink ? { han: 0, linkHan: han, punct } : { han, linkHan: 0, punct };
  }
  const s: Stats = { han: 0, linkHan: 0, punct: 0 };
  const link = inLink || (node.name === 'a' && node.attribs?.['href'] !== undefined);
  for (const c of kids(node)) {
    const cs = computeStats(c, link, cache);
    s.han += cs.han;
    s.linkHan += cs.linkHan;
    s.punct += cs.punct;
  }
  if (isElement(node) || node.type === 'root') cache.set(node, s);
  return s;
}

const score = (s: Stats): number => s.han + 2 * s.punct;

/** Descend from `start` into the child holding most of the text, while it holds ≥ 80 %. */
function chooseContainer(start: DomNode, cache: Map<DomNode, Stats>): DomNode {
  let cur = start;
  for (;;) {
    const curScore = score(cache.get(cur) ?? { han: 0, linkHan: 0, punct: 0 });
    if (curScore === 0) return cur;
    let best: DomNode | null = null;
    let bestScore = -1;
    for (const c of kids(cur)) {
      if (!isElement(c)) continue;
      const sc = score(cache.get(c) ?? { han: 0, linkHan: 0, punct: 0 });
      if (sc > bestScore) {
        best = c;
        bestScore = sc;
      }
    }
    if (!best || bestScore < curScore * 0.8) return cur;
    cur = best;
  }
}

// ------------------------------------------------------------------ rendering

interface Line {
  text: string;
  /** Characters of the line that came from link text. */
  linkChars: number;
}

/** Collapse whitespace the way a browser lays out Chinese text. */
function collapseInline(raw: string): string {
  // \u0001 marks a whitespace run that contained a line break in the source,
  // \u0002 one that contained a TAB (kept: sources use it between table cells).
  let s = raw.replace(/[ \t\n\f\u00a0\u2000-\u200a\u202f\u205f]+/g, (run) =>
    /\n/.test(run) ? '\u0001' : /\t/.test(run) ? '\u0002' : ' ',
  );
  s = s.replace(/[\u0001\u0002 ]{2,}/g, (run) => (run.includes('\u0001') ? '\u0001' : run.includes('\u0002') ? '\u0002' : ' '));
  // Segment breaks next to a Chinese character vanish (CSS Text 3 removes them
  // between two wide characters; Chinese text has no word spaces, so a source
  // line break before "218.64亿元" is not one either). Others become spaces.
  s = s.replace(/\u0001/g, (_m, offset: number, whole: string) => {
    const before = lastCodePoint(whole.slice(Math.max(0, offset - 2), offset));
    const after = firstCodePoint(whole.slice(offset + 1, offset + 3));
    return before >= 0 && after >= 0 && (isWide(before) || isWide(after)) ? '' : ' ';
  });
  return s.replace(/\u0002/g, '\t').replace(/^\s+|\s+$/g, '');
}

class LineBuilder {
  readonly lines: Line[] = [];
  private buf = '';
  private linkBuf = 0;

  add(text: string, inLink: boolean): void {
    this.buf += text;
    if (inLink) this.linkBuf += text.replace(/\s+/g, '').length;
  }

  /** Append a finished line (a table row) as it is. */
  addLine(text: string, linkChars: number): void {
    this.flush();
    if (text.trim()) this.lines.push({ text, linkChars });
  }

  flush(): void {
    const text = collapseInline(this.buf);
    if (text) this.lines.push({ text, linkChars: this.linkBuf });
    this.buf = '';
    this.linkBuf = 0;
  }
}

/** Join pieces of a cell: no space between wide characters. */
function joinPieces(pieces: string[]): string {
  let out = '';
  for (const p of pieces) {
    if (!p) continue;
    if (out && !(isWide(lastCodePoint(out)) || isWide(firstCodePoint(p)))) out += ' ';
    out += p;
  }
  return out;
}

function directRows(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  for (const c of kids(table)) {
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') {
      for (const r of kids(c)) if (r.name === 'tr') rows.push(r);
    }
  }
  return rows;
}

function containsTag(node: DomNode, names: ReadonlySet<string>): boolean {
  for (const c of kids(node)) {
    if (c.name && names.has(c.name)) return true;
    if (containsTag(c, names)) return true;
  }
  return false;
}

function textLength(node: DomNode): number {
  if (node.type === 'text') return (node.data ?? '').replace(/\s+/g, '').length;
  let n = 0;
  for (const c of kids(node)) n += textLength(c);
  return n;
}

const NESTED_TABLE = new Set(['table']);

/** A table used for data (rows of short cells) rather than for page layout. */
function isDataTable(rows: DomNode[]): boolean {
  if (!rows.length) return false;
  let cells = 0;
  for (const r of rows) {
    for (const c of kids(r)) {
      if (c.name !== 'td' && c.name !== 'th') continue;
      cells++;
      if (containsTag(c, NESTED_TABLE)) return false;
      if (textLength(c) > 150) return false;
    }
  }
  return cells > 0;
}

function renderCell(cell: DomNode, ctx: RenderContext): string {
  const inner = new LineBuilder();
  for (const c of kids(cell)) renderNode(c, inner, ctx, false);
  inner.flush();
  return joinPieces(inner.lines.map((l) => l.text)).replace(/\t/g, ' ');
}

function renderTable(table: DomNode, out: LineBuilder, ctx: RenderContext, inLink: boolean): void {
  const rows = directRows(table);
  if (!isDataTable(rows)) {
    out.flush();
    for (const r of rows) {
      for (const c of kids(r)) {
        renderNode(c, out, ctx, inLink);
        out.flush();
      }
    }
    // Captions and stray children outside rows.
    for (const c of kids(table)) if (c.name === 'caption') renderNode(c, out, ctx, inLink);
    out.flush();
    return;
  }
  out.flush();
  for (const c of kids(table)) if (c.name === 'caption') renderNode(c, out, ctx, inLink);
  out.flush();
  // Rowspans: the rows below get an empty cell where the spanning cell sits.
  // Colspans are not padded (Word tables use them heavily for layout); one cell is one TAB field.
  const pending: Array<{ col: number; rowsLeft: number; width: number }> = [];
  for (const r of rows) {
    const cells: string[] = [];
    const cellNodes = kids(r).filter((c) => c.name === 'td' || c.name === 'th');
    let col = 0;
    const placeSpans = () => {
      for (;;) {
        const p = pending.find((x) => x.col === col && x.rowsLeft > 0);
        if (!p) return;
        cells.push('');
        col += p.width;
      }
    };
    for (const cell of cellNodes) {
      placeSpans();
      const colspan = Math.max(1, Math.min(100, Number.parseInt(cell.attribs?.['colspan'] ?? '1', 10) || 1));
      const rowspan = Math.max(1, Math.min(1000, Number.parseInt(cell.attribs?.['rowspan'] ?? '1', 10) || 1));
      cells.push(renderCell(cell, ctx));
      if (rowspan > 1) pending.push({ col, rowsLeft: rowspan, width: colspan });
      col += colspan;
    }
    placeSpans();
    for (const p of pending) p.rowsLeft--;
    for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.rowsLeft <= 0) pending.splice(i, 1);
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (cells.length) out.addLine(cells.join('\t'), 0);
  }
}

interface RenderContext {
  /** Drop link-heavy blocks (navigation lists) while rendering. */
  dropLinkLists: boolean;
  cache: Map<DomNode, Stats>;
}

const LIST_BLOCKS = new Set(['ul', 'ol', 'dl', 'div', 'table', 'section', 'p', 'td', 'tr']);

function isLinkList(node: DomNode, ctx: RenderContext): boolean {
  if (!ctx.dropLinkLists || !node.name || !LIST_BLOCKS.has(node.name)) return false;
  const s = ctx.cache.get(node);
  if (!s || s.linkHan < 8) return false;
  let links = 0;
  const countLinks = (n: DomNode) => {
    for (const c of kids(n)) {
      if (c.name === 'a') links++;
      else countLinks(c);
    }
  };
  countLinks(node);
  return links >= 2 && s.linkHan > 0.6 * (s.linkHan + s.han);
}

function renderNode(node: DomNode, out: LineBuilder, ctx: RenderContext, inLink: boolean): void {
  if (node.type === 'text') {
    out.add(node.data ?? '', inLink);
    return;
  }
  if (!isElement(node)) return;
  const name = node.name ?? '';
  if (name === 'br') {
    out.flush();
    return;
  }
  if (name === 'img') return;
  if (isLinkList(node, ctx)) {
    out.flush();
    return;
  }
  if (name === 'table') {
    renderTable(node, out, ctx, inLink);
    return;
  }
  const block = BLOCK.has(name);
  if (block) out.flush();
  const link = inLink || name === 'a';
  for (const c of kids(node)) renderNode(c, out, ctx, link);
  if (block) out.flush();
}

// ------------------------------------------------------------------ chrome lines

const WIDGET_WORDS =
  /(打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|分享到|分享|收藏本页|收藏|加入收藏|字号|字体|默认|返回顶部|返回|顶部|扫一扫|微信|微博|QQ空间|复制链接|保存|浏览次数|访问量|阅读量|点击数|[大中小])/g;

/** A line made only of share/print/font-size widget words. */
export function isWidgetLine(line: string): boolean {
  const compact = line.replace(/\s+/g, '');
  if (!compact || compact.length > 60) return false;
  if (/^(上一篇|下一篇|上一条|下一条|上篇|下篇)[：:]/.test(compact)) return true;
  if (/扫一扫|用手机|手机扫|二维码/.test(compact) && compact.length <= 30 && !/[，。；]/.test(compact)) return true;
  const rest = compact.replace(WIDGET_WORDS, '').replace(/[【】\[\]()（）|｜/:：·•\-—_、，,]/g, '').replace(/\d+/g, '');
  return rest.length === 0 && /[\u4e00-\u9fff]/.test(compact);
}

/** Site footer lines: sponsor, copyright, registration numbers. */
const FOOTER_LINE = /版权所有|copyright|©|ICP备|ICP证|网站标识码|公网安备|技术支持[：:]|(主办|承办|开办|协办)(单位)?[：:]|网站地图|联系我们/i;

const RELATED_HEADING = /^(相关(链接|文章|新闻|阅读|推荐|文件|信息|附件|解读)|延伸阅读|推荐阅读|热点推荐|猜你喜欢)[：:]?$/;

/** Remove widget lines, related-article blocks and runs of link-only lines. */
function dropChromeLines(lines: Line[]): { lines: Line[]; dropped: number } {
  const keep: Line[] = [];
  let dropped = 0;
  const linkOnly = (l: Line) => l.linkChars > 0 && l.linkChars >= 0.8 * l.text.replace(/\s+/g, '').length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const compact = l.text.replace(/\s+/g, '');
    if (isWidgetLine(l.text) || (FOOTER_LINE.test(l.text) && compact.length < 200)) {
      dropped++;
      continue;
    }
    if (RELATED_HEADING.test(compact)) {
      dropped++;
      while (i + 1 < lines.length && linkOnly(lines[i + 1]!)) {
        i++;
        dropped++;
      }
      continue;
    }
    // Two or more consecutive lines that are entirely links: a navigation list.
    if (linkOnly(l) && i + 1 < lines.length && linkOnly(lines[i + 1]!)) {
      while (i < lines.length && linkOnly(lines[i]!)) {
        i++;
        dropped++;
      }
      i--;
      continue;
    }
    keep.push(l);
  }
  return { lines: keep, dropped };
}

// ------------------------------------------------------------------ title

function cleanTitle(raw: string): string {
  return raw.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** The first segment of a <title> that looks like an article title (site names come after - _ |). */
function titleFromTag(t: string): string {
  // Site and column names follow the title after - _ | (a hyphen only between words, not in "2021-2025").
  const parts = t
    .split(/\s*[_|｜]\s*|\s+-\s+|(?<=[\u4e00-\u9fff）》\]])\s*-\s*(?=[\u4e00-\u9fff])|\s*—{1,2}\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const good = parts.find((p) => [...p].filter((c) => isHan(c.codePointAt(0) ?? 0)).length >= 4);
  return (good ?? parts[0] ?? t).replace(/^(最新|转载|原创|重磅|关注|权威发布)[！!：:]\s*/, '');
}

function hanSet(s: string): Set<string> {
  return new Set([...s].filter((c) => isHan(c.codePointAt(0) ?? 0)));
}

// ------------------------------------------------------------------ nesting cap

/** Deeper than this, elements are unwrapped (their text is kept) before parsing. */
export const MAX_NESTING = 256;

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'bgsound', 'frame', 'image']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** A start tag of these closes an open one of the same group (no table or list in between). */
const IMPLIED: Record<string, { group: readonly string[]; scope: readonly string[] }> = {
  p: { group: ['p'], scope: ['div', 'table', 'ul', 'ol', 'td', 'th', 'li', 'blockquote', 'section', 'article', 'body'] },
  li: { group: ['li'], scope: ['ul', 'ol'] },
  dt: { group: ['dt', 'dd'], scope: ['dl'] },
  dd: { group: ['dt', 'dd'], scope: ['dl'] },
  option: { group: ['option'], scope: ['select', 'datalist', 'optgroup'] },
  tr: { group: ['tr', 'td', 'th'], scope: ['table', 'tbody', 'thead', 'tfoot'] },
  td: { group: ['td', 'th'], scope: ['tr', 'table'] },
  th: { group: ['td', 'th'], scope: ['tr', 'table'] },
};
/** How far down the stack an end tag or an implied close looks (keeps the scan linear). */
const LOOKBACK = 32;

/**
 * Unwraps elements nested deeper than `maxDepth` (the tags go, their text
 * stays), in one linear scan over the markup. The HTML parser's tree
 * construction is quadratic in the nesting depth and the tree walks below are
 * recursive, so a page nested 100,000 levels deep would take minutes or
 * overflow the stack. Ordinary pages are far shallower and come back unchanged.
 */
export function capNesting(html: string, maxDepth = MAX_NESTING): { html: string; unwrapped: number } {
  const stack: Array<{ name: string; dropped: boolean }> = [];
  const cut: Array<[number, number]> = [];
  const re = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>?/g;
  let unwrapped = 0;
  let lower: string | undefined;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = m[2]?.toLowerCase();
    if (!tag) continue; // a comment
    if (m[1]) {
      // end tag: close the nearest open element of that name
      for (let i = stack.length - 1; i >= Math.max(0, stack.length - LOOKBACK); i--) {
        if (stack[i]!.name !== tag) continue;
        if (stack[i]!.dropped) cut.push([m.index, m.index + m[0].length]);
        stack.length = i;
        break;
      }
      continue;
    }
    if (RAW_TEXT.has(tag)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${tag}`, re.lastIndex);
      re.lastIndex = close < 0 ? html.length : close;
      continue;
    }
    if (VOID_TAGS.has(tag)) continue;
    const implied = IMPLIED[tag];
    if (implied) {
      for (let i = stack.length - 1; i >= Math.max(0, stack.length - LOOKBACK); i--) {
        const name = stack[i]!.name;
        if (implied.scope.includes(name)) break;
        if (implied.group.includes(name)) {
          stack.length = i;
          break;
        }
      }
    }
    const dropped = stack.length >= maxDepth;
    if (dropped) {
      cut.push([m.index, m.index + m[0].length]);
      unwrapped++;
    }
    stack.push({ name: tag, dropped });
  }
  if (!cut.length) return { html, unwrapped: 0 };
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of cut) {
    parts.push(html.slice(at, a));
    at = b;
  }
  parts.push(html.slice(at));
  return { html: parts.join(''), unwrapped };
}

// ------------------------------------------------------------------ entry

export interface HtmlText {
  text: string;
  title?: string;
  diagnostics: Diagnostic[];
  /** Set when the page has no article text of its own; says why (images, an attachment). */
  noText?: string;
}

/** Lines of page metadata that do not count as article text. */
const META_LINE = /^(来源|信息来源|发布时间|发布日期|发文日期|日期|时间|作者|点击|浏览|阅读|字号|发布机构|索引号|文号|关联稿件|分类)/;

function countTags(node: DomNode, name: string): number {
  let n = 0;
  for (const c of kids(node)) n += (c.name === name ? 1 : 0) + countTags(c, name);
  return n;
}

const ATTACHMENT_RE = /\.(pdf|docx?|wps|ofd|xlsx?|et|zip|rar)(?:[?#]|$)/i;

function attachmentName(href: string, label: string): string {
  if (countHan(label) >= 2) return label.trim();
  const last = href.split(/[?#]/)[0]!.split('/').pop() ?? href;
  return /%[0-9a-f]{2}/i.test(last) && !/%(?![0-9a-f]{2})/i.test(last) ? decodeURIComponent(last) : last;
}

export interface HtmlToTextOptions {
  /** `article`: find the main content and drop page chrome. `document`: render everything (DOCX). */
  mode: 'article' | 'document';
}

/** Render HTML to lines of text: one line per block, table rows as TAB-separated cells. */
export function htmlToText(markup: string, options: HtmlToTextOptions): HtmlText {
  const diagnostics: Diagnostic[] = [];
  const { html, unwrapped } = capNesting(markup);
  if (unwrapped) {
    diagnostics.push({ rule: 'html/depth-capped', message: `${unwrapped} element(s) nested deeper than ${MAX_NESTING} levels unwrapped (their text is kept)` });
  }
  const $ = cheerio.load(html);
  const rawTitle = cleanTitle($('title').first().text());
  $(DROP_ALWAYS).remove();
  const root = $.root()[0] as unknown as DomNode;
  const body = ($('body')[0] as unknown as DomNode | undefined) ?? root;

  const cache = new Map<DomNode, Stats>();
  let container = body;
  if (options.mode === 'article') {
    computeStats(root, false, cache);
    const total = score(cache.get(body) ?? { han: 0, linkHan: 0, punct: 0 });
    let removed = 0;
    const removable = (el: DomNode) => {
      const s = cache.get(el);
      return !s || score(s) < total * 0.3;
    };
    $(DROP_ARTICLE).each((_i, el) => {
      const n = el as unknown as DomNode;
      if (removable(n)) {
        $(el).remove();
        removed++;
      }
    });
    $('header').each((_i, el) => {
      const n = el as unknown as DomNode;
      if ($(el).parents('article, main').length === 0 && removable(n)) {
        $(el).remove();
        removed++;
      }
    });
    $('[class], [id], [style], [hidden], [aria-hidden="true"]').each((_i, el) => {
      const n = el as unknown as DomNode;
      const attrs = n.attribs ?? {};
      const cls = `${attrs['class'] ?? ''} ${attrs['id'] ?? ''}`;
      const hidden = HIDDEN_STYLE.test(attrs['style'] ?? '') || attrs['hidden'] !== undefined || attrs['aria-hidden'] === 'true';
      if ((hidden || CHROME_ATTR.test(cls) || CHROME_SUBSTR.test(cls)) && removable(n)) {
        $(el).remove();
        removed++;
      }
    });
    cache.clear();
    computeStats(root, false, cache);
    container = chooseContainer(body, cache);
    diagnostics.push({
      rule: 'html/main-content',
      message: `content container <${container.name ?? 'root'}${container.attribs?.['id'] ? `#${container.attribs['id']}` : ''}${container.attribs?.['class'] ? `.${container.attribs['class'].trim().split(/\s+/).join('.')}` : ''}>; ${removed} chrome element(s) removed`,
    });
  } else {
    computeStats(root, false, cache);
  }

  const out = new LineBuilder();
  renderNode(container, out, { dropLinkLists: options.mode === 'article', cache }, false);
  out.flush();
  let lines = out.lines;
  if (options.mode === 'article') {
    const res = dropChromeLines(lines);
    lines = res.lines;
    if (res.dropped) diagnostics.push({ rule: 'html/chrome-lines', message: `${res.dropped} widget/navigation line(s) dropped` });
  }

  // Title: the <title> without site/column names when it is a real title, else the best heading.
  let title: string | undefined;
  const tagTitle = rawTitle ? titleFromTag(rawTitle) : '';
  if (countHan(tagTitle) >= 8) {
    title = tagTitle;
  } else {
    const tagHan = hanSet(rawTitle);
    let best = '';
    let bestOverlap = -1;
    $('h1, h2, h3, [class*="title"], [class*="Title"], [id*="title"]').each((_i, el) => {
      const t = cleanTitle($(el).text());
      if (t.length < 4 || t.length > 100 || countHan(t) < 4) return;
      const hs = hanSet(t);
      let common = 0;
      for (const c of hs) if (tagHan.has(c)) common++;
      const overlap = common / hs.size + (el.tagName === 'h1' ? 0.2 : 0);
      if (overlap > bestOverlap) {
        best = t;
        bestOverlap = overlap;
      }
    });
    title = best || tagTitle || undefined;
  }

  if (options.mode === 'article' && title) {
    const squash = (s: string) => [...s].filter((c) => isHan(c.codePointAt(0) ?? 0)).join('');
    const head = squash(lines.slice(0, 4).map((l) => l.text).join(''));
    if (!head.includes(squash(title))) lines.unshift({ text: title, linkChars: 0 });
  }
  const result: HtmlText = { text: lines.map((l) => l.text).join('\n'), diagnostics };
  if (options.mode === 'article') {
    const bodyHan = lines
      .filter((l) => l.text !== title && !META_LINE.test(l.text.replace(/\s+/g, '')))
      .reduce((sum, l) => sum + countHan(l.text), 0);
    if (bodyHan < 60) {
      // The picture pages may sit beside the chosen (title-only) container: look one level up too.
      const images = Math.max(countTags(container, 'img'), container.parent ? countTags(container.parent, 'img') : 0);
      const attachments: string[] = [];
      $('a[href]').each((_i, el) => {
        const href = $(el).attr('href') ?? '';
        if (ATTACHMENT_RE.test(href)) attachments.push(attachmentName(href, $(el).text()));
      });
      if (attachments.length) result.noText = `no article text: the document is an attachment (${attachments[0]}): read that file instead`;
      else if (images >= 3) result.noText = `no article text: the page shows the document as ${images} images (OCR them first)`;
      else result.noText = 'no article text found in this HTML page';
    }
  }
  if (title) result.title = title;
  return result;
}
