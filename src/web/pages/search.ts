/**
 * Full-text search over document text: the documents containing a phrase,
 * with the places it occurs (each links to the document).
 */
import { documentName } from './region.js';
import { h } from '../html.js';
import { KIND_LABELS } from '../format.js';
import type { Page, SearchHit } from '../../store/types.js';
import { page, type PageViewer } from './layout.js';

export function searchPage(q: string, result: Page<SearchHit> | null, viewer: PageViewer | null): string {
  const items = result?.items ?? [];
  const more = result && result.offset + items.length < result.total;
  return page(
    { title: q ? `检索：${q}` : '全文检索', nav: 'search', viewer },
    h`<h1>全文检索</h1>
<form method="get" action="/search" class="selectors">
  <label>文中包含 <input name="q" value="${q}" maxlength="100" required placeholder="如：地区生产总值"></label>
  <button type="submit">检索</button>
</form>
${result
  ? h`<p class="meta">${result.total} 篇文件包含“${q}”${result.total > items.length ? `，显示第 ${result.offset + 1}—${result.offset + items.length} 篇` : ''}</p>
<ol class="search-hits" start="${result.offset + 1}">
${items.map(
  (d) => h`<li data-doc="${d.id}">${documentName(d)}
  <small>${d.region?.name ?? '—'} · ${d.year ?? ''} · ${KIND_LABELS[d.kind]} · ${d.matches} 处</small>
  ${d.snippets.map((s) => h`<blockquote>…${s.before}<mark>${s.match}</mark>${s.after}…</blockquote>`)}</li>`,
)}
</ol>
${more ? h`<p><a href="/search?q=${encodeURIComponent(q)}&amp;offset=${result.offset + items.length}">下一页</a></p>` : ''}`
  : ''}`,
  );
}
