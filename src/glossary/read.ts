/**
 * The policy glossary of a document: the terms a work report explains — its
 * slogans and programmes (“双千工程”, 三区三线, 放管服) — each with its
 * definition and the span it was read from.
 *
 * Where definitions are written:
 * - numbered notes `〔1〕四个不摘：即摘帽不摘责任…` and bracketed footnotes
 *   `[19]“标准地”改革：“标准地”是指…` (also 【1】), at the end of the report or
 *   after a 名词解释 heading; a note's `(见第2页)` page reference is dropped;
 * - items `5.“7+18+N”产业政策：…` numbered 1. 1、 (1) only under a 名词解释 /
 *   注释 heading (elsewhere such lines are the report's own agenda);
 * - in the text: `“X”是指…`, `“X”，即…`, `所谓“X”，就是…` up to the end of the sentence.
 *
 * Not a glossary entry: a statistical bulletin's explanatory notes
 * (`[1]公报中各项数据为初步统计数…`, `[4]常住人口包括：…`, `[9]邮政行业寄递业务量是指…` —
 * a note is read only when it opens with a term and a colon, or with a quoted term and
 * 是指/即), `“X”即将…` (即将, 即使, 即可 are not "that is"), terms of one character or
 * of figures only (`“7”是指…` inside a note explains a part of the term, not a term).
 *
 * Spans count Unicode code points, like fact spans.
 */

export type GlossaryKind = 'note' | 'item' | 'inline';

export interface GlossaryEntry {
  /** The term without its quotation marks (“标准地”改革 → 标准地改革). */
  term: string;
  /** The term as written. */
  written: string;
  definition: string;
  kind: GlossaryKind;
  /** The note's marker (〔1〕, [19], 5.), null for an in-text definition. */
  marker: string | null;
  /** Code-point span of the whole entry (term and definition). */
  span: [number, number];
}

const NOTE = /^\s*(〔\d{1,3}〕|\[\d{1,3}\]|【\d{1,3}】)\s*/u;
const ITEM = /^\s*(\d{1,3}[.．、]|[（(]\d{1,3}[）)])\s*/u;
const GLOSSARY_HEADING = /^\s*[*＊]?\s*(?:附件[一二三四五六七八九十\d]*[：:、.]?\s*)?(?:名词解释|名词注释|注释|注解|附注|名词术语解释)\s*[：:]?\s*$/u;
/** A page reference after a note: (见第2页), （见第12页）. */
const PAGE_REF = /\s*[（(]见第?\s*\d+\s*页[）)]\s*$/u;
/** Words a statistical note ends its subject with before a colon: not a term. */
const NOT_A_TERM_END = /(?:包括|是指|指|是|为|有|按|如下|主要|其中|等)$/u;
const QUOTES = /[“”"「」『』]/gu;
/** After 即 these make another word (即将, 即使…), not "that is". */
const JI_WORD = /^(?:将|使|便|可|时|刻|日|期|墨|景|兴|视|位|席|成|是说)/u;

function codePointIndex(text: string, utf16: number, cache: { at: number; cp: number }): number {
  // walk forward from the last position asked for (calls come in increasing order)
  if (utf16 < cache.at) {
    cache.at = 0;
    cache.cp = 0;
  }
  let cp = cache.cp;
  for (let i = cache.at; i < utf16; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) cp++;
  }
  cache.at = utf16;
  cache.cp = cp;
  return cp;
}

/** A term as written → the term: quotes gone, spaces gone. */
export function cleanTerm(written: string): string {
  return written.replace(QUOTES, '').replace(/\s+/gu, '').trim();
}

/** Headings of a bulletin's notes that are not terms. */
const NOT_A_TERM = /^(?:资料来源|数据来源|说明|注|备注)$/u;

/**
 * Whether a term is one: 2–30 characters, no clause punctuation; figures only
 * (3+4, 1530) in a note, never in the text (“7”是指 explains a part of a term);
 * unquoted, not ending like a statistical subject (常住人口包括：).
 */
function plausibleTerm(written: string, { figures = false } = {}): boolean {
  const term = cleanTerm(written);
  if (term.length < 2 || term.length > 30) return false;
  if (/^[\d\s.+\-—×%]+$/u.test(term) && (!figures || term.length < 3)) return false;
  if (/[，,。；;！？!?]/u.test(term) || NOT_A_TERM.test(term)) return false;
  return /^[“"「『]/u.test(written.trim()) || !NOT_A_TERM_END.test(term);
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    out.push({ start: from, text: text.slice(from, to).replace(/\r$/u, '') });
    from = to + 1;
  }
  return out;
}

/** `term：definition` or `“term”是指/即 definition` after a note's marker. */
function splitNote(body: string): { written: string; definition: string } | undefined {
  const colon = /^([^：:]{1,40}?)\s*[：:]\s*(.+)$/u.exec(body);
  if (colon) {
    const written = colon[1]!.trim();
    if (plausibleTerm(written, { figures: true }) && colon[2]!.trim().length >= 2) return { written, definition: colon[2]!.trim() };
  }
  const quoted = /^(“[^”]{1,30}”)\s*[，,。]?\s*(?:是指|指的是|即)(.+)$/u.exec(body);
  if (quoted && plausibleTerm(quoted[1]!, { figures: true })) return { written: quoted[1]!, definition: quoted[2]!.trim() };
  return undefined;
}

/** In-text definitions of one line: “X”是指…。 / “X”，即…。 / 所谓“X”，就是…。 */
const INLINE = /(?:所谓)?(“[^”\n]{2,20}”)\s*(?:[，,]\s*)?(是指|指的是|就是指|即)/gu;

function inlineEntries(line: Line, text: string, cache: { at: number; cp: number }): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(line.text); m; m = INLINE.exec(line.text)) {
    const after = line.text.slice(m.index + m[0].length);
    if (m[2] === '即' && JI_WORD.test(after)) continue;
    // 就是 needs 所谓 (“X”就是… is an assertion, not a definition)
    const term = cleanTerm(m[1]!);
    if (!plausibleTerm(m[1]!)) continue;
    const end = /[。；;！!？?]/u.exec(after);
    const definition = (end ? after.slice(0, end.index) : after).trim();
    if (definition.length < 4 || definition.length > 300) continue;
    const from = line.start + m.index;
    const to = line.start + m.index + m[0].length + (end ? end.index : after.length);
    out.push({
      term,
      written: m[1]!,
      definition,
      kind: 'inline',
      marker: null,
      span: [codePointIndex(text, from, cache), codePointIndex(text, to, cache)],
    });
  }
  return out;
}

/** Every glossary entry of a decoded (normalized) text, in text order; a term defined twice is kept once (its first, fullest definition). */
export function readGlossary(text: string): GlossaryEntry[] {
  const lines = linesOf(text);
  const out: GlossaryEntry[] = [];
  const cache = { at: 0, cp: 0 };
  let inGlossary = false;
  let open: { entry: GlossaryEntry; endUtf16: number } | null = null;
  const close = () => {
    if (!open) return;
    open.entry.definition = open.entry.definition.replace(PAGE_REF, '').trim();
    open.entry.span[1] = codePointIndex(text, open.endUtf16, cache);
    out.push(open.entry);
    open = null;
  };
  for (const line of lines) {
    const t = line.text;
    if (GLOSSARY_HEADING.test(t)) {
      close();
      inGlossary = true;
      continue;
    }
    const note = NOTE.exec(t) ?? (inGlossary ? ITEM.exec(t) : null);
    if (note) {
      close();
      const body = t.slice(note[0].length);
      const split = splitNote(body);
      if (split) {
        const kind: GlossaryKind = NOTE.test(t) ? 'note' : 'item';
        const from = line.start + note[0].length;
        open = {
          entry: {
            term: cleanTerm(split.written),
            written: split.written,
            definition: split.definition,
            kind,
            marker: note[1]!,
            span: [codePointIndex(text, from, cache), 0],
          },
          endUtf16: line.start + t.length,
        };
      }
      continue;
    }
    // a note wrapped over several lines: the previous line ended mid-sentence
    if (open && t.trim() && !/[。）)]\s*$/u.test(open.entry.definition) && t.length < 400) {
      open.entry.definition += t.trim();
      open.endUtf16 = line.start + t.length;
      continue;
    }
    close();
    if (!t.trim()) continue;
    out.push(...inlineEntries(line, text, cache));
  }
  close();
  // one entry per term and document: a note beats an in-text definition, the first note the others
  const best = new Map<string, GlossaryEntry>();
  for (const e of out) {
    const had = best.get(e.term);
    if (!had || (had.kind === 'inline' && e.kind !== 'inline')) best.set(e.term, e);
  }
  return [...best.values()].sort((a, b) => a.span[0] - b.span[0]);
}
