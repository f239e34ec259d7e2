/**
 * Compare page: one indicator across regions as a ranked bar chart and table,
 * with indicator, measure, period and status selectors. With `peers_of`, a
 * county is shown among the other counties of its prefecture.
 */
import { h, jsonScript, raw, type SafeHtml } from '../html.js';
import { displayFact, displayScale, LEVEL_LABELS, MEASURE_LABELS, scaledNumber, STATUS_LABELS } from '../format.js';
import { periodLabel } from '../../store/periods.js';
import type { CompareResult, IndicatorEntry } from '../../server/queries.js';
import type { FactReviewState } from '../../store/types.js';
import { options, page, type PageViewer } from './layout.js';

type CompareRows = NonNullable<CompareResult>['rows'];

/**
 * One point per region of a compare result, for a chart or a map: the value
 * in the display scale of the largest one (亿元, 万人), its Chinese display,
 * and where a click goes.
 */
export function chartPoints(
  result: CompareResult | null | undefined,
  href: (row: CompareRows[number]) => string,
): { scale: ReturnType<typeof displayScale> | undefined; points: Array<{ code: string; name: string; shown: number; display: string; href: string }> } {
  const rows = result?.rows ?? [];
  if (!result || rows.length === 0) return { scale: undefined, points: [] };
  const scale = displayScale(Math.max(...rows.map((r) => Math.abs(r.value))), rows[0]!.unit, result.indicator.id);
  const points = rows.map((r) => ({
    code: r.region.code,
    name: r.region.name,
    shown: scale ? Number(scaledNumber(r.value, scale)) : r.value,
    display: displayFact({ indicator: result.indicator.id, measure: result.measure, value: r.value, valueMax: r.valueMax, unit: r.unit, bound: r.bound }),
    href: href(r),
  }));
  return { scale, points };
}

export interface CompareForm {
  indicator: string | undefined;
  within: string | undefined;
  level: string | undefined;
  peersOf: string | undefined;
  /** The review filter chosen (a key of REVIEW_FILTERS). */
  review?: string | undefined;
}

/** The dashboard's review filters: which review states a page lists. */
export const REVIEW_FILTERS = {
  default: { label: '全部（不含已驳回）', states: undefined },
  reviewed: { label: '仅已审核', states: ['accepted', 'corrected', 'added'] },
  unreviewed: { label: '仅未审核', states: ['unreviewed'] },
  rejected: { label: '仅已驳回', states: ['rejected'] },
} as const satisfies Record<string, { label: string; states: readonly FactReviewState[] | undefined }>;
export type ReviewFilter = keyof typeof REVIEW_FILTERS;

/** The indicator / measure / period / status selectors (also used by the overview map). */
export function sliceSelectors(
  result: CompareResult | undefined,
  indicators: readonly IndicatorEntry[],
  selectedIndicator: string | undefined,
): SafeHtml {
  const measures = [...new Set(result?.slices.map((s) => s.measure) ?? [])];
  const periods = [...new Set(result?.slices.filter((s) => s.measure === result.measure).map((s) => s.period) ?? [])].sort().reverse();
  const statuses = [...new Set(result?.slices.filter((s) => s.measure === result.measure && s.period === result.period).map((s) => s.status) ?? [])];
  return h`<label>指标 <select name="indicator" onchange="zhibiao.resetSlice(this.form)">${options(
    indicators.map((i) => ({ value: i.id, label: `${i.name ?? i.id}（${i.regions}个地区）` })),
    selectedIndicator,
  )}</select></label>
  <label>口径 <select name="measure">${options(measures.map((m) => ({ value: m, label: MEASURE_LABELS[m] })), result?.measure)}</select></label>
  <label>时期 <select name="period">${options(periods.map((p) => ({ value: p, label: periodLabel(p) })), result?.period)}</select></label>
  <label>状态 <select name="status">${options(statuses.map((s) => ({ value: s, label: STATUS_LABELS[s] })), result?.status)}</select></label>`;
}

export function comparePage(result: CompareResult | undefined, indicators: readonly IndicatorEntry[], form: CompareForm, viewer: PageViewer | null = null): string {
  const title = result ? `${result.indicator.name ?? result.indicator.id}：地区对比` : '地区对比';
  const scope = result?.focus
    ? `${result.within?.name ?? ''}内与${result.focus.name}同级的地区`
    : result?.within
      ? `${result.within.name}${result.level ? `内全部${LEVEL_LABELS[result.level]}地区` : '下辖地区'}`
      : '全部县级地区';
  const rows = result?.rows ?? [];
  const { scale, points } = chartPoints(result, (r) => `/doc/${r.documentId}#fact-${r.factId}`);
  const chart = points.map((pt) => ({
    ...pt,
    focus: result?.focus?.code === pt.code,
  }));

  return page(
    { title, nav: 'compare', charts: rows.length > 0, viewer },
    h`<h1>${title}</h1>
<form class="selectors" method="get" action="/compare">
  ${sliceSelectors(result, indicators, result?.indicator.id ?? form.indicator)}
  ${form.peersOf ? h`<input type="hidden" name="peers_of" value="${form.peersOf}">` : ''}
  ${form.within ? h`<input type="hidden" name="within" value="${form.within}">` : ''}
  ${form.level ? h`<input type="hidden" name="level" value="${form.level}">` : ''}
  <label>审核 <select name="review">${options(
    Object.entries(REVIEW_FILTERS).map(([value, f]) => ({ value, label: f.label })),
    form.review ?? 'default',
  )}</select></label>
  <button type="submit">对比</button>
</form>
<p class="meta">范围：${scope}${result ? ` · ${MEASURE_LABELS[result.measure]} · ${periodLabel(result.period)} · ${STATUS_LABELS[result.status]}` : ''}${scale?.label ? ` · 单位：${scale.label}` : ''} · ${rows.length} 个地区有数据</p>
${rows.length
  ? h`<div id="compare-chart" class="chart" style="height:${Math.max(240, rows.length * 28 + 60)}px"></div>
${jsonScript('compare-data', { unit: scale?.label ?? '', rows: chart })}
${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.compareChart()})</script>')}
<table class="grid ranking" id="ranking"><thead><tr><th>名次</th><th>地区</th><th>数值</th><th>原文</th></tr></thead><tbody>
${rows.map(
  (r, i) => h`<tr${chart[i]!.focus ? raw(' class="focus"') : ''} data-code="${r.region.code}">
  <td class="n">${r.rank}</td>
  <td><a href="/region/${r.region.code}">${r.region.name}</a></td>
  <td class="n"><a class="num" href="/doc/${r.documentId}#fact-${r.factId}" data-value="${r.value}">${chart[i]!.display}</a>${r.sources > 1 ? h` <small title="多个文件给出此值，取统计公报优先、较新者">${r.sources}处</small>` : ''}</td>
  <td class="quote">${r.quote}</td>
</tr>`,
)}
</tbody></table>`
  : h`<p class="empty">${indicators.length ? '所选范围内没有该指标的数据。换一个指标、时期或范围试试。' : '数据库中还没有指标数据：先运行 zhibiao ingest。'}</p>`}`,
  );
}
