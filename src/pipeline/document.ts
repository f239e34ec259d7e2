/**
 * Document fields: region, year, kind, script. (Interim heuristics until the
 * gazetteer-based detectors land.)
 */
import type { RegionToken } from '../recognize/index.js';
import { detectDocumentRegion } from '../regions/detect.js';
import { gazetteer } from '../regions/gazetteer.js';
import type { DocumentKind, RegionRef, Script } from '../types.js';

export interface DocumentFields {
  region: RegionRef | null;
  year: number | null;
  kind: DocumentKind;
  script: Script;
}

export function documentFields(rawText: string, simplified: string, _hints: { title?: string; filename?: string }): DocumentFields {
  const kind: DocumentKind = /政府工作报告/.test(simplified.slice(0, 500)) ? 'report' : /统计公报/.test(simplified.slice(0, 500)) ? 'bulletin' : 'news';
  const counts = new Map<number, number>();
  for (const m of simplified.matchAll(/(20\d\d)年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let year: number | null = null;
  let best = 0;
  for (const [y, c] of counts) if (c > best) { best = c; year = y; }
  const script: Script = rawText === simplified ? 'zh-Hans' : 'zh-Hant';
  const guess = detectDocumentRegion(simplified, _hints);
  const region = guess.region ? { code: guess.region.code, name: guess.region.name } : null;
  return { region, year, kind, script };
}

/**
 * Mentions of administrative units in the text, as tokens. A mention is kept
 * when one of its readings lies in the document's province (a county of the
 * city, the city itself, a sibling); other readings are too uncertain.
 */
export function regionTokens(text: string, docRegion: RegionRef | null): RegionToken[] {
  if (!docRegion) return [];
  const g = gazetteer();
  const province = g.ancestors(docRegion.code).find((r) => r.level === 'province')?.code ?? docRegion.code;
  const out: RegionToken[] = [];
  for (const m of g.findMentions(text)) {
    const c = m.candidates.find((r) => g.isWithin(r.code, province));
    if (!c) continue;
    out.push({ t: 'region', start: m.start, end: m.end, code: c.code, name: c.name });
  }
  return out;
}
