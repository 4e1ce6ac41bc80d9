// Who is calling: a write key (public, from web pages) or a secret key (admin API).
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import type { Store, Workspace } from '../store/store.ts';

export interface AuthedEnv {
  /** `actor`: who is acting, for version history (a console user's email; absent for API keys). */
  Variables: { workspace: Workspace; actor?: string };
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

/** Admin API: `Authorization: Bearer sk_…`. */
export function secretKeyAuth(store: Store): MiddlewareHandler<AuthedEnv> {
  return async function secretKeyAuth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'missing_secret_key', 'send the secret key as "Authorization: Bearer sk_…"');
    const key = match[1]!;
    if (key.startsWith('wk_')) throw new ApiError(401, 'wrong_key_kind', 'this is a write key; the admin API needs the secret key (sk_…)');
    const workspace = await store.workspaceBySecretKey(key);
    if (!workspace) throw new ApiError(401, 'invalid_secret_key', 'no workspace has this secret key');
    c.set('workspace', workspace);
    await next();
  };
}
