// Signing in to the console: the session cookie, who is signed in, signing out, wrong passwords,
// guessing limits, cross-site defences, expiry, and sessions that stay in their workspace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LOGIN, ensureDemoLogin } from '../../demo/console-login.ts';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { hashPassword, verifyPassword } from '../../server/console-auth/password.ts';
import { consoleFixture, DRAFT_TOOLTIP, errorCode, ORIGIN, PASSWORD, sessionCookie } from './console-auth-fixture.ts';

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;
let f: Fixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(() => f.close());

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('passwords', () => {
  it('are stored as scrypt$N$r$p$salt$hash with a salt of their own, and verify only the right password', async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    expect(await verifyPassword(PASSWORD, second)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, first)).toBe(false);
    expect(await verifyPassword(PASSWORD, first.replace('scrypt$', 'bcrypt$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, first.replace('$32768$', '$4194304$'))).toBe(false);
  });
});

describe('POST /api/v1/session', () => {
  it('signs in, sets an httpOnly SameSite=Strict cookie, and says who and where with a CSRF token', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'editor' }, PASSWORD);
    const res = await f.login('  Ana@Clinic.Example ');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^uptake_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const body = await res.json();
    expect(body).toEqual({
      user: { id: expect.any(String), email: 'ana@clinic.example', role: 'editor' },
      workspace: { id: f.workspace.id, name: f.workspace.name },
      csrfToken: expect.stringMatching(/^[\w-]{32}$/),
    });
    const users = (await (await f.admin('GET', '/api/v1/console-users')).json()).users;
    expect(users[0].lastLoginAt).toBe('2026-11-20T09:00:00.000Z');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'viewer' }, PASSWORD);
    const direct = await f.app.request('https://uptake.example/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@clinic.example', password: PASSWORD }) });
    expect(direct.headers.get('set-cookie')).toContain('; Secure');
    const proxied = await f.login('ana@clinic.example', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('set-cookie')).toContain('; Secure');
  });

  it('answers a wrong password and an unknown email identically, in similar time', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);
    const times = { wrong: [] as number[], unknown: [] as number[] };
    const bodies = new Set<string>();
    for (let i = 0; i < 3; i++) {
      for (const [kind, email] of [['wrong', 'ana@clinic.example'], ['unknown', 'nobody@clinic.example']] as const) {
        const started = performance.now();
        const res = await f.login(email, 'not the password', { ip: `198.51.100.${i}` });
        times[kind].push(performance.now() - started);
        expect(res.status).toBe(401);
        expect(res.headers.get('set-cookie')).toBeNull();
        bodies.add(await res.text());
      }
    }
    expect([...bodies]).toEqual(['{"error":{"code":"invalid_credentials","message":"wrong email or password","status":401}}']);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // Both run one scrypt verification; without the decoy, the unknown email would answer in ~1 ms.
    expect(median(times.unknown) / median(times.wrong)).toBeGreaterThan(0.5);
    expect(median(times.unknown) / median(times.wrong)).toBeLessThan(2);
  });

  it('refuses a disabled user like a wrong password', async () => {
    const { user } = (await createLogin(f.store.sql, f.workspace.id, { email: 'gone@clinic.example', role: 'editor' }, PASSWORD))!;
    await f.admin('PATCH', `/api/v1/console-users/${user.id}`, { disabled: true });
    const res = await f.login('gone@clinic.example');
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_credentials');
  });

  it('refuses a malformed body with a specific error', async () => {
    const res = await f.request('POST', '/api/v1/session', { body: { email: 'ana@clinic.example' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_login', message: expect.stringMatching(/^password: /) });
  });

  it('asks which workspace when the email signs in to several, and signs in to the one named', async () => {
    const other = await f.store.createWorkspace('Second clinic group');
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'viewer' }, PASSWORD);
    await createLogin(f.store.sql, other.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);

    const ambiguous = await f.login('ana@clinic.example');
    expect(ambiguous.status).toBe(400);
    expect(await errorCode(ambiguous)).toBe('workspace_required');
    // Only someone who knows a password learns that: a wrong one gets the usual answer.
    expect(await errorCode(await f.login('ana@clinic.example', 'wrong password!'))).toBe('invalid_credentials');

    const named = await f.login('ana@clinic.example', PASSWORD, { workspace: 'Second clinic group' });
    expect(named.status).toBe(200);
    expect(await named.json()).toMatchObject({ user: { role: 'admin' }, workspace: { id: other.id, name: 'Second clinic group' } });
    expect(await errorCode(await f.login('ana@clinic.example', PASSWORD, { workspace: 'No such group' }))).toBe('invalid_credentials');
  });

  it('refuses a sign-in posted from another site', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);
    const res = await f.login('ana@clinic.example', PASSWORD, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('csrf_failed');
    expect((await f.login('ana@clinic.example', PASSWORD, { headers: { origin: ORIGIN } })).status).toBe(200);
  });
});

describe('the demo login', () => {
  it('is created once per demo workspace, with the documented password, as an admin', async () => {
    await ensureDemoLogin(f.store, f.workspace);
    await ensureDemoLogin(f.store, f.workspace);
    expect((await (await f.admin('GET', '/api/v1/console-users')).json()).users).toHaveLength(1);
    const res = await f.login('cs@clinicflow.demo', 'uptake-demo-password');
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: DEMO_LOGIN.email, role: 'admin' });
  });
});

describe('sign-in limits', () => {
  it('refuses a sixth try within 15 minutes with 429 and Retry-After, even with the right password, then lets it through', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect((await f.login('ana@clinic.example', `guess number ${i}`)).status).toBe(401);
      f.advance(MINUTE);
    }
    const blocked = await f.login('ana@clinic.example');
    expect(blocked.status).toBe(429);
    expect(await errorCode(blocked)).toBe('too_many_attempts');
    // The first failure (5 minutes ago) leaves the window in 10 minutes.
    expect(blocked.headers.get('retry-after')).toBe(String(10 * 60));
    // Another email from the same address, and the same email from elsewhere, are not blocked.
    expect((await f.login('bea@clinic.example', 'a guess')).status).toBe(401);
    expect((await f.login('ana@clinic.example', PASSWORD, { ip: '192.0.2.44' })).status).toBe(200);

    f.advance(10 * MINUTE);
    expect((await f.login('ana@clinic.example')).status).toBe(200);
  });

  it('refuses an address after 50 failures across emails, while other addresses still sign in', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);
    const attacker = '198.51.100.66';
    for (let i = 0; i < 50; i++) {
      const res = await f.login(`user${Math.floor(i / 5)}@clinic.example`, 'guess', { ip: attacker });
      expect(res.status).toBe(401);
    }
    const blocked = await f.login('ana@clinic.example', PASSWORD, { ip: attacker });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
    expect((await f.login('ana@clinic.example', PASSWORD, { ip: '192.0.2.1' })).status).toBe(200);
  }, 60_000);

  it('starts the count again for an email after it signs in', async () => {
    await createLogin(f.store.sql, f.workspace.id, { email: 'ana@clinic.example', role: 'admin' }, PASSWORD);
    for (let i = 0; i < 4; i++) await f.login('ana@clinic.example', 'typo');
    expect((await f.login('ana@clinic.example')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await f.login('ana@clinic.example', 'typo')).status).toBe(401);
    expect((await f.login('ana@clinic.example')).status).toBe(200);
  });
});

describe('GET and DELETE /api/v1/session', () => {
  it('says who is signed in, and after signing out, nobody', async () => {
    const ana = await f.signedIn('editor', 'ana@clinic.example');
    const me = await ana.send('GET', '/api/v1/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(ana.info);

    const withoutToken = await ana.send('DELETE', '/api/v1/session', undefined, { 'x-csrf-token': '' });
    expect(withoutToken.status).toBe(403);
    expect(await errorCode(withoutToken)).toBe('csrf_failed');

    const out = await ana.send('DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^uptake_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/);
    const after = await ana.send('GET', '/api/v1/session');
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('not_signed_in');
    expect((await ana.send('GET', '/api/v1/campaigns')).status).toBe(401);
  });

  it('answers 401 not_signed_in without a cookie or with a made-up one, and clears a stale cookie', async () => {
    expect(await errorCode(await f.request('GET', '/api/v1/session'))).toBe('not_signed_in');
    const made = await f.request('GET', '/api/v1/session', { headers: { cookie: `uptake_session=${'x'.repeat(43)}` } });
    expect(made.status).toBe(401);
    expect(sessionCookie(made)).toBe('');
  });

  it('keeps only a hash of the session token in the database', async () => {
    const ana = await f.signedIn('viewer');
    const rows = await f.store.sql.all<Record<string, string>>('SELECT * FROM console_sessions');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(ana.cookie);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('session lifetime', () => {
  it('ends after 12 hours without a request', async () => {
    const ana = await f.signedIn('viewer');
    f.advance(12 * HOUR - MINUTE);
    expect((await ana.send('GET', '/api/v1/session')).status).toBe(200);
    f.advance(12 * HOUR);
    expect((await ana.send('GET', '/api/v1/session')).status).toBe(401);
  });

  it('slides with use, but never past 7 days after sign-in', async () => {
    const ana = await f.signedIn('viewer');
    for (let hours = 11; hours < 7 * 24; hours += 11) {
      f.advance(11 * HOUR);
      expect((await ana.send('GET', '/api/v1/campaigns')).status, `after ${hours} hours`).toBe(200);
    }
    // 165 hours in; the 7-day limit (168 h) comes before another 11 idle hours would.
    f.advance(3 * HOUR + MINUTE);
    expect((await ana.send('GET', '/api/v1/campaigns')).status).toBe(401);
  });
});

describe('cross-site defences on the admin API', () => {
  it('needs the X-CSRF-Token of the session for every change, not for reads', async () => {
    const ana = await f.signedIn('editor');
    expect((await ana.send('GET', '/api/v1/campaigns')).status).toBe(200);
    for (const token of [undefined, 'guessed', `${ana.info.csrfToken}x`]) {
      const res = await ana.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP, token === undefined ? { 'x-csrf-token': '' } : { 'x-csrf-token': token });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: 'csrf_failed', message: expect.stringContaining('X-CSRF-Token') });
    }
    // Another session's token does not fit this one.
    const bea = await f.signedIn('editor');
    expect((await ana.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP, { 'x-csrf-token': bea.info.csrfToken })).status).toBe(403);
    expect((await ana.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP)).status).toBe(201);
    expect((await (await f.admin('GET', '/api/v1/campaigns')).json()).campaigns).toHaveLength(1);
  });

  it('refuses a cookie request from a foreign Origin, even a read', async () => {
    const ana = await f.signedIn('admin');
    for (const method of ['GET', 'POST']) {
      const res = await ana.send(method, '/api/v1/campaigns', method === 'POST' ? DRAFT_TOOLTIP : undefined, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe('csrf_failed');
    }
    expect((await ana.send('GET', '/api/v1/campaigns', undefined, { origin: ORIGIN })).status).toBe(200);
  });

  it('still takes the secret key without a CSRF token, for API clients', async () => {
    expect((await f.admin('POST', '/api/v1/campaigns', DRAFT_TOOLTIP)).status).toBe(201);
  });

  it('records the signed-in user as the author of a change', async () => {
    const ana = await f.signedIn('editor', 'ana@clinic.example');
    const created = await (await ana.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP)).json();
    expect((await ana.send('POST', `/api/v1/campaigns/${created.id}/publish`)).status).toBe(200);
    const { versions } = await (await f.admin('GET', `/api/v1/campaigns/${created.id}/versions`)).json();
    expect(versions.map((v: { author: string }) => v.author)).toEqual(['ana@clinic.example', 'ana@clinic.example']);
  });
});

describe('workspaces', () => {
  it('a session of workspace A never reads or changes workspace B', async () => {
    const other = await f.store.createWorkspace('Other company');
    const theirs = await (await f.request('POST', '/api/v1/campaigns', { body: DRAFT_TOOLTIP, headers: { authorization: `Bearer ${other.secretKey}` } })).json();
    const ana = await f.signedIn('admin');
    expect((await (await ana.send('GET', '/api/v1/campaigns')).json()).campaigns).toEqual([]);
    expect((await ana.send('GET', `/api/v1/campaigns/${theirs.id}`)).status).toBe(404);
    expect((await ana.send('POST', `/api/v1/campaigns/${theirs.id}/publish`)).status).toBe(404);
    expect((await (await ana.send('GET', '/api/v1/install')).json()).workspace.id).toBe(f.workspace.id);

    // Their users are not ours to see or change, even by id.
    const { user } = (await createLogin(f.store.sql, other.id, { email: 'boss@other.example', role: 'admin' }, PASSWORD))!;
    expect((await (await ana.send('GET', '/api/v1/console-users')).json()).users.map((u: { email: string }) => u.email)).not.toContain('boss@other.example');
    expect((await ana.send('PATCH', `/api/v1/console-users/${user.id}`, { role: 'viewer' })).status).toBe(404);
    expect((await ana.send('POST', `/api/v1/console-users/${user.id}/reset-password`)).status).toBe(404);
    expect((await f.login('boss@other.example')).status).toBe(200);
  });
});

describe('POST /api/v1/session/password', () => {
  it('changes one\'s own password with the current one, and ends one\'s other sessions', async () => {
    const ana = await f.signedIn('viewer', 'ana@clinic.example');
    const elsewhere = await f.browser(await f.login('ana@clinic.example'));
    const next = 'a much longer passphrase';

    const wrong = await ana.send('POST', '/api/v1/session/password', { current: 'not it', next });
    expect(wrong.status).toBe(403);
    expect(await errorCode(wrong)).toBe('wrong_password');
    const short = await ana.send('POST', '/api/v1/session/password', { current: PASSWORD, next: 'short' });
    expect((await short.json()).error).toMatchObject({ code: 'invalid_password', message: 'next: the new password needs at least 12 characters' });

    expect((await ana.send('POST', '/api/v1/session/password', { current: PASSWORD, next })).status).toBe(204);
    expect((await ana.send('GET', '/api/v1/session')).status).toBe(200);
    expect((await elsewhere.send('GET', '/api/v1/session')).status).toBe(401);
    expect((await f.login('ana@clinic.example')).status).toBe(401);
    expect((await f.login('ana@clinic.example', next)).status).toBe(200);
  });

  it('needs the CSRF token', async () => {
    const ana = await f.signedIn('viewer');
    const res = await ana.send('POST', '/api/v1/session/password', { current: PASSWORD, next: 'a much longer passphrase' }, { 'x-csrf-token': '' });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('csrf_failed');
  });
});
