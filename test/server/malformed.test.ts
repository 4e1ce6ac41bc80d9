// A corpus of malformed input: every case is a 4xx that names what is wrong, writes no row,
// and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFixture, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeAll(async () => {
  f = await appFixture();
});
afterAll(() => f.close());

type Case = { name: string; body: string; contentType?: string; status: number; code: string; path?: string };

const batchOf = (...events: unknown[]) => JSON.stringify({ batch: events });
const withEvent = (fields: Record<string, unknown>) => batchOf({ ...trackEvent(), ...fields });
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

// The write key travels in the X-Uptake-Key header. Whole-body problems answer with an error envelope; per-event problems come back in `rejected`.
const cases: () => Case[] = () => [
  { name: 'truncated JSON', body: batchOf(trackEvent()).slice(0, 40), status: 400, code: 'invalid_json' },
  { name: 'not JSON at all', body: 'hello', status: 400, code: 'invalid_json' },
  { name: 'a JSON array body', body: '[]', status: 400, code: 'invalid_batch' },
  { name: 'a JSON string body', body: '"batch"', status: 400, code: 'invalid_batch' },
  { name: 'null body', body: 'null', status: 400, code: 'invalid_batch' },
  { name: 'empty body', body: '', status: 400, code: 'empty_body' },
  { name: 'whitespace body', body: '   \n', status: 400, code: 'empty_body' },
  { name: 'missing batch', body: JSON.stringify({}), status: 400, code: 'invalid_batch', path: 'batch' },
  { name: 'batch is an object', body: JSON.stringify({ batch: {} }), status: 400, code: 'invalid_batch', path: 'batch' },
  { name: 'too many events', body: batchOf(...Array.from({ length: 501 }, () => ({}))), status: 400, code: 'invalid_batch', path: 'batch' },
  { name: 'writeKey is a number', body: JSON.stringify({ writeKey: 5, batch: [{}] }), status: 400, code: 'invalid_batch', path: 'writeKey' },
  { name: 'bad batch sentAt', body: JSON.stringify({ sentAt: 'now', batch: [trackEvent()] }), status: 400, code: 'invalid_batch', path: 'sentAt' },
  { name: '__proto__ at the top', body: '{"__proto__":{"x":1},"batch":[{}]}', status: 400, code: 'forbidden_key' },
  { name: '__proto__ inside properties', body: '{"batch":[{"type":"track","properties":{"__proto__":{"isAdmin":true}}}]}', status: 400, code: 'forbidden_key' },
  { name: '__proto__ spelled with escapes', body: '{"batch":[{"type":"track","properties":{"\\u005f_proto\\u005f_":{"isAdmin":true}}}]}', status: 400, code: 'forbidden_key' },
  { name: 'form content type', body: batchOf(trackEvent()), contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
  { name: 'multipart content type', body: batchOf(trackEvent()), contentType: 'multipart/form-data; boundary=x', status: 415, code: 'unsupported_media_type' },
  { name: 'body over 500 KB', body: batchOf(trackEvent({ properties: { x: 'y'.repeat(520_000) } })), status: 413, code: 'body_too_large' },
  // Per event:
  { name: 'event is a string', body: batchOf('track'), status: 200, code: 'invalid_event', path: 'batch[0]' },
  { name: 'event is null', body: batchOf(null), status: 200, code: 'invalid_event', path: 'batch[0]' },
  { name: 'unknown type', body: withEvent({ type: 'alias' }), status: 200, code: 'invalid_event', path: 'batch[0].type' },
  { name: 'missing messageId', body: withEvent({ messageId: undefined }), status: 200, code: 'invalid_event', path: 'batch[0].messageId' },
  { name: 'empty messageId', body: withEvent({ messageId: '' }), status: 200, code: 'invalid_event', path: 'batch[0].messageId' },
  { name: 'numeric messageId', body: withEvent({ messageId: 42 }), status: 200, code: 'invalid_event', path: 'batch[0].messageId' },
  { name: 'no userId nor anonymousId', body: withEvent({ userId: undefined }), status: 200, code: 'invalid_event', path: 'batch[0].userId' },
  { name: 'userId is an object', body: withEvent({ userId: { id: 1 } }), status: 200, code: 'invalid_event', path: 'batch[0].userId' },
  { name: 'huge userId', body: withEvent({ userId: 'u'.repeat(300) }), status: 200, code: 'invalid_event', path: 'batch[0].userId' },
  { name: 'missing timestamp', body: withEvent({ timestamp: undefined }), status: 200, code: 'invalid_event', path: 'batch[0].timestamp' },
  { name: 'timestamp without zone', body: withEvent({ timestamp: '2026-11-20 10:00' }), status: 200, code: 'invalid_event', path: 'batch[0].timestamp' },
  { name: 'timestamp as epoch number', body: withEvent({ timestamp: 1_790_000_000_000 }), status: 200, code: 'invalid_event', path: 'batch[0].timestamp' },
  { name: 'far-future timestamp', body: withEvent({ timestamp: '9999-01-01T00:00:00Z' }), status: 200, code: 'invalid_event', path: 'batch[0].timestamp' },
  { name: 'far-past timestamp', body: withEvent({ timestamp: '1969-07-20T20:17:00Z' }), status: 200, code: 'invalid_event', path: 'batch[0].timestamp' },
  { name: 'track without event name', body: withEvent({ event: undefined }), status: 200, code: 'invalid_event', path: 'batch[0].event' },
  { name: 'properties is an array', body: withEvent({ properties: [1, 2] }), status: 200, code: 'invalid_event', path: 'batch[0].properties' },
  { name: 'group without groupId', body: batchOf({ ...trackEvent(), type: 'group', groupId: undefined, traits: {} }), status: 200, code: 'invalid_event', path: 'batch[0].groupId' },
  { name: 'deep nesting', body: withEvent({ properties: { deep: nested(40) } }), status: 200, code: 'invalid_event', path: 'batch[0].properties' },
  { name: 'event over 32 KB', body: withEvent({ properties: { x: 'y'.repeat(33_000) } }), status: 200, code: 'event_too_large', path: 'batch[0]' },
  { name: 'lone surrogate in a string', body: batchOf(trackEvent()).replace('"Clicked"', '"Click\\ud800ed"'), status: 200, code: 'invalid_event', path: 'batch[0].event' },
  { name: 'NUL byte in an event name', body: withEvent({ event: 'Click\u0000ed' }), status: 200, code: 'invalid_event', path: 'batch[0].event' },
  { name: 'NUL byte in a property key', body: withEvent({ properties: { 'a\u0000b': 1 } }), status: 200, code: 'invalid_event', path: 'batch[0].properties' },
];

describe('malformed input corpus', () => {
  it('has at least 30 kinds of malformed input', () => {
    expect(cases().length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases().map((c) => [c.name, c] as const))('%s → a specific 4xx, nothing stored', async (_name, c) => {
    const response = await f.app.request('/v1/batch', { method: 'POST', headers: { 'content-type': c.contentType ?? 'text/plain', 'x-uptake-key': f.workspace.writeKey }, body: c.body });
    const json = await response.json();
    if (c.status === 200) {
      expect(response.status).toBe(200);
      expect(json.accepted).toBe(0);
      expect(json.rejected).toHaveLength(1);
      expect(json.rejected[0]).toMatchObject({ code: c.code, path: expect.stringMatching(new RegExp(`^${c.path!.replace(/[[\].]/g, '\\$&')}`)) });
      expect(json.rejected[0].message.length).toBeGreaterThan(c.path!.length + 5);
    } else {
      expect(response.status).toBe(c.status);
      expect(json.error).toMatchObject({ code: c.code, status: c.status });
      if (c.path) expect(json.error.message.startsWith(`${c.path}:`)).toBe(true);
    }
    expect(await f.store.recentEvents(f.workspace.id, 1)).toEqual([]);
    expect((await f.app.request('/healthz')).status).toBe(200);
  });
});
