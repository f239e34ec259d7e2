/**
 * Targets page: every target in the database (or one region's, one
 * indicator's) against its outcome, with counts per outcome, a filter and
 * downloads.
 */
import { h } from '../html.js';
import { OUTCOME_LABELS } from '../format.js';
import type { Outcome, RegionRow, TargetOutcome } from '../../store/types.js';
import { page, type PageViewer } from './layout.js';
import { downloadLinks } from './compare.js';
import { outcomeFilter, targetsTable } from './region.js';

export interface TargetsModel {
  region: RegionRow | null;
  indicator: string | null;
  outcomes: readonly Outcome[];
  /** Every target of the region / indicator (the counts). */
  all: readonly TargetOutcome[];
  /** The ones listed (after the outcome filter). */
  items: readonly TargetOutcome[];
  query: string;
  /** First row shown (pages of PAGE_ROWS). */
  offset: number;
}

/** Rows per page: a long table costs the browser more than the server (first paint). */
export const PAGE_ROWS = 100;

function countsOf(items: readonly TargetOutcome[]): Record<Outcome, number> {
  const c: Record<Outcome, number> = { met: 0, missed: 0, pending: 0, no_data: 0 };
  for (const t of items) c[t.outcome]++;
  return c;
}

export function targetsPage(m: TargetsModel, nameOf: (id: string) => string | undefined, viewer: PageViewer | null = null): string {
  const counts: Record<Outcome, number> = { met: 0, missed: 0, pending: 0, no_data: 0 };
  for (const t of m.all) counts[t.outcome]++;
  const where = m.region ? m.region.name : '全部地区';
  const shown = m.items.slice(m.offset, m.offset + PAGE_ROWS);
  const base = new URLSearchParams();
  if (m.region) base.set('region', m.region.code);
  if (m.indicator) base.set('indicator', m.indicator);
  const link = (o: string): string => {
    const q = new URLSearchParams(base);
    if (o) q.set('outcome', o);
    return `/targets?${q.toString()}`;
  };
  const pageLink = (offset: number): string => {
    const q = new URLSearchParams(base);
    for (const o of m.outcomes) q.append('outcome', o);
    q.set('offset', String(offset));
    return `/targets?${q.toString()}`;
  };
  const title = `${where}目标与完成情况`;
  return page(
    { title, nav: 'targets', viewer },
    h`<h1>${title}</h1>
<form class="selectors" method="get" action="/targets">
  <label>地区 <input name="region" value="${m.region?.code ?? ''}" placeholder="名称或代码，如 保定市" size="14"></label>
  <label>指标代码 <input name="indicator" value="${m.indicator ?? ''}" placeholder="如 gdp" size="10"></label>
  <button type="submit">筛选</button>
</form>
<p class="meta">${m.all.length} 项目标：${(['met', 'missed', 'pending', 'no_data'] as const).map((o) => `${OUTCOME_LABELS[o]} ${counts[o]}`).join(' · ')}${m.outcomes.length ? ` · 当前仅列出：${m.outcomes.map((o) => OUTCOME_LABELS[o]).join('、')}` : ''}</p>
${m.all.length
  ? h`<nav class="outcome-links">按结果：<a href="${link('')}">全部</a>${(['met', 'missed', 'pending', 'no_data'] as const).map((o) => h` · <a href="${link(o)}">${OUTCOME_LABELS[o]} ${counts[o]}</a>`)}</nav>
${shown.length < m.items.length ? h`<p class="note">显示第 ${m.offset + 1}—${m.offset + shown.length} 项，共 ${m.items.length} 项${m.offset + shown.length < m.items.length ? h` · <a href="${pageLink(m.offset + PAGE_ROWS)}">下一页</a>` : ''}${m.offset > 0 ? h` · <a href="${pageLink(Math.max(0, m.offset - PAGE_ROWS))}">上一页</a>` : ''}；下载包含全部。</p>` : ''}
${outcomeFilter(countsOf(shown), shown.length)}
${targetsTable(shown, nameOf, true)}
${downloadLinks('/download/targets', m.query.replace(/(^|&)offset=\d+/, ''))}`
  : h`<p class="empty">没有符合条件的目标数据。</p>`}`,
  );
}
