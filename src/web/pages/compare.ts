/**
 * Compare page: one indicator across regions as a ranked bar chart and table,
 * with indicator, measure, period and status selectors. With `peers_of`, a
 * county is shown among the other counties of its prefecture.
 */
import { h, jsonScript, raw, type SafeHtml } from '../html.js';
import { displayFact, displayScale, LEVEL_LABELS, MEASURE_LABELS, OUTCOME_LABELS, scaledNumber, STATUS_LABELS } from '../format.js';
import { periodLabel } from '../../store/periods.js';
import type { CompareResult, IndicatorEntry } from '../../server/queries.js';
import type { FactReviewState } from '../../store/types.js';
import type { Status } from '../../types.js';
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
  /** The scopes the page offers: 全国 and the regions above the current one, widest first. */
  scopes?: readonly { code: string; name: string }[];
  /** The query string of the page (for the download links). */
  query?: string;
}

/** The dashboard's review filters: which review states a page lists. */
export const REVIEW_FILTERS = {
  default: { label: '全部（不含已驳回）', states: undefined },
  reviewed: { label: '仅已审核', states: ['accepted', 'corrected', 'added'] },
  unreviewed: { label: '仅未审核', states: ['unreviewed'] },
  rejected: { label: '仅已驳回', states: ['rejected'] },
} as const satisfies Record<string, { label: string; states: readonly FactReviewState[] | undefined }>;
export type ReviewFilter = keyof typeof REVIEW_FILTERS;

/** The label of the best-available choice of the status selector. */
export const BEST_LABEL = '最佳可得（审核＞实际＞预计）';

/** An estimate (预计) badge beside a value; nothing for an actual. */
export function statusBadge(status: Status, reviewed = false): SafeHtml {
  const review = reviewed ? h`<small class="tag reviewed" title="已审核">审</small>` : '';
  return status === 'estimate' ? h`<small class="tag est" title="预计数，尚无实际数">预计</small>${review}` : h`${review}`;
}

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
  <label>状态 <select name="status">${options(
    [{ value: '', label: BEST_LABEL }, ...statuses.map((s) => ({ value: s, label: `仅${STATUS_LABELS[s]}` }))],
    result?.status ?? '',
  )}</select></label>`;
}

/** The scope of a comparison in words: 保定市内全部县级地区, 全国县级地区. */
export function scopeLabel(result: CompareResult | undefined): string {
  if (!result) return '全国县级地区';
  const level = result.level ? `${LEVEL_LABELS[result.level]}地区` : '下辖地区';
  if (result.within) return result.level ? `${result.within.name}内全部${level}` : `${result.within.name}${level}`;
  return `全国${LEVEL_LABELS[result.level ?? 'county']}地区`;
}

/** CSV and XLSX links for what a page shows. */
export function downloadLinks(path: string, query: string | undefined): SafeHtml {
  const q = query ? `${query}&` : '';
  return h`<p class="downloads">下载：<a href="${path}?${q}format=csv" download>CSV</a> · <a href="${path}?${q}format=xlsx" download>Excel（XLSX）</a></p>`;
}

export function comparePage(result: CompareResult | undefined, indicators: readonly IndicatorEntry[], form: CompareForm, viewer: PageViewer | null = null): string {
  const title = result ? `${result.indicator.name ?? result.indicator.id}：地区对比` : '地区对比';
  const scope = scopeLabel(result);
  const rows = result?.rows ?? [];
  const { scale, points } = chartPoints(result, (r) => `/doc/${r.documentId}#fact-${r.factId}`);
  const chart = points.map((pt, i) => ({
    ...pt,
    estimate: rows[i]?.status === 'estimate',
    focus: result?.focus?.code === pt.code,
  }));
  const estimates = rows.filter((r) => r.status === 'estimate').length;
  const targets = result?.targets ?? {};
  const hasTargets = Object.keys(targets).length > 0;
  const scopes = form.scopes ?? [];
  const levelChoice = result?.level ?? form.level ?? 'county';
  const withinChoice = result?.within?.code ?? '';

  return page(
    { title, nav: 'compare', charts: rows.length > 0, viewer },
    h`<h1>${title}</h1>
<form class="selectors" method="get" action="/compare">
  ${sliceSelectors(result, indicators, result?.indicator.id ?? form.indicator)}
  <label>范围 <select name="within">${options([{ value: '', label: '全国' }, ...scopes.map((r) => ({ value: r.code, label: r.name }))], withinChoice)}</select></label>
  <label>层级 <select name="level">${options(
    (['county', 'prefecture', 'province'] as const).map((l) => ({ value: l, label: `${LEVEL_LABELS[l]}地区` })),
    levelChoice,
  )}</select></label>
  ${result?.focus ? h`<input type="hidden" name="focus" value="${result.focus.code}">` : ''}
  <label>审核 <select name="review">${options(
    Object.entries(REVIEW_FILTERS).map(([value, f]) => ({ value, label: f.label })),
    form.review ?? 'default',
  )}</select></label>
  <button type="submit">对比</button>
</form>
<p class="meta" id="compare-scope">范围：${scope}${result?.focus ? `（突出显示${result.focus.name}）` : ''}${result ? ` · ${MEASURE_LABELS[result.measure]} · ${periodLabel(result.period)} · ${result.status ? `仅${STATUS_LABELS[result.status]}` : BEST_LABEL}` : ''}${scale?.label ? ` · 单位：${scale.label}` : ''} · ${rows.length} 个地区有数据${estimates ? `，其中 ${estimates} 个为预计数` : ''}</p>
${rows.length
  ? h`<div id="compare-chart" class="chart" style="height:${Math.max(240, rows.length * 28 + 60)}px"></div>
${jsonScript('compare-data', { unit: scale?.label ?? '', rows: chart })}
${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.compareChart()})</script>')}
${downloadLinks('/download/compare', form.query)}
<div class="scroll"><table class="grid ranking" id="ranking"><thead><tr><th>名次</th><th>地区</th><th>数值</th>${hasTargets ? h`<th>目标</th><th>结果</th>` : ''}<th>原文</th></tr></thead><tbody>
${rows.map((r, i) => {
  const t = targets[r.region.code];
  return h`<tr${chart[i]!.focus ? raw(' class="focus"') : ''} data-code="${r.region.code}" data-status="${r.status}">
  <td class="n">${r.rank}</td>
  <td><a href="/region/${r.region.code}">${r.region.name}</a></td>
  <td class="n"><a class="num" href="/doc/${r.documentId}#fact-${r.factId}" data-value="${r.value}">${chart[i]!.display}</a>${statusBadge(r.status, r.reviewState === 'accepted' || r.reviewState === 'corrected' || r.reviewState === 'added')}${r.sources > 1 ? h` <small title="多个文件给出此值：审核过的优先，其次实际数、统计公报、较新者">${r.sources}处</small>` : ''}</td>
  ${hasTargets
    ? h`<td class="n">${t ? h`<a class="num target" href="/doc/${t.target.documentId}#fact-${t.target.id}">${displayFact(t.target)}</a>` : h`<span class="none">—</span>`}</td>
  <td>${t ? h`<span class="badge ${t.outcome}" title="${t.rule}">${OUTCOME_LABELS[t.outcome]}</span>` : ''}</td>`
    : ''}
  <td class="quote">${r.quote}<br><small class="doc"><a href="/doc/${r.documentId}">${r.document.title}</a>${r.document.sourceUrl ? h` <a class="source" href="${r.document.sourceUrl}" rel="noopener noreferrer" target="_blank">原文↗</a>` : ''}</small></td>
</tr>`;
})}
</tbody></table></div>`
  : h`<p class="empty">${indicators.length ? '所选范围内没有该指标的数据。换一个指标、时期或范围试试。' : '数据库中还没有指标数据：先运行 zhibiao ingest。'}</p>`}`,
  );
}
