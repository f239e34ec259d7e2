/**
 * The extraction pipeline, end to end:
 * read → normalize (with offset map) → segment → recognize → match → build facts.
 */
import { readSource } from './readers/index.js';
import type { Extraction, SourceText } from './types.js';
import { runPipeline } from './pipeline/run.js';

/** Bumped whenever extraction output can change; stored with every fact. */
export const EXTRACTOR_VERSION = '0.2.0';

export interface ExtractOptions {
  /** The path to write into `doc` fields (defaults to `source.path`). */
  docName?: string;
}

/** Extract facts from text a reader produced. Synchronous and deterministic. */
export function extractSource(source: SourceText, options: ExtractOptions = {}): Extraction {
  return runPipeline(source, options.docName ?? source.path);
}

/** Read a file in any supported format and extract its facts. Throws InputError on refusal. */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<Extraction> {
  const source = await readSource(path);
  return extractSource(source, options);
}
