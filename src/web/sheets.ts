/**
 * The tables the dashboard pages offer as downloads, built from the same
 * read models the pages render (so a download holds what the page shows).
 */
import { periodLabel } from '../store/periods.js';
import type { TargetOutcome } from '../store/types.js';
import type { CompareResult, RegionSummary } from '../server/queries.js';
import { indicatorName } from '../store/catalog.js';
import { displayScale, MEASURE_LABELS, OUTCOME_LABELS, scaledNumber, STATUS_LABELS } from './format.js';
import { shown, type SheetCell, type SheetTable } from './download.js';
import { scopeLabel } from './pages/compare.js';

export function compareSheet(result: CompareResult | undefined): SheetTable {
  const rows = result?.rows ?? [];
  const scale = rows.length && result ? displayScale(Math.max(...rows.map((r) => Math.abs(r.value))), rows[0]!.unit, result.indicator.id) : undefined;
  const unit = scale?.label ?? '';
  const name = result ? `${result.indicator.name ?? result.indicator.id}${MEASURE_LABELS[result.measure]}` : '数值';
  return {
    name: result ? `${result.indicator.name ?? result.indicator.id}_${periodLabel(result.period)}_${scopeLabel(result)}` : '地区对比',
    headers: ['名次', '地区代码', '地区', `${name}${unit ? `（${unit}）` : ''}`, '状态', '目标', '结果', '时期', '来源文件', '原文链接', '原文'],
    indicators: result ? [result.indicator.id] : [],
    rows: rows.map((r): SheetCell[] => {
      const t = result?.targets[r.region.code];
      return [
        r.rank,
        r.region.code,
        r.region.name,
        scale ? { value: Number(scaledNumber(r.value, scale)), unit, text: `${scaledNumber(r.value, scale)}${unit}` } : r.value,
        STATUS_LABELS[r.status],
        t ? shown(t.target).text : null,
        t ? OUTCOME_LABELS[t.outcome] : null,
        periodLabel(result!.period),
        r.document.title,
        r.document.sourceUrl,
        r.quote,
      ];
    }),
  };
}

/** Targets against outcomes, as the region and targets pages list them. */
export function targetsSheet(name: string, targets: readonly TargetOutcome[]): SheetTable {
  return {
    name,
    headers: ['地区代码', '地区', '指标', '时期', '口径', '目标', '实际', '实际状态', '结果', '差距', '目标原文', '实际原文'],
    indicators: targets.map((t) => t.target.indicator),
    rows: targets.map((t): SheetCell[] => [
      t.target.region.code,
      t.target.region.name,
      indicatorName(t.target.indicator) ?? t.target.indicator,
      periodLabel(t.target.period),
      MEASURE_LABELS[t.target.measure],
      shown(t.target),
      t.actual ? shown(t.actual) : null,
      t.actual ? STATUS_LABELS[t.actual.status] : null,
      OUTCOME_LABELS[t.outcome],
      t.gapPp === null ? null : { value: Number(t.gapPp.toFixed(2)), unit: t.target.unit === '%' || t.target.unit === 'pp' ? '个百分点' : '%', text: `${t.gapPp >= 0 ? '+' : ''}${Number(t.gapPp.toFixed(2))}${t.target.unit === '%' || t.target.unit === 'pp' ? '个百分点' : '%'}` },
      t.target.quote,
      t.actual?.quote ?? null,
    ]),
  };
}

/** The region page's headline table. */
export function regionSheet(s: RegionSummary): SheetTable {
  return {
    name: `${s.region.name}_主要指标`,
    headers: ['指标', '时期', '总量', '总量状态', '总量时期', '增速', '增速状态', '同级排名（总量）'],
    indicators: s.headlines.map((x) => x.indicator),
    rows: s.headlines.map((x): SheetCell[] => {
      const level = x.level?.fact ?? x.earlierLevel;
      return [
        x.name ?? x.indicator,
        periodLabel(x.period),
        level ? shown(level) : null,
        level ? STATUS_LABELS[level.status] : null,
        level ? periodLabel(level.period) : null,
        x.growth ? shown(x.growth.fact) : null,
        x.growth ? STATUS_LABELS[x.growth.fact.status] : null,
        x.level?.rank ? `${x.level.rank.within.name}第${x.level.rank.rank}/${x.level.rank.of}` : null,
      ];
    }),
  };
}
