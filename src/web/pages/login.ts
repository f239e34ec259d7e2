/**
 * Sign-in: paste a token (zhibiao admin create-user prints one). The server
 * keeps it in an HttpOnly cookie for this site only.
 */
import { h } from '../html.js';
import { page, type PageViewer } from './layout.js';

export function loginPage(m: { next: string; error: string | null; viewer: PageViewer | null }): string {
  return page(
    { title: '登录', nav: 'login', viewer: m.viewer },
    h`<section class="login">
  <h1>登录</h1>
  ${m.viewer ? h`<p>当前已登录为 <b>${m.viewer.name}</b>。可用其他令牌重新登录。</p>` : ''}
  <form method="post" action="/login" class="login-form">
    <input type="hidden" name="next" value="${m.next}">
    <label>访问令牌 <input name="token" type="password" autocomplete="off" required placeholder="zb_…" size="56"></label>
    <button type="submit" class="primary">登录</button>
  </form>
  ${m.error ? h`<p class="error" role="alert">${m.error}</p>` : ''}
  <p class="note">令牌由管理员用 <code>zhibiao admin create-user 名字 --role reviewer</code> 生成，只显示一次。审核（接受、更正、驳回、添加指标）需要审核员或管理员角色。</p>
</section>`,
  );
}
