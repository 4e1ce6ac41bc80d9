// Webhook delivery against real HTTP receivers on 127.0.0.1: signatures, retries with backoff,
// dead and hanging receivers, and two deliverers sharing one PostgreSQL database.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { listen } from '../../server/index.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';
import type { SqlDb } from '../../server/store/sql.ts';
import { MAX_ATTEMPTS, RETRY_STEPS, retryDelay } from '../../server/webhooks/backoff.ts';
import { createDeliverer, type Deliverer } from '../../server/webhooks/deliverer.ts';
import { emitWebhookEvent } from '../../server/webhooks/outbox.ts';
import { createWebhook, listDeliveries } from '../../server/webhooks/registry.ts';
import { signWebhook, verifyWebhookSignature } from '../../server/webhooks/signature.ts';
import { freePort, tempSqliteStore } from '../harness.ts';
import { makePostgres } from '../store/fixtures.ts';
import { appFixture, trackEvent } from './app-fixture.ts';
import { countByEventId, type Receiver, startReceiver } from './webhooks-receiver.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs rounds until `done` holds, as the background loop would, but without waiting for a poll. */
async function deliverUntil(deliverers: Deliverer[], done: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<number[]> {
  const attempts = deliverers.map(() => 0);
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('deliveries did not settle in time');
    const made = await Promise.all(deliverers.map((d) => d.runOnce()));
    made.forEach((n, i) => (attempts[i]! += n));
    if (!made.some(Boolean)) await sleep(5);
  }
  return attempts;
}

async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(answer);
  cleanups.push(() => started.close());
  return started;
}

async function fixture() {
  const f = await appFixture();
  cleanups.push(() => f.close());
  const register = async (url: string, events = ['*']) => (await f.admin('POST', '/api/v1/webhooks', { url, events })).json();
  const log = async (webhookId: string) => (await (await f.admin('GET', `/api/v1/webhooks/${webhookId}/deliveries`)).json()).deliveries;
  return { ...f, register, log };
}

const headersOf = (request: Receiver['received'][number]) => ({
  signature: request.headers['x-uptake-signature'] as string,
  timestamp: request.headers['x-uptake-timestamp'] as string,
});

describe('signed delivery', () => {
  it('POSTs the event as JSON, signed so that the secret verifies it and a wrong secret does not', async () => {
    const f = await fixture();
    const target = await receiver();
    const webhook = await f.register(target.url, ['alert.raised']);
    const { eventId } = await emitWebhookEvent(f.store.sql, f.workspace.id, 'alert.raised', { alertId: 'al-9', accountId: 'acct-1' }, '2026-11-20T10:00:00.000Z');
    await deliverUntil([createDeliverer(f.store.sql)], () => target.received.length === 1);

    const [request] = target.received;
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-uptake-event-id': eventId,
      'x-uptake-timestamp': expect.stringMatching(/^\d{10}$/),
      'x-uptake-signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
    });
    expect(Math.abs(Number(request!.headers['x-uptake-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(JSON.parse(request!.body)).toEqual({
      id: eventId, type: 'alert.raised', createdAt: '2026-11-20T10:00:00.000Z', workspaceId: f.workspace.id, data: { alertId: 'al-9', accountId: 'acct-1' },
    });
    expect(verifyWebhookSignature(webhook.secret, headersOf(request!), request!.body)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', headersOf(request!), request!.body)).toBe(false);
    expect(verifyWebhookSignature(webhook.secret, headersOf(request!), request!.body.replace('al-9', 'al-8'))).toBe(false);
    // A captured request replayed ten minutes later is refused.
    expect(verifyWebhookSignature(webhook.secret, headersOf(request!), request!.body, { now: Math.floor(Date.now() / 1000) + 600 })).toBe(false);
    expect((await f.log(webhook.id))[0]).toMatchObject({ eventId, status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
  });

  it('sends a survey answer the SDK reported, once, with the survey name and NPS group', async () => {
    const f = await fixture();
    const target = await receiver();
    const webhook = await f.register(target.url, ['survey.answered']);
    const survey = await (await f.admin('POST', '/api/v1/campaigns', { name: 'NPS, December', kind: 'survey', status: 'live', content: { title: 'How likely…?' }, question: { type: 'nps' } })).json();
    const answer = trackEvent({ userId: 'u9', event: 'survey_answered', properties: { campaignId: survey.id, score: 2, comment: 'Reminders never arrive' } });
    // The browser retries the batch: still one answer, one webhook event.
    for (let i = 0; i < 2; i++) expect((await (await f.batch([answer])).json()).rejected).toEqual([]);
    await deliverUntil([createDeliverer(f.store.sql)], () => target.received.length === 1);
    await sleep(50);
    expect(target.received).toHaveLength(1);
    const body = JSON.parse(target.received[0]!.body);
    expect(body).toMatchObject({ type: 'survey.answered', workspaceId: f.workspace.id });
    expect(body.data).toMatchObject({ campaignName: 'NPS, December', visitorId: 'u9', accountId: 'acct-1', score: 2, npsGroup: 'detractor', comment: 'Reminders never arrive' });
    expect(verifyWebhookSignature(webhook.secret, headersOf(target.received[0]!), target.received[0]!.body)).toBe(true);
  });

  it('sends a "slack" webhook one line of text per event, linking to the console, with people’s words escaped', async () => {
    const f = await fixture();
    const target = await receiver();
    const hook = await (await f.admin('POST', '/api/v1/webhooks', { url: target.url, events: ['survey.answered', 'alert.raised'], format: 'slack' })).json();
    expect(hook.format).toBe('slack');
    const survey = await (await f.admin('POST', '/api/v1/campaigns', { name: 'NPS, December', kind: 'survey', status: 'live', content: { title: 'How likely…?' }, question: { type: 'nps' } })).json();
    await f.batch([trackEvent({ userId: 'u9', event: 'survey_answered', properties: { campaignId: survey.id, score: 2, comment: 'Slow <!channel> & <https://evil.example|click>' } })]);
    await emitWebhookEvent(f.store.sql, f.workspace.id, 'alert.raised', { id: 'al-1', rule: 'health-red', subjectKind: 'account', subjectId: 'acct-1', subjectName: 'Maple Dental', message: 'health turned red' }, '2026-11-20T10:00:00.000Z');
    await deliverUntil([createDeliverer(f.store.sql, { consoleUrl: 'https://uptake.example/console/' })], () => target.received.length === 2);

    const texts = target.received.map((r) => JSON.parse(r.body).text as string).sort();
    expect(texts).toEqual([
      ':rotating_light: <https://uptake.example/console/#/accounts/acct-1|Maple Dental>: health turned red (alert rule health-red)',
      ':speech_balloon: <https://uptake.example/console/#/users/u9|u9> (<https://uptake.example/console/#/accounts/acct-1|acct-1>) answered 2/10 (detractor) to NPS, December\n>Slow &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;',
    ]);
    expect(target.received[0]!.headers['content-type']).toBe('application/json');
    expect((await f.log(hook.id)).map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('signs with the new secret as soon as it is rotated', async () => {
    const f = await fixture();
    const target = await receiver();
    const webhook = await f.register(target.url);
    const { secret } = await (await f.admin('PATCH', `/api/v1/webhooks/${webhook.id}`, { rotateSecret: true })).json();
    await f.admin('POST', `/api/v1/webhooks/${webhook.id}/test`);
    await deliverUntil([createDeliverer(f.store.sql)], () => target.received.length === 1);
    const [request] = target.received;
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'webhook.test', data: { webhookId: webhook.id } });
    expect(verifyWebhookSignature(secret, headersOf(request!), request!.body)).toBe(true);
    expect(verifyWebhookSignature(webhook.secret, headersOf(request!), request!.body)).toBe(false);
  });

  it('computes the documented signature: HMAC-SHA256 of "timestamp.body" in hex', () => {
    // Reference value computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhook('whsec_test', 1700000000, '{"a":1}')).toBe('v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789');
  });
});

describe('retries', () => {
  it('follows the documented schedule: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then gives up after 8 attempts', () => {
    const policy = { baseDelayMs: 10_000, maxAttempts: MAX_ATTEMPTS };
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelay(i + 1, policy, () => 0.5));
    expect(delays).toEqual([10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000, null]);
    expect(RETRY_STEPS).toHaveLength(MAX_ATTEMPTS - 1);
    // Jitter stays within ±10 %.
    expect(retryDelay(1, policy, () => 0)).toBe(9_000);
    expect(retryDelay(1, policy, () => 1)).toBe(11_000);
  });

  it('delivers once, with the same event id, to a receiver that fails three times first, backing off between tries', async () => {
    const f = await fixture();
    const target = await receiver((_request, index) => (index < 3 ? 503 : 200));
    const webhook = await f.register(target.url);
    const { eventId } = await emitWebhookEvent(f.store.sql, f.workspace.id, 'certification.awarded', { userId: 'u1', level: 2 }, new Date().toISOString());
    const deliverer = createDeliverer(f.store.sql, { retry: { baseDelayMs: 20, maxAttempts: 8 } });
    await deliverUntil([deliverer], async () => (await f.log(webhook.id))[0].status === 'delivered');
    // More rounds send nothing more.
    for (let i = 0; i < 5; i++) expect(await deliverer.runOnce()).toBe(0);

    expect(target.received).toHaveLength(4);
    expect([...countByEventId(target.received)]).toEqual([[eventId, 4]]);
    expect(new Set(target.received.map((r) => r.body)).size).toBe(1);
    // Waits of at least 0.9 × 20 ms × (1, 6, 30).
    const gaps = target.received.slice(1).map((r, i) => r.at - target.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(108);
    expect(gaps[2]).toBeGreaterThanOrEqual(540);
    expect((await f.log(webhook.id))[0]).toMatchObject({ eventId, status: 'delivered', attempts: 4, lastStatus: 200, lastError: null, deliveredAt: expect.any(String) });
  });

  it('treats redirects and client errors as failures and says what came back', async () => {
    const f = await fixture();
    const target = await receiver(() => 302);
    const webhook = await f.register(target.url);
    await emitWebhookEvent(f.store.sql, f.workspace.id, 'alert.resolved', {}, new Date().toISOString());
    await deliverUntil([createDeliverer(f.store.sql, { retry: { baseDelayMs: 1, maxAttempts: 2 } })], async () => (await f.log(webhook.id))[0].status === 'failed');
    expect(target.received).toHaveLength(2);
    expect((await f.log(webhook.id))[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 302, lastError: 'the receiver answered HTTP 302', nextAttemptAt: null });
  });
});

describe('receivers that are down', () => {
  it('never slow ingestion, do not hold up other webhooks, and end up failed after the last attempt', async () => {
    const { store, cleanup } = tempSqliteStore();
    const port = await freePort();
    const app = createApp({ store, publicUrl: `http://127.0.0.1:${port}` });
    const timeoutMs = 1000;
    const server = await listen(app, store, { port, host: '127.0.0.1', webhooks: { pollIntervalMs: 10, timeoutMs, retry: { baseDelayMs: 20, maxAttempts: 3 } } });
    cleanups.push(async () => (await server.close(), cleanup()));
    const workspace = await store.createWorkspace('Down receivers');
    const admin = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${workspace.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    const dead = `http://127.0.0.1:${await freePort()}/gone`;
    const ids: Record<string, string> = {};
    for (const [name, url] of [['hanging', hanging.url], ['healthy', healthy.url], ['dead', dead]] as const) {
      ids[name] = (await (await admin('/api/v1/webhooks', { url, events: ['*'] })).json()).id;
    }

    const batchLatencies = async (rounds: number) => {
      const latencies: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const response = await fetch(`${server.url}/v1/batch`, {
          method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey: workspace.writeKey, batch: Array.from({ length: 10 }, () => trackEvent()) }),
        });
        expect(response.status).toBe(200);
        latencies.push(performance.now() - started);
      }
      return latencies.sort((a, b) => a - b);
    };
    const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;

    await batchLatencies(5); // warm-up
    const before = await batchLatencies(40);
    const events = 3;
    for (let i = 0; i < events; i++) await emitWebhookEvent(store.sql, workspace.id, 'alert.raised', { n: i }, new Date().toISOString());
    const deadline = Date.now() + 5000;
    while (hanging.open < 2 && Date.now() < deadline) await sleep(5);
    expect(hanging.open).toBe(2); // both of its slots are taken by requests that will never be answered
    const during = await batchLatencies(40);
    expect(hanging.open).toBeGreaterThan(0);
    console.log(`[webhooks] POST /v1/batch median ${median(before).toFixed(1)} ms idle, ${median(during).toFixed(1)} ms with a hanging and a dead receiver; max ${during.at(-1)!.toFixed(1)} ms`);
    expect(median(during)).toBeLessThan(median(before) * 2 + 10);
    expect(during.at(-1)!).toBeLessThan(timeoutMs / 2);

    // The healthy receiver got every event while the hanging one still held its requests.
    expect([...countByEventId(healthy.received).values()]).toEqual(Array(events).fill(1));

    const logOf = (id: string) => listDeliveries(store.sql, workspace.id, id, { limit: 50, offset: 0 });
    const settled = Date.now() + 15_000;
    const finished = async (id: string) => (await logOf(id)).items.every((d) => d.status === 'failed');
    while (!((await finished(ids['hanging']!)) && (await finished(ids['dead']!))) && Date.now() < settled) await sleep(50);
    expect((await logOf(ids['hanging']!)).items).toEqual(
      Array(events).fill(expect.objectContaining({ status: 'failed', attempts: 3, lastStatus: null, lastError: `timed out after ${timeoutMs} ms` })),
    );
    expect((await logOf(ids['dead']!)).items).toEqual(
      Array(events).fill(expect.objectContaining({ status: 'failed', attempts: 3, lastStatus: null, lastError: 'connection refused (ECONNREFUSED)' })),
    );
    expect(hanging.received).toHaveLength(events * 3);
  }, 30_000);
});

describe('server shutdown', () => {
  it('waits for a delivery in flight and records its attempt before closing the database', async () => {
    const { store, file, cleanup } = tempSqliteStore();
    cleanups.push(cleanup);
    const port = await freePort();
    const server = await listen(createApp({ store, publicUrl: `http://127.0.0.1:${port}` }), store, {
      port, host: '127.0.0.1', webhooks: { pollIntervalMs: 10, timeoutMs: 300 },
    });
    const hanging = await receiver(() => 'hang');
    const workspace = await store.createWorkspace('Shutdown');
    const webhook = await createWebhook(store.sql, workspace.id, { url: hanging.url, events: ['*'], description: '' }, new Date().toISOString());
    await emitWebhookEvent(store.sql, workspace.id, 'alert.raised', {}, new Date().toISOString());
    while (hanging.open < 1) await sleep(5);
    await server.close();

    const reopened = openSqliteStore(file);
    cleanups.push(() => reopened.close());
    expect((await listDeliveries(reopened.sql, workspace.id, webhook.id, { limit: 1, offset: 0 })).items[0]).toMatchObject({
      status: 'pending', attempts: 1, lastError: 'timed out after 300 ms',
    });
  });
});

describe('several server instances on one PostgreSQL', () => {
  it('deliver each event exactly once', async () => {
    const first = await makePostgres();
    cleanups.push(() => first.cleanup());
    const second = await openPostgresStore(first.url);
    cleanups.push(() => second.close());
    const target = await receiver();
    const workspace = await first.store.createWorkspace('Two instances');
    await createWebhook(first.store.sql, workspace.id, { url: target.url, events: ['*'], description: '' }, new Date().toISOString());
    const events = 60;
    for (let i = 0; i < events; i++) await emitWebhookEvent(first.store.sql, workspace.id, 'alert.raised', { n: i }, new Date().toISOString());

    const sqls: SqlDb[] = [first.store.sql, second.sql];
    const deliverers = sqls.map((sql) => createDeliverer(sql, { concurrency: 8, perWebhook: 8 }));
    const pending = async () => (await listDeliveries(first.store.sql, workspace.id, (await first.store.sql.get<{ id: string }>('SELECT id FROM webhooks'))!.id, { limit: 1, offset: 0, status: 'pending' })).total;
    const attempts = await deliverUntil(deliverers, async () => (await pending()) === 0, 20_000);

    console.log(`[webhooks] attempts per instance: ${attempts.join(" + ")}`);
    expect(attempts[0]! + attempts[1]!).toBe(events);
    const counts = countByEventId(target.received);
    expect(counts.size).toBe(events);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
