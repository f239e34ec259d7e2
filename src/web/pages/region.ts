/**
 * Region page: headline indicators (latest level and growth, rank among the
 * regions of the same parent in the database, ranks the documents state),
 * targets against outcomes, time series, sub-regions and documents. Every
 * number links to its source sentence.
 */
import { h, jsonScript, raw, type SafeHtml } from '../html.js';
import { displayScale, displayValue, KIND_LABELS, LEVEL_LABELS, MEASURE_LABELS, OUTCOME_LABELS, scaledNumber } from '../format.js';
import { periodLabel } from '../../store/periods.js';
import type { TargetOutcome } from '../../store/types.js';
import type { HeadlineValue, RegionSummary } from '../../server/queries.js';
import { factLink, page, type PageViewer } from './layout.js';


function value(v: HeadlineValue | null): SafeHtml {
  if (!v) return h`<span class="none">—</span>`;
  const est = v.fact.status === 'estimate' ? h`<small class="tag">预计</small>` : '';
  return h`${factLink(v.fact)}${est}`;
}

function rank(v: HeadlineValue | null, code: string, indicator: string): SafeHtml {
  if (!v?.rank) return h``;
  return h`<a class="rank" href="/compare?peers_of=${code}&amp;indicator=${indicator}&amp;measure=${v.fact.measure}&amp;period=${encodeURIComponent(v.fact.period)}&amp;status=${v.fact.status}" title="在${v.rank.within.name}库内有数据的地区中的名次">${v.rank.within.name}第${v.rank.rank}/${v.rank.of}</a>`;
}

function gapText(t: TargetOutcome): string {
  if (t.gap === null) return '';
  if (t.target.unit === '%' || t.target.unit === 'pp') {
    const g = t.gap;
    return `${g >= 0 ? '+' : ''}${Number(g.toFixed(2))}个百分点`;
  }
  if (t.gapPp !== null) return `${t.gapPp >= 0 ? '+' : ''}${Number(t.gapPp.toFixed(1))}%`;
  return `${t.gap >= 0 ? '+' : ''}${displayValue(t.gap, t.target.unit, t.target.indicator).text}`;
}

export function regionPage(s: RegionSummary, nameOf: (id: string) => string | undefined, viewer: PageViewer | null = null): string {
  const r = s.region;
  const crumbs = [...s.ancestors].reverse();
  const headlines = s.headlines.map(
    (x) => h`<tr>
      <th scope="row"><a href="/compare?peers_of=${r.code}&amp;indicator=${x.indicator}">${x.name ?? x.indicator}</a></th>
      <td>${periodLabel(x.period)}</td>
      <td class="n">${value(x.level)} ${rank(x.level, r.code, x.indicator)}</td>
      <td class="n">${value(x.growth)} ${rank(x.growth, r.code, x.indicator)}</td>
      <td>${x.statedRanks.map((f) => h`${factLink(f)} `)}</td>
    </tr>`,
  );
  const targets = s.targets.map(
    (t) => h`<tr class="outcome-${t.outcome}">
      <th scope="row">${nameOf(t.target.indicator) ?? t.target.indicator}</th>
      <td>${periodLabel(t.target.period)}</td>
      <td>${MEASURE_LABELS[t.target.measure]}</td>
      <td class="n">${factLink(t.target)}</td>
      <td class="n">${t.actual ? h`${factLink(t.actual)}${t.actual.status === 'estimate' ? h`<small class="tag">预计</small>` : ''}` : h`<span class="none">尚无数据</span>`}</td>
      <td><span class="badge ${t.outcome}" title="${t.rule}">${OUTCOME_LABELS[t.outcome]}</span></td>
      <td class="n">${gapText(t)}</td>
    </tr>`,
  );
  // one display scale per series (its largest value decides: 亿元 or 万元)
  const series = s.series.map((x) => {
    const scale = displayScale(Math.max(...x.points.map((p) => Math.abs(p.value))), x.unit, x.indicator);
    return {
      label: `${x.name ?? x.indicator}（${MEASURE_LABELS[x.measure]}）`,
      unit: scale.label,
      points: x.points.map((p) => ({
        year: p.year,
        shown: Number(scaledNumber(p.value, scale)),
        display: displayValue(p.value, x.unit, x.indicator).text,
        href: `/doc/${p.documentId}#fact-${p.factId}`,
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
    ? h`<table class="grid headline"><thead><tr><th>指标</th><th>时期</th><th>总量</th><th>增速</th><th>文件所述排名</th></tr></thead><tbody>${headlines}</tbody></table>
       <p class="note">“某市第2/5”为库中有同期数据的同级地区内的名次；点击数字查看原文出处。</p>`
    : h`<p class="empty">库中尚无该地区的实际数据。</p>`}
</section>

<section>
  <h2>目标与完成情况</h2>
  ${s.targets.length
    ? h`<table class="grid targets"><thead><tr><th>指标</th><th>时期</th><th>口径</th><th>目标</th><th>实际</th><th>结果</th><th>差距</th></tr></thead><tbody>${targets}</tbody></table>
       <p class="note">“以上/不低于”目标在实际值不低于目标时达成；“左右”允许百分比指标低 0.5 个百分点、总量指标低 1%；失业率、CPI、PM2.5 及排名以低为好。</p>`
    : h`<p class="empty">库中没有该地区的目标数据。</p>`}
</section>

${series.length
  ? h`<section>
  <h2>历年走势</h2>
  <label>指标 <select id="series-pick">${series.map((x, i) => h`<option value="${i}">${x.label}</option>`)}</select></label>
  <div id="series-chart" class="chart"></div>
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
    ? h`<table class="grid"><thead><tr><th>文件</th><th>年份</th><th>类型</th><th>指标数</th></tr></thead><tbody>
      ${s.documents.map((d) => h`<tr><td><a href="/doc/${d.id}">${d.title ?? d.path}</a></td><td>${d.year ?? ''}</td><td>${KIND_LABELS[d.kind]}</td><td class="n">${d.factCount}</td></tr>`)}
      </tbody></table>`
    : h`<p class="empty">库中没有以该地区为主题的文件。</p>`}
</section>`,
  );
}
