/**
 * "No target set" (未设目标) told apart from "not found" (无资料).
 *
 * When a work report's plan part states its main targets in one list
 * (今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右…), every indicator of the
 * headline list below that the list does not name is recorded as explicitly
 * absent for the report's region and the targets' year — not a fact: a
 * separate record carrying the span of the target list, so a reader can check it.
 *
 * Headline list (the contract's headline indicators, income counted once):
 * gdp, industrial_va, fai, retail_sales, budget_revenue, income (全体 / 城镇 /
 * 农村居民人均可支配收入: any of income, income_urban, income_rural), trade.
 *
 * An indicator counts as named when a target fact of it lies in the list, or
 * when the list's words name it (地区生产总值, 规上工业增加值, 固定资产投资, 社会消费品零售总额,
 * 一般公共预算收入 / 财政收入, 可支配收入 / 居民收入, 进出口 / 外贸 / 出口) — a figure the
 * extractor missed is not "no target". Five-year plan parts (十四五 主要目标) are not
 * annual target lists. Only reports are read.
 *
 * The records are derived from what is stored (the document's text and facts)
 * when asked for, not saved at ingest: they change whenever the facts do
 * (a review, a re-extraction) and need no schema change. A cache keyed by
 * document id and extractor version keeps a server from reading a text twice.
 */
import { findSections, sectionAt } from '../grammar/sections.js';
import type { DocumentDetail, Store } from './types.js';

/** The indicators whose absence from a target list is recorded, with the words that name them. */
export const HEADLINE_TARGETS: readonly { indicator: string; covers: readonly string[]; words: RegExp }[] = [
  { indicator: 'gdp', covers: ['gdp'], words: /生产总值|GDP|经济增长|经济增速|经济总量/u },
  { indicator: 'industrial_va', covers: ['industrial_va', 'industrial_va_all'], words: /工业增加值|规上工业|规模以上工业|规模工业/u },
  { indicator: 'fai', covers: ['fai'], words: /固定资产投资|固投|投资增长/u },
  { indicator: 'retail_sales', covers: ['retail_sales'], words: /社会消费品零售|社零|消费品零售/u },
  { indicator: 'budget_revenue', covers: ['budget_revenue', 'fiscal_revenue', 'tax_revenue'], words: /公共预算收入|财政收入|预算收入/u },
  { indicator: 'income', covers: ['income', 'income_urban', 'income_rural'], words: /可支配收入|居民收入|农民收入|人均纯收入/u },
  { indicator: 'trade', covers: ['trade', 'exports', 'imports'], words: /进出口|外贸|出口/u },
];

/** The headline entry an indicator id falls under (income_urban → income). */
export function headlineOf(indicator: string): string | undefined {
  return HEADLINE_TARGETS.find((h) => h.covers.includes(indicator))?.indicator;
}

export interface AbsentTarget {
  documentId: number;
  doc: string;
  region: { code: string; name: string };
  /** The year the target list is for. */
  year: number;
  /** A headline indicator id (income stands for income, income_urban and income_rural). */
  indicator: string;
  /** Code-point span of the target list. */
  span: [number, number];
  quote: string;
}

/** A report's list of the year's main targets, with the headline indicators it names and those it leaves out. */
export interface TargetList {
  documentId: number;
  doc: string;
  region: { code: string; name: string };
  year: number;
  span: [number, number];
  quote: string;
  named: string[];
  absent: AbsentTarget[];
}

/** The words opening the year's main targets. */
const TARGET_LIST = /(?:主要预期目标|主要目标|预期目标|主要经济指标)(?:任务)?(?:是|为|：|:)/u;

function cpLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type DocInput = Pick<DocumentDetail, 'id' | 'path' | 'kind' | 'region' | 'year' | 'text' | 'facts'>;

/**
 * The target list of one report (text and facts as stored): the first
 * sentence of an annual plan part that opens the year's targets (主要预期目标是：…),
 * to the end of its paragraph. Its year is the period of the target facts in
 * it, else the year after the year reviewed. Undefined when the report has none.
 */
export function targetList(doc: DocInput): TargetList | undefined {
  if (doc.kind !== 'report' || !doc.region || doc.year === null) return undefined;
  const text = doc.text;
  const sections = findSections(text, doc.year);
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to);
    const m = TARGET_LIST.exec(line);
    if (m) {
      // the sentence the cue is in
      const sentenceStart = Math.max(line.lastIndexOf('。', m.index), line.lastIndexOf('！', m.index)) + 1;
      const head = line.slice(sentenceStart, m.index);
      const section = sectionAt(sections, from + m.index);
      if (section?.plan && !section.span && !/十[一二三四五六七八九]五|五年|中长期|远景/u.test(head)) {
        const list = listFrom(doc, text, from + sentenceStart, line.slice(sentenceStart));
        if (list) return list;
      }
    }
    from = to + 1;
  }
  return undefined;
}

function listFrom(doc: DocInput, text: string, fromUtf16: number, quote: string): TargetList | undefined {
  const start = cpLength(text.slice(0, fromUtf16));
  const end = start + cpLength(quote);
  const inList = doc.facts.filter((f) => f.status === 'target' && f.span[0] >= start && f.span[1] <= end);
  // the list's year: the most common year of its annual targets
  const years = new Map<number, number>();
  for (const f of inList) if (f.year !== null && /^\d{4}$/u.test(f.period)) years.set(f.year, (years.get(f.year) ?? 0) + 1);
  const year = [...years.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? doc.year! + 1;
  const fromFacts = new Set(inList.map((f) => headlineOf(f.indicator)).filter((x): x is string => x !== undefined));
  const named: string[] = [];
  const absent: AbsentTarget[] = [];
  for (const h of HEADLINE_TARGETS) {
    if (fromFacts.has(h.indicator) || h.words.test(quote)) named.push(h.indicator);
    else absent.push({ documentId: doc.id, doc: doc.path, region: doc.region!, year, indicator: h.indicator, span: [start, end], quote });
  }
  // a list naming none of the headline indicators is not a list of economic targets
  if (named.length === 0) return undefined;
  return { documentId: doc.id, doc: doc.path, region: doc.region!, year, span: [start, end], quote, named, absent };
}

/** The absent headline targets of one report. */
export function absentTargets(doc: DocInput): AbsentTarget[] {
  return targetList(doc)?.absent ?? [];
}

const cache = new Map<string, TargetList | null>();

/** The target lists of the reports under `regionCodes` (everything under them), optionally of some target years. */
export async function storedTargetLists(store: Store, regionCodes: readonly string[], years?: readonly number[]): Promise<TargetList[]> {
  const out: TargetList[] = [];
  for (let offset = 0; ; ) {
    const page = await store.documents({ regions: [...regionCodes], kinds: ['report'], limit: 500, offset });
    for (const d of page.items) {
      // a report reviewing year Y sets targets for Y+1 (some state Y's own)
      if (years && d.year !== null && !years.includes(d.year + 1) && !years.includes(d.year)) continue;
      const key = `${d.id}|${d.hash}|${d.extractorVersion}`;
      let list = cache.get(key);
      if (list === undefined) {
        const detail = await store.document(d.id);
        list = (detail ? targetList(detail) : undefined) ?? null;
        cache.set(key, list);
      }
      if (list && (!years || years.includes(list.year))) out.push(list);
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  return out;
}

/** The absent-target records of the reports under `regionCodes`, optionally of some target years. */
export async function storedAbsentTargets(store: Store, regionCodes: readonly string[], years?: readonly number[]): Promise<AbsentTarget[]> {
  return (await storedTargetLists(store, regionCodes, years)).flatMap((l) => l.absent);
}
