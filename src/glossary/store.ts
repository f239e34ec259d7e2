/**
 * The glossary of the stored documents: each document's entries (read.ts)
 * with its region and year, searchable; per term the documents that define it
 * and those whose text uses it.
 *
 * Entries are read from the stored text when asked for (not saved at ingest:
 * the reader may improve without a re-ingest, and no schema change is needed);
 * a cache keyed by document id, hash and extractor version reads each text once
 * per process. Only reports are read (bulletins' notes explain statistics).
 */
import type { Store } from '../store/types.js';
import { readGlossary, type GlossaryEntry } from './read.js';

export interface StoredGlossaryEntry extends GlossaryEntry {
  documentId: number;
  doc: string;
  title: string | null;
  region: { code: string; name: string } | null;
  year: number | null;
}

export interface GlossaryQuery {
  /** Words the term or its definition contains. */
  search?: string;
  /** Exactly this term. */
  term?: string;
  regions?: string[];
}

const cache = new Map<string, GlossaryEntry[]>();

/** Every entry of the stored reports (filtered), ordered by term, then region, then year. */
export async function storedGlossary(store: Store, q: GlossaryQuery = {}): Promise<StoredGlossaryEntry[]> {
  const out: StoredGlossaryEntry[] = [];
  for (let offset = 0; ; ) {
    const page = await store.documents({ kinds: ['report'], limit: 500, offset, ...(q.regions ? { regions: q.regions } : {}) });
    for (const d of page.items) {
      const key = `${d.id}|${d.hash}|${d.extractorVersion}`;
      let entries = cache.get(key);
      if (!entries) {
        const detail = await store.document(d.id);
        entries = detail ? readGlossary(detail.text) : [];
        cache.set(key, entries);
      }
      for (const e of entries) {
        if (q.term !== undefined && e.term !== q.term) continue;
        if (q.search && !e.term.includes(q.search) && !e.written.includes(q.search) && !e.definition.includes(q.search)) continue;
        out.push({ ...e, span: [e.span[0], e.span[1]], documentId: d.id, doc: d.path, title: d.title, region: d.region, year: d.year });
      }
    }
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  // terms matching the search first, then definitions
  const s = q.search;
  return out.sort(
    (a, b) =>
      (s ? (a.term.includes(s) ? 0 : 1) - (b.term.includes(s) ? 0 : 1) : 0) ||
      a.term.localeCompare(b.term, 'zh-Hans-CN') ||
      (a.region?.code ?? '').localeCompare(b.region?.code ?? '') ||
      (a.year ?? 0) - (b.year ?? 0),
  );
}

export interface TermPage {
  term: string;
  definitions: StoredGlossaryEntry[];
  /** Documents whose text names the term (defined there or not). */
  uses: { documentId: number; title: string | null; doc: string; region: { code: string; name: string } | null; year: number | null; kind: string; count: number }[];
}

/** One term: its definitions across documents, and every stored document that uses it. */
export async function termPage(store: Store, term: string): Promise<TermPage> {
  const definitions = await storedGlossary(store, { term });
  const uses = new Map<number, TermPage['uses'][number]>();
  const written = [...new Set([term, ...definitions.map((d) => d.written.replace(/[“”"]/gu, ''))])];
  for (const w of written) {
    for (let offset = 0; ; ) {
      const page = await store.searchDocuments(w, { limit: 100, offset });
      for (const d of page.items) {
        const had = uses.get(d.id);
        if (!had || had.count < d.matches) uses.set(d.id, { documentId: d.id, title: d.title, doc: d.path, region: d.region, year: d.year, kind: d.kind, count: d.matches });
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
  }
  const list = [...uses.values()];
  list.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.region?.code ?? '').localeCompare(b.region?.code ?? ''));
  return { term, definitions, uses: list };
}
