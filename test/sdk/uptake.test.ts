// @vitest-environment happy-dom
// The public `uptake` object as a product team uses it, against a recording fake server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUptake, type UptakeOptions } from '../../sdk/uptake.ts';

type Call = { url: string; body: Record<string, unknown> | null };

function fakeServer(config: object = { features: [], honorGlobalPrivacyControl: false }) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : null });
    if (url.includes('/v1/config')) return new Response(JSON.stringify(config));
    if (url.endsWith('/v1/decide')) return new Response(JSON.stringify({ messages: [] }));
    return new Response(JSON.stringify({ accepted: 1, duplicates: 0, rejected: [] }));
  });
  const batches = () => calls.filter((c) => c.url.endsWith('/v1/batch')).map((c) => c.body!);
  return { calls, batches };
}

const widgets: UptakeOptions = { loadWidgets: async () => ({ show: (message) => ({ message, remove() {} }) }) };
const settle = () => new Promise((r) => setTimeout(r, 2300));

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('uptake', () => {
  it('keeps calls made before init and sends them after it, in order', async () => {
    const { batches } = fakeServer();
    const uptake = createUptake(widgets);
    uptake.identify('u1', { name: 'Ana' });
    uptake.track('Early');
    uptake.init({ writeKey: 'wk_test', host: 'https://uptake.test', trackPages: false });
    await settle();
    const events = batches().flatMap((b) => b['batch'] as { type: string; event?: string; userId: string }[]);
    expect(events.map((e) => e.event ?? e.type)).toEqual(['identify', 'Early']);
    expect(events[1]!.userId).toBe('u1');
  });

  it('sends the identity token with the events of that user', async () => {
    const { batches } = fakeServer();
    const uptake = createUptake(widgets);
    uptake.init({ writeKey: 'wk_test', host: 'https://uptake.test', trackPages: false });
    uptake.identify('u1', {}, { token: 'header.payload.sig' });
    uptake.track('Saved');
    await settle();
    expect(batches()[0]!['identityTokens']).toEqual({ u1: 'header.payload.sig' });
  });

  it('after optOut sends nothing and stores nothing but the opt-out itself', async () => {
    const { calls } = fakeServer();
    const uptake = createUptake(widgets);
    uptake.init({ writeKey: 'wk_test', host: 'https://uptake.test', trackPages: false });
    await settle();
    uptake.optOut();
    const before = calls.length;
    uptake.identify('u1');
    uptake.track('Secret');
    uptake.page();
    await settle();
    expect(calls.length).toBe(before);
    expect(Object.keys(localStorage)).toEqual(['uptake:v1:opt-out']);
  });

  it('honours Global Privacy Control when the workspace asks to', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const { batches } = fakeServer({ features: [], honorGlobalPrivacyControl: true });
    const uptake = createUptake(widgets);
    uptake.init({ writeKey: 'wk_test', host: 'https://uptake.test' });
    uptake.track('Anything');
    await settle();
    expect(batches()).toEqual([]);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('uptake:v1:q:'))).toEqual([]);
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  });

  it('ignores a secret key in init with one clear warning, and never throws', () => {
    fakeServer();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const uptake = createUptake(widgets);
    expect(() => uptake.init({ writeKey: 'sk_oops' })).not.toThrow();
    expect(() => uptake.track(undefined as unknown as string)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not the secret sk_ key'));
    warn.mockRestore();
  });
});
