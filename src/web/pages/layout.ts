/**
 * The page frame shared by the dashboard pages.
 */
import { h, raw, type HtmlValue, type SafeHtml } from '../html.js';
import { displayFact, STATUS_LABELS } from '../format.js';
import { periodLabel } from '../../store/periods.js';
import type { StoredFact } from '../../store/types.js';

/** Who is signed in, as the pages show it. */
export interface PageViewer {
  name: string;
  role: 'reader' | 'reviewer' | 'admin';
}

export const ROLE_LABELS: Record<PageViewer['role'], string> = { reader: '读者', reviewer: '审核员', admin: '管理员' };

export interface PageOptions {
  title: string;
  /** The signed-in user (a sign-in link otherwise). */
  viewer?: PageViewer | null;
  /** Which nav entry is current. */
  nav?: 'overview' | 'compare' | 'targets' | 'region' | 'document' | 'search' | 'login';
  /** Load ECharts (pages with charts). */
  charts?: boolean;
  head?: HtmlValue;
}

export function page(options: PageOptions, body: HtmlValue): string {
  const navItem = (key: PageOptions['nav'], href: string, label: string): SafeHtml =>
    h`<a href="${href}"${options.nav === key ? raw(' aria-current="page"') : ''}>${label}</a>`;
  return `<!doctype html>\n${h`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 指标</title>
<link rel="stylesheet" href="/static/style.css">
${options.head}
</head>
<body>
<header class="top">
  <a class="brand" href="/">指标 <small>zhibiao</small></a>
  <nav>${navItem('overview', '/', '概览')}${navItem('compare', '/compare', '地区对比')}${navItem('targets', '/targets', '目标完成')}<a href="/escalation">目标分解</a><a href="/scorecard">综合排名</a><a href="/glossary">政策名词</a>${navItem('search', '/search', '全文检索')}<a href="/api/openapi.json">API</a></nav>
  <div class="who">${options.viewer
    ? h`<span class="user" data-user="${options.viewer.name}" data-role="${options.viewer.role}">${options.viewer.name}（${ROLE_LABELS[options.viewer.role]}）</span>
    <form method="post" action="/logout" class="inline"><button type="submit" class="link">退出</button></form>`
    : h`<a href="/login">登录</a>`}</div>
</header>
<main>
${body}
</main>
<footer>数据均摘自所列文件原文，每个数字均可点击查看出处。数值以基本单位存储（元、平方米、人……），按中文习惯显示。</footer>
${options.charts ? raw('<script type="application/json" id="echarts-src">"/static/echarts.min.js"</script>') : ''}
<script src="/static/app.js" defer></script>
</body>
</html>`}`;
}

export function errorPage(status: number, message: string): string {
  const title = status === 404 ? '未找到' : status === 400 ? '请求有误' : status === 401 ? '请先登录' : status === 403 ? '无权访问' : '出错了';
  return page({ title }, h`<section class="error"><h1>${title}（${status}）</h1><p>${message}</p><p><a href="/">返回概览</a></p></section>`);
}

/** A number that links to the sentence it was read from. */
export function factLink(f: StoredFact, text?: string): SafeHtml {
  const label = text ?? displayFact(f);
  const tip = `${f.quote}（${periodLabel(f.period)}，${STATUS_LABELS[f.status]}）`;
  return h`<a class="num" href="/doc/${f.documentId}#fact-${f.id}" title="${tip}" data-fact="${f.id}">${label}</a>`;
}

/** `<option>`s with one selected. */
export function options(items: readonly { value: string; label: string }[], selected: string | undefined): SafeHtml {
  return h`${items.map((i) => h`<option value="${i.value}"${i.value === selected ? raw(' selected') : ''}>${i.label}</option>`)}`;
}
