/**
 * Types shared between the pipeline stages and the layers above them.
 *
 * Offsets: every `span` is a half-open `[start, end)` pair. Spans on facts and
 * in the output contract count Unicode code points of `SourceText.text`;
 * internal spans (on normalized text) count UTF-16 units of that text and are
 * mapped back through the offset map before they leave the pipeline.
 */

/** The formats a reader can produce text from. */
export type SourceFormat = 'txt' | 'html' | 'pdf' | 'docx';

/** A problem that did not stop processing (vfile-message style). */
export interface Diagnostic {
  /** Stable id of the check that raised it, e.g. `decode/replacement-chars`. */
  rule: string;
  message: string;
  /** Optional place in `SourceText.text`, code points, half-open. */
  span?: [number, number];
}

/** What a reader hands to the pipeline: the text all spans point into. */
export interface SourceText {
  /** The path as given by the user. */
  path: string;
  /** Decoded text. Spans in the output are code-point offsets into this string. */
  text: string;
  format: SourceFormat;
  /** Character encoding the bytes were decoded from (`utf-8`, `gb18030`, `utf-16le`, …). */
  encoding: string;
  /** Optional document title found by the reader (HTML <title>, PDF metadata). */
  title?: string;
  diagnostics: Diagnostic[];
}

/** A file the readers refuse, with a one-line reason that says what to do. */
export class InputError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
    this.file = file;
    this.reason = reason;
  }
}

export interface RegionRef {
  /** 6-digit GB/T 2260 code. */
  code: string;
  /** Full Simplified name, e.g. 江永县. */
  name: string;
}

export type DocumentKind = 'report' | 'bulletin' | 'news';
export type Script = 'zh-Hans' | 'zh-Hant';

export type Measure =
  | 'level'
  | 'growth'
  | 'growth_cumulative'
  | 'change'
  | 'rank'
  | 'share'
  | 'plan_completion';

export type Unit =
  | 'CNY'
  | 'USD'
  | '%'
  | 'pp'
  | 'rank'
  | 'count'
  | 'person'
  | 'person_time'
  | 'head'
  | 'm2'
  | 'ton'
  | 'm'
  | 'ug_m3'
  | 'TEU'
  | 'kW'
  | 'index';

export type Status = 'actual' | 'estimate' | 'target';
export type Bound = '=' | '~' | '>=' | '>' | '<=' | '<';
export type RankScope = 'prefecture' | 'province' | 'nation' | 'peer';

/** The contract's `document` record (see shared/spec/FACTS.md). */
export interface DocumentRecord {
  type: 'document';
  doc: string;
  region: RegionRef | null;
  year: number | null;
  kind: DocumentKind;
  script: Script;
  chars: number;
}

/** The contract's `fact` record, plus the id of the rule that made it. */
export interface Fact {
  type: 'fact';
  doc: string;
  region: RegionRef;
  indicator: string;
  measure: Measure;
  value: number;
  value_max?: number;
  unit: Unit;
  scope?: RankScope;
  /** `2023`, `2023-01/2023-09`, or `2021/2025`. */
  period: string;
  status: Status;
  bound: Bound;
  /** Code points into `SourceText.text`, half-open. */
  span: [number, number];
  /** Exactly `SourceText.text` at `span` (code points). */
  quote: string;
  /** Id of the grammar rule that produced the fact. */
  rule: string;
}

/** Everything the pipeline knows about one document. */
export interface Extraction {
  document: DocumentRecord;
  facts: Fact[];
  source: SourceText;
  diagnostics: Diagnostic[];
}
