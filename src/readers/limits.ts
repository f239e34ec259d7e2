/**
 * How much a reader may inflate, decode and allocate for one document. The
 * cap on text (default 50 MB) is set with `--max-text` or the environment
 * variable ZHIBIAO_MAX_TEXT (e.g. `20MB`, `500KB`, a number of bytes); it
 * bounds the decoded text of a file, the XML a DOCX inflates and the page
 * streams a PDF inflates. A file is not even read past four times the cap.
 */
import { InputError } from '../types.js';

export const DEFAULT_MAX_TEXT = 50 * 1024 * 1024;
export const MAX_TEXT_ENV = 'ZHIBIAO_MAX_TEXT';

/** A refusal because the document would pass a bound (an upload answers 413). */
export class LimitError extends InputError {
  constructor(file: string, reason: string) {
    super(file, reason);
    this.name = 'LimitError';
  }
}

/** 20MB, 512KB, 1GB or a number of bytes; null when it is not a size. */
export function parseSize(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i.exec(value.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  const n = Math.floor(Number(m[1]) * factor);
  return n >= 1 ? n : null;
}

/** A size for people: 50 MB, 512 KB, 1234 bytes. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GB`;
  if (bytes >= 1024 ** 2) return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

export interface ReadLimits {
  /** Most bytes of text a document may decode or inflate to. */
  maxText: number;
}

/** The limits in force: ZHIBIAO_MAX_TEXT when set and valid, else 50 MB. */
export function readLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  if (overrides.maxText !== undefined) return { maxText: overrides.maxText };
  const env = process.env[MAX_TEXT_ENV];
  const parsed = env ? parseSize(env) : null;
  return { maxText: parsed ?? DEFAULT_MAX_TEXT };
}

/** The one-line refusal of a document that expands past the text cap. */
export function expandsPast(path: string, limits: ReadLimits): LimitError {
  return new LimitError(path, `expands past ${formatSize(limits.maxText)} of text: not read (the limit is --max-text / ${MAX_TEXT_ENV})`);
}
