/**
 * Document page: the decoded text with every extracted fact highlighted
 * (colour by indicator), a side list of the facts, hover details, and
 * `#fact-ID` anchors that scroll to and mark a fact's span and sentence.
 */
import { h, jsonScript, raw } from '../html.js';
import { displayFact, KIND_LABELS, MEASURE_LABELS, STATUS_LABELS } from '../format.js';
import { CodePointText, highlightRuns, indicatorHue, sentenceAround } from '../highlight.js';
import { periodLabel } from '../../store/periods.js';
import type { DocumentDetail } from '../../store/types.js';
import { page } from './layout.js';

export type IndicatorNamer = (id: string) => string | undefined;

export function documentPage(doc: DocumentDetail, nameOf: IndicatorNamer): string {
  const text = new CodePointText(doc.text);
  const byId = new Map(doc.facts.map((f) => [f.id, f]));
  const runs = highlightRuns(text, doc.facts.map((f) => ({ id: f.id, span: f.span })));

  const body = runs.map((r) => {
    const anchors = r.starts.map((id) => h`<span class="anchor" id="fact-${id}"></span>`);
    if (r.facts.length === 0) return h`${anchors}${r.text}`;
    const first = byId.get(r.facts[0]!)!;
    const tip = r.facts
      .map((id) => byId.get(id)!)
      .map((f) => `${nameOf(f.indicator) ?? f.indicator} ${displayFact(f)}（${periodLabel(f.period)}，${STATUS_LABELS[f.status]}）`)
      .join('\n');
    return h`${anchors}<mark class="fact" style="--hue:${indicatorHue(first.indicator)}" data-facts="${r.facts.join(' ')}" title="${tip}">${r.text}</mark>`;
  });

  const facts = doc.facts.map((f) => {
    const [s, e] = sentenceAround(text, f.span);
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
      sentence: { before: text.slice(s, f.span[0]), quote: text.slice(f.span[0], f.span[1]), after: text.slice(f.span[1], e) },
    };
  });

  const list = doc.facts.map(
    (f) => h`<li><a href="#fact-${f.id}" data-goto="${f.id}" style="--hue:${indicatorHue(f.indicator)}">
      <span class="swatch"></span><b>${nameOf(f.indicator) ?? f.indicator}</b>
      <span class="val">${displayFact(f)}</span>
      <small>${f.region.name} · ${periodLabel(f.period)} · ${STATUS_LABELS[f.status]}</small></a></li>`,
  );

  return page(
    { title: doc.title ?? doc.path, nav: 'document' },
    h`<section class="doc-head">
  <h1>${doc.title ?? doc.path}</h1>
  <p class="meta">
    ${doc.region ? h`<a href="/region/${doc.region.code}">${doc.region.name}</a> · ` : ''}${doc.year ?? '年份不详'}年 · ${KIND_LABELS[doc.kind]} ·
    ${doc.chars.toLocaleString('en-US')} 字 · ${doc.facts.length} 条指标 · <code>${doc.path}</code> · 编码 ${doc.encoding} · 抽取器 ${doc.extractorVersion}
  </p>
</section>
<div id="focus" class="focus-banner" hidden>
  <div class="focus-fact"></div>
  <blockquote class="focus-sentence"></blockquote>
</div>
<div class="doc-layout">
  <article class="doc-text" id="doc-text">${body}</article>
  <aside class="fact-list">
    <h2>抽取的指标（${doc.facts.length}）</h2>
    ${doc.facts.length ? h`<ol>${list}</ol>` : h`<p class="empty">此文件未抽取到指标。</p>`}
  </aside>
</div>
<div id="tip" class="tip" hidden></div>
${jsonScript('doc-facts', facts)}
${raw('<script>window.addEventListener("DOMContentLoaded",function(){zhibiao.documentPage()})</script>')}`,
  );
}
