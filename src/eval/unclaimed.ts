/**
 * The recall probe: numbers with a unit or % that sit in a sentence naming an
 * indicator but that no fact claims. On documents nobody annotated they are
 * where misses hide; grouped by the words around them they show which
 * constructions the grammar does not read yet.
 */
import { normalize, toSourceSpan } from '../normalize/index.js';
import { tokenize, type IndicatorToken, type Token } from '../recognize/index.js';
import { partials, strictBlocked } from '../grammar/names.js';
import { isContractIndicator } from '../lexicon/index.js';
import type { Fact } from '../types.js';

export interface Unclaimed {
  /** Code-point span of the number in the source text. */
  span: [number, number];
  /** The number as written (normalized). */
  number: string;
  unit: string;
  /** The indicator name nearest before the number in its sentence (or after it). */
  name: string;
  /** The words between that name and the number (at most 8 characters, the last ones). */
  between: string;
  /** The group it is counted in: name … words before the number [unit]. */
  pattern: string;
  sentence: string;
}

const SENTENCE_END = /[。！？!?\n]/u;

/** Numbers of `text` with a unit in a sentence that names an indicator, and no fact over them. */
export function unclaimedNumbers(text: string, facts: readonly Pick<Fact, 'span'>[]): Unclaimed[] {
  const norm = normalize(text);
  const t = norm.text;
  const tokens = tokenize(t);
  const claimed = facts.map((f) => f.span).sort((a, b) => a[0] - b[0]);
  const isClaimed = (s: number, e: number): boolean => {
    for (const [a, b] of claimed) {
      if (a >= e) break;
      if (b > s) return true;
    }
    return false;
  };
  const out: Unclaimed[] = [];
  let from = 0;
  // a sentence written again (a report published twice over on one page) was read the first time
  const seen = new Set<string>();
  const flush = (sentence: Token[], endAt: number) => {
    const whole = t.slice(sentence[0]!.start, endAt);
    if (seen.has(whole)) return;
    seen.add(whole);
    // names of the contract's indicators (not 产量/投资 context words, not project-defined parts)
    const names = sentence.filter(
      (x): x is IndicatorToken =>
        x.t === 'ind' &&
        x.alias.kind !== 'context' &&
        x.alias.targets.every((id) => isContractIndicator(id)) &&
        // a part (民营经济, 对东盟出口) is not the indicator's name, as in the grammar
        !strictBlocked(t, x) &&
        !partials().some((p) => t.endsWith(p, x.start)),
    );
    if (names.length === 0) return;
    for (const q of sentence) {
      if (q.t !== 'qty' || q.unit === null || q.unit === 'times') continue;
      const span = toSourceSpan(norm, q.start, q.end);
      if (isClaimed(span[0], span[1])) continue;
      const before = names.filter((n) => n.end <= q.start).pop();
      const name = before ?? names[0]!;
      const between = before ? t.slice(before.end, q.start).replace(/\s+/g, '').slice(-8) : '';
      const cue = between.replace(/[\d.%％]+[^\d]*$/u, '').slice(-4) || between.slice(-4);
      out.push({
        span,
        number: t.slice(q.start, q.end),
        unit: q.unit,
        name: name.alias.surface,
        between,
        pattern: `${name.alias.surface} …${cue} [${q.unit}]`,
        // the sentence around the number, the number marked «»
        sentence: `${t.slice(Math.max(sentence[0]!.start, q.start - 60), q.start)}«${t.slice(q.start, q.end)}»${t.slice(q.end, Math.min(endAt, q.end + 30))}`,
      });
    }
  };
  let current: Token[] = [];
  for (const tok of tokens) {
    current.push(tok);
    if (tok.t === 'sep' && SENTENCE_END.test(tok.ch)) {
      flush(current, tok.end);
      current = [];
      from = tok.end;
    }
  }
  if (current.length > 0) flush(current, t.length);
  void from;
  return out;
}

export interface PatternCount {
  pattern: string;
  count: number;
  documents: number;
  examples: string[];
}

/** Groups unclaimed numbers by pattern, most frequent first. */
export function groupUnclaimed(items: ReadonlyArray<Unclaimed & { doc: string }>): PatternCount[] {
  const groups = new Map<string, { count: number; docs: Set<string>; examples: string[] }>();
  for (const u of items) {
    let g = groups.get(u.pattern);
    if (!g) groups.set(u.pattern, (g = { count: 0, docs: new Set(), examples: [] }));
    g.count++;
    g.docs.add(u.doc);
    if (g.examples.length < 2) g.examples.push(`${u.doc}: …${u.sentence}`);
  }
  return [...groups]
    .map(([pattern, g]) => ({ pattern, count: g.count, documents: g.docs.size, examples: g.examples }))
    .sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
}
