/**
 * JSON request bodies declared once, like query parameters (params.ts): the
 * same declaration validates a body (a bad field is a 400 naming it) and
 * describes it in the OpenAPI document.
 */
import { ApiError } from './errors.js';

interface Base<N extends string> {
  name: N;
  description: string;
  required?: boolean;
}

export interface StringField<N extends string = string> extends Base<N> {
  kind: 'string';
  maxLength: number;
  pattern?: RegExp;
  patternHint?: string;
}
export interface NumberField<N extends string = string> extends Base<N> {
  kind: 'number';
  /** Also accepts null. */
  nullable?: boolean;
}
export interface EnumField<N extends string = string, V extends string = string> extends Base<N> {
  kind: 'enum';
  values: readonly V[];
  nullable?: boolean;
}
export interface BooleanField<N extends string = string> extends Base<N> {
  kind: 'boolean';
}
/** `[start, end]`: two non-negative integers, start < end. */
export interface SpanField<N extends string = string> extends Base<N> {
  kind: 'span';
}

export type FieldSpec = StringField | NumberField | EnumField | BooleanField | SpanField;

type ValueOf<F> = F extends NumberField
  ? F extends { nullable: true }
    ? number | null
    : number
  : F extends BooleanField
    ? boolean
    : F extends SpanField
      ? [number, number]
      : F extends EnumField<string, infer V>
        ? F extends { nullable: true }
          ? V | null
          : V
        : string;

export type ParsedBody<S extends readonly FieldSpec[]> = {
  [K in S[number] as K['name']]: K extends { required: true } ? ValueOf<K> : ValueOf<K> | undefined;
};

function bad(name: string, message: string): ApiError {
  return new ApiError(400, `parameter "${name}": ${message}`, name);
}

/** Validates a parsed JSON body against the field specs; unknown fields are refused. */
export function parseJsonBody<const S extends readonly FieldSpec[]>(specs: S, body: unknown): ParsedBody<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('body', 'must be a JSON object');
  const known = new Set(specs.map((s) => s.name));
  for (const key of Object.keys(body)) {
    if (!known.has(key)) throw bad(key, `unknown field; this endpoint takes ${[...known].join(', ')}`);
  }
  const input = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const v = input[spec.name];
    if (v === undefined) {
      if (spec.required) throw bad(spec.name, 'is required');
      continue;
    }
    switch (spec.kind) {
      case 'string':
        if (typeof v !== 'string') throw bad(spec.name, 'must be a string');
        if ([...v].length > spec.maxLength) throw bad(spec.name, `longer than ${spec.maxLength} characters`);
        if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) throw bad(spec.name, 'contains control characters');
        if (spec.pattern && !spec.pattern.test(v)) throw bad(spec.name, `"${v}" is not ${spec.patternHint ?? `of the form ${spec.pattern.source}`}`);
        out[spec.name] = v;
        break;
      case 'number':
        if (v === null && spec.nullable) out[spec.name] = null;
        else if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(spec.name, `must be a finite number${spec.nullable ? ' or null' : ''}`);
        else out[spec.name] = v;
        break;
      case 'enum':
        if (v === null && spec.nullable) out[spec.name] = null;
        else if (typeof v !== 'string' || !spec.values.includes(v)) throw bad(spec.name, `${JSON.stringify(v)} is not one of ${spec.values.join(', ')}`);
        else out[spec.name] = v;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') throw bad(spec.name, 'must be true or false');
        out[spec.name] = v;
        break;
      case 'span':
        if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => Number.isInteger(x) && (x as number) >= 0) || (v[0] as number) >= (v[1] as number)) {
          throw bad(spec.name, 'must be [start, end]: code-point offsets into the document text, 0 ≤ start < end');
        }
        out[spec.name] = [v[0], v[1]];
        break;
    }
  }
  return out as ParsedBody<S>;
}

/** The OpenAPI schema of a body. */
export function openApiBody(specs: readonly FieldSpec[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const s of specs) {
    let schema: Record<string, unknown>;
    switch (s.kind) {
      case 'string':
        schema = { type: 'string', maxLength: s.maxLength, ...(s.pattern ? { pattern: s.pattern.source } : {}) };
        break;
      case 'number':
        schema = s.nullable ? { type: ['number', 'null'] } : { type: 'number' };
        break;
      case 'enum':
        schema = { enum: s.nullable ? [...s.values, null] : [...s.values] };
        break;
      case 'boolean':
        schema = { type: 'boolean' };
        break;
      case 'span':
        schema = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 };
        break;
    }
    properties[s.name] = { ...schema, description: s.description };
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    required: specs.filter((s) => s.required).map((s) => s.name),
  };
}
