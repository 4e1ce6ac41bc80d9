// The console's view of why events are missing: what the ingest route refused, what enforce mode
// would refuse, and browser queues that overflowed; and the latest events of one visitor.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { signIdentityToken } from '../../server/engine/identity-token.ts';
import { appFixture, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(async () => {
  vi.useRealTimers();
  await f.close();
});

const problems = async (fixture = f) => (await (await fixture.admin('GET', '/api/v1/events/problems?limit=50')).json()).problems;

it('lists refused events with their code, place in the batch, visitor and event; accepted ones not', async () => {
  const response = await f.batch([
    trackEvent({ userId: 'u1', event: 'Report Exported' }),
    trackEvent({ userId: 'u7', event: 'Report Exported', timestamp: 'yesterday' }),
    { type: 'track', anonymousId: 'anon-3', event: 'Clicked' },
  ]);
  expect((await response.json()).accepted).toBe(1);
  expect(await problems()).toEqual([
    { at: expect.any(String), code: 'invalid_event', path: 'batch[1].timestamp', message: expect.stringContaining('batch[1].timestamp'), visitor: 'u7', event: 'track Report Exported' },
    { at: expect.any(String), code: 'invalid_event', path: 'batch[2].messageId', message: expect.stringContaining('batch[2].messageId'), visitor: 'anon-3', event: 'track Clicked' },
  ]);
});

it('lists events that enforce mode would refuse while identity verification only reports', async () => {
  const secret = 'a-very-long-secret-for-identity-tokens-0001';
  await f.admin('PUT', '/api/v1/settings', { identityVerification: 'report', verificationSecrets: [secret] });
  const token = signIdentityToken({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
  const body = await (await f.request('POST', '/v1/batch', { writeKey: f.workspace.writeKey, identityTokens: { u1: token }, batch: [trackEvent({ userId: 'u1' }), trackEvent({ userId: 'u2' })] })).json();
  expect(body).toMatchObject({ accepted: 2, unverified: 1, rejected: [] });
  expect(await problems()).toEqual([
    expect.objectContaining({ code: 'missing_token', path: 'batch[1].userId', visitor: 'u2', message: expect.stringContaining('accepted: identity verification is in report mode') }),
  ]);
});

it('lists a browser queue that overflowed', async () => {
  await f.request('POST', '/v1/batch', { writeKey: f.workspace.writeKey, dropped: 12, batch: [trackEvent()] });
  expect(await problems()).toEqual([expect.objectContaining({ code: 'queue_overflow', message: expect.stringContaining('dropped 12 event(s)'), path: null })]);
});

it('records one batch of problems per second per workspace, so bad traffic adds few writes', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
  await f.batch([trackEvent({ timestamp: 'first' })]);
  vi.setSystemTime(new Date('2026-12-07T10:00:00.400Z'));
  const second = await (await f.batch([trackEvent({ timestamp: 'second' })])).json();
  // The browser still hears about every refusal; only the console's record is thinned.
  expect(second.rejected).toHaveLength(1);
  vi.setSystemTime(new Date('2026-12-07T10:00:01.100Z'));
  await f.batch([trackEvent({ timestamp: 'third' })]);
  expect((await problems()).map((p: { at: string }) => p.at)).toEqual(['2026-12-07T10:00:01.100Z', '2026-12-07T10:00:00.000Z']);
});

it("keeps each workspace's problems to itself", async () => {
  const other = await appFixture();
  try {
    await f.batch([trackEvent({ timestamp: 'nope' })]);
    expect(await problems()).toHaveLength(1);
    expect(await problems(other)).toEqual([]);
  } finally {
    await other.close();
  }
});

it("shows one visitor's latest events, and refuses a filter that is not an id", async () => {
  await f.batch([trackEvent({ userId: 'u1', event: 'A' }), trackEvent({ userId: 'u2', event: 'B' }), trackEvent({ userId: null, anonymousId: 'anon-5', event: 'C' })]);
  const names = async (query: string) => (await (await f.admin('GET', `/api/v1/events?${query}`)).json()).events.map((e: { name: string }) => e.name);
  expect(await names('visitor=u2')).toEqual(['B']);
  expect(await names('visitor=anon-5')).toEqual(['C']);
  expect(await names('limit=10')).toEqual(['C', 'B', 'A']);
  const refused = await f.admin('GET', `/api/v1/events?visitor=${'x'.repeat(201)}`);
  expect(refused.status).toBe(400);
  expect((await refused.json()).error).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('visitor') });
});

it('lists a request refused whole when its key names the workspace, and nothing for an unknown key', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const send = (body: string, headers: Record<string, string> = {}) => f.request('POST', '/v1/batch', body, { 'content-type': 'text/plain', ...headers });
  vi.setSystemTime(new Date('2026-12-07T10:00:00.000Z'));
  expect((await send('{"batch": [', { 'x-uptake-key': f.workspace.writeKey })).status).toBe(400);
  vi.setSystemTime(new Date('2026-12-07T10:00:02.000Z'));
  // A beacon carries its key in the body: read from a body that is JSON but not a batch.
  expect((await send(JSON.stringify({ writeKey: f.workspace.writeKey, batch: [] }))).status).toBe(400);
  vi.setSystemTime(new Date('2026-12-07T10:00:04.000Z'));
  expect((await send('{"batch": [', { 'x-uptake-key': 'wk_nobody' })).status).toBe(400);
  expect(await problems()).toEqual([
    { at: '2026-12-07T10:00:02.000Z', code: 'invalid_batch', path: null, visitor: null, event: null, message: expect.stringMatching(/whole request was refused \(HTTP 400\).*batch.*at least one event/) },
    { at: '2026-12-07T10:00:00.000Z', code: 'invalid_json', path: null, visitor: null, event: null, message: expect.stringContaining('not valid JSON') },
  ]);
});
