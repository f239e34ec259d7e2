/**
 * Document fields: region, year, kind, script. (Interim heuristics until the
 * gazetteer-based detectors land.)
 */
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
  return { region: null, year, kind, script };
}
