/**
 * Document page: the decoded text with every fact highlighted (colour by
 * indicator), a side list of the facts with their review state, hover
 * details, and `#fact-ID` anchors that scroll to and mark a fact's span and
 * sentence.
 *
 * For a reviewer: accept / correct / reject each fact in place, and add a
 * fact the extractor missed by selecting its words in the text (the span is
 * counted in code points of the text shown, which is the decoded text).
 */
import { h, jsonScript, raw } from '../html.js';
import { displayFact, displayScale, KIND_LABELS, MEASURE_LABELS, STATUS_LABELS } from '../format.js';
import { CodePointText, highlightRuns, indicatorHue, sentenceAround } from '../highlight.js';
import { periodLabel } from '../../store/periods.js';
import { indicatorCatalog } from '../../store/catalog.js';
import { BOUNDS, MEASURES, SCOPES, STATUSES, UNITS } from '../../store/vocab.js';
import type { DocumentDetail, FactReviewState, ReviewState } from '../../store/types.js';
import { page, type PageViewer } from './layout.js';

export type IndicatorNamer = (id: string) => string | undefined;

export const REVIEW_LABELS: Record<FactReviewState | ReviewState, string> = {
  unreviewed: '未审核',
  accepted: '已接受',
  corrected: '已更正',
  rejected: '已驳回',
  added: '手工添加',
  orphaned: '无法定位',
};

export function documentPage(doc: DocumentDetail, nameOf: IndicatorNamer, viewer: PageViewer | null = null): string {
  const text = new CodePointText(doc.text);
  const byId = new Map(doc.facts.map((f) => [f.id, f]));
  const runs = highlightRuns(text, doc.facts.map((f) => ({ id: f.id, span: f.span })));
  const reviewer = viewer !== null && (viewer.role === 'reviewer' || viewer.role === 'admin');
  const reviewsById = new Map(doc.reviews.map((r) => [r.id, r]));

  const body = runs.map((r) => {
    const anchors = r.starts.map((id) => h`<span class="anchor" id="fact-${id}"></span>`);
    if (r.facts.length === 0) return h`${anchors}${r.text}`;
    const listed = r.facts.map((id) => byId.get(id)!);
    const first = listed[0]!;
    const tip = listed
      .map((f) => `${nameOf(f.indicator) ?? f.indicator} ${displayFact(f)}（${periodLabel(f.period)}，${STATUS_LABELS[f.status]}，${REVIEW_LABELS[f.reviewState]}）`)
      .join('\n');
    const allRejected = listed.every((f) => f.reviewState === 'rejected');
    return h`${anchors}<mark class="fact${allRejected ? ' rejected' : ''}" style="--hue:${indicatorHue(first.indicator)}" data-facts="${r.facts.join(' ')}" data-states="${[...new Set(listed.map((f) => f.reviewState))].join(' ')}" title="${tip}">${r.text}</mark>`;
  });

  const facts = doc.facts.map((f) => {
    const [s, e] = sentenceAround(text, f.span);
    const review = f.reviewId !== null ? reviewsById.get(f.reviewId) : undefined;
    return {
      id: f.id,
      indicator: f.indicator,
      name: nameOf(f.indicator) ?? f.indicator,
      display: displayFact(f),
      measure: MEASURE_LABELS[f.measure],
      period: periodLabel(f.period),
      status: STATUS_LABELS[f.status],
      region: f.region.name,
      quote: f.quote,
      rule: f.rule,
      state: f.reviewState,
      stateLabel: REVIEW_LABELS[f.reviewState],
      review: review ? { by: review.by, at: review.at, note: review.note, extracted: review.extracted } : null,
      // what the correction form starts from: the values as listed, in base units
      fields: {
        indicator: f.indicator,
        measure: f.measure,
        value: f.value,
        value_max: f.valueMax,
        unit: f.unit,
        scope: f.scope,
        period: f.period,
        status: f.status,
        bound: f.bound,
        region: f.region.code,
      },
      sentence: { before: text.slice(s, f.span[0]), quote: text.slice(f.span[0], f.span[1]), after: text.slice(f.span[1], e) },
      // the unit the page shows the value in (亿元, 万人): the correction form is filled in it
      scale: displayScale(Math.abs(f.value), f.unit, f.indicator),
    };
  });

  const counts = new Map<string, number>();
  for (const f of doc.facts) counts.set(f.reviewState, (counts.get(f.reviewState) ?? 0) + 1);
  const filters = h`<div class="review-filter" role="group" aria-label="按审核状态筛选">
    <button type="button" data-filter="" class="active">全部 ${doc.facts.length}</button>
    ${(['unreviewed', 'accepted', 'corrected', 'rejected', 'added'] as const)
      .filter((s) => counts.has(s))
      .map((s) => h`<button type="button" data-filter="${s}">${REVIEW_LABELS[s]} ${counts.get(s) ?? 0}</button>`)}
  </div>`;

  const list = doc.facts.map((f) => {
    const review = f.reviewId !== null ? reviewsById.get(f.reviewId) : undefined;
    const x = review?.state === 'corrected' ? review.extracted : null;
    const was =
      x && x.value !== undefined && x.unit && x.measure
        ? h`<small class="was">原抽取：${displayFact({ indicator: x.indicator ?? f.indicator, measure: x.measure, value: x.value, valueMax: x.valueMax ?? null, unit: x.unit, bound: x.bound ?? '=' })}</small>`
        : '';
    return h`<li data-fact="${f.id}" data-state="${f.reviewState}" class="state-${f.reviewState}"><a href="#fact-${f.id}" data-goto="${f.id}" style="--hue:${indicatorHue(f.indicator)}">
      <span class="swatch"></span><b>${nameOf(f.indicator) ?? f.indicator}</b>
      <span class="val">${displayFact(f)}</span>
      <small>${f.region.name} · ${periodLabel(f.period)} · ${STATUS_LABELS[f.status]}</small>
      <span class="badge review ${f.reviewState}">${REVIEW_LABELS[f.reviewState]}</span>${was}</a>
      ${reviewer
        ? h`<span class="review-actions">
        <button type="button" data-action="accept" data-id="${f.id}" title="接受">接受</button>
        <button type="button" data-action="correct" data-id="${f.id}" title="更正">更正</button>
        <button type="button" data-action="reject" data-id="${f.id}" title="驳回">驳回</button>
      </span>`
        : ''}</li>`;
  });

  const orphans = doc.reviews.filter((r) => r.state === 'orphaned');
  const orphanList = orphans.length
    ? h`<section class="orphans"><h2>无法定位的审核（${orphans.length}）</h2>
    <p class="note">重新抽取后，这些审核所指的指标在原位置已不存在，请重新审核。</p>
    <ul>${orphans.map(
      (r) => h`<li data-review="${r.id}"><b>${nameOf(r.indicator) ?? r.indicator}</b> “${r.quote}” · ${REVIEW_LABELS[r.decision]} · ${r.by} · ${r.at.slice(0, 10)}${r.note ? h` · ${r.note}` : ''}</li>`,
    )}</ul></section>`
    : '';

  const form = reviewer ? reviewDialog() : '';

  return page(
    { title: doc.title ?? doc.path, nav: 'document', viewer },
    h`<section class="doc-head">
  <h1>${doc.title ?? doc.path}</h1>
  <p class="source-line">${doc.sourceUrl ? h`原文：<a class="source" id="source-url" href="${doc.sourceUrl}" rel="noopener noreferrer" target="_blank">${doc.sourceUrl}</a>` : h`<span class="none">原文地址未知（导入时可用 --source-url 或清单 CSV 给出）</span>`}</p>
  <p class="meta">
    ${doc.region ? h`<a href="/region/${doc.region.code}">${doc.region.name}</a> · ` : ''}${doc.year ?? '年份不详'}年 · ${KIND_LABELS[doc.kind]} ·
    ${doc.chars.toLocaleString('en-US')} 字 · ${doc.facts.length} 条指标 · <code>${doc.path}</code> · 编码 ${doc.encoding} · 抽取器 ${doc.extractorVersion}
  </p>
  ${reviewer ? h`<p class="note">审核：在右侧列表中接受、更正或驳回；在正文中选中文字可添加漏抽的指标。</p>` : ''}
</section>
<div id="focus" class="focus-banner" hidden>
  <div class="focus-fact"></div>
  <blockquote class="focus-sentence"></blockquote>
</div>
<div class="doc-layout">
  <article class="doc-text" id="doc-text">${body}</article>
  <aside class="fact-list">
    <h2>抽取的指标（${doc.facts.length}）</h2>
    ${filters}
    ${doc.facts.length ? h`<ol>${list}</ol>` : h`<p class="empty">此文件未抽取到指标。</p>`}
    ${orphanList}
  </aside>
</div>
<div id="tip" class="tip" hidden></div>
${reviewer ? h`<button type="button" id="add-fact" class="add-fact" hidden>添加指标</button>` : ''}
${form}
${jsonScript('doc-facts', facts)}
${jsonScript('doc-info', {
  id: doc.id,
  region: doc.region?.code ?? null,
  year: doc.year,
  reviewer,
  indicators: reviewer ? [...indicatorCatalog().values()].map((i) => ({ id: i.id, name: i.name })) : [],
})}
${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.documentPage()})</script>')}`,
  );
}

/** The form for a correction or an added fact (values in the unit shown, converted to base units on save). */
function reviewDialog(): ReturnType<typeof h> {
  const opts = (values: readonly string[], labels?: Record<string, string>) =>
    values.map((v) => h`<option value="${v}">${labels?.[v] ? `${v} ${labels[v]}` : v}</option>`);
  const indicators = [...indicatorCatalog().values()].map((i) => h`<option value="${i.id}">${i.name}（${i.id}）</option>`);
  return h`<dialog id="review-dialog" class="review-dialog">
  <form method="dialog" id="review-form">
    <h2 class="dialog-title"></h2>
    <p class="dialog-quote"></p>
    <div class="grid-form">
      <label>指标 <select name="indicator">${indicators}</select></label>
      <label>口径 <select name="measure">${opts(MEASURES, MEASURE_LABELS)}</select></label>
      <label>数值 <input name="value" type="number" step="any" required></label>
      <label>显示单位（保存时换算为基本单位） <select name="scale"></select></label>
      <label>上限（区间） <input name="value_max" type="number" step="any"></label>
      <label>单位（基本单位） <select name="unit">${opts(UNITS)}</select></label>
      <label>时期 <input name="period" required pattern="\\d{4}(-\\d{2}/\\d{4}-\\d{2}|/\\d{4})?" placeholder="2023"></label>
      <label>状态 <select name="status">${opts(STATUSES, STATUS_LABELS)}</select></label>
      <label>界限 <select name="bound">${opts(BOUNDS)}</select></label>
      <label>排名范围 <select name="scope"><option value="">—</option>${opts(SCOPES)}</select></label>
      <label>地区代码 <input name="region" pattern="\\d{6}" placeholder="431125"></label>
    </div>
    <label class="wide">说明 <input name="note" maxlength="1000" placeholder="依据或理由"></label>
    <p class="dialog-error" role="alert" hidden></p>
    <div class="dialog-buttons">
      <button type="button" value="cancel" data-close>取消</button>
      <button type="submit" value="save" class="primary">保存</button>
    </div>
  </form>
</dialog>`;
}
