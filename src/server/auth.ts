/**
 * Who is asking, and may they? Tokens are random, shown once, stored as their
 * SHA-256. A token is 32 random bytes (256 bits): nobody can guess one or
 * find one from its hash, so a fast hash is enough (slow password hashes such
 * as bcrypt exist for low-entropy passwords) and the lookup is one indexed
 * equality on every request.
 *
 * A client sends `Authorization: Bearer TOKEN`. The dashboard signs in once
 * with a token and then sends an HttpOnly, SameSite=Strict cookie; a write
 * made with the cookie must also carry the `X-Zhibiao-Request` header, which
 * a page on another site cannot add without this server allowing it (it does
 * not), so the cookie cannot be used for cross-site writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role, Store, UserRow } from '../store/types.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'zhibiao_session';
export const REQUEST_HEADER = 'x-zhibiao-request';

const RANK: Record<Role, number> = { reader: 1, reviewer: 2, admin: 3 };
export const ROLES: readonly Role[] = ['reader', 'reviewer', 'admin'];

export interface Viewer {
  user: UserRow;
  tokenId: number;
  /** How the token came: a header (API clients) or the dashboard's cookie. */
  via: 'header' | 'cookie';
}

export type ReadAccess = 'open' | 'token';

export function newToken(): string {
  return `zb_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token for a user and stores its hash; returns the token (shown once). */
export async function issueToken(store: Store, user: string, label: string | null): Promise<{ token: string; id: number }> {
  const token = newToken();
  const row = await store.addToken(user, hashToken(token), label);
  return { token, id: row.id };
}

const TOKEN_SHAPE = /^zb_[A-Za-z0-9_-]{43}$/;

/** The viewer a request's token names, null without a token; a 401 for a token that is wrong. */
export async function viewerOf(store: Store, c: Context): Promise<Viewer | null> {
  const header = c.req.header('authorization');
  let token: string | undefined;
  let via: Viewer['via'] = 'header';
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new ApiError(401, 'the Authorization header must be "Bearer TOKEN"');
    token = m[1]!;
  } else {
    token = getCookie(c, SESSION_COOKIE);
    via = 'cookie';
  }
  if (token === undefined || token === '') return null;
  const found = TOKEN_SHAPE.test(token) ? await store.tokenUser(hashToken(token)) : undefined;
  if (!found) {
    throw new ApiError(401, 'this token is unknown, revoked, or its user is disabled: ask an admin for a new one (zhibiao admin create-token NAME)');
  }
  return { user: found.user, tokenId: found.tokenId, via };
}

/** Throws 401/403 unless the viewer has at least `role`; for writes made with the cookie, also needs the request header. */
export function requireRole(c: Context, viewer: Viewer | null, role: Role, write: boolean): Viewer {
  if (!viewer) {
    throw new ApiError(401, `sign in first: send "Authorization: Bearer TOKEN" (a user with role ${role} or higher; an admin creates one with zhibiao admin create-user NAME --role ${role})`);
  }
  if (RANK[viewer.user.role] < RANK[role]) {
    throw new ApiError(403, `this needs role ${role}; ${viewer.user.name} is ${viewer.user.role}: ask an admin to change the role`);
  }
  if (write && viewer.via === 'cookie' && c.req.header(REQUEST_HEADER) === undefined) {
    throw new ApiError(403, `a write signed in by cookie must carry the ${REQUEST_HEADER} header (the dashboard sends it); API clients send Authorization: Bearer TOKEN`);
  }
  return viewer;
}

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer !== null && RANK[viewer.user.role] >= RANK[role];
}
