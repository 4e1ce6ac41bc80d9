// Shared by the guide runtime tests: a recording fake Uptake server (decide answers are
// scripted per test; the server side has its own tests), a real tracker and the real widgets chunk.
import { vi } from 'vitest';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { Tracker } from '../../sdk/core/tracker.ts';
import { Guide, type GuideOptions } from '../../sdk/guide/guide.ts';
import type { Widgets } from '../../sdk/guide/widgets-api.ts';

export type Answer = DecidedMessage[] | ((request: Record<string, unknown>) => DecidedMessage[]);

export function fakeServer(answers: Answer[] = []) {
  const tracked: { event: string; properties: Record<string, unknown> }[] = [];
  const decides: Record<string, unknown>[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url.includes('/v1/config')) return new Response(JSON.stringify({ features: [], honorGlobalPrivacyControl: false }));
    const body = JSON.parse(String(init.body));
    if (url.endsWith('/v1/decide')) {
      decides.push(body);
      const answer = answers.length > 1 ? answers.shift()! : (answers[0] ?? []);
      return new Response(JSON.stringify({ messages: typeof answer === 'function' ? answer(body) : answer }));
    }
    for (const e of body.batch) if (e.type === 'track') tracked.push(e);
    return new Response(JSON.stringify({ accepted: body.batch.length, duplicates: 0, rejected: [] }));
  });
  return { tracked, decides };
}

export const realWidgets = (): Promise<Widgets> => import('../../sdk/widgets/index.ts');

export function setUp(options: Partial<GuideOptions> = {}) {
  const tracker = new Tracker({ writeKey: 'wk_test', host: 'http://uptake.test' });
  tracker.identify('u1');
  const navigate = vi.fn();
  const emit = vi.fn();
  const guide = new Guide({ tracker, loadWidgets: realWidgets, emit, navigate, ...options });
  return { tracker, guide, navigate, emit };
}

/** Events the SDK sent, once its queue is delivered: [name, properties]. */
export async function sent(tracker: Tracker, server: ReturnType<typeof fakeServer>, prefix = '') {
  await tracker.queue.flush();
  return server.tracked.filter((e) => e.event.startsWith(prefix)).map((e) => [e.event, e.properties] as const);
}

export const names = async (tracker: Tracker, server: ReturnType<typeof fakeServer>) => (await sent(tracker, server)).map(([name]) => name);

/** The shadow root of the widget element for `tag`, once it is on the page. */
export async function widget(tag: string): Promise<ShadowRoot> {
  await vi.waitFor(() => {
    if (!document.querySelector(tag)?.shadowRoot?.querySelector('*')) throw new Error(`${tag} is not rendered`);
  });
  return document.querySelector(tag)!.shadowRoot!;
}

export const click = (root: ShadowRoot, selector: string) => root.querySelector<HTMLElement>(selector)!.click();
