/**
 * Browser-facing safety: where a sign-in may send the browser next, whether a
 * request came over HTTPS (for the cookie's Secure flag), and the headers that
 * keep the pages out of other sites' frames (hono's secureHeaders middleware).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * A path on this server to go to after signing in, or "/". `next` is parsed
 * as a WHATWG URL against the server's own origin, as a browser would (which
 * drops TABs and newlines and reads `\` as `/`), and kept only when it stays
 * on that origin; what comes back is the parsed path, query and fragment, so
 * nothing a browser would read differently reaches the Location header.
 */
export function sameOriginPath(next: string | undefined, requestUrl: string): string {
  if (!next || !next.startsWith('/')) return '/';
  let origin: string;
  try {
    origin = new URL(requestUrl).origin;
  } catch {
    return '/';
  }
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // the parsed path itself must not read as another origin either (e.g. "//host" left in the path)
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** Whether the browser talks HTTPS to us: directly, or through a proxy that says so (X-Forwarded-Proto / Forwarded). */
export function viaHttps(c: Context): boolean {
  try {
    if (new URL(c.req.url).protocol === 'https:') return true;
  } catch {
    // an unparsable URL is not HTTPS
  }
  const forwardedProto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwardedProto === 'https') return true;
  const forwarded = c.req.header('forwarded');
  return forwarded !== undefined && /(^|[;,\s])proto="?https"?(?=$|[;,\s])/i.test(forwarded.split(',')[0] ?? '');
}

/** X-Frame-Options DENY and CSP frame-ancestors 'none' (no framing, so no clickjacking), plus hono's other defaults (nosniff, no referrer, same-origin resource policy). */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    xFrameOptions: 'DENY',
    contentSecurityPolicy: { frameAncestors: ["'none'"] },
    // a local tool over plain HTTP by default: HSTS is the proxy's decision
    strictTransportSecurity: false,
  });
}
