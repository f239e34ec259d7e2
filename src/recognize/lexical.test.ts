import { describe, expect, it } from 'vitest';
import { lexicon } from '../lexicon/index.js';
import { scanLexical } from './lexical.js';

/** The longest literal surface at each offset by plain string comparison (aliases over cues on one surface), then the regex aliases. */
function byStrings(text: string): Array<[string, number, number, string]> {
  const lex = lexicon();
  const bySurface = new Map<string, [string, string]>();
  for (const c of lex.cues) bySurface.set(c.surface, ['cue', c.surface]);
  for (const a of lex.aliases) if (a.kind !== 'regex') bySurface.set(a.surface, ['ind', a.surface]);
  const surfaces = [...bySurface.keys()].sort((a, b) => b.length - a.length);
  const out: Array<[string, number, number, string]> = [];
  for (let i = 0; i < text.length; i++) {
    const s = surfaces.find((w) => text.startsWith(w, i));
    if (s !== undefined) out.push([bySurface.get(s)![0], i, i + s.length, s]);
  }
  return out;
}

const shown = (text: string) =>
  scanLexical(text)
    .filter((t) => t.t === 'cue' || t.alias.kind !== 'regex')
    .map((t): [string, number, number, string] => [t.t, t.start, t.end, t.t === 'ind' ? t.alias.surface : t.cue.surface]);

describe('scanLexical: the trie finds the longest surface at every offset', () => {
  it('on texts made of surfaces, their pieces and other characters', () => {
    const lex = lexicon();
    const words = [...lex.aliases.filter((a) => a.kind !== 'regex').map((a) => a.surface), ...lex.cues.map((c) => c.surface)];
    let seed = 13;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 300; k++) {
      let text = '';
      for (let p = Math.floor(rand() * 12); p > 0; p--) {
        const w = words[Math.floor(rand() * words.length)]!;
        const r = rand();
        // a whole surface, a prefix of one, or other words
        text += r < 0.5 ? w : r < 0.8 ? w.slice(0, Math.max(1, Math.floor(rand() * w.length))) : '，的甲2'[Math.floor(rand() * 4)];
      }
      expect(shown(text), text).toEqual(byStrings(text));
    }
  });

  it('finds nothing where no surface is written', () => {
    expect(scanLexical('甲乙丙丁')).toEqual([]);
    expect(scanLexical('')).toEqual([]);
  });
});
