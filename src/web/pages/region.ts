/**
 * Region page: headline indicators (latest level and growth, rank among the
 * regions of the same parent in the database, ranks the documents state),
 * targets against outcomes, time series, sub-regions and documents. Every
 * number links to its source sentence.
 */
import { h, jsonScript, raw, type SafeHtml } from '../html.js';
import { displayScale, displayValue, KIND_LABELS, LEVEL_LABELS, MEASURE_LABELS, OUTCOME_LABELS, scaledNumber } from '../format.js';
import { periodLabel } from '../../store/periods.js';
import type { Outcome, TargetOutcome } from '../../store/types.js';
import type { Headline, HeadlineValue, RegionSummary } from '../../server/queries.js';
import { isReviewed } from '../../store/targets.js';
import { factLink, page, type PageViewer } from './layout.js';
import { downloadLinks, statusBadge } from './compare.js';


function value(v: HeadlineValue | null): SafeHtml {
  if (!v) return h`<span class="none">—</span>`;
  return h`${factLink(v.fact)}${statusBadge(v.fact.status, isReviewed(v.fact))}`;
}

/** The level cell: the latest period's level, else the latest earlier level with its year. */
function levelCell(x: Headline): SafeHtml {
  if (x.level || !x.earlierLevel) return value(x.level);
  const f = x.earlierLevel;
  return h`${factLink(f)}${statusBadge(f.status, isReviewed(f))} <small class="year" title="最近有总量数据的年份">(${f.year ?? periodLabel(f.period)})</small>`;
}

function rank(v: HeadlineValue | null, code: string, indicator: string): SafeHtml {
  if (!v?.rank) return h``;
  return h`<a class="rank" href="/compare?peers_of=${code}&amp;indicator=${indicator}&amp;measure=${v.fact.measure}&amp;period=${encodeURIComponent(v.fact.period)}" title="在${v.rank.within.name}库内有数据的同级地区中的名次（实际数与预计数一并排名）">${v.rank.within.name}第${v.rank.rank}/${v.rank.of}</a>`;
}

export function gapText(t: TargetOutcome): string {
  if (t.gap === null) return '';
  if (t.target.unit === '%' || t.target.unit === 'pp') {
    const g = t.gap;
    return `${g >= 0 ? '+' : ''}${Number(g.toFixed(2))}个百分点`;
  }
  if (t.gapPp !== null) return `${t.gapPp >= 0 ? '+' : ''}${Number(t.gapPp.toFixed(1))}%`;
  return `${t.gap >= 0 ? '+' : ''}${displayValue(t.gap, t.target.unit, t.target.indicator).text}`;
}

const OUTCOME_ORDER: Outcome[] = ['met', 'missed', 'pending', 'no_data'];

/** Counts per outcome as filter buttons (the table rows carry data-outcome). */
export function outcomeFilter(counts: Record<Outcome, number>, total: number): SafeHtml {
  return h`<div class="outcome-filter" role="group" aria-label="按结果筛选">
    <button type="button" data-outcome="" class="active">全部 <b>${total}</b></button>
    ${OUTCOME_ORDER.map((o) => h`<button type="button" data-outcome="${o}" class="${o}"${counts[o] ? '' : raw(' disabled')}>${OUTCOME_LABELS[o]} <b>${counts[o]}</b></button>`)}
  </div>`;
}

/** The targets table of the region and targets pages. */
export function targetsTable(targets: readonly TargetOutcome[], nameOf: (id: string) => string | undefined, withRegion: boolean): SafeHtml {
  const rows = targets.map(
    (t) => h`<tr class="outcome-${t.outcome}" data-outcome="${t.outcome}">
      ${withRegion ? h`<td><a href="/region/${t.target.region.code}">${t.target.region.name}</a></td>` : ''}
      <th scope="row">${nameOf(t.target.indicator) ?? t.target.indicator}</th>
      <td>${periodLabel(t.target.period)}</td>
      <td>${MEASURE_LABELS[t.target.measure]}</td>
      <td class="n">${factLink(t.target)}</td>
      <td class="n">${t.actual ? h`${factLink(t.actual)}${statusBadge(t.actual.status, isReviewed(t.actual))}` : h`<span class="none">${t.outcome === 'pending' ? '期未满' : '无实际数据'}</span>`}</td>
      <td><span class="badge ${t.outcome}" title="${t.rule}">${OUTCOME_LABELS[t.outcome]}</span></td>
      <td class="n">${gapText(t)}</td>
    </tr>`,
  );
  return h`<div class="scroll"><table class="grid targets" id="targets-table"><thead><tr>${withRegion ? h`<th>地区</th>` : ''}<th>指标</th><th>时期</th><th>口径</th><th>目标</th><th>实际</th><th>结果</th><th>差距</th></tr></thead><tbody>${rows}</tbody></table></div>
  <p class="note">“待定”只用于尚未结束的时期；时期已过而库中没有同口径实际数据的目标记为“无实际数据”，单独计数。只与同一口径、单位、时期类型的实际数比较（年度目标不与五年累计或年均比较）。“以上/不低于”目标在实际值不低于目标时达成；“左右”允许百分比指标低 0.5 个百分点、总量指标低 1%；失业率、CPI、PM2.5 及排名以低为好。</p>`;
}

/** A document named with its title, linked to its page, and to the original when its address is known. */
export function documentName(d: { id: number; title: string | null; path: string; sourceUrl: string | null }): SafeHtml {
  return h`<a href="/doc/${d.id}">${d.title ?? d.path}</a>${d.sourceUrl ? h` <a class="source" href="${d.sourceUrl}" rel="noopener noreferrer" target="_blank" title="${d.sourceUrl}">原文↗</a>` : ''}`;
}

export function regionPage(s: RegionSummary, nameOf: (id: string) => string | undefined, viewer: PageViewer | null = null): string {
  const r = s.region;
  const crumbs = [...s.ancestors].reverse();
  const headlines = s.headlines.map(
    (x) => h`<tr data-indicator="${x.indicator}">
      <th scope="row"><a href="/compare?peers_of=${r.code}&amp;indicator=${x.indicator}">${x.name ?? x.indicator}</a></th>
      <td>${periodLabel(x.period)}</td>
      <td class="n level">${levelCell(x)} ${rank(x.level, r.code, x.indicator)}</td>
      <td class="n growth">${value(x.growth)} ${rank(x.growth, r.code, x.indicator)}</td>
      <td>${x.statedRanks.map((f) => h`${factLink(f)} `)}</td>
    </tr>`,
  );
  // one display scale per series (its largest value, targets included, decides: 亿元 or 万元)
  const series = s.series.map((x) => {
    const scale = displayScale(Math.max(...x.points.map((p) => Math.abs(p.value)), ...x.targets.map((t) => Math.abs(t.value))), x.unit, x.indicator);
    return {
      label: `${x.name ?? x.indicator}（${MEASURE_LABELS[x.measure]}）`,
      unit: scale.label,
      points: x.points.map((p) => ({
        year: p.year,
        shown: Number(scaledNumber(p.value, scale)),
        display: displayValue(p.value, x.unit, x.indicator).text,
        estimate: p.status === 'estimate',
        href: `/doc/${p.documentId}#fact-${p.factId}`,
      })),
      targets: x.targets.map((t) => ({
        year: t.year,
        shown: Number(scaledNumber(t.value, scale)),
        display: displayValue(t.value, x.unit, x.indicator).text,
        href: `/doc/${t.documentId}#fact-${t.factId}`,
      })),
    };
  });

  return page(
    { title: r.name, nav: 'region', charts: series.length > 0, viewer },
    h`<nav class="crumbs">${crumbs.map((a) => h`<a href="/region/${a.code}">${a.name}</a> › `)}<span>${r.name}</span></nav>
<h1>${r.name} <small>${r.code} · ${LEVEL_LABELS[r.level]}</small></h1>
<p class="meta">${s.factCount} 条实际/预计数据 · ${s.documents.length} 篇文件${r.parent ? h` · <a href="/compare?peers_of=${r.code}">与同级地区对比</a>` : ''}</p>

<section>
  <h2>主要指标</h2>
  ${s.headlines.length
    ? h`<div class="scroll"><table class="grid headline"><thead><tr><th>指标</th><th>时期</th><th>总量</th><th>增速</th><th>文件所述排名</th></tr></thead><tbody>${headlines}</tbody></table></div>
       <p class="note">每项取最佳可得值：已审核 ＞ 实际 ＞ 预计（标“预计”）。“某市第2/5”为库中有同期数据的同级地区内的名次，实际数与预计数一并排名；最新年份只有增速时，总量列给出最近一年的总量及其年份。点击数字查看原文出处。</p>
       ${downloadLinks(`/download/region/${r.code}`, 'table=headline')}`
    : h`<p class="empty">库中尚无该地区的实际数据。</p>`}
</section>

<section id="targets">
  <h2>目标与完成情况</h2>
  ${s.targets.length
    ? h`${outcomeFilter(s.targetCounts, s.targets.length)}
       ${targetsTable(s.targets, nameOf, false)}
       ${downloadLinks(`/download/region/${r.code}`, 'table=targets')}`
    : h`<p class="empty">库中没有该地区的目标数据。</p>`}
</section>

${series.length
  ? h`<section>
  <h2>历年走势</h2>
  <label>指标 <select id="series-pick">${series.map((x, i) => h`<option value="${i}">${x.label}</option>`)}</select></label>
  <div id="series-chart" class="chart"></div>
  <p class="note">横轴为连续年份，缺数据的年份留空；空心点为预计数，菱形为当年目标。</p>
  ${jsonScript('series-data', series)}
  ${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.seriesChart()})</script>')}
</section>`
  : ''}

${s.children.length
  ? h`<section>
  <h2>下辖地区</h2>
  <ul class="chips">${s.children.map((c) => h`<li><a href="/region/${c.code}">${c.name}</a>${c.factCount ? h` <small>${c.factCount}</small>` : ''}</li>`)}</ul>
</section>`
  : ''}

<section>
  <h2>文件</h2>
  ${s.documents.length
    ? h`<div class="scroll"><table class="grid docs"><thead><tr><th>文件</th><th>年份</th><th>类型</th><th>指标数</th></tr></thead><tbody>
      ${s.documents.map((d) => h`<tr><td>${documentName(d)}</td><td>${d.year ?? ''}</td><td>${KIND_LABELS[d.kind]}</td><td class="n">${d.factCount}</td></tr>`)}
      </tbody></table></div>`
    : h`<p class="empty">库中没有以该地区为主题的文件。</p>`}
</section>`,
  );
}
