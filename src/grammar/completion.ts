/**
 * Plan completion and shares: a % after 完成全年任务的/完成率 is the completion
 * of the indicator's plan; a % after 占比/比重/占…的 is a share of a whole, or
 * completion when said of a completed amount (完成投资…，占年度计划的115%).
 *
 *   年度投资完成率115%            → key_projects_completed_investment plan_completion 115
 *   完成全年任务的103.5%          → plan_completion of the indicator just given
 *   民生支出占一般公共预算支出的81.7% → livelihood_spending_share share 81.7
 */
import type { IndicatorDef, InternalUnit } from '../lexicon/index.js';
import type { Measure } from '../types.js';
import type { ValueCues } from './chain.js';

export interface Reading {
  id: string;
  measure: Measure;
  rule: string;
}

/**
 * The reading of a % under a completion or share cue; null when the value
 * cannot be one (an amount), undefined when no such cue is in force.
 */
export function completionOrShare(def: IndicatorDef, unit: InternalUnit, value: number, c: ValueCues, shareOf: (id: string) => string): Reading | null | undefined {
  if (c.completion) {
    if (unit !== '%') return null;
    // 年度投资完成率115%: completion of the planned amount is a completed-investment fact
    return { id: def.completionTo ?? def.id, measure: 'plan_completion', rule: 'completion' };
  }
  if (c.ratio) {
    if (unit !== '%') return null;
    if (def.completionTo !== undefined || value > 100) return { id: def.completionTo ?? def.id, measure: 'plan_completion', rule: 'completion' };
    // 民生支出…占…的85%: the share member of the subject's family
    return { id: shareOf(def.id), measure: 'share', rule: 'share' };
  }
  if (c.occupies && unit === '%' && shareOf(def.id) !== def.id) {
    // 民生支出48.5亿元，占一般公共预算支出的82.1%: the family's share member
    return { id: shareOf(def.id), measure: 'share', rule: 'share' };
  }
  return undefined;
}
