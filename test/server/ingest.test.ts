import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, groupEvent, identifyEvent, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(() => f.close());

describe('POST /v1/batch', () => {
  it('stores valid events and answers with what it accepted', async () => {
    const response = await f.batch([identifyEvent({ traits: { name: 'Ana' } }), groupEvent({ traits: { name: 'Maple Dental', seats: 4 } }), trackEvent()]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const events = await f.store.recentEvents(f.workspace.id, 10);
    expect(events.map((e) => e.type).sort()).toEqual(['group', 'identify', 'track']);
  });

  it('stores a retried batch once, counting the repeats as duplicates', async () => {
    const events = [trackEvent({ event: 'Reminder Scheduled' }), trackEvent({ event: 'Reminder Scheduled' })];
    await f.batch(events);
    const again = await f.batch(events);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await f.store.recentEvents(f.workspace.id, 10)).toHaveLength(2);
    const profile = await f.store.loadProfile(f.workspace.id, { userId: 'u1', accountId: 'acct-1' });
    expect(profile.accountFeatures['reminders']?.count).toBe(2);
  });

  it('counts feature use for the user and the account, with distinct active days', async () => {
    await f.batch([
      trackEvent({ event: 'Reminder Scheduled', timestamp: '2026-11-18T09:00:00Z' }),
      trackEvent({ event: 'Reminder Scheduled', timestamp: '2026-11-18T15:00:00Z' }),
      trackEvent({ event: 'Reminder Scheduled', timestamp: '2026-11-19T09:00:00Z', userId: 'u2' }),
    ]);
    const profile = await f.store.loadProfile(f.workspace.id, { userId: 'u1', accountId: 'acct-1' });
    expect(profile.userFeatures['reminders']).toMatchObject({ count: 2, activeDays: 1 });
    expect(profile.accountFeatures['reminders']).toMatchObject({ count: 3, activeDays: 2, firstSeen: '2026-11-18T09:00:00.000Z', lastSeen: '2026-11-19T09:00:00.000Z' });
  });

  it('merges traits from later identify and group calls', async () => {
    await f.batch([groupEvent({ traits: { name: 'Maple', seats: 4 } })]);
    await f.batch([groupEvent({ traits: { plan: 'pro' } })]);
    const { items } = await f.store.listAccounts(f.workspace.id, { limit: 10, offset: 0 });
    expect(items[0]!.traits).toEqual({ name: 'Maple', seats: 4, plan: 'pro' });
    expect(items[0]!.users).toBe(1);
  });

  it('links an anonymous visitor’s earlier feature use and message state to the user on identify', async () => {
    const anon = { userId: null, anonymousId: 'anon-7', groupId: null };
    await f.batch([
      trackEvent({ ...anon, event: 'Reminder Scheduled', timestamp: '2026-11-18T09:00:00Z' }),
      trackEvent({ ...anon, event: 'message_dismissed', properties: { campaignId: 'c1' } }),
    ]);
    await f.batch([identifyEvent({ userId: 'u9', anonymousId: 'anon-7' })]);
    const profile = await f.store.loadProfile(f.workspace.id, { userId: 'u9' });
    expect(profile.userFeatures['reminders']).toMatchObject({ count: 1, activeDays: 1 });
    expect((await f.store.messageStates(f.workspace.id, 'u9')).get('c1')?.dismissedAt).toBeTruthy();
    expect((await f.store.messageStates(f.workspace.id, 'anon-7')).size).toBe(0);
    const events = await f.store.recentEvents(f.workspace.id, 10);
    expect(events.every((e) => e.userId === 'u9')).toBe(true);
    // A second identify links nothing twice.
    await f.batch([identifyEvent({ userId: 'u9', anonymousId: 'anon-7' })]);
    expect((await f.store.loadProfile(f.workspace.id, { userId: 'u9' })).userFeatures['reminders']?.count).toBe(1);
  });

  it('rejects bad events one by one, naming the field, and keeps the good ones', async () => {
    const response = await f.batch([trackEvent(), { ...trackEvent(), timestamp: 'yesterday' }, { type: 'track', messageId: 'x', timestamp: '2026-11-20T10:00:00Z', event: 'A' }]);
    const body = await response.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, code: 'invalid_event', path: 'batch[1].timestamp', message: 'batch[1].timestamp: expected ISO-8601 date' },
      { index: 2, code: 'invalid_event', path: 'batch[2].userId', message: 'batch[2].userId: either userId or anonymousId is required' },
    ]);
  });

  it('corrects a wrong device clock using sentAt', async () => {
    // The device clock is two hours fast: it says the event happened 1 minute before sending.
    const now = Date.now();
    const deviceNow = now + 2 * 3600_000;
    await f.request('POST', '/v1/batch', {
      writeKey: f.workspace.writeKey,
      sentAt: new Date(deviceNow).toISOString(),
      batch: [trackEvent({ timestamp: new Date(deviceNow - 60_000).toISOString() })],
    });
    const [event] = await f.store.recentEvents(f.workspace.id, 1);
    expect(Math.abs(Date.parse(event!.timestamp) - (now - 60_000))).toBeLessThan(5_000);
  });

  it('accepts text/plain bodies, as browsers send them to avoid a CORS preflight', async () => {
    const response = await f.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ writeKey: f.workspace.writeKey, batch: [trackEvent()] }),
    });
    expect(response.status).toBe(200);
  });

  it('allows any origin without credentials', async () => {
    const preflight = await f.app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: { origin: 'https://customer.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-uptake-key' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'Content-Type, X-Uptake-Key',
      'access-control-max-age': '86400',
    });
    // The answers themselves, accepted or refused, may be read by the page too.
    const origin = { origin: 'https://customer.example' };
    const accepted = await f.request('POST', '/v1/batch', { writeKey: f.workspace.writeKey, batch: [trackEvent()] }, origin);
    const refused = await f.request('POST', '/v1/batch', { writeKey: 'wk_nope', batch: [trackEvent()] }, origin);
    const decided = await f.request('POST', '/v1/decide', { writeKey: f.workspace.writeKey, userId: 'u1', url: 'https://app.example/' }, origin);
    expect([accepted.status, refused.status, decided.status]).toEqual([200, 401, 200]);
    for (const response of [accepted, refused, decided]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it.each([
    ['an unknown write key', { writeKey: 'wk_nope', batch: [{}] }, {}, 401, 'invalid_write_key'],
    ['no key at all', { batch: [{}] }, {}, 401, 'missing_write_key'],
    ['a secret key instead of the write key', null, {}, 401, 'wrong_key_kind'],
    ['invalid JSON', '{"batch": [', {}, 400, 'invalid_json'],
    ['an empty body', '', {}, 400, 'empty_body'],
    ['an empty batch', { batch: [] }, {}, 400, 'invalid_batch'],
    ['a batch that is not an array', { batch: 'x' }, {}, 400, 'invalid_batch'],
    ['a __proto__ key', '{"batch":[{"__proto__":{"polluted":true}}]}', {}, 400, 'forbidden_key'],
    ['a form content type', { batch: [{}] }, { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ])('refuses %s with a specific error', async (_name, body, headers, status, code) => {
    const payload = body === null ? { writeKey: f.workspace.secretKey, batch: [trackEvent()] } : body;
    const response = await f.request('POST', '/v1/batch', payload, headers as Record<string, string>);
    expect(response.status).toBe(status);
    const json = await response.json();
    expect(json.error).toMatchObject({ code, status });
    expect(json.error.message.length).toBeGreaterThan(10);
    expect(await f.store.recentEvents(f.workspace.id, 1)).toHaveLength(0);
  });

  it('refuses a body over 500 KB with 413', async () => {
    const big = Array.from({ length: 30 }, () => trackEvent({ properties: { blob: 'x'.repeat(20_000) } }));
    const response = await f.batch(big);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('body_too_large');
  });

  it('refuses a single event over 32 KB but keeps the rest of the batch', async () => {
    const response = await f.batch([trackEvent({ properties: { blob: 'x'.repeat(33_000) } }), trackEvent()]);
    const body = await response.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected[0]).toMatchObject({ index: 0, code: 'event_too_large', path: 'batch[0]' });
  });

  it('keeps tenants apart: the key decides the workspace, not the body', async () => {
    const other = await f.store.createWorkspace('Other tenant');
    await f.request('POST', '/v1/batch', { writeKey: other.writeKey, batch: [trackEvent()] });
    expect(await f.store.recentEvents(f.workspace.id, 10)).toHaveLength(0);
    expect(await f.store.recentEvents(other.id, 10)).toHaveLength(1);
  });
});

describe('trait merging edge cases', () => {
  it('never stores a null trait, even for a user first seen in this batch', async () => {
    const f = await appFixture();
    await f.batch([identifyEvent({ traits: { plan: 'pro', phone: '1' } }), identifyEvent({ traits: { phone: null } })]);
    expect((await f.store.loadProfile(f.workspace.id, { userId: 'u1' })).userTraits).toEqual({ plan: 'pro' });
    await f.close();
  });

  it('keeps message state when an identify names the same id twice', async () => {
    const f = await appFixture();
    await f.batch([trackEvent({ userId: 'same', anonymousId: 'same', event: 'message_dismissed', properties: { campaignId: 'c1' } })]);
    await f.batch([identifyEvent({ userId: 'same', anonymousId: 'same' })]);
    expect((await f.store.messageStates(f.workspace.id, 'same')).get('c1')?.dismissedAt).toBeTruthy();
    await f.close();
  });
});
