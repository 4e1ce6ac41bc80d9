// /api/v1/webhooks: registration, validation, secrets shown once, the delivery log, tenant isolation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emitWebhookEvent } from '../../server/webhooks/outbox.ts';
import { MAX_WEBHOOKS } from '../../server/webhooks/registry.ts';
import { appFixture } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(() => f.close());

const HOOK = { url: 'https://crm.example/hooks/uptake', events: ['alert.raised', 'certification.awarded'], description: 'CRM tasks' };

async function errorOf(response: Response) {
  return { status: response.status, ...(await response.json()).error };
}

describe('webhook registration', () => {
  it('creates a webhook and shows its signing secret once', async () => {
    const response = await f.admin('POST', '/api/v1/webhooks', HOOK);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toEqual({
      id: expect.any(String),
      url: HOOK.url,
      events: ['alert.raised', 'certification.awarded'],
      description: 'CRM tasks',
      format: 'json',
      enabled: true,
      secret: expect.stringMatching(/^whsec_[\w-]{32}$/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: created.createdAt,
    });
    const { secret: _, ...withoutSecret } = created;
    expect(await (await f.admin('GET', `/api/v1/webhooks/${created.id}`)).json()).toEqual(withoutSecret);
    expect(await (await f.admin('GET', '/api/v1/webhooks')).json()).toEqual({ webhooks: [withoutSecret] });
  });

  it('accepts localhost and private targets, since self-hosted receivers live there', async () => {
    for (const url of ['http://localhost:9000/hook', 'http://127.0.0.1:3000/', 'http://10.0.0.7/hooks', 'http://[::1]:8080/x']) {
      expect((await f.admin('POST', '/api/v1/webhooks', { url, events: ['*'] })).status).toBe(201);
    }
  });

  it('refuses non-http schemes, credentials in the URL, unknown events and malformed bodies, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...HOOK, url: 'ftp://files.example/x' }, 'url: webhook URLs must use http:// or https://, not "ftp:"'],
      [{ ...HOOK, url: 'javascript:alert(1)' }, 'url: webhook URLs must use http:// or https://, not "javascript:"'],
      [{ ...HOOK, url: 'crm.example/hooks' }, 'url: not a valid URL; expected e.g. https://example.com/uptake-webhook'],
      [{ ...HOOK, url: 'https://admin:hunter2@crm.example/hooks' }, 'url: must not contain a user name or password; verify requests with the signing secret instead'],
      [{ ...HOOK, events: ['alert.exploded'] }, 'events[0]: expected one of "alert.raised", "alert.resolved", "certification.awarded", "survey.answered", "user.erased", "account.erased", "*"'],
      [{ ...HOOK, events: [] }, 'events: subscribe to at least one event type, or ["*"] for all'],
      [{ ...HOOK, events: ['*', 'alert.raised'] }, 'events: "*" already means every event; send it alone'],
      [{ ...HOOK, events: ['alert.raised', 'alert.raised'] }, 'events: lists an event type twice'],
      [{ url: HOOK.url }, 'events: Invalid input: expected array, received undefined'],
      [{ ...HOOK, secret: 'whsec_mine' }, 'Unrecognized key: "secret"'],
      [{ ...HOOK, format: 'teams' }, 'format: expected "json" (the signed envelope) or "slack" (a line of text for an incoming webhook)'],
    ];
    for (const [body, message] of cases) {
      expect(await errorOf(await f.admin('POST', '/api/v1/webhooks', body))).toEqual({ status: 400, code: 'invalid_webhook', message });
    }
    expect(await errorOf(await f.admin('POST', '/api/v1/webhooks', '{"url":'))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await (await f.admin('GET', '/api/v1/webhooks')).json()).toEqual({ webhooks: [] });
  });

  it(`allows at most ${MAX_WEBHOOKS} webhooks per workspace`, async () => {
    for (let i = 0; i < MAX_WEBHOOKS; i++) expect((await f.admin('POST', '/api/v1/webhooks', HOOK)).status).toBe(201);
    expect(await errorOf(await f.admin('POST', '/api/v1/webhooks', HOOK))).toMatchObject({ status: 409, code: 'too_many_webhooks' });
  });

  it('needs the secret key', async () => {
    expect((await f.request('GET', '/api/v1/webhooks')).status).toBe(401);
    const withWriteKey = await f.request('POST', '/api/v1/webhooks', HOOK, { authorization: `Bearer ${f.workspace.writeKey}` });
    expect(await errorOf(withWriteKey)).toMatchObject({ status: 401, code: 'wrong_key_kind' });
  });
});

describe('changing a webhook', () => {
  it('pauses, resumes, resubscribes, rotates the secret (showing a new one only then) and switches to Slack messages', async () => {
    const created = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    const paused = await (await f.admin('PATCH', `/api/v1/webhooks/${created.id}`, { enabled: false, events: ['*'] })).json();
    expect(paused).toMatchObject({ enabled: false, events: ['*'], url: HOOK.url });
    expect(paused).not.toHaveProperty('secret');
    const rotated = await (await f.admin('PATCH', `/api/v1/webhooks/${created.id}`, { rotateSecret: true, enabled: true })).json();
    expect(rotated).toMatchObject({ enabled: true, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(created.secret);
    const slack = await (await f.admin('PATCH', `/api/v1/webhooks/${created.id}`, { format: 'slack' })).json();
    expect(slack).toMatchObject({ format: 'slack', enabled: true, events: ['*'] });
    expect(await (await f.admin('GET', `/api/v1/webhooks/${created.id}`)).json()).toMatchObject({ format: 'slack' });
  });

  it('refuses an empty or invalid patch', async () => {
    const { id } = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    expect(await errorOf(await f.admin('PATCH', `/api/v1/webhooks/${id}`, {}))).toMatchObject({
      status: 400, code: 'invalid_webhook', message: 'send at least one of url, events, description, format, enabled, rotateSecret',
    });
    expect(await errorOf(await f.admin('PATCH', `/api/v1/webhooks/${id}`, { enabled: 'no' }))).toMatchObject({ status: 400, message: expect.stringMatching(/^enabled:/) });
    expect(await errorOf(await f.admin('PATCH', `/api/v1/webhooks/${id}`, { rotateSecret: false }))).toMatchObject({ status: 400, message: expect.stringMatching(/^rotateSecret:/) });
  });

  it('deletes a webhook; afterwards it is not found', async () => {
    const { id } = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    expect((await f.admin('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(204);
    expect(await errorOf(await f.admin('GET', `/api/v1/webhooks/${id}`))).toEqual({ status: 404, code: 'webhook_not_found', message: `this workspace has no webhook ${id}` });
    expect((await f.admin('DELETE', `/api/v1/webhooks/${id}`)).status).toBe(404);
  });
});

describe('delivery log and test events', () => {
  it('queues a test event and shows it in the log, which pages and validates its query', async () => {
    const { id } = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    const test = await f.admin('POST', `/api/v1/webhooks/${id}/test`);
    expect(test.status).toBe(202);
    const { eventId } = await test.json();
    await emitWebhookEvent(f.store.sql, f.workspace.id, 'alert.raised', { alertId: 'a1' }, new Date(Date.now() + 1000).toISOString());
    const log = await (await f.admin('GET', `/api/v1/webhooks/${id}/deliveries?limit=1&offset=1`)).json();
    expect(log).toEqual({
      total: 2,
      limit: 1,
      offset: 1,
      deliveries: [
        {
          eventId, type: 'webhook.test', status: 'pending', attempts: 0, lastStatus: null, lastError: null,
          nextAttemptAt: expect.any(String), deliveredAt: null, createdAt: expect.any(String),
        },
      ],
    });
    expect(await errorOf(await f.admin('GET', `/api/v1/webhooks/${id}/deliveries?status=lost`))).toMatchObject({
      status: 400, code: 'invalid_query', message: expect.stringMatching(/^status:/),
    });
    expect(await errorOf(await f.admin('GET', `/api/v1/webhooks/${id}/deliveries?limit=1000`))).toMatchObject({ status: 400, message: expect.stringMatching(/^limit:/) });
  });

  it('refuses a test event for a paused webhook', async () => {
    const { id } = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    await f.admin('PATCH', `/api/v1/webhooks/${id}`, { enabled: false });
    expect(await errorOf(await f.admin('POST', `/api/v1/webhooks/${id}/test`))).toMatchObject({ status: 409, code: 'webhook_disabled' });
  });
});

describe('tenant isolation', () => {
  it("keeps workspace B away from A's webhooks and deliveries", async () => {
    const a = await (await f.admin('POST', '/api/v1/webhooks', HOOK)).json();
    await f.admin('POST', `/api/v1/webhooks/${a.id}/test`);
    const b = await f.store.createWorkspace('Tenant B');
    const asB = (method: string, path: string, body?: unknown) => f.request(method, path, body, { authorization: `Bearer ${b.secretKey}` });

    expect(await (await asB('GET', '/api/v1/webhooks')).json()).toEqual({ webhooks: [] });
    for (const [method, path, body] of [
      ['GET', `/api/v1/webhooks/${a.id}`],
      ['GET', `/api/v1/webhooks/${a.id}/deliveries`],
      ['PATCH', `/api/v1/webhooks/${a.id}`, { enabled: false }],
      ['POST', `/api/v1/webhooks/${a.id}/test`],
      ['DELETE', `/api/v1/webhooks/${a.id}`],
    ] as const) {
      expect(await errorOf(await asB(method, path, body)), `${method} ${path}`).toMatchObject({ status: 404, code: 'webhook_not_found' });
    }
    // B's events never reach A's webhook.
    expect((await emitWebhookEvent(f.store.sql, b.id, 'alert.raised', {}, new Date().toISOString())).deliveries).toBe(0);
    const stillA = await (await f.admin('GET', `/api/v1/webhooks/${a.id}`)).json();
    expect(stillA).toMatchObject({ id: a.id, enabled: true });
    expect((await (await f.admin('GET', `/api/v1/webhooks/${a.id}/deliveries`)).json()).total).toBe(1);
  });
});
