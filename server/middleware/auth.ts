// Who is calling: a write key (public, from web pages), or for the admin API either the secret
// key (API clients, acts as admin) or a console user's session cookie (with that user's role).
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import type { ConsoleRole } from '../protocol/console-auth.ts';
import type { Store, Workspace } from '../store/store.ts';
import { changesSomething, type ConsoleAuthOptions, hasSessionCookie, sessionFromCookie } from './console-session.ts';

/** POSTs that only compute an answer (previews, reach estimates): viewers may ask them too. */
const ANSWERS_ONLY = /\/(preview|audiences\/estimate)$/;

export interface AuthedEnv {
  /**
   * `actor`: who is acting, for version history (a console user's email; absent for API keys).
   * `role`: what the caller may do; the secret key acts as `admin`.
   */
  Variables: { workspace: Workspace; actor?: string; role: ConsoleRole };
}

/** Resolves a write key to its workspace. The tenant always comes from the key, never from the body. */
export async function workspaceForWriteKey(store: Store, writeKey: string | undefined): Promise<Workspace> {
  if (!writeKey) throw new ApiError(401, 'missing_write_key', 'send the write key in the X-Uptake-Key header or as "writeKey" in the body');
  if (writeKey.startsWith('sk_')) {
    throw new ApiError(401, 'wrong_key_kind', 'this is a secret key; web pages and SDKs must use the write key (wk_…)');
  }
  const workspace = await store.workspaceByWriteKey(writeKey);
  if (!workspace) throw new ApiError(401, 'invalid_write_key', 'no workspace has this write key');
  return workspace;
}

async function workspaceForSecretKey(store: Store, header: string): Promise<Workspace> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'missing_secret_key', 'send the secret key as "Authorization: Bearer sk_…"');
  const key = match[1]!;
  if (key.startsWith('wk_')) throw new ApiError(401, 'wrong_key_kind', 'this is a write key; the admin API needs the secret key (sk_…)');
  const workspace = await store.workspaceBySecretKey(key);
  if (!workspace) throw new ApiError(401, 'invalid_secret_key', 'no workspace has this secret key');
  return workspace;
}

/**
 * Admin API: `Authorization: Bearer sk_…` (no CSRF check: browsers never attach it on their own),
 * or the console's session cookie (cross-site checks in console-session.ts). Viewers may only read.
 */
export function adminAuth(store: Store, options: ConsoleAuthOptions): MiddlewareHandler<AuthedEnv> {
  return async function adminAuth(c, next) {
    const header = c.req.header('authorization');
    if (header !== undefined || !hasSessionCookie(c)) {
      if (header === undefined) throw new ApiError(401, 'missing_secret_key', 'send the secret key as "Authorization: Bearer sk_…", or sign in to the console');
      c.set('workspace', await workspaceForSecretKey(store, header));
      c.set('role', 'admin');
    } else {
      const session = await sessionFromCookie(c, store.sql, options);
      c.set('workspace', session.workspace);
      c.set('actor', session.user.email);
      c.set('role', session.user.role);
      if (session.user.role === 'viewer' && changesSomething(c) && !ANSWERS_ONLY.test(c.req.path)) throw new ApiError(403, 'forbidden_for_role', 'viewers cannot change anything');
    }
    await next();
  };
}

/** Only admins (and the secret key) pass: for console users, keys and workspace settings. `what` names the action in the error. */
export function adminsOnly(what: string): MiddlewareHandler<AuthedEnv> {
  return async function adminsOnly(c, next) {
    if (c.var.role !== 'admin') throw new ApiError(403, 'forbidden_for_role', `only admins can ${what}; you are signed in as ${c.var.role}`);
    await next();
  };
}
