/**
 * Request parameters declared once, used twice: to validate a request (a bad
 * value is a 400 naming the parameter) and to describe the route in the
 * OpenAPI document.
 */
import { ApiError } from './errors.js';

interface Base<N extends string> {
  name: N;
  in?: 'query' | 'path';
  description: string;
  required?: boolean;
}

export interface StringParam<N extends string = string> extends Base<N> {
  kind: 'string';
  pattern?: RegExp;
  /** Words that say what the pattern means, for the error message. */
  patternHint?: string;
  maxLength?: number;
}
export interface IntegerParam<N extends string = string> extends Base<N> {
  kind: 'integer';
  min?: number;
  max?: number;
  default?: number;
}
export interface EnumParam<N extends string = string, V extends string = string> extends Base<N> {
  kind: 'enum';
  values: readonly V[];
  default?: V;
}
/** Repeated (`?x=a&x=b`) or comma-separated (`?x=a,b`) values. */
export interface ListParam<N extends string = string, V extends string = string> extends Base<N> {
  kind: 'list';
  values?: readonly V[];
  pattern?: RegExp;
  patternHint?: string;
}
export interface BooleanParam<N extends string = string> extends Base<N> {
  kind: 'boolean';
  default?: boolean;
}

export type ParamSpec = StringParam | IntegerParam | EnumParam | ListParam | BooleanParam;

type ValueOf<S> = S extends IntegerParam
  ? number
  : S extends BooleanParam
    ? boolean
    : S extends ListParam<string, infer V>
      ? V[]
      : S extends EnumParam<string, infer V>
        ? V
        : string;

type Present<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;

export type Parsed<S extends readonly ParamSpec[]> = {
  [K in S[number] as K['name']]: Present<K> extends true ? ValueOf<K> : ValueOf<K> | undefined;
};

/** Integers are 32-bit unless a spec says otherwise (PostgreSQL ids are int4; nothing pages past 2^31 rows). */
export const INT_MAX = 2_147_483_647;
export const INT_MIN = -2_147_483_648;

const TRUE = new Set(['1', 'true', 'yes']);
const FALSE = new Set(['0', 'false', 'no']);

function bad(name: string, message: string): ApiError {
  return new ApiError(400, `parameter "${name}": ${message}`, name);
}

function checkOne(spec: StringParam | ListParam, value: string): void {
  if (spec.kind === 'list' && spec.values && !spec.values.includes(value)) {
    throw bad(spec.name, `"${value}" is not one of ${spec.values.join(', ')}`);
  }
  if (spec.pattern && !spec.pattern.test(value)) {
    throw bad(spec.name, `"${value}" is not ${spec.patternHint ?? `of the form ${spec.pattern.source}`}`);
  }
}

/**
 * Validates `query` (all values of each query key) and `path` (route params)
 * against the specs. Unknown query keys are refused, so typos do not silently
 * widen a filter.
 */
export function parseParams<const S extends readonly ParamSpec[]>(
  specs: S,
  query: Record<string, string[]>,
  path: Record<string, string> = {},
): Parsed<S> {
  const known = new Set(specs.filter((s) => (s.in ?? 'query') === 'query').map((s) => s.name));
  for (const key of Object.keys(query)) {
    if (!known.has(key)) {
      throw bad(key, `unknown parameter; this endpoint takes ${[...known].join(', ') || 'no query parameters'}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = (spec.in ?? 'query') === 'path' ? (path[spec.name] === undefined ? [] : [path[spec.name]!]) : (query[spec.name] ?? []);
    const values = raw.map((v) => v.trim()).filter((v) => v !== '');
    // NUL and other control characters are never part of a name, code, period or search phrase
    const control = values.find((v) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v));
    if (control !== undefined) throw bad(spec.name, 'contains control characters (such as NUL): remove them');
    if (values.length === 0) {
      if (spec.required) throw bad(spec.name, 'is required');
      if ('default' in spec && spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    if (spec.kind !== 'list' && values.length > 1) throw bad(spec.name, 'give it once');
    const v = values[0]!;
    switch (spec.kind) {
      case 'string':
        if (spec.maxLength !== undefined && v.length > spec.maxLength) throw bad(spec.name, `longer than ${spec.maxLength} characters`);
        checkOne(spec, v);
        out[spec.name] = v;
        break;
      case 'integer': {
        if (!/^-?\d+$/.test(v)) throw bad(spec.name, `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" is not an integer`);
        const n = Number(v);
        const min = Math.max(spec.min ?? INT_MIN, INT_MIN);
        const max = Math.min(spec.max ?? INT_MAX, INT_MAX);
        if (n < min) throw bad(spec.name, `must be at least ${min}`);
        if (n > max) throw bad(spec.name, `must be at most ${max}`);
        out[spec.name] = n;
        break;
      }
      case 'enum':
        if (!spec.values.includes(v)) throw bad(spec.name, `"${v}" is not one of ${spec.values.join(', ')}`);
        out[spec.name] = v;
        break;
      case 'boolean':
        if (TRUE.has(v)) out[spec.name] = true;
        else if (FALSE.has(v)) out[spec.name] = false;
        else throw bad(spec.name, `"${v}" is not true or false`);
        break;
      case 'list': {
        const items = values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
        for (const item of items) checkOne(spec, item);
        out[spec.name] = items;
        break;
      }
    }
  }
  return out as Parsed<S>;
}

/** The OpenAPI `parameters` entry of a spec. */
export function openApiParameter(spec: ParamSpec): Record<string, unknown> {
  let schema: Record<string, unknown>;
  switch (spec.kind) {
    case 'string':
      schema = { type: 'string', ...(spec.pattern ? { pattern: spec.pattern.source } : {}), ...(spec.maxLength ? { maxLength: spec.maxLength } : {}) };
      break;
    case 'integer':
      schema = {
        type: 'integer',
        minimum: Math.max(spec.min ?? INT_MIN, INT_MIN),
        maximum: Math.min(spec.max ?? INT_MAX, INT_MAX),
        ...(spec.default !== undefined ? { default: spec.default } : {}),
      };
      break;
    case 'enum':
      schema = { type: 'string', enum: [...spec.values], ...(spec.default !== undefined ? { default: spec.default } : {}) };
      break;
    case 'boolean':
      schema = { type: 'boolean', ...(spec.default !== undefined ? { default: spec.default } : {}) };
      break;
    case 'list':
      schema = {
        type: 'array',
        items: { type: 'string', ...(spec.values ? { enum: [...spec.values] } : {}), ...(spec.pattern ? { pattern: spec.pattern.source } : {}) },
      };
      break;
  }
  const where = spec.in ?? 'query';
  return {
    name: spec.name,
    in: where,
    description: spec.description,
    required: where === 'path' ? true : (spec.required ?? false),
    schema,
    ...(spec.kind === 'list' ? { style: 'form', explode: true } : {}),
  };
}
