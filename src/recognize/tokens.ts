/**
 * Token types the recognizers produce over normalized text. Offsets are
 * UTF-16 indices into the normalized text, half-open.
 */
import type { AliasDef, CueDef, InternalUnit } from '../lexicon/index.js';
import type { Bound, RankScope } from '../types.js';

export interface Span {
  start: number;
  end: number;
}

/** A number with its unit, as written: 67.05亿元, 5%—5.5%, 30多万人次. */
export interface QuantityToken extends Span {
  t: 'qty';
  /** Value in the base unit (亿元 → CNY). */
  value: number;
  valueMax?: number;
  /** null: a bare number (no unit written). */
  unit: InternalUnit | null;
  /** 多/余 inside the quantity: more than. */
  more: boolean;
  /** A magnitude (万/亿) was written without a unit. */
  magnitudeOnly: boolean;
  text: string;
}

/** 排名第3, 居全省第5位, 位居全市之首; a bare 第一 inside a rank list has no scope. */
export interface RankToken extends Span {
  t: 'rank';
  value: number;
  scope: RankScope | null;
  /** Scope written as a region name (排名永州市第三). */
  scopeName?: string;
}

export type PeriodSpec =
  /** `deictic`: 今年/去年/明年, relative to when the text was written. */
  | { k: 'year'; year?: number; rel?: number; deictic?: boolean }
  | { k: 'months'; from: number; to: number; year?: number }
  | { k: 'span'; from: number; to: number }
  | { k: 'lastN'; n: number }
  /** 今后五年: the n years after the one reviewed. */
  | { k: 'nextN'; n: number };

export interface PeriodToken extends Span {
  t: 'period';
  /** One or more periods (一、二、三季度 gives three). */
  periods: PeriodSpec[];
}

/** A calendar date (2023年11月, 12月19日): not a quantity, no period change. */
export interface DateToken extends Span {
  t: 'date';
}

export interface IndicatorToken extends Span {
  t: 'ind';
  alias: AliasDef;
}

export interface CueToken extends Span {
  t: 'cue';
  cue: CueDef;
}

/** Clause punctuation: ， 、 ； ： and the sentence end. */
export interface SepToken extends Span {
  t: 'sep';
  ch: string;
}

/** Another administrative unit named in the text. */
export interface RegionToken extends Span {
  t: 'region';
  code: string;
  name: string;
}

export type Token =
  | QuantityToken
  | RankToken
  | PeriodToken
  | DateToken
  | IndicatorToken
  | CueToken
  | SepToken
  | RegionToken;

export type Bounded = { bound: Bound };
