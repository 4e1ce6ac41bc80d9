// The console's session cookie and its defences against cross-site requests: the cookie is
// SameSite=Strict, a request from a foreign Origin is refused, and every request that changes
// something must repeat the session's CSRF token in the X-CSRF-Token header.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../errors.ts';
import { type Clock, type ConsoleSession, findSession } from '../console-auth/sessions.ts';
import type { SqlDb } from '../store/sql.ts';

export const SESSION_COOKIE = 'uptake_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface ConsoleAuthOptions {
  /** The server's public base URL: requests from its origin (or the request's own) are not foreign. */
  publicUrl: string;
  now: Clock;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries the sign-in limit believes (TRUST_PROXY). */
  trustedProxyHops: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
export const changesSomething = (c: Context) => !SAFE_METHODS.has(c.req.method);

/** Secure only over https (directly or behind a proxy that says so), so that plain-http localhost works. */
function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** No Max-Age: the browser forgets it when closed; the server ends it after 12 idle hours anyway. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c) });
}

export const hasSessionCookie = (c: Context): boolean => getCookie(c, SESSION_COOKIE) !== undefined;

/** Browsers send Origin on cross-site requests; one that is present must be ours. */
export function refuseForeignOrigin(c: Context, publicUrl: string): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (origin === new URL(publicUrl).origin || origin === new URL(c.req.url).origin) return;
  throw new ApiError(403, 'csrf_failed', `requests from ${origin.slice(0, 100)} may not use the console session`);
}

function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The session behind the request's cookie, after the cross-site checks.
 * 401 `not_signed_in` without a live session; 403 `csrf_failed` for a foreign Origin, or a
 * change without the session's X-CSRF-Token.
 */
export async function sessionFromCookie(c: Context, sql: SqlDb, options: ConsoleAuthOptions): Promise<ConsoleSession> {
  refuseForeignOrigin(c, options.publicUrl);
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await findSession(sql, token, options.now()) : null;
  if (!session) {
    if (token !== undefined) clearSessionCookie(c);
    throw new ApiError(401, 'not_signed_in', 'sign in to the console: your session has ended or you have not signed in');
  }
  if (changesSomething(c) && !sameToken(c.req.header(CSRF_HEADER), session.csrfToken)) {
    throw new ApiError(403, 'csrf_failed', `send the session's csrfToken in the ${CSRF_HEADER} header with every change`);
  }
  return session;
}
