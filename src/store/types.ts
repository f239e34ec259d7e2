/**
 * The store boundary: what the CLI and the HTTP API may ask of a database.
 *
 * Everything here is dialect-free. The SQLite implementation lives in
 * `sqlite.ts`; a PostgreSQL one is meant to implement the same `Store`.
 * Values are in the contract's base units (see shared/spec/FACTS.md); display
 * formatting belongs to the layers above.
 */
import type {
  Bound,
  DocumentKind,
  Extraction,
  Measure,
  RankScope,
  Script,
  SourceFormat,
  Status,
  Unit,
} from '../types.js';

/** Administrative level of a region (the gazetteer's levels). */
export type RegionLevel = 'province' | 'prefecture' | 'county';

/** The one error type of the store boundary. `code` tells the caller which kind it is. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The input field at fault (`value`, `span`, …), when there is one. */
  readonly field: string | undefined;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.field = options?.field;
  }
}

export type StoreErrorCode =
  /** The database file cannot be opened or written. */
  | 'unavailable'
  /** The database was written by a newer zhibiao (schema version unknown to this one). */
  | 'schema_too_new'
  /** A region name matches several regions; the message lists their codes. */
  | 'ambiguous_region'
  /** A region name or code matches nothing. */
  | 'unknown_region'
  /** A value passed in does not fit (bad period, bad fact). */
  | 'invalid'
  /** The thing asked for (a fact, a user, a token) does not exist. */
  | 'not_found'
  /** A name is taken (a user that exists), or the database is not empty where it must be. */
  | 'conflict';

/** One row of the regions table (the gazetteer, flattened with its ancestors). */
export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  /** Code of the province the region lies in (itself for a province). */
  province: string | null;
  /** Code of the prefecture the region lies in (itself for a prefecture; null for a province). */
  prefecture: string | null;
  aliases: string[];
}

/** A document as listed (without its text). */
export interface DocumentSummary {
  id: number;
  hash: string;
  path: string;
  format: SourceFormat;
  encoding: string;
  title: string | null;
  /** The address of the original (given at ingest, or read from the document's header lines). */
  sourceUrl: string | null;
  region: { code: string; name: string } | null;
  year: number | null;
  kind: DocumentKind;
  script: Script;
  chars: number;
  bytes: number;
  extractorVersion: string;
  ingestedAt: string;
  factCount: number;
}

export interface DocumentDetail extends DocumentSummary {
  text: string;
  diagnostics: { rule: string; message: string; span?: [number, number] }[];
  /** Every fact shown for the document, rejected ones included (a corrected fact appears once, corrected). */
  facts: StoredFact[];
  /** The reviews of the document, orphaned ones included. */
  reviews: Review[];
}

/** A fact as stored: the contract fields, plus where it came from. */
export interface StoredFact {
  id: number;
  documentId: number;
  /** The contract's `doc`: the document's path as given at ingest. */
  doc: string;
  /** `extracted` by the pipeline, or `review`: a correction or a fact added by hand (see `reviewId`). */
  origin: FactOrigin;
  /** Review state; a corrected fact shows the corrected values. */
  reviewState: FactReviewState;
  /** The review deciding this fact, if any (GET /api/reviews/ID). */
  reviewId: number | null;
  documentKind: DocumentKind;
  documentYear: number | null;
  region: { code: string; name: string };
  indicator: string;
  measure: Measure;
  value: number;
  valueMax: number | null;
  unit: Unit;
  scope: RankScope | null;
  period: string;
  /** Calendar year the period ends in (the unit `year` filters use). */
  year: number | null;
  status: Status;
  bound: Bound;
  span: [number, number];
  quote: string;
  rule: string;
  extractorVersion: string;
}

/** Filters shared by fact listings, exports and target pairing. All optional; they combine with AND. */
export interface FactFilter {
  /**
   * Region codes (already resolved). A fact matches when its region is one of
   * them or lies under one of them (prefecture or province), unless
   * `descendants` is false.
   */
  regions?: string[];
  descendants?: boolean;
  indicators?: string[];
  measures?: Measure[];
  /** Exact period strings (`2023`, `2023-01/2023-09`, `2021/2025`). */
  periods?: string[];
  /** Calendar year the period ends in. */
  years?: number[];
  statuses?: Status[];
  units?: Unit[];
  documentId?: number;
  /** Review states to include (default: all but `rejected`). Facts a correction replaced are never included. */
  reviews?: FactReviewState[];
}

export type FactOrder = 'document' | 'region' | 'indicator' | 'value_desc' | 'value_asc';

export interface FactQuery extends FactFilter {
  limit?: number;
  offset?: number;
  order?: FactOrder;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface DocumentQuery {
  regions?: string[];
  descendants?: boolean;
  years?: number[];
  kinds?: DocumentKind[];
  limit?: number;
  offset?: number;
}

export interface RegionQuery {
  level?: RegionLevel;
  /** Direct children of this code. */
  parent?: string;
  /** Everything under this code (any depth). */
  within?: string;
  /** Only regions some fact is about. */
  withFacts?: boolean;
  /** Substring of the name. */
  nameContains?: string;
  limit?: number;
}

export interface RegionWithCounts extends RegionRow {
  factCount: number;
  documentCount: number;
}

/** One indicator × measure × period slice across regions. */
export interface CompareQuery {
  indicator: string;
  measure: Measure;
  period: string;
  /**
   * Only facts of this status. Unset: the best available value of each region
   * — reviewed > actual > estimate, never a target — so all peers rank together.
   */
  status?: Status;
  /** Regions whose values are compared: those under this code (excluding itself). */
  within?: string;
  /** Only regions of this level (default: the level of the children of `within`). */
  level?: RegionLevel;
  /** Only the given regions (e.g. a county and its peers). */
  regions?: string[];
  scope?: RankScope;
  unit?: Unit;
  /** Review states to include (default: all but `rejected`). */
  reviews?: FactReviewState[];
}

export interface CompareRow {
  /** 1 = best: the highest value, or the lowest where less is better (ranks, unemployment, CPI, PM2.5). */
  rank: number;
  region: { code: string; name: string };
  value: number;
  valueMax: number | null;
  unit: Unit;
  bound: Bound;
  /** The fact the value comes from (the preferred one when several documents state it). */
  factId: number;
  documentId: number;
  quote: string;
  /** How many facts stated a value for this region in this slice. */
  sources: number;
  /** Status of the value shown (an estimate is badged 预计). */
  status: Status;
  reviewState: FactReviewState;
  /** The document the value comes from: its title (else its path) and the address of the original. */
  document: { title: string; sourceUrl: string | null };
}

/** The slices (measure, period, status) available for one indicator, with how many regions each has. */
export interface SliceCount {
  measure: Measure;
  unit: Unit;
  scope: RankScope | null;
  period: string;
  status: Status;
  regions: number;
  facts: number;
}

/** met / missed; pending while the period is not over; no_data when it is over and no outcome is in the database. */
export type Outcome = 'met' | 'missed' | 'pending' | 'no_data';

export interface TargetOutcome {
  target: StoredFact;
  /** The fact used as the outcome, or null when none is in the database yet. */
  actual: StoredFact | null;
  outcome: Outcome;
  /** actual − target in the fact's unit (percentage points when the unit is %). */
  gap: number | null;
  /** The gap in percentage points: for % targets the difference, for amounts the relative difference × 100. */
  gapPp: number | null;
  /** The rule applied, in words (e.g. "actual ≥ 6 (target 以上)"). */
  rule: string;
  /** Other facts stating the same target (same region, indicator, measure, period, value). */
  duplicates: number;
}

export interface TargetQuery extends FactFilter {
  outcomes?: Outcome[];
}

export interface IndicatorUsage {
  indicator: string;
  facts: number;
  regions: number;
  documents: number;
  measures: Measure[];
}

export interface StoreStats {
  schemaVersion: number;
  documents: number;
  facts: number;
  regionsWithFacts: number;
  indicators: number;
  years: { year: number; documents: number; facts: number }[];
  kinds: { kind: DocumentKind; documents: number }[];
  extractorVersions: { version: string; documents: number }[];
  provinces: { code: string; name: string; facts: number; documents: number }[];
}

/** What ingest hands to `saveExtraction`: one document, all its facts, in one transaction. */
export interface SaveInput {
  hash: string;
  path: string;
  bytes: number;
  extractorVersion: string;
  extraction: Extraction;
  /** The document's title (else the one read from the document). */
  title?: string;
  /** The address of the original. */
  sourceUrl?: string;
  /**
   * Write nothing when a document with this hash and this extractor version is
   * already stored (outcome `unchanged`): another process got there first.
   */
  ifChanged?: boolean;
}

export type SaveOutcome = 'inserted' | 'reextracted' | 'replaced' | 'unchanged';

export interface SaveResult {
  id: number;
  outcome: SaveOutcome;
  /** Facts stored. */
  facts: number;
  /** Facts not stored because they break the contract (recorded as document diagnostics `store/invalid-fact`). */
  dropped: number;
  /**
   * During a bulk ingest whose saves share commits (SQLite): settles when this
   * save is committed, rejects if SQLite rolled it back instead. Absent when the
   * save was committed before it returned.
   */
  committed?: Promise<void>;
}

// ------------------------------------------------------------------ reviews

export type FactOrigin = 'extracted' | 'review';

/** The review state of a fact as listed. */
export type FactReviewState = 'unreviewed' | 'accepted' | 'corrected' | 'rejected' | 'added';

/** The state of a review: its decision, or `orphaned` when a re-extraction could not place its fact again. */
export type ReviewState = 'accepted' | 'corrected' | 'rejected' | 'added' | 'orphaned';

export type ReviewAction = 'accept' | 'correct' | 'reject';

/** The fact fields a reviewer may correct (or must give for a fact added by hand). */
export interface FactFields {
  region?: { code: string; name: string };
  indicator?: string;
  measure?: Measure;
  value?: number;
  valueMax?: number | null;
  unit?: Unit;
  scope?: RankScope | null;
  period?: string;
  status?: Status;
  bound?: Bound;
}

export interface ReviewEvent {
  action: ReviewAction | 'add' | 'orphan' | 'reattach';
  decision: 'accepted' | 'corrected' | 'rejected';
  fields: FactFields | null;
  note: string | null;
  by: string;
  at: string;
}

export interface Review {
  id: number;
  documentId: number;
  /** `extracted`: a decision on a fact the pipeline found; `added`: a fact a reviewer added by hand. */
  kind: 'extracted' | 'added';
  state: ReviewState;
  decision: 'accepted' | 'corrected' | 'rejected';
  /** The extracted fact the decision is attached to (null for added facts and orphans). */
  factId: number | null;
  /** The fact row shown for it (the correction or the added fact, else the extracted fact); null for orphans. */
  shownFactId: number | null;
  /** Where the fact is: code points of the document text, and the text there. */
  span: [number, number];
  indicator: string;
  measure: Measure;
  quote: string;
  /** Corrected fields (corrected), or the whole fact (added). */
  fields: FactFields | null;
  /** The extracted fact as it was when first decided. */
  extracted: FactFields | null;
  note: string | null;
  by: string;
  at: string;
  createdAt: string;
  history: ReviewEvent[];
}

export interface ReviewInput {
  /** The fact as listed (an extracted fact, a correction or an added fact). */
  factId: number;
  action: ReviewAction;
  /** For `correct`: the fields that change. */
  fields?: FactFields;
  note?: string;
  user: string;
}

export interface AddFactInput {
  documentId: number;
  /** Code points of the document text. */
  span: [number, number];
  /** The text at the span as the reviewer saw it; must equal the document text there. */
  quote?: string;
  fields: Required<Pick<FactFields, 'indicator' | 'measure' | 'value' | 'unit' | 'period' | 'status'>> & FactFields;
  note?: string;
  user: string;
}

export interface ReviewQuery {
  documentId?: number;
  states?: ReviewState[];
  user?: string;
  limit?: number;
  offset?: number;
}

// ------------------------------------------------------------ users, audit

export type Role = 'reader' | 'reviewer' | 'admin';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface TokenRow {
  id: number;
  user: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  target: string | null;
  detail: unknown;
}

export interface AuditQuery {
  user?: string;
  action?: string;
  limit?: number;
  offset?: number;
}

// ----------------------------------------------------------------- search

export interface SearchSnippet {
  /** Code points of the document text. */
  span: [number, number];
  before: string;
  match: string;
  after: string;
}

export interface SearchHit extends DocumentSummary {
  /** Occurrences of the query in the text. */
  matches: number;
  snippets: SearchSnippet[];
}

// ---------------------------------------------------------------- backups

/** A line of a dump: the header, one table row, or the trailer with the counts. */
export type DumpRecord =
  | { type: 'header'; format: 'zhibiao-dump'; version: number; schema: number; created: string }
  | { type: 'row'; table: string; row: Record<string, unknown> }
  | { type: 'end'; counts: Record<string, number> };

export interface KnownDocument {
  id: number;
  path: string;
  extractorVersion: string;
}

/** What a bulk batch will bring, so that the backend can choose how to write it. */
export interface BulkHint {
  /** Documents the batch is about to save (at most). */
  documents?: number;
}

export interface Store {
  /** Schema version of the open database. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;

  /** Replace the regions table when the gazetteer changed (by fingerprint). Returns whether it wrote. */
  syncRegions(rows: readonly RegionRow[], fingerprint: string): Promise<boolean>;
  regions(query?: RegionQuery): Promise<RegionWithCounts[]>;
  region(code: string): Promise<RegionRow | undefined>;
  /** Codes or names (full name or alias) → matching regions. */
  findRegions(nameOrCode: string): Promise<RegionRow[]>;
  /** Ancestors of a region, parent first. */
  ancestors(code: string): Promise<RegionRow[]>;

  /** The stored document with this content hash, if any. */
  knownDocument(hash: string): Promise<KnownDocument | undefined>;
  saveExtraction(input: SaveInput): Promise<SaveResult>;
  /** Sets a stored document's title and source address (given at ingest for a file already stored). */
  setDocumentSource(id: number, fields: { title?: string; sourceUrl?: string }): Promise<void>;
  /**
   * Runs a batch of saves (an ingest) with per-commit syncing relaxed where the
   * backend allows it, and makes everything durable before it returns (SQLite:
   * WAL with synchronous=NORMAL during the batch, one FULL sync at the end; the
   * batch's saves share commits, see SaveResult.committed).
   * A crash mid-batch keeps the database consistent; re-running the idempotent
   * ingest stores what was lost. Optional: other backends run `body` as is.
   */
  bulk?<T>(body: () => Promise<T>, hint?: BulkHint): Promise<T>;

  stats(): Promise<StoreStats>;
  documents(query?: DocumentQuery): Promise<Page<DocumentSummary>>;
  document(id: number): Promise<DocumentDetail | undefined>;
  facts(query?: FactQuery): Promise<Page<StoredFact>>;
  /** Streams every fact matching the filter, in document order (for exports). */
  eachFact(filter: FactFilter, visit: (fact: StoredFact) => void): Promise<number>;
  compare(query: CompareQuery): Promise<CompareRow[]>;
  slices(indicator: string, filter?: FactFilter): Promise<SliceCount[]>;
  targets(query?: TargetQuery): Promise<TargetOutcome[]>;
  indicators(filter?: FactFilter): Promise<IndicatorUsage[]>;
  /** Documents whose text contains `query` (case-insensitive for Latin letters), with snippets. */
  searchDocuments(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;

  /** One fact as listed (any review state, superseded ones too). */
  fact(id: number): Promise<StoredFact | undefined>;
  /** Records a decision on a fact; the fact's listed values follow it. */
  reviewFact(input: ReviewInput): Promise<Review>;
  /** Adds a fact the extractor missed; it is listed with state `added`. */
  addFact(input: AddFactInput): Promise<{ review: Review; fact: StoredFact }>;
  reviews(query?: ReviewQuery): Promise<Page<Review>>;
  review(id: number): Promise<Review | undefined>;

  createUser(name: string, role: Role): Promise<UserRow>;
  users(): Promise<UserRow[]>;
  user(name: string): Promise<UserRow | undefined>;
  updateUser(name: string, change: { role?: Role; disabled?: boolean }): Promise<UserRow>;
  /** Stores a token's hash for a user (the token itself is never stored). */
  addToken(user: string, hash: string, label: string | null): Promise<TokenRow>;
  /** The enabled user holding the unrevoked token with this hash. */
  tokenUser(hash: string): Promise<{ user: UserRow; tokenId: number } | undefined>;
  tokens(user?: string): Promise<TokenRow[]>;
  revokeToken(id: number): Promise<TokenRow>;
  audit(entry: { user: string | null; action: string; target: string | null; detail?: unknown }): Promise<void>;
  auditLog(query?: AuditQuery): Promise<Page<AuditEntry>>;

  /** Writes every document, fact, review, user, token and audit entry (a backup), table by table. */
  dump(write: (record: DumpRecord) => Promise<void>): Promise<Record<string, number>>;
  /** Fills an empty database from a dump. */
  restore(records: AsyncIterable<DumpRecord>): Promise<Record<string, number>>;
}

