// The webhook outbox and its claims on SQLite and PostgreSQL: the same SQL must behave the same.
import { expect, it } from 'vitest';
import { claimDeliveries, dueDeliveries, pruneDeliveries, recordAttempt } from '../../server/webhooks/claims.ts';
import { emitWebhookEvent, queueTestEvent, webhookEvent } from '../../server/webhooks/outbox.ts';
import { createWebhook, deleteWebhook, listDeliveries, updateWebhook } from '../../server/webhooks/registry.ts';
import { eachStore } from './fixtures.ts';

const T0 = '2026-11-20T10:00:00.000Z';
const T1 = '2026-11-20T10:00:01.000Z';
const T2 = '2026-11-20T10:00:02.000Z';
const LATER = '2026-11-20T11:00:00.000Z';
const ALERT = { alertId: 'al-1', rule: 'health_red', accountId: 'acct-1' };
const page = { limit: 50, offset: 0 };

eachStore('%s webhook outbox', (ctx) => {
  const hook = (events: string[], workspaceId = ctx.ws.id) =>
    createWebhook(ctx.store.sql, workspaceId, { url: 'https://hooks.example/uptake', events: events as ['*'], description: '' }, T0);
  const log = async (webhookId: string, workspaceId = ctx.ws.id) => (await listDeliveries(ctx.store.sql, workspaceId, webhookId, page)).items;

  it('queues an event once for each enabled webhook subscribed to its type or to "*"', async () => {
    const alerts = await hook(['alert.raised', 'alert.resolved']);
    const everything = await hook(['*']);
    const certifications = await hook(['certification.awarded']);
    const paused = await hook(['*']);
    await updateWebhook(ctx.store.sql, ctx.ws.id, paused.id, { enabled: false }, T0);

    const { eventId, deliveries } = await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T1);
    expect(deliveries).toBe(2);
    for (const webhook of [alerts, everything]) {
      expect(await log(webhook.id)).toEqual([
        {
          eventId, type: 'alert.raised', status: 'pending', attempts: 0, lastStatus: null, lastError: null, nextAttemptAt: T1, deliveredAt: null, createdAt: T1,
        },
      ]);
    }
    expect(await log(certifications.id)).toEqual([]);
    expect(await log(paused.id)).toEqual([]);
  });

  it('stores the exact body to send: id, type, createdAt, workspaceId and data', async () => {
    const webhook = await hook(['*']);
    const { eventId } = await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'certification.awarded', { userId: 'u1', level: 2 }, T1);
    const [claimed] = await claimDeliveries(ctx.store.sql, [{ workspaceId: ctx.ws.id, webhookId: webhook.id, eventId }], 'c1', T1, LATER);
    expect(claimed).toMatchObject({ webhookId: webhook.id, eventId, secret: webhook.secret, url: webhook.url, attempts: 1 });
    expect(JSON.parse(claimed!.body)).toEqual({ id: eventId, type: 'certification.awarded', createdAt: T1, workspaceId: ctx.ws.id, data: { userId: 'u1', level: 2 } });
  });

  it('is part of the caller\'s transaction: when the caller\'s write fails, no delivery is queued', async () => {
    const webhook = await hook(['*']);
    await expect(ctx.store.sql.batch([...webhookEvent(ctx.ws.id, 'alert.raised', ALERT, T1), ['INSERT INTO no_such_table VALUES (1)']])).rejects.toThrow();
    expect(await log(webhook.id)).toEqual([]);
    // Committed together, both are there.
    await ctx.store.sql.batch([...webhookEvent(ctx.ws.id, 'alert.raised', ALERT, T1), ['SELECT 1']]);
    expect(await log(webhook.id)).toHaveLength(1);
  });

  it('queues nothing new when the same event id is emitted again', async () => {
    const webhook = await hook(['*']);
    expect((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T1, 'alert-al-1-raised')).deliveries).toBe(1);
    expect((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T2, 'alert-al-1-raised')).deliveries).toBe(0);
    expect((await log(webhook.id)).map((d) => [d.eventId, d.createdAt])).toEqual([['alert-al-1-raised', T1]]);
  });

  it('never queues for another workspace\'s webhooks, and never shows another workspace\'s log', async () => {
    const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
    const theirs = await hook(['*'], other.id);
    const ours = await hook(['*']);
    await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T1);
    expect(await log(theirs.id, other.id)).toEqual([]);
    expect(await log(ours.id)).toHaveLength(1);
    expect(await log(ours.id, other.id)).toEqual([]);
    expect(await deleteWebhook(ctx.store.sql, other.id, ours.id)).toBe(false);
    expect(await updateWebhook(ctx.store.sql, other.id, ours.id, { enabled: false }, T1)).toBeNull();
  });

  it('follows subscription changes and forgets a deleted webhook with its log', async () => {
    const webhook = await hook(['alert.raised']);
    await updateWebhook(ctx.store.sql, ctx.ws.id, webhook.id, { events: ['certification.awarded'] }, T1);
    expect((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T1)).deliveries).toBe(0);
    expect((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'certification.awarded', {}, T1)).deliveries).toBe(1);
    expect(await deleteWebhook(ctx.store.sql, ctx.ws.id, webhook.id)).toBe(true);
    expect(await log(webhook.id)).toEqual([]);
    expect((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'certification.awarded', {}, T2)).deliveries).toBe(0);
    expect(await deleteWebhook(ctx.store.sql, ctx.ws.id, webhook.id)).toBe(false);
  });

  it('lets one claimer take a due delivery; a second claim gets nothing until the lock expires', async () => {
    await hook(['*']);
    // Only this test's delivery: earlier tests left theirs pending in the same database.
    await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T0);
    const due = await dueDeliveries(ctx.store.sql, T1, { limit: 10, perWebhook: 10 });
    const mine = due.filter((d) => d.workspaceId === ctx.ws.id);
    expect(mine).toHaveLength(1);
    expect(await claimDeliveries(ctx.store.sql, mine, 'first', T1, T2)).toHaveLength(1);
    expect(await claimDeliveries(ctx.store.sql, mine, 'second', T1, T2)).toEqual([]);
    expect((await dueDeliveries(ctx.store.sql, T1, { limit: 10, perWebhook: 10 })).filter((d) => d.workspaceId === ctx.ws.id)).toEqual([]);
    // The first claimer died: after its lock, the delivery is due again and counts a second attempt.
    const [retaken] = await claimDeliveries(ctx.store.sql, mine, 'second', LATER, '2026-11-20T12:00:00.000Z');
    expect(retaken?.attempts).toBe(2);
    // The dead claimer's late answer changes nothing; the holder's does.
    expect(await recordAttempt(ctx.store.sql, mine[0]!, 'first', { delivered: true, status: 200 }, LATER, null)).toEqual([0]);
    expect(await recordAttempt(ctx.store.sql, mine[0]!, 'second', { delivered: false, status: 503, error: 'the receiver answered HTTP 503' }, LATER, '2026-11-20T11:01:00.000Z')).toEqual([1]);
    expect((await log(mine[0]!.webhookId))[0]).toMatchObject({
      status: 'pending', attempts: 2, lastStatus: 503, lastError: 'the receiver answered HTTP 503', nextAttemptAt: '2026-11-20T11:01:00.000Z',
    });
  });

  it('hands out at most `perWebhook` deliveries of one webhook per round, oldest first', async () => {
    const busy = await hook(['*']);
    const quiet = await hook(['alert.resolved']);
    for (let i = 0; i < 5; i++) await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', { n: i }, `2026-11-20T09:00:0${i}.000Z`);
    await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.resolved', ALERT, T0);
    const due = (await dueDeliveries(ctx.store.sql, T1, { limit: 100, perWebhook: 2 })).filter((d) => d.workspaceId === ctx.ws.id);
    expect(due.map((d) => d.webhookId)).toEqual([busy.id, busy.id, quiet.id]);
  });

  it('pages the delivery log newest first and filters it by status', async () => {
    const webhook = await hook(['*']);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', { n: i }, `2026-11-20T09:00:0${i}.000Z`)).eventId);
    const [oldest] = await claimDeliveries(ctx.store.sql, [{ workspaceId: ctx.ws.id, webhookId: webhook.id, eventId: ids[0]! }], 'c', T1, T2);
    await recordAttempt(ctx.store.sql, oldest!, 'c', { delivered: true, status: 204 }, T1, null);
    const second = await listDeliveries(ctx.store.sql, ctx.ws.id, webhook.id, { limit: 2, offset: 2 });
    expect(second.total).toBe(4);
    expect(second.items.map((d) => d.eventId)).toEqual([ids[1], ids[0]]);
    expect(second.items[1]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204, deliveredAt: T1, nextAttemptAt: null });
    const delivered = await listDeliveries(ctx.store.sql, ctx.ws.id, webhook.id, { ...page, status: 'delivered' });
    expect(delivered.items.map((d) => d.eventId)).toEqual([ids[0]]);
  });

  it('queues a test event for one webhook whatever it subscribes to', async () => {
    const webhook = await hook(['certification.awarded']);
    const other = await hook(['*']);
    const eventId = await queueTestEvent(ctx.store.sql, ctx.ws.id, webhook.id, T1);
    expect(await log(webhook.id)).toMatchObject([{ eventId, type: 'webhook.test', status: 'pending' }]);
    expect(await log(other.id)).toEqual([]);
  });

  it('prunes finished deliveries past retention and keeps pending ones', async () => {
    const webhook = await hook(['*']);
    const done = await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.raised', ALERT, T0);
    const waiting = await emitWebhookEvent(ctx.store.sql, ctx.ws.id, 'alert.resolved', ALERT, T0);
    await claimDeliveries(ctx.store.sql, [{ workspaceId: ctx.ws.id, webhookId: webhook.id, eventId: done.eventId }], 'c', T0, T1);
    await recordAttempt(ctx.store.sql, { workspaceId: ctx.ws.id, webhookId: webhook.id, eventId: done.eventId }, 'c', { delivered: true, status: 200 }, T0, null);
    expect(await pruneDeliveries(ctx.store.sql, T2)).toBeGreaterThanOrEqual(1);
    expect((await log(webhook.id)).map((d) => d.eventId)).toEqual([waiting.eventId]);
  });
});
