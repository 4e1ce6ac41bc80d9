// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { Tracker } from '../../sdk/core/tracker.ts';
import { Guide } from '../../sdk/guide/guide.ts';
import type { MessageHandlers, Widgets } from '../../sdk/guide/widgets-api.ts';

const tooltip: DecidedMessage = {
  campaignId: 'c1',
  version: 1,
  kind: 'tooltip',
  anchor: { selector: '#anchor', placement: 'right' },
  content: { title: 'Hi', body: [], buttons: [{ id: 'go', label: 'Go', style: 'primary', action: { type: 'url', url: '/next' } }] },
};

function fakeServer(answers: DecidedMessage[][]) {
  const tracked: { event: string; properties: Record<string, unknown> }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url.endsWith('/v1/decide')) return new Response(JSON.stringify({ messages: answers.shift() ?? [] }));
    for (const e of JSON.parse(String(init.body)).batch) if (e.type === 'track') tracked.push(e);
    return new Response('{}');
  });
  return tracked;
}

function fakeWidgets() {
  const shown: { message: DecidedMessage; handlers: MessageHandlers; closed: boolean }[] = [];
  const widgets: Widgets = {
    show(message, _target, handlers) {
      const entry = { message, handlers, closed: false };
      shown.push(entry);
      handlers.onShown();
      return () => {
        entry.closed = true;
      };
    },
  };
  return { shown, load: vi.fn(async () => widgets) };
}

let tracker: Tracker;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<a id="anchor">Reminders</a>';
  tracker = new Tracker({ writeKey: 'wk_test', host: 'http://uptake.test' });
  tracker.identify('u1');
});
afterEach(() => vi.unstubAllGlobals());

describe('guide runtime', () => {
  it('shows a decided message once, even when a newer decision arrives while it loads', async () => {
    fakeServer([[tooltip], [tooltip]]);
    const widgets = fakeWidgets();
    // The widgets chunk is slow to arrive: the second decision lands while the first waits for it.
    let arrive!: () => void;
    const slow = new Promise<void>((resolve) => (arrive = resolve));
    const guide = new Guide({ tracker, loadWidgets: () => slow.then(widgets.load), emit: () => {} });
    await guide.refresh();
    await guide.refresh();
    arrive();
    await vi.waitFor(() => expect(widgets.shown).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(widgets.shown).toHaveLength(1);
  });

  it('closes a message the next decision no longer includes', async () => {
    fakeServer([[tooltip], []]);
    const widgets = fakeWidgets();
    const guide = new Guide({ tracker, loadWidgets: widgets.load, emit: () => {} });
    await guide.refresh();
    await vi.waitFor(() => expect(widgets.shown).toHaveLength(1));
    await guide.refresh();
    expect(widgets.shown[0]!.closed).toBe(true);
  });

  it('never loads the widgets chunk when there is nothing to show', async () => {
    fakeServer([[]]);
    const widgets = fakeWidgets();
    await new Guide({ tracker, loadWidgets: widgets.load, emit: () => {} }).refresh();
    expect(widgets.load).not.toHaveBeenCalled();
  });

  it('reports shown and clicked, then follows the button link', async () => {
    const tracked = fakeServer([[tooltip]]);
    const widgets = fakeWidgets();
    const navigate = vi.fn();
    await new Guide({ tracker, loadWidgets: widgets.load, emit: () => {}, navigate }).refresh();
    await vi.waitFor(() => expect(widgets.shown).toHaveLength(1));
    widgets.shown[0]!.handlers.onButton(tooltip.content.buttons[0]!);
    expect(navigate).toHaveBeenCalledWith('/next');
    expect(widgets.shown[0]!.closed).toBe(true);
    await tracker.queue.flush();
    expect(tracked.map((e) => [e.event, e.properties['campaignId']])).toEqual([
      ['message_shown', 'c1'],
      ['message_clicked', 'c1'],
    ]);
  });

  it('records a missing anchor instead of showing a floating message', async () => {
    document.body.innerHTML = '';
    const tracked = fakeServer([[{ ...tooltip, anchor: { selector: '#nowhere', placement: 'right' } }]]);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const widgets = fakeWidgets();
    await new Guide({ tracker, loadWidgets: widgets.load, emit: () => {} }).refresh();
    await vi.advanceTimersByTimeAsync(5_100);
    vi.useRealTimers();
    await tracker.queue.flush();
    expect(widgets.load).not.toHaveBeenCalled();
    expect(tracked.map((e) => [e.event, e.properties['selector']])).toEqual([['anchor_missing', '#nowhere']]);
  });
});
