// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envelope } from '../../sdk/core/envelope.ts';
import type { Answer } from '../../sdk/core/outcome.ts';
import { EventQueue, MAX_QUEUED_EVENTS } from '../../sdk/core/queue.ts';

const identity = { anonymousId: 'anon', userId: 'u1', groupId: 'a1' };
const event = (name = 'Clicked') => envelope({ type: 'track', event: name, properties: {} }, identity);

function recorder(answers: Answer[] = []) {
  const bodies: { batch: { event: string }[]; writeKey: string }[] = [];
  const send = vi.fn(async (_url: string, body: string, _options?: { unloading?: boolean }) => {
    bodies.push(JSON.parse(body));
    return answers.shift() ?? { status: 200 };
  });
  return { send, bodies };
}

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('event queue', () => {
  it('sends a batch as soon as 20 events wait', async () => {
    const { send, bodies } = recorder();
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send });
    for (let i = 0; i < 20; i++) queue.push(event(`e${i}`));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(bodies[0]!.batch).toHaveLength(20);
    expect(bodies[0]!.writeKey).toBe('wk_1');
  });

  it('sends fewer events after 2 seconds', async () => {
    const { send, bodies } = recorder();
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send });
    queue.push(event());
    queue.push(event());
    await vi.advanceTimersByTimeAsync(1900);
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(bodies[0]!.batch).toHaveLength(2);
    expect(queue.size).toBe(0);
  });

  it('keeps events through a server error and retries them after the backoff', async () => {
    const { send, bodies } = recorder([{ status: 503 }, { status: 200 }]);
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send, random: () => 0.5 });
    queue.push(event('kept'));
    await queue.flush();
    expect(queue.size).toBe(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(send).toHaveBeenCalledTimes(2);
    expect(bodies[1]!.batch[0]!.event).toBe('kept');
    expect(queue.size).toBe(0);
  });

  it('drops events the server refuses as invalid, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { send } = recorder([{ status: 400 }]);
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send });
    queue.push(event());
    await queue.flush();
    expect(queue.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 400'));
    warn.mockRestore();
  });

  it('drops an event over 32 KB on the client', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send: recorder().send });
    queue.push(envelope({ type: 'track', event: 'huge', properties: { blob: 'x'.repeat(40_000) } }, identity));
    expect(queue.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('over 32 KB'));
    warn.mockRestore();
  });

  it('caps the stored queue at 1,000 events, dropping the oldest and counting them', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send: async () => ({ networkError: true }), flushAt: 10_000 });
    const tiny = (i: number) => ({ type: 'track', event: `e${i}`, messageId: String(i), timestamp: '', properties: {}, context: {} }) as unknown as ReturnType<typeof event>;
    for (let i = 0; i < MAX_QUEUED_EVENTS + 5; i++) queue.push(tiny(i));
    expect(queue.size).toBe(MAX_QUEUED_EVENTS);
    expect(queue.dropped).toBe(5);
  });

  it('tells the server how many events it dropped, once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { send, bodies } = recorder();
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send, flushAt: 10_000 });
    const tiny = (i: number) => ({ type: 'track', event: `e${i}`, messageId: String(i), timestamp: '', properties: {}, context: {} }) as unknown as ReturnType<typeof event>;
    for (let i = 0; i < MAX_QUEUED_EVENTS + 3; i++) queue.push(tiny(i));
    await queue.flush();
    const reports = bodies.map((b) => (b as { dropped?: number }).dropped);
    expect(reports[0]).toBe(3);
    expect(reports.slice(1).every((r) => r === undefined)).toBe(true);
  });

  it('caps the stored queue at 256 KB', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send: async () => ({ networkError: true }), flushAt: 10_000 });
    for (let i = 0; i < 100; i++) queue.push(envelope({ type: 'track', event: `e${i}`, properties: { pad: 'x'.repeat(5000) } }, identity));
    await Promise.resolve();
    const stored = Object.entries(localStorage).find(([k]) => k.startsWith('uptake:v1:q:'))![1] as string;
    expect(stored.length).toBeLessThanOrEqual(256 * 1024 + 100 * 64);
    expect(queue.size + queue.dropped).toBe(100);
    expect(queue.dropped).toBeGreaterThan(40);
  });

  it('stores waiting events, and a later page adopts them once their tab is gone', async () => {
    const offline = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send: async () => ({ networkError: true }) });
    offline.push(event('made offline'));
    await Promise.resolve();
    expect(Object.keys(localStorage).filter((k) => k.startsWith('uptake:v1:q:'))).toHaveLength(1);

    // happy-dom has no Web Locks, so liveness falls back to the heartbeat going stale.
    vi.setSystemTime(Date.now() + 31_000);
    const { send, bodies } = recorder();
    const next = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send });
    await next.reclaim();
    await vi.advanceTimersByTimeAsync(10);
    expect(bodies.flatMap((b) => b.batch.map((e) => e.event))).toEqual(['made offline']);
  });

  it('does not adopt the queue of a tab that is still alive', async () => {
    const alive = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send: async () => ({ networkError: true }) });
    alive.push(event('still mine'));
    await Promise.resolve();
    const { send } = recorder();
    const other = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send });
    await other.reclaim();
    await vi.advanceTimersByTimeAsync(10);
    expect(send).not.toHaveBeenCalled();
    expect(other.size).toBe(0);
  });

  it('on page hide sends everything in keepalive chunks under 64 KB', () => {
    const { send } = recorder();
    const queue = new EventQueue({ url: '/v1/batch', writeKey: 'wk_1', send, flushAt: 10_000 });
    for (let i = 0; i < 30; i++) queue.push(envelope({ type: 'track', event: `e${i}`, properties: { pad: 'x'.repeat(5000) } }, identity));
    queue.flushOnUnload();
    const chunks = send.mock.calls.map(([, body, options]) => ({ size: (body as string).length, options }));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.size).toBeLessThanOrEqual(64 * 1024);
      expect(chunk.options).toEqual({ unloading: true });
    }
  });
});
