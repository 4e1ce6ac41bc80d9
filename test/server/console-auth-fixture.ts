// An app over a real SQLite file with a clock the test moves, a workspace, and helpers that act
// as a browser would: keep the session cookie, send the CSRF token, come from our own origin.
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { createApp } from '../../server/app.ts';
import { createLogin } from '../../server/console-auth/create-login.ts';
import type { ConsoleRole, SessionInfo } from '../../server/protocol/console-auth.ts';
import type { Workspace } from '../../server/store/store.ts';
import { tempSqliteStore } from '../harness.ts';

export const ORIGIN = 'http://localhost:8787';
export const PASSWORD = 'correct horse battery staple';

let counter = 0;

/** `trustedProxyHops`: as TRUST_PROXY sets it (default 0, X-Forwarded-For ignored). */
export async function consoleFixture(options: { trustedProxyHops?: number } = {}) {
  const { store, cleanup } = tempSqliteStore();
  let now = Date.parse('2026-11-20T09:00:00.000Z');
  const app = createApp({ store, publicUrl: ORIGIN, now: () => new Date(now), ...options });
  const workspace: Workspace = await store.createWorkspace(`Console ${++counter}`);

  /** A request as the console would send it; `ip` is the peer address the server sees. */
  const request = (method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; ip?: string } = {}) =>
    app.request(
      `${ORIGIN}${path}`,
      {
        method,
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      },
      { incoming: { socket: { remoteAddress: init.ip ?? '203.0.113.7' } } },
    );

  const login = (email: string, password = PASSWORD, extra: { workspace?: string; ip?: string; headers?: Record<string, string> } = {}) =>
    request('POST', '/api/v1/session', {
      body: { email, password, ...(extra.workspace ? { workspace: extra.workspace } : {}) },
      ...(extra.ip ? { ip: extra.ip } : {}),
      ...(extra.headers ? { headers: extra.headers } : {}),
    });

  /** Creates a user with PASSWORD and signs in; returns a browser-like client for that session. */
  async function signedIn(role: ConsoleRole, email = `${role}-${++counter}@clinic.example`, ws: Workspace = workspace) {
    await createLogin(store.sql, ws.id, { email, role }, PASSWORD);
    const res = await login(email, PASSWORD, { workspace: ws.name });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    return browser(res);
  }

  /** Keeps the cookie a sign-in set and sends it, with the CSRF token on changes, like the console. */
  async function browser(signIn: Response) {
    const info = (await signIn.json()) as SessionInfo;
    const cookie = sessionCookie(signIn)!;
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request(method, path, {
        ...(body === undefined ? {} : { body }),
        headers: { cookie: `uptake_session=${cookie}`, ...(method === 'GET' ? {} : { 'x-csrf-token': info.csrfToken }), ...headers },
      });
    return { info, cookie, send };
  }

  return {
    app,
    store,
    workspace,
    request,
    login,
    signedIn,
    browser,
    /** Moves the server's clock forward. */
    advance: (ms: number) => void (now += ms),
    admin: (method: string, path: string, body?: unknown) => request(method, path, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${workspace.secretKey}` } }),
    close: async () => (await store.close(), cleanup()),
  };
}

/** The value of the uptake_session cookie a response sets, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  return /uptake_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
}

export const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** A draft tooltip campaign, as the console's editor would send it. */
export const DRAFT_TOOLTIP = { ...REMINDERS_CAMPAIGN, status: 'draft' as const };
