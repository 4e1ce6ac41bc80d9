// What each console role may do on the admin API, managing console users, and rotating keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogin } from '../../server/console-auth/create-login.ts';
import { consoleFixture, DRAFT_TOOLTIP, errorCode, PASSWORD } from './console-auth-fixture.ts';

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;
let f: Fixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(() => f.close());

const FEATURE = { key: 'payments', name: 'Payments', description: '', isKey: true, rule: { type: 'event', event: 'Payment Collected' } };

async function expectRefused(res: Response, message?: string) {
  expect(res.status).toBe(403);
  const { error } = await res.json();
  expect(error.code).toBe('forbidden_for_role');
  if (message) expect(error.message).toBe(message);
}

describe('viewer', () => {
  it('reads everything and changes nothing', async () => {
    const draft = await (await f.admin('POST', '/api/v1/campaigns', DRAFT_TOOLTIP)).json();
    const viewer = await f.signedIn('viewer');
    for (const path of ['/api/v1/campaigns', `/api/v1/campaigns/${draft.id}`, '/api/v1/accounts', '/api/v1/overview', '/api/v1/settings', '/api/v1/health']) {
      expect((await viewer.send('GET', path)).status, path).toBe(200);
    }
    await expectRefused(await viewer.send('POST', `/api/v1/campaigns/${draft.id}/publish`), 'viewers cannot change anything');
    await expectRefused(await viewer.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP));
    await expectRefused(await viewer.send('PUT', '/api/v1/features/payments', FEATURE));
    await expectRefused(await viewer.send('POST', '/api/v1/accounts/acct-1/touches', { channel: 'call', note: 'Kick-off' }));
    await expectRefused(await viewer.send('PUT', '/api/v1/settings', { throttleHours: 4 }));
    expect((await (await f.admin('GET', `/api/v1/campaigns/${draft.id}`)).json()).status).toBe('draft');
  });

  it('may ask for previews and reach estimates, which change nothing', async () => {
    const viewer = await f.signedIn('viewer');
    const health = { components: [{ metric: 'deployment', weight: 1 }, { metric: 'recency', weight: 1 }], thresholds: { green: 60, yellow: 30 } };
    expect((await viewer.send('POST', '/api/v1/health/preview', health)).status).toBe(200);
    expect((await viewer.send('POST', '/api/v1/audiences/estimate', { audience: { all: [] } })).status).toBe(200);
    expect((await (await f.admin('GET', '/api/v1/health')).json()).version).toBe(0);
  });

  it('may still change their own password and sign out', async () => {
    const viewer = await f.signedIn('viewer');
    expect((await viewer.send('POST', '/api/v1/session/password', { current: PASSWORD, next: 'a much longer passphrase' })).status).toBe(204);
    expect((await viewer.send('DELETE', '/api/v1/session')).status).toBe(204);
  });
});

describe('editor', () => {
  it('creates and publishes campaigns and edits definitions', async () => {
    const editor = await f.signedIn('editor');
    const created = await editor.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP);
    expect(created.status).toBe(201);
    const published = await editor.send('POST', `/api/v1/campaigns/${(await created.json()).id}/publish`);
    expect((await published.json()).status).toBe('live');
    expect((await editor.send('PUT', '/api/v1/features/payments', FEATURE)).status).toBe(200);
  });

  it('cannot manage console users, see or rotate keys, change workspace settings, or export or erase users and accounts', async () => {
    const editor = await f.signedIn('editor');
    await expectRefused(await editor.send('GET', '/api/v1/console-users'), 'only admins can manage console users; you are signed in as editor');
    await expectRefused(await editor.send('POST', '/api/v1/console-users', { email: 'new@clinic.example', role: 'admin' }));
    await expectRefused(await editor.send('PATCH', `/api/v1/console-users/${editor.info.user.id}`, { role: 'admin' }));
    await expectRefused(await editor.send('POST', `/api/v1/console-users/${editor.info.user.id}/reset-password`));
    await expectRefused(await editor.send('GET', '/api/v1/settings/keys'));
    await expectRefused(await editor.send('POST', '/api/v1/settings/keys/rotate', { key: 'secret' }));
    await expectRefused(await editor.send('PUT', '/api/v1/settings', { throttleHours: 4 }), 'only admins can change workspace settings; you are signed in as editor');
    await expectRefused(await editor.send('DELETE', '/api/v1/users/u1'), 'only admins can erase users; you are signed in as editor');
    await expectRefused(await editor.send('GET', '/api/v1/users/u1/export'), 'only admins can export a user’s data; you are signed in as editor');
    await expectRefused(await editor.send('DELETE', '/api/v1/accounts/acct-1'), 'only admins can erase accounts; you are signed in as editor');
    await expectRefused(await editor.send('GET', '/api/v1/accounts/acct-1/export'), 'only admins can export an account’s data; you are signed in as editor');
    expect((await editor.send('GET', '/api/v1/settings')).status).toBe(200);
    expect((await (await f.admin('GET', '/api/v1/settings')).json()).throttleHours).toBe(0);
  });
});

describe('admin: console users', () => {
  it('creates a user with a one-time password that signs in, once per email', async () => {
    const admin = await f.signedIn('admin');
    const res = await admin.send('POST', '/api/v1/console-users', { email: ' Bea@Clinic.Example', role: 'viewer' });
    expect(res.status).toBe(201);
    const { user, password } = await res.json();
    expect(user).toEqual({ id: expect.any(String), email: 'bea@clinic.example', role: 'viewer', createdAt: expect.any(String), lastLoginAt: null, disabled: false });
    expect(password).toMatch(/^[\w-]{24}$/);
    expect((await f.login('bea@clinic.example', password)).status).toBe(200);

    const again = await admin.send('POST', '/api/v1/console-users', { email: 'bea@clinic.example', role: 'admin' });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('email_taken');
    const list = (await (await admin.send('GET', '/api/v1/console-users')).json()).users;
    expect(list.map((u: { email: string }) => u.email)).toEqual([admin.info.user.email, 'bea@clinic.example'].sort());
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('refuses a bad email or role with a specific error', async () => {
    const admin = await f.signedIn('admin');
    const email = await admin.send('POST', '/api/v1/console-users', { email: 'not-an-email', role: 'viewer' });
    expect((await email.json()).error).toMatchObject({ code: 'invalid_console_user', message: 'email: expected an email address' });
    const role = await admin.send('POST', '/api/v1/console-users', { email: 'x@clinic.example', role: 'owner' });
    expect((await role.json()).error).toMatchObject({ code: 'invalid_console_user', message: expect.stringMatching(/^role: /) });
    const empty = await admin.send('PATCH', `/api/v1/console-users/${admin.info.user.id}`, {});
    expect((await empty.json()).error).toMatchObject({ code: 'invalid_console_user', message: 'send role, disabled or both' });
    expect(await errorCode(await admin.send('PATCH', '/api/v1/console-users/nobody', { role: 'viewer' }))).toBe('console_user_not_found');
  });

  it('changes a role, which applies to the user\'s open session at once', async () => {
    const admin = await f.signedIn('admin');
    const editor = await f.signedIn('editor');
    expect((await editor.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP)).status).toBe(201);
    const patched = await admin.send('PATCH', `/api/v1/console-users/${editor.info.user.id}`, { role: 'viewer' });
    expect(await patched.json()).toMatchObject({ id: editor.info.user.id, role: 'viewer', disabled: false });
    await expectRefused(await editor.send('POST', '/api/v1/campaigns', DRAFT_TOOLTIP));
    expect((await (await editor.send('GET', '/api/v1/session')).json()).user.role).toBe('viewer');
  });

  it('disables a user, which ends their sessions at once', async () => {
    const admin = await f.signedIn('admin');
    const editor = await f.signedIn('editor');
    expect((await admin.send('PATCH', `/api/v1/console-users/${editor.info.user.id}`, { disabled: true })).status).toBe(200);
    expect((await editor.send('GET', '/api/v1/campaigns')).status).toBe(401);
    expect((await f.login(editor.info.user.email)).status).toBe(401);
    await admin.send('PATCH', `/api/v1/console-users/${editor.info.user.id}`, { disabled: false });
    expect((await f.login(editor.info.user.email)).status).toBe(200);
  });

  it('resets a password: the old one stops working and the user\'s sessions end', async () => {
    const admin = await f.signedIn('admin');
    const editor = await f.signedIn('editor');
    const res = await admin.send('POST', `/api/v1/console-users/${editor.info.user.id}/reset-password`);
    expect(res.status).toBe(200);
    const { user, password } = await res.json();
    expect(user.id).toBe(editor.info.user.id);
    expect((await editor.send('GET', '/api/v1/session')).status).toBe(401);
    expect((await f.login(editor.info.user.email)).status).toBe(401);
    expect((await f.login(editor.info.user.email, password)).status).toBe(200);
  });

  it('never demotes or disables the last enabled admin', async () => {
    const admin = await f.signedIn('admin');
    const me = `/api/v1/console-users/${admin.info.user.id}`;
    for (const patch of [{ role: 'editor' }, { disabled: true }, { role: 'viewer', disabled: true }]) {
      const res = await admin.send('PATCH', me, patch);
      expect(res.status).toBe(409);
      expect(await errorCode(res)).toBe('last_admin');
    }
    // The secret key is refused the same way.
    expect(await errorCode(await f.admin('PATCH', me, { role: 'editor' }))).toBe('last_admin');
    // A disabled admin does not count.
    const other = (await createLogin(f.store.sql, f.workspace.id, { email: 'other@clinic.example', role: 'admin' }, PASSWORD))!.user;
    await admin.send('PATCH', `/api/v1/console-users/${other.id}`, { disabled: true });
    expect((await admin.send('PATCH', me, { role: 'editor' })).status).toBe(409);

    await admin.send('PATCH', `/api/v1/console-users/${other.id}`, { disabled: false });
    expect((await admin.send('PATCH', me, { role: 'editor' })).status).toBe(200);
    expect((await admin.send('PATCH', `/api/v1/console-users/${other.id}`, { role: 'viewer' })).status).toBe(403);
  });

  it('lets the secret key create the first login of a workspace', async () => {
    const res = await f.admin('POST', '/api/v1/console-users', { email: 'first@clinic.example', role: 'admin' });
    expect(res.status).toBe(201);
    expect((await f.login('first@clinic.example', (await res.json()).password)).status).toBe(200);
  });
});

describe('admin: keys', () => {
  it('shows the write key and the secret key', async () => {
    const admin = await f.signedIn('admin');
    expect(await (await admin.send('GET', '/api/v1/settings/keys')).json()).toEqual({ writeKey: f.workspace.writeKey, secretKey: f.workspace.secretKey });
  });

  it('rotates the write key: the old one stops working at once, cached or not', async () => {
    const admin = await f.signedIn('admin');
    const old = f.workspace.writeKey;
    const batch = (writeKey: string) =>
      f.request('POST', '/v1/batch', { body: { writeKey, batch: [{ type: 'track', messageId: `m-${Math.random()}`, timestamp: '2026-11-20T09:00:00.000Z', userId: 'u1', event: 'Saved', properties: {} }] } });
    // Warms the read cache, which keeps workspaces by write key for 2 s.
    expect((await batch(old)).status).toBe(200);

    const rotated = await admin.send('POST', '/api/v1/settings/keys/rotate', { key: 'write' });
    expect(rotated.status).toBe(200);
    const keys = await rotated.json();
    expect(keys.writeKey).toMatch(/^wk_/);
    expect(keys.writeKey).not.toBe(old);
    expect(keys.secretKey).toBe(f.workspace.secretKey);

    const refused = await batch(old);
    expect(refused.status).toBe(401);
    expect(await errorCode(refused)).toBe('invalid_write_key');
    expect((await batch(keys.writeKey)).status).toBe(200);
    expect((await (await admin.send('GET', '/api/v1/install')).json()).writeKey).toBe(keys.writeKey);
  });

  it('rotates the secret key: API clients with the old one are refused, console sessions go on', async () => {
    const admin = await f.signedIn('admin');
    expect((await f.admin('GET', '/api/v1/campaigns')).status).toBe(200);
    const keys = await (await admin.send('POST', '/api/v1/settings/keys/rotate', { key: 'secret' })).json();
    expect(keys.secretKey).toMatch(/^sk_/);
    const old = await f.admin('GET', '/api/v1/campaigns');
    expect(old.status).toBe(401);
    expect(await errorCode(old)).toBe('invalid_secret_key');
    expect((await f.request('GET', '/api/v1/campaigns', { headers: { authorization: `Bearer ${keys.secretKey}` } })).status).toBe(200);
    expect((await admin.send('GET', '/api/v1/campaigns')).status).toBe(200);
    expect(await errorCode(await admin.send('POST', '/api/v1/settings/keys/rotate', { key: 'public' }))).toBe('invalid_key_rotation');
  });
});
