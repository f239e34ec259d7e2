/**
 * Short forms computed from a unit's full name by the rules in
 * data/shortforms.json: 湖南省 → 湖南, 芷江侗族自治县 → 芷江, 新疆维吾尔自治区 → 新疆.
 */
import { DataFileError, expectNumber, expectStringArray, readJsonFile } from '../data/tsv.js';

export interface ShortFormRules {
  readonly minLength: number;
  /** Tried first; ethnic names are then removed from the end. */
  readonly autonomousSuffixes: readonly string[];
  /** Tried longest first when no autonomous suffix matched. */
  readonly suffixes: readonly string[];
  /** Longest first. */
  readonly ethnicNames: readonly string[];
  /** Last characters of the ethnic names: a quick test before trying them all. */
  readonly ethnicLast: ReadonlySet<string>;
}

const byLengthDesc = (a: string, b: string) => b.length - a.length;

export function loadShortFormRules(url = new URL('./data/shortforms.json', import.meta.url)): ShortFormRules {
  const { file, value } = readJsonFile(url);
  const minLength = expectNumber(value, 'minLength', file);
  if (!Number.isInteger(minLength) || minLength < 2) {
    throw new DataFileError(file, 1, '"minLength" must be an integer >= 2 (one-character short forms are never made)');
  }
  const ethnicNames = [...expectStringArray(value, 'ethnicNames', file)].sort(byLengthDesc);
  return {
    minLength,
    autonomousSuffixes: [...expectStringArray(value, 'autonomousSuffixes', file)].sort(byLengthDesc),
    suffixes: [...expectStringArray(value, 'suffixes', file)].sort(byLengthDesc),
    ethnicNames,
    ethnicLast: new Set(ethnicNames.map((e) => e.slice(-1))),
  };
}

/** Removes ethnic names from the end while at least `min` characters remain. */
function stripEthnic(stem: string, rules: ShortFormRules): string {
  let s = stem;
  for (;;) {
    if (!rules.ethnicLast.has(s.slice(-1))) return s;
    const hit = rules.ethnicNames.find((e) => s.endsWith(e) && s.length - e.length >= rules.minLength);
    if (!hit) return s;
    s = s.slice(0, s.length - hit.length);
  }
}

/** True for county-level codes NBS gives to development zones, new areas and management areas (xxxx7x). */
export function isZoneCode(code: string): boolean {
  return code.length === 6 && code[4] === '7' && !code.endsWith('00');
}

/**
 * The short form of `name`, or null when the rules give none (or only one
 * shorter than `minLength`). `code` excludes development zones.
 */
export function shortForm(name: string, code: string, rules: ShortFormRules): string | null {
  if (isZoneCode(code)) return null;
  let stem: string | null = null;
  const auto = rules.autonomousSuffixes.find((s) => name.endsWith(s));
  if (auto) {
    const base = name.slice(0, name.length - auto.length);
    stem = stripEthnic(base, rules);
    // 东乡族自治县 → 东乡族 → 东乡: the whole stem is an ethnic name.
    if (stem === base && stem.endsWith('族') && rules.ethnicNames.includes(stem)) stem = stem.slice(0, -1);
  } else {
    // Longest suffix first, falling back to a shorter one when the stem would be
    // too short: 浦东新区 → 浦东, but 清新区 → 清新.
    for (const suffix of rules.suffixes) {
      if (!name.endsWith(suffix) || name.length - suffix.length < rules.minLength) continue;
      stem = stripEthnic(name.slice(0, name.length - suffix.length), rules);
      break;
    }
  }
  if (stem === null || stem.length < rules.minLength || stem === name) return null;
  return stem;
}
