// Console users, sessions, sign-in limits and key rotation on SQLite and PostgreSQL: the same
// SQL must behave the same in both.
import { expect, it } from 'vitest';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from '../../server/console-auth/login-limit.ts';
import { verifyPassword } from '../../server/console-auth/password.ts';
import { endSession, findSession, SESSION_IDLE_MS, SESSION_MAX_MS, startSession } from '../../server/console-auth/sessions.ts';
import { listConsoleUsers, loginCandidates, passwordHashOf, updateConsoleUser } from '../../server/console-auth/users.ts';
import { rotateKey } from '../../server/store/rotate-key.ts';
import { eachStore } from './fixtures.ts';

const T0 = new Date('2026-11-20T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const HOUR = 3600_000;

eachStore('%s console users and sessions', (ctx) => {
  const login = async (email: string, role: 'admin' | 'editor' | 'viewer' = 'admin', workspace = ctx.ws) =>
    (await createLogin(ctx.store.sql, workspace.id, { email, role }, PASSWORD))!.user;

  it('keeps one login per email per workspace, and finds an email\'s logins across workspaces', async () => {
    const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
    const ana = await login('ana@clinic.example');
    expect(await createLogin(ctx.store.sql, ctx.ws.id, { email: 'ana@clinic.example', role: 'viewer' })).toBeNull();
    await login('ana@clinic.example', 'viewer', other);

    const hash = (await passwordHashOf(ctx.store.sql, ctx.ws.id, ana.id))!;
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect((await loginCandidates(ctx.store.sql, 'ana@clinic.example')).map((c) => [c.workspaceName, c.role]).sort()).toEqual(
      [[ctx.ws.name, 'admin'], [other.name, 'viewer']].sort(),
    );
    expect((await loginCandidates(ctx.store.sql, 'ana@clinic.example', other.name)).map((c) => c.workspaceId)).toEqual([other.id]);
    expect(await listConsoleUsers(ctx.store.sql, other.id)).toHaveLength(1);
  });

  it('finds a session by its token only, slides its expiry, and ends it at 12 idle hours or 7 days', async () => {
    const ana = await login('ana@clinic.example', 'editor');
    const { token, csrfToken, id } = await startSession(ctx.store.sql, { workspaceId: ctx.ws.id, userId: ana.id, userAgent: 'vitest' }, T0);
    const stored = await ctx.store.sql.all<{ id: string; csrf_token: string }>('SELECT id, csrf_token FROM console_sessions WHERE workspace_id = ?', [ctx.ws.id]);
    expect(stored).toEqual([{ id, csrf_token: csrfToken }]);
    expect(id).not.toContain(token);

    const found = await findSession(ctx.store.sql, token, at(HOUR));
    expect(found).toMatchObject({ id, csrfToken, user: { id: ana.id, email: 'ana@clinic.example', role: 'editor' }, workspace: { id: ctx.ws.id, name: ctx.ws.name, writeKey: ctx.ws.writeKey } });
    expect(found!.expiresAt).toBe(at(HOUR + SESSION_IDLE_MS).toISOString());
    expect(await findSession(ctx.store.sql, id, at(HOUR))).toBeNull();
    // One character off (never the same character: a token ending in "A" made this flaky, 1 in 64).
    expect(await findSession(ctx.store.sql, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, at(HOUR))).toBeNull();
    expect(await findSession(ctx.store.sql, token, at(HOUR + SESSION_IDLE_MS))).toBeNull();

    const again = await startSession(ctx.store.sql, { workspaceId: ctx.ws.id, userId: ana.id, userAgent: 'vitest' }, T0);
    for (let t = 11 * HOUR; t < SESSION_MAX_MS; t += 11 * HOUR) expect(await findSession(ctx.store.sql, again.token, at(t))).not.toBeNull();
    expect((await findSession(ctx.store.sql, again.token, at(SESSION_MAX_MS - 1)))!.expiresAt).toBe(at(SESSION_MAX_MS).toISOString());
    expect(await findSession(ctx.store.sql, again.token, at(SESSION_MAX_MS))).toBeNull();
  });

  it('does not find the session of a disabled user, nor one signed out', async () => {
    const admin = await login('admin@clinic.example');
    const bea = await login('bea@clinic.example', 'viewer');
    const session = await startSession(ctx.store.sql, { workspaceId: ctx.ws.id, userId: bea.id, userAgent: '' }, T0);
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, bea.id, { disabled: true })).toMatchObject({ user: { disabled: true } });
    expect(await findSession(ctx.store.sql, session.token, T0)).toBeNull();

    const own = await startSession(ctx.store.sql, { workspaceId: ctx.ws.id, userId: admin.id, userAgent: '' }, T0);
    await endSession(ctx.store.sql, own.id);
    expect(await findSession(ctx.store.sql, own.token, T0)).toBeNull();
  });

  it('refuses to demote or disable the last enabled admin, in the UPDATE itself', async () => {
    const ana = await login('ana@clinic.example');
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, ana.id, { role: 'viewer' })).toEqual({ refused: 'last_admin' });
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, ana.id, { disabled: true })).toEqual({ refused: 'last_admin' });
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, 'nobody', { role: 'viewer' })).toEqual({ refused: 'not_found' });
    const bea = await login('bea@clinic.example');
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, ana.id, { role: 'viewer' })).toMatchObject({ user: { role: 'viewer' } });
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, bea.id, { disabled: true })).toEqual({ refused: 'last_admin' });
    // An admin of another workspace does not count here.
    const other = await ctx.store.createWorkspace(`Third ${ctx.ws.id}`);
    await login('carl@clinic.example', 'admin', other);
    expect(await updateConsoleUser(ctx.store.sql, ctx.ws.id, bea.id, { role: 'editor' })).toEqual({ refused: 'last_admin' });
  });

  it('counts failed sign-ins per email and address within 15 minutes', async () => {
    const email = `ana-${ctx.ws.id}@clinic.example`;
    for (let i = 0; i < 5; i++) {
      expect(await loginRetryAfter(ctx.store.sql, email, '192.0.2.1', at(i * MINUTE))).toBe(0);
      await recordLoginFailure(ctx.store.sql, email, '192.0.2.1', at(i * MINUTE));
    }
    expect(await loginRetryAfter(ctx.store.sql, email, '192.0.2.1', at(5 * MINUTE))).toBe(10 * 60);
    expect(await loginRetryAfter(ctx.store.sql, email, '192.0.2.2', at(5 * MINUTE))).toBe(0);
    expect(await loginRetryAfter(ctx.store.sql, email, '192.0.2.1', at(15 * MINUTE))).toBe(0);
    await clearLoginFailures(ctx.store.sql, email, '192.0.2.1');
    expect(await loginRetryAfter(ctx.store.sql, email, '192.0.2.1', at(5 * MINUTE))).toBe(0);
    // No email or address is kept in clear.
    expect(JSON.stringify(await ctx.store.sql.all('SELECT * FROM console_login_failures'))).not.toMatch(/ana|192\.0\.2/);
  });

  it('rotates a key so that the old one finds no workspace', async () => {
    const keys = await rotateKey(ctx.store.sql, ctx.ws.id, 'secret');
    expect(keys.writeKey).toBe(ctx.ws.writeKey);
    expect(keys.secretKey).not.toBe(ctx.ws.secretKey);
    expect(await ctx.store.workspaceBySecretKey(ctx.ws.secretKey)).toBeNull();
    expect((await ctx.store.workspaceBySecretKey(keys.secretKey))!.id).toBe(ctx.ws.id);
    const again = await rotateKey(ctx.store.sql, ctx.ws.id, 'write');
    expect(await ctx.store.workspaceByWriteKey(ctx.ws.writeKey)).toBeNull();
    expect((await ctx.store.workspaceByWriteKey(again.writeKey))!.id).toBe(ctx.ws.id);
  });
});
