/**
 * Analysis pages: target escalation (a tree with each unit's target, its gap
 * to the level above, the outcome; a province map shaded by the escalation),
 * a county scorecard, the policy glossary and a page per term. Every number
 * links to its sentence.
 */
import { h, jsonScript, raw, type SafeHtml } from '../html.js';
import { displayFact, OUTCOME_LABELS } from '../format.js';
import type { Escalation, EscalationNode } from '../../store/escalation.js';
import { flatten } from '../../store/escalation.js';
import type { Scorecard } from '../../store/scorecard.js';
import type { StoredGlossaryEntry, TermPage } from '../../glossary/store.js';
import type { ProvinceMap } from '../maps/index.js';
import { factLink, options, page, type PageViewer } from './layout.js';
import { downloadLinks } from './compare.js';
import { pp, STATE_LABELS } from '../analysis-sheets.js';

export interface EscalationModel {
  escalation: Escalation | null;
  indicator: string;
  indicatorLabel: string;
  year: number;
  region: { code: string; name: string } | null;
  /** The province map to shade, when the chain's root lies in a province with a map. */
  map: { info: ProvinceMap; codes: ReadonlySet<string> } | null;
  query: string;
  indicators: readonly { id: string; name: string | undefined }[];
}

function stateBadge(n: EscalationNode): SafeHtml {
  return h`<span class="badge state-${n.state}" data-state="${n.state}">${STATE_LABELS[n.state]}</span>`;
}

function nodeRow(n: EscalationNode): SafeHtml {
  const gap = n.gapToParentPp;
  return h`<tr data-code="${n.region.code}" data-depth="${n.depth}" data-state="${n.state}" class="depth-${n.depth}">
<td style="padding-left:${0.4 + n.depth * 1.4}em"><a href="/region/${n.region.code}">${n.region.name}</a></td>
<td>${n.target ? h`${factLink(n.target)}${n.otherTargets ? h` <small title="库中另有${n.otherTargets}个不同目标值">+${n.otherTargets}</small>` : ''}` : h`${stateBadge(n)}`}</td>
<td class="n gap ${gap === null ? '' : gap > 0 ? 'up' : gap < 0 ? 'down' : 'same'}">${gap === null ? '' : pp(gap)}${n.comparedWith && n.comparedWith.code !== n.parent ? h` <small>（较${n.comparedWith.name}）</small>` : ''}</td>
<td>${n.actual ? h`${factLink(n.actual)}${n.actual.status === 'estimate' ? h` <small class="badge est">预计</small>` : ''}` : '—'}</td>
<td>${n.outcome ? h`<span class="outcome-${n.outcome}">${OUTCOME_LABELS[n.outcome]}</span>` : ''}</td>
<td class="note">${n.note}${n.absent ? h` · <a href="/doc/${n.absent.documentId}" title="${n.absent.quote}">目标列表原文</a>` : ''}${n.meanChildEscalationPp !== null ? h` · 下级平均加码 ${pp(n.meanChildEscalationPp)}` : ''}</td>
</tr>`;
}

export function escalationPage(m: EscalationModel, viewer: PageViewer | null = null): string {
  const title = `${m.region?.name ?? '各省'}${m.year}年${m.indicatorLabel}目标层层分解`;
  const nodes = m.escalation ? flatten(m.escalation) : [];
  const counts = { set: 0, not_set: 0, no_data: 0 };
  for (const n of nodes) counts[n.state]++;
  let mapSection = h``;
  if (m.map && nodes.length) {
    // each county (or prefecture) shaded by its target's gap to the level above
    const rows = nodes
      .filter((n) => n.gapToParentPp !== null && m.map!.codes.has(n.region.code))
      .map((n) => ({ code: n.region.code, name: n.region.name, shown: n.gapToParentPp!, display: `较${n.comparedWith?.name ?? '上级'} ${pp(n.gapToParentPp)}（目标 ${displayFact(n.target!)}）`, href: `/region/${n.region.code}` }));
    mapSection = h`<section class="map-section">
<h2>${m.map.info.name}：各县（市、区）目标较上级加码（百分点）</h2>
<p class="meta">${rows.length} 个地区有可比目标；灰色为无目标或无资料。地级市按其下属县的平均加码见表中“下级平均加码”。</p>
<div id="map" class="map" data-map="/static/maps/${m.map.info.file.replace('provinces/', '')}" data-level="county" data-drill=""></div>
${jsonScript('map-data', { name: m.map.info.province, level: 'county', unit: 'pp', rows })}
${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.provinceMap()})</script>')}
</section>`;
  }
  return page(
    { title, nav: 'targets', viewer, charts: m.map !== null && nodes.length > 0 },
    h`<h1>${title}</h1>
<form class="selectors" method="get" action="/escalation">
  <label>指标 <select name="indicator">${options(m.indicators.map((i) => ({ value: i.id, label: i.name ?? i.id })), m.indicator)}</select></label>
  <label>年份 <input name="year" value="${m.year}" size="5" pattern="\\d{4}"></label>
  <label>地区 <input name="region" value="${m.region?.code ?? ''}" placeholder="如 河北省" size="12"></label>
  <button type="submit">查看</button>
</form>
<p class="meta" id="escalation-counts">${nodes.length} 个地区：已设目标 ${counts.set} · 未设目标 ${counts.not_set}（报告的主要预期目标未列此项） · 无资料 ${counts.no_data}（未收录报告或未找到目标部分）</p>
${nodes.length
  ? h`<table class="grid escalation" id="escalation"><thead><tr><th>地区</th><th>目标</th><th>较上级</th><th>实际</th><th>结果</th><th>说明</th></tr></thead><tbody>
${nodes.map(nodeRow)}
</tbody></table>
${downloadLinks('/download/escalation', m.query)}
${mapSection}`
  : h`<p class="empty">库中没有${m.year}年${m.indicatorLabel}的目标。</p>`}
<p class="note">目标取当年的年度目标（不含五年规划年均目标）；较上级 = 本级目标 − 最近一个有目标的上级的目标（均取下限，仅限百分比目标）。“未设目标”：该地区当年报告列出了主要预期目标，但未列此项；“无资料”：未收录设定当年目标的报告，或报告中未找到主要预期目标。</p>`,
  );
}

export interface ScorecardModel {
  card: Scorecard | null;
  region: { code: string; name: string } | null;
  year: number;
  query: string;
}

export function scorecardPage(m: ScorecardModel, viewer: PageViewer | null = null): string {
  const title = m.region ? `${m.region.name}${m.year}年综合排名` : '综合排名';
  const c = m.card;
  return page(
    { title, nav: 'targets', viewer },
    h`<h1>${title}</h1>
<form class="selectors" method="get" action="/scorecard">
  <label>地区 <input name="region" value="${m.region?.code ?? ''}" placeholder="地级市或省，如 保定市" size="12"></label>
  <label>年份 <input name="year" value="${m.year}" size="5"></label>
  <button type="submit">查看</button>
</form>
${c
  ? h`<p class="meta">权重：${c.inputs.map((w) => `${w.label ?? w.indicator} ${w.weight}${w.direction === 'lower' ? '（越低越好）' : ''}`).join(' · ')}。每项按名次打分（第一名100，最后一名0），综合得分为有数据各项的加权平均；有数据的权重不足一半者不排名（资料不足）。</p>
<div class="scroll"><table class="grid scorecard" id="scorecard"><thead><tr><th>名次</th><th>地区</th><th>综合得分</th><th>覆盖</th>${c.inputs.map((w) => h`<th>${w.label ?? w.indicator}</th>`)}</tr></thead><tbody>
${c.rows.map(
  (r) => h`<tr data-code="${r.region.code}"><td class="n">${r.rank ?? '—'}</td><td><a href="/region/${r.region.code}">${r.region.name}</a></td><td class="n">${r.composite ?? h`<small>资料不足</small>`}</td><td class="n">${Math.round(r.coverage * 100)}%</td>
${r.cells.map((cell) =>
  cell.value === null
    ? h`<td class="n">—</td>`
    : h`<td class="n">${cell.documentId !== null ? h`<a class="num" href="/doc/${cell.documentId}#fact-${cell.factId}" title="${cell.quote ?? ''}">${cell.value}${cell.unit === '%' ? '%' : ''}</a>` : h`${cell.value}%`}${cell.status === 'estimate' ? h` <small class="badge est">预计</small>` : ''}${cell.status === 'derived' ? h` <small>${cell.met}/${cell.judged}</small>` : ''} <small class="rank">#${cell.rank}</small></td>`,
)}</tr>`,
)}
</tbody></table></div>
${downloadLinks('/download/scorecard', m.query)}
<p class="note">权重文件（JSON 或 YAML）可在命令行使用：<code>zhibiao scorecard --region ${m.region?.name ?? '保定市'} --year ${m.year} --weights w.yaml</code>；默认权重见 <code>zhibiao scorecard --show-weights</code>。</p>`
  : h`<p class="empty">请输入一个地级市（排列其县）或省（排列其地级市）。</p>`}`,
  );
}

export function glossaryPage(q: string, entries: readonly StoredGlossaryEntry[], viewer: PageViewer | null = null): string {
  const terms = new Map<string, StoredGlossaryEntry[]>();
  for (const e of entries) terms.set(e.term, [...(terms.get(e.term) ?? []), e]);
  return page(
    { title: '政策名词', nav: 'search', viewer },
    h`<h1>政策名词</h1>
<form class="selectors" method="get" action="/glossary">
  <label>检索 <input name="q" value="${q}" placeholder="如 双千工程" size="20"></label>
  <button type="submit">检索</button>
</form>
<p class="meta" id="glossary-count">${terms.size} 个名词，${entries.length} 条释义（取自工作报告的名词解释、注释〔1〕[1] 与正文“……”是指/即……）</p>
${entries.length
  ? h`<table class="grid glossary" id="glossary"><thead><tr><th>名词</th><th>释义</th><th>地区</th><th>年份</th><th>出处</th></tr></thead><tbody>
${entries.map(
  (e) => h`<tr><td><a href="/glossary/term/${encodeURIComponent(e.term)}">${e.term}</a></td><td>${e.definition}</td><td>${e.region ? h`<a href="/region/${e.region.code}">${e.region.name}</a>` : '—'}</td><td>${e.year ?? ''}</td><td><a href="/doc/${e.documentId}" title="${e.title ?? e.doc}">${e.marker ?? '正文'}</a></td></tr>`,
)}
</tbody></table>`
  : h`<p class="empty">没有找到${q ? `“${q}”` : ''}相关的名词。</p>`}`,
  );
}

export function termDetailPage(t: TermPage, viewer: PageViewer | null = null): string {
  return page(
    { title: `${t.term} · 政策名词`, nav: 'search', viewer },
    h`<h1><a href="/glossary">政策名词</a> › ${t.term}</h1>
<section><h2>释义（${t.definitions.length}）</h2>
${t.definitions.length
  ? h`<dl class="definitions">${t.definitions.map((d) => h`<dt>${d.region?.name ?? ''} ${d.year ?? ''} · <a href="/doc/${d.documentId}">${d.title ?? d.doc}</a> ${d.marker ?? ''}</dt><dd>${d.definition}</dd>`)}</dl>`
  : h`<p class="empty">库中没有这一名词的释义。</p>`}
</section>
<section><h2>使用这一名词的文件（${t.uses.length}）</h2>
${t.uses.length
  ? h`<table class="grid" id="term-uses"><thead><tr><th>文件</th><th>地区</th><th>年份</th><th>次数</th></tr></thead><tbody>
${t.uses.map((u) => h`<tr><td><a href="/doc/${u.documentId}">${u.title ?? u.doc}</a></td><td>${u.region?.name ?? '—'}</td><td>${u.year ?? ''}</td><td class="n">${u.count}</td></tr>`)}
</tbody></table>`
  : h`<p class="empty">—</p>`}
</section>`,
  );
}
