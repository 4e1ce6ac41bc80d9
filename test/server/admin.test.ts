import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { appFixture, groupEvent, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(() => f.close());

describe('admin API', () => {
  it('needs the secret key, and says which key it got', async () => {
    expect((await (await f.request('GET', '/api/v1/campaigns')).json()).error.code).toBe('missing_secret_key');
    const withWriteKey = await f.request('GET', '/api/v1/campaigns', undefined, { authorization: `Bearer ${f.workspace.writeKey}` });
    expect(withWriteKey.status).toBe(401);
    expect((await withWriteKey.json()).error.code).toBe('wrong_key_kind');
    const unknown = await f.request('GET', '/api/v1/campaigns', undefined, { authorization: 'Bearer sk_unknown' });
    expect((await unknown.json()).error.code).toBe('invalid_secret_key');
  });

  it('creates a campaign and lists it', async () => {
    const created = await f.admin('POST', '/api/v1/campaigns', REMINDERS_CAMPAIGN);
    expect(created.status).toBe(201);
    const { campaigns } = await (await f.admin('GET', '/api/v1/campaigns')).json();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ name: REMINDERS_CAMPAIGN.name, status: 'live', version: 1 });
  });

  it('refuses a tooltip without an anchor', async () => {
    const { anchor: _, ...noAnchor } = REMINDERS_CAMPAIGN;
    const response = await f.admin('POST', '/api/v1/campaigns', noAnchor);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_campaign', message: 'anchor: a tooltip needs an anchor' });
  });

  it('refuses javascript: links in content', async () => {
    const content = { ...REMINDERS_CAMPAIGN.content, body: [{ p: [{ link: 'javascript:alert(1)', text: 'x' }] }] };
    const response = await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, content });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('links must be https:');
  });

  it('versions a feature each time it is saved', async () => {
    const feature = { key: 'payments', name: 'Payments', rule: { type: 'event', event: 'Payment Collected' } };
    await f.admin('PUT', '/api/v1/features/payments', feature);
    const second = await (await f.admin('PUT', '/api/v1/features/payments', { ...feature, name: 'Online payments' })).json();
    expect(second).toMatchObject({ version: 2, name: 'Online payments' });
    const mismatch = await f.admin('PUT', '/api/v1/features/other', feature);
    expect(mismatch.status).toBe(400);
  });

  it('pages through accounts and validates the query', async () => {
    await f.batch([groupEvent({ groupId: 'a1' }), groupEvent({ groupId: 'a2' }), groupEvent({ groupId: 'a3' })]);
    const page = await (await f.admin('GET', '/api/v1/accounts?limit=2&offset=1')).json();
    expect(page.total).toBe(3);
    expect(page.accounts).toHaveLength(2);
    const bad = await f.admin('GET', '/api/v1/accounts?limit=0');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^limit:/);
  });

  it('gives the snippet with the write key and never the secret key', async () => {
    const install = await (await f.admin('GET', '/api/v1/install')).json();
    expect(install.snippet).toContain(f.workspace.writeKey);
    expect(install.snippet).not.toContain(f.workspace.secretKey);
    expect(install.tracking).toEqual({ lastReceivedAt: null, hosts: [], libraries: [] });
  });

  it('says where the snippet already runs: hosts and SDKs of the latest events', async () => {
    const from = (url: string | null, library: { name: string; version: string } | null) =>
      trackEvent({ context: { ...(url ? { page: { url, path: '/' } } : {}), ...(library ? { library } : {}) } });
    const sdk = { name: 'uptake-js', version: '0.1.0' };
    await f.batch([from('https://app.clinic.example/a', sdk), from('https://app.clinic.example/b', sdk), from('http://localhost:3000/', sdk), from(null, { name: 'server', version: '2' }), from('not a url', null)]);
    const { tracking } = await (await f.admin('GET', '/api/v1/install')).json();
    expect(tracking.lastReceivedAt).toEqual(expect.any(String));
    expect(tracking.hosts.map((h: { name: string; events: number }) => [h.name, h.events])).toEqual([['app.clinic.example', 2], ['no page', 2], ['localhost:3000', 1]]);
    expect(tracking.libraries.map((l: { name: string; events: number }) => [l.name, l.events])).toEqual([['uptake-js 0.1.0', 3], ['server 2', 1], ['unknown library', 1]]);
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await f.request('GET', '/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /nope', status: 404 } });
  });

  it('reports health', async () => {
    expect(await (await f.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
  });
});
