/**
 * Targets page: every target in the database (or one region's, one
 * indicator's) against its outcome, with counts per outcome, a filter and
 * downloads.
 */
import { h, type SafeHtml } from '../html.js';
import type { TargetList } from '../../store/absent.js';
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
  /** The region's target lists (主要预期目标), with the headline indicators each leaves out (未设目标). */
  targetLists?: readonly TargetList[];
}

/** Per year, the headline indicators the region's report set no target for (未设目标), apart from years without a list (无资料). */
function notSetSection(lists: readonly TargetList[], nameOf: (id: string) => string | undefined): SafeHtml {
  const sorted = [...lists].sort((a, b) => b.year - a.year);
  return h`<section id="not-set"><h2>未设目标与无资料</h2>
${sorted.length
  ? h`<table class="grid"><thead><tr><th>年份</th><th>地区</th><th>报告所设目标</th><th>未设目标</th><th>出处</th></tr></thead><tbody>
${sorted.map((l) => h`<tr data-year="${l.year}"><td>${l.year}</td><td>${l.region.name}</td><td>${l.named.map((i) => nameOf(i) ?? i).join('、')}</td><td class="state-not_set">${l.absent.length ? l.absent.map((a) => nameOf(a.indicator) ?? a.indicator).join('、') : '—'}</td><td><a href="/doc/${l.documentId}" title="${l.quote}">主要预期目标原文</a></td></tr>`)}
</tbody></table>`
  : ''}
<p class="note">“未设目标”：当年报告列出了主要预期目标，但未列此项（核对的指标：地区生产总值、规上工业增加值、固定资产投资、社会消费品零售总额、一般公共预算收入、居民收入、进出口）。未列出的年份为“无资料”：未收录设定该年目标的报告，或报告中未找到主要预期目标。</p>
</section>`;
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
  : h`<p class="empty">没有符合条件的目标数据。</p>`}
${m.targetLists ? notSetSection(m.targetLists, nameOf) : ''}`,
  );
}
