/**
 * Overview: what the database holds, and a county map of a province shaded by
 * a chosen indicator (regions without a value are drawn as "无数据", never as 0).
 */
import { h, jsonScript, raw } from '../html.js';
import { count, KIND_LABELS } from '../format.js';
import type { DocumentSummary, StoreStats } from '../../store/types.js';
import type { CompareResult, IndicatorEntry } from '../../server/queries.js';
import { MAPS, type MapLevel, type ProvinceMap } from '../maps/index.js';
import type { RegionRow } from '../../store/types.js';
import { LEVEL_LABELS } from '../format.js';
import { page, type PageViewer } from './layout.js';
import { chartPoints, sliceSelectors } from './compare.js';
import { documentName } from './region.js';

export interface OverviewModel {
  stats: StoreStats;
  indicators: IndicatorEntry[];
  documents: DocumentSummary[];
  map: { info: ProvinceMap; level: MapLevel; result: CompareResult | undefined; indicators: IndicatorEntry[]; units: number; province: RegionRow | null } | null;
}

export function overviewPage(m: OverviewModel, viewer: PageViewer | null = null): string {
  const s = m.stats;
  const years = s.years.filter((y) => y.documents > 0).map((y) => y.year);
  const span = years.length ? (years.length > 1 ? `${years[0]}—${years[years.length - 1]}年` : `${years[0]}年`) : '—';

  let mapSection = h``;
  if (m.map) {
    const { info, result, level, province } = m.map;
    const rows = result?.rows ?? [];
    const { scale, points: data } = chartPoints(result, (r) => `/region/${r.region.code}`);
    const levelName = `${LEVEL_LABELS[level]}地区`;
    const drill = MAPS.map((x) => x.province);
    mapSection = h`<section class="map-section">
  <h2>${province ? h`<a href="/">全国</a> › ${province.name}${levelName}地图` : '全国省级地图'}</h2>
  <form class="selectors" method="get" action="/">
    ${province ? h`<input type="hidden" name="province" value="${province.code}">
    <label>层级 <select name="map_level">${raw(
      (['county', 'prefecture'] as const).map((l) => `<option value="${l}"${l === level ? ' selected' : ''}>${LEVEL_LABELS[l]}</option>`).join(''),
    )}</select></label>` : ''}
    ${sliceSelectors(result, m.map.indicators, result?.indicator.id)}
    <button type="submit">更新地图</button>
  </form>
  <p class="meta" id="map-meta">${result ? `${result.indicator.name ?? result.indicator.id}` : `暂无可绘制的${levelName}数据`}${scale?.label ? `（单位：${scale.label}）` : ''} · 地图上${m.map.units}个${levelName}中 ${rows.length} 个有数据，灰色为库中无数据的地区。${province ? '' : '点击省份查看其地级、县级地图。'}</p>
  <div id="map" class="map" data-map="/static/maps/${info.file.replace('provinces/', '')}" data-level="${level}" data-drill="${province ? '' : drill.join(',')}"></div>
  ${jsonScript('map-data', { name: info.province, level, unit: scale?.label ?? '', rows: data })}
  ${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.provinceMap()})</script>')}
  <p class="note">边界：${info.source}；更名、撤并的地区按数据文件映射到现行代码（见 src/web/maps/README.md）。</p>
</section>`;
  }

  return page(
    { title: '概览', nav: 'overview', charts: m.map !== null, viewer },
    h`<h1>数据概览</h1>
<ul class="cards">
  <li><b>${count(s.documents)}</b>篇文件</li>
  <li><b>${count(s.facts)}</b>条指标数据</li>
  <li><b>${count(s.regionsWithFacts)}</b>个地区</li>
  <li><b>${count(s.indicators)}</b>项指标</li>
  <li><b>${span}</b>年份</li>
</ul>
${s.documents === 0 ? h`<p class="empty">数据库是空的：运行 <code>zhibiao ingest 文件或文件夹</code> 导入文件。</p>` : ''}
${mapSection}
<div class="two-col">
<section>
  <h2>省份</h2>
  ${s.provinces.length
    ? h`<table class="grid"><thead><tr><th>省份</th><th>文件</th><th>指标数据</th></tr></thead><tbody>
    ${s.provinces.map((p) => h`<tr><td><a href="/region/${p.code}">${p.name}</a></td><td class="n">${p.documents}</td><td class="n">${count(p.facts)}</td></tr>`)}
    </tbody></table>`
    : h`<p class="empty">—</p>`}
  <h2>文件类型</h2>
  <ul class="chips">${s.kinds.map((k) => h`<li>${KIND_LABELS[k.kind]} <small>${k.documents}</small></li>`)}</ul>
</section>
<section>
  <h2>指标</h2>
  <table class="grid"><thead><tr><th>指标</th><th>数据</th><th>地区</th></tr></thead><tbody>
  ${m.indicators.map((i) => h`<tr><td><a href="/compare?indicator=${i.id}">${i.name ?? i.id}</a> <small>${i.id}</small></td><td class="n">${count(i.facts)}</td><td class="n">${i.regions}</td></tr>`)}
  </tbody></table>
</section>
</div>
<section>
  <h2>文件</h2>
  <table class="grid"><thead><tr><th>文件</th><th>地区</th><th>年份</th><th>类型</th><th>指标数</th></tr></thead><tbody>
  ${m.documents.map(
    (d) => h`<tr><td>${documentName(d)}</td><td>${d.region ? h`<a href="/region/${d.region.code}">${d.region.name}</a>` : '—'}</td><td>${d.year ?? ''}</td><td>${KIND_LABELS[d.kind]}</td><td class="n">${d.factCount}</td></tr>`,
  )}
  </tbody></table>
</section>`,
  );
}
