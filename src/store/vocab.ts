/**
 * The contract's closed vocabularies as values (the types live in ../types.ts),
 * for validation and for listing choices.
 */
import type { Bound, DocumentKind, Measure, RankScope, Status, Unit } from '../types.js';

type Exhaustive<T extends string, A extends readonly T[]> = [T] extends [A[number]] ? A : never;

const measures = ['level', 'growth', 'growth_cumulative', 'change', 'rank', 'share', 'plan_completion'] as const;
export const MEASURES: Exhaustive<Measure, typeof measures> = measures;

const statuses = ['actual', 'estimate', 'target'] as const;
export const STATUSES: Exhaustive<Status, typeof statuses> = statuses;

const units = ['CNY', 'USD', '%', 'pp', 'rank', 'count', 'person', 'person_time', 'head', 'm2', 'ton', 'm', 'ug_m3', 'TEU', 'kW', 'index'] as const;
export const UNITS: Exhaustive<Unit, typeof units> = units;

const bounds = ['=', '~', '>=', '>', '<=', '<'] as const;
export const BOUNDS: Exhaustive<Bound, typeof bounds> = bounds;

const scopes = ['prefecture', 'province', 'nation', 'peer'] as const;
export const SCOPES: Exhaustive<RankScope, typeof scopes> = scopes;

const kinds = ['report', 'bulletin', 'news'] as const;
export const KINDS: Exhaustive<DocumentKind, typeof kinds> = kinds;

export const OUTCOMES = ['met', 'missed', 'pending', 'no_data'] as const;

export const REGION_LEVELS = ['province', 'prefecture', 'county'] as const;

/** A contract period: 2023, 2023-01/2023-09 or 2021/2025. */
export const PERIOD_PATTERN = /^\d{4}(-\d{2}\/\d{4}-\d{2}|\/\d{4})?$/;
export const INDICATOR_PATTERN = /^[a-z][a-z0-9_]*$/;
