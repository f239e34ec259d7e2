/** Test helper: the clause grammar over a text written for a test (a review of 2023). */
import { normalize } from '../normalize/index.js';
import { tokenize } from '../recognize/index.js';
import { ClauseGrammar } from './clause.js';
import type { FactDraft } from './types.js';

/** Facts of one text as compact strings: indicator measure value unit [scope] period status bound. */
export function facts(text: string, opts: { plan?: boolean } = {}): string[] {
  const n = normalize(text);
  const drafts: FactDraft[] = new ClauseGrammar(n.text, { year: 2023, sections: opts.plan ? [{ start: 0, plan: true }] : [] }).run(tokenize(n.text));
  return drafts.map((d) =>
    [d.indicator, d.measure, d.value, d.unit, d.scope ?? '', d.period, d.status, d.bound].filter((x) => x !== '').join(' '),
  );
}
