import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gazetteerPair, referenceMentions, type Gazetteer } from './gazetteer.js';
import { mulberry32 } from '../data/random.js';

// findMentions (a first pass that finds where tokens can start and cuts the text into
// pieces no token crosses, then the segmentation of the pieces where a findable surface
// may start, with precomputed gains) against the plain walk from every position.

const DEV = fileURLToPath(new URL('../../../shared/corpus/dev', import.meta.url));
const { built, cached } = gazetteerPair();

const show = (ms: ReturnType<Gazetteer['findMentions']>) =>
  ms.map((m) => `${m.start},${m.end},${m.surface},${m.candidates.map((c) => c.code).join('/')}`);

/** Random texts of region names, aliases, short forms, their pieces, followers and filler. */
function randomTexts(g: Gazetteer, count: number, seed: number): string[] {
  const next = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const names = g.all().flatMap((r) => [r.name, ...r.aliases]);
  const chars = [...new Set(names.join(''))];
  const fillers = ['镇', '乡', '村', '街道', '社区', '路', '县委', '政府', '顺利通过', '创新平台', '振兴', '合作社', '，', '。', '2023年', ' ', 'ab', '😀', '\n'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    const parts = Math.floor(next() * 30);
    for (let p = 0; p < parts; p++) {
      const r = next();
      if (r < 0.35) t += pick(names);
      else if (r < 0.5) {
        const n = pick(names);
        const a = Math.floor(next() * n.length);
        t += n.slice(a, a + 1 + Math.floor(next() * 3)); // a piece of a name
      } else if (r < 0.75) t += pick(chars);
      else t += pick(fillers);
    }
    out.push(t);
  }
  return out;
}

describe('findMentions against the reference walk', () => {
  const cases = [
    '',
    '长',
    '长沙',
    '湖南省长沙市芙蓉区',
    '江永县委',
    '顺利通过',
    '江华路和长安镇',
    '长安镇',
    '江华',
    '祁阳县和祁阳市',
    '博州',
    '长沙市长沙县',
    '我代表芷江侗族自治县人民政府',
    '😀 看永州市',
    // a name cut off at the end: the bound of its first two letters lies past the text
    '芷江侗',
    '新疆维吾尔',
    '长沙县委书记',
    // pieces back to back, and a word-only piece between names
    '永州市顺利通过江永县',
    '湖南长沙湖南长沙',
  ];

  it.each(cases)('%j', (text) => {
    expect(show(built.findMentions(text))).toEqual(show(referenceMentions(built, text)));
    expect(show((cached as Gazetteer).findMentions(text))).toEqual(show(referenceMentions(built, text)));
  });

  it('on random texts of names, their pieces and followers', () => {
    const c = cached as Gazetteer;
    let found = 0;
    for (const t of randomTexts(built, 600, 2024)) {
      const ref = show(referenceMentions(built, t));
      found += ref.length;
      expect(show(built.findMentions(t)), t).toEqual(ref);
      expect(show(c.findMentions(t)), t).toEqual(ref);
    }
    expect(found).toBeGreaterThan(1000); // the texts do name regions
  });

  it('on the dev documents, whole and in pieces', () => {
    if (!existsSync(DEV)) return;
    const c = cached as Gazetteer;
    for (const name of readdirSync(DEV).sort().slice(0, 30)) {
      const text = readFileSync(join(DEV, name), 'utf8').replace(/\s+/g, '');
      expect(show(c.findMentions(text)), name).toEqual(show(referenceMentions(built, text)));
      // cut at odd places: a token may be cut off at either end
      for (let a = 0; a + 97 < text.length && a < 3000; a += 389) {
        const piece = text.slice(a, a + 97);
        expect(show(c.findMentions(piece)), piece).toEqual(show(referenceMentions(built, piece)));
      }
    }
  });
});
