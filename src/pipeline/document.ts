/**
 * Document fields: region, year, kind, script, and region mentions as tokens.
 */
import { detectKind, detectWrittenYear, detectYear, scriptOf } from '../docfields/index.js';
import type { RegionToken } from '../recognize/index.js';
import { scanPeriods } from '../recognize/period.js';
import { compact } from '../regions/compact.js';
import { detectDocumentRegion } from '../regions/detect.js';
import { gazetteer } from '../regions/gazetteer.js';
import type { DocumentKind, RegionRef, Script } from '../types.js';

export interface DocumentFields {
  region: RegionRef | null;
  year: number | null;
  /** The year the text was written (今年/去年 count from it). */
  written: number | null;
  kind: DocumentKind;
  script: Script;
  /** Which detector rule decided each field (for --explain). */
  rules: { region: string; year: string; kind: string; written: string };
}

/** The text speaks of 去年 more than of 今年 and never names the year it was written in. */
function aboutLastYear(text: string, written: number): boolean {
  const count = (w: string) => text.split(w).length - 1;
  return count('去年') > count('今年') && !new RegExp(`(?<![比较与同])${written}年(?!\\d{1,2}月\\d{1,2}日)`).test(text.replace(/\s+/g, ''));
}

/** Lines that carry a headline: title: / 标题： / 原标题： front matter. */
const HEADLINE = /^(?:title|标题|原标题)[:：]/iu;

/**
 * News about some months of a year (1-7月西安市经济…, 前三季度全市经济运行…): the
 * months its headline names, for sentences that name no period of their own.
 */
export function newsMonths(text: string, title?: string): { from: number; to: number } | undefined {
  const lines = text.split('\n').slice(0, 30).filter((l) => HEADLINE.test(l.trim()));
  for (const line of [...(title ? [title] : []), ...lines]) {
    for (const t of scanPeriods(line.slice(0, 60))) {
      if (t.t !== 'period' || t.periods.length !== 1) continue;
      const p = t.periods[0]!;
      if (p.k === 'months' && p.from === 1 && p.to < 12) return { from: p.from, to: p.to };
    }
  }
  return undefined;
}

export function documentFields(
  script: { han: number; converted: number },
  simplified: string,
  hints: { title?: string; filename?: string; header?: string },
): DocumentFields {
  const kind = detectKind(simplified, hints);
  const year = detectYear(simplified, kind.kind, hints);
  const written = year.year !== null ? detectWrittenYear(simplified, kind.kind, year.year, hints) : null;
  if (kind.kind === 'news' && written?.rule === 'written:date' && year.year === written.year && aboutLastYear(simplified, written.year)) {
    // a release published in January about 去年 (全市去年GDP…): news about the year before
    year.year = written.year - 1;
    year.rule = 'year:written-last-year';
  }
  const guess = detectDocumentRegion(simplified, hints);
  const region = guess.region ? { code: guess.region.code, name: guess.region.name } : null;
  return {
    region,
    year: year.year,
    written: written?.year ?? null,
    kind: kind.kind,
    script: scriptOf(script.han, script.converted),
    rules: { region: guess.rule, year: year.rule, kind: kind.rule, written: written?.rule ?? 'written:none' },
  };
}

/**
 * Mentions of administrative units in the text, as tokens. A mention is kept
 * when one of its readings lies in the document's province (a county of the
 * city, the city itself, a sibling); other readings are too uncertain. News
 * compares cities across provinces (排名在长沙之前的宁波、青岛、无锡): there a
 * name with one reading only, a prefecture or a province, is kept too.
 */
export function regionTokens(text: string, docRegion: RegionRef | null, kind?: DocumentKind): RegionToken[] {
  if (!docRegion) return [];
  const g = gazetteer();
  const province = g.ancestors(docRegion.code).find((r) => r.level === 'province')?.code ?? docRegion.code;
  const out: RegionToken[] = [];
  // The same whitespace-free view region detection matched on (a cache hit), mapped back.
  const { text: flat, origin } = compact(text);
  for (const m of g.findMentions(flat)) {
    let c = m.candidates.find((r) => g.isWithin(r.code, province));
    if (!c && kind === 'news' && m.candidates.length === 1 && m.candidates[0]!.level !== 'county' && m.surface.length >= 2) c = m.candidates[0];
    if (!c) continue;
    const start = origin[m.start] ?? 0;
    const end = (origin[m.end - 1] ?? start) + 1;
    out.push({ t: 'region', start, end, code: c.code, name: c.name });
  }
  return out;
}
