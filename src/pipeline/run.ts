/**
 * The pipeline: normalize (offset map) → document fields → sections →
 * tokens → clause grammar → facts with exact source spans.
 */
import { forgetLastResults } from '../data/last.js';
import { buildFacts } from '../facts/build.js';
import { ClauseGrammar } from '../grammar/clause.js';
import { findSections } from '../grammar/sections.js';
import { structureFacts } from '../grammar/structure.js';
import { regionTableFacts } from '../grammar/region-table.js';
import { applyStandins } from '../grammar/standins.js';
import { tableFacts } from '../grammar/table.js';
import { codePointAt, normalize } from '../normalize/index.js';
import { tokenize } from '../recognize/index.js';
import type { Extraction, SourceText } from '../types.js';
import { documentFields, newsMonths, regionTokens } from './document.js';

const monthsOf = (m: { from: number; to: number } | undefined) => (m ? { months: m } : {});

export interface PipelineOptions {
  /** Collect the rule trace (for --explain). */
  explain?: boolean;
}

export function runPipeline(source: SourceText, doc: string, _options: PipelineOptions = {}): Extraction {
  const norm = normalize(source.text);
  const fields = documentFields(norm.script, norm.text, {
    ...(source.title !== undefined ? { title: source.title } : {}),
    filename: source.path,
    header: source.text.slice(0, 3000),
  });
  const chars = codePointAt(norm, source.text.length);
  const document = {
    type: 'document' as const,
    doc,
    region: fields.region,
    year: fields.year,
    kind: fields.kind,
    script: fields.script,
    chars,
  };
  const diagnostics = [...source.diagnostics];
  diagnostics.push({
    rule: 'explain/document',
    message: `region ${fields.region ? `${fields.region.name} ${fields.region.code}` : '?'} by ${fields.rules.region}; year ${fields.year ?? '?'} by ${fields.rules.year} (written ${fields.written ?? '?'} by ${fields.rules.written}); kind ${fields.kind} by ${fields.rules.kind}`,
  });
  if (fields.year === null) {
    diagnostics.push({ rule: 'document/no-year', message: 'could not tell which year the document reports on; no facts extracted' });
    return { document, facts: [], source, diagnostics };
  }
  const sections = fields.kind === 'report' ? findSections(norm.text, fields.year) : [];
  const regions = regionTokens(norm.text, fields.region, fields.kind);
  // the document's shared views (whitespace-free text, layout, zones, mentions) are done with
  forgetLastResults();
  const tokens = tokenize(norm.text, regions);
  const ctx = {
    year: fields.year,
    sections,
    ...(fields.written !== null && fields.written !== fields.year ? { written: fields.written } : {}),
    ...(fields.region ? { region: fields.region } : {}),
    ...(fields.kind === 'news' ? monthsOf(newsMonths(norm.text, source.title)) : {}),
  };
  const drafts = [...new ClauseGrammar(norm.text, ctx).run(tokens), ...tableFacts(norm.text, ctx),
    ...regionTableFacts(norm.text, ctx, regions),
    ...structureFacts(norm.text, ctx),
  ];
  const region = fields.region ?? { code: '', name: '' };
  if (!fields.region) {
    diagnostics.push({ rule: 'document/no-region', message: 'could not tell which region the document is about' });
  }
  const facts = buildFacts(applyStandins(drafts), norm, doc, region);
  return { document, facts, source, diagnostics };
}
