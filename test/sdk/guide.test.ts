// @vitest-environment happy-dom
// The guide runtime with the real widgets chunk: what it shows, when, and for how long.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { Guide } from '../../sdk/guide/guide.ts';
import { messageOf } from './widgets/helpers.ts';
import { click, fakeServer, names, realWidgets, sent, setUp, widget } from './guide-fixture.ts';

const tooltip: DecidedMessage = {
  campaignId: 'c1',
  version: 1,
  kind: 'tooltip',
  interrupting: true,
  anchor: { selector: '#nav', placement: 'right' },
  content: { title: 'Hi', body: [], buttons: [{ id: 'go', label: 'Go', style: 'primary', action: { type: 'url', url: '/next' } }] },
};

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<a id="nav">Reminders</a>';
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('guide runtime', () => {
  it('shows a decided message once, even when a newer decision arrives while it loads', async () => {
    fakeServer([[tooltip], [tooltip]]);
    // The widgets chunk is slow to arrive: the second decision lands while the first waits for it.
    let arrive!: () => void;
    const slow = new Promise<void>((resolve) => (arrive = resolve));
    const { guide } = setUp({ loadWidgets: () => slow.then(realWidgets) });
    await guide.refresh();
    await guide.refresh();
    arrive();
    await widget('uptake-tooltip');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelectorAll('uptake-tooltip')).toHaveLength(1);
  });

  it('closes a message the next decision no longer includes', async () => {
    fakeServer([[tooltip], []]);
    const { guide } = setUp();
    await guide.refresh();
    await widget('uptake-tooltip');
    await guide.refresh();
    expect(document.querySelector('uptake-tooltip')).toBeNull();
  });

  it('never loads the widgets chunk when there is nothing to show', async () => {
    fakeServer([[]]);
    const loadWidgets = vi.fn(realWidgets);
    await setUp({ loadWidgets }).guide.refresh();
    expect(loadWidgets).not.toHaveBeenCalled();
  });

  it('reports shown once really rendered, then clicked, and follows the button link', async () => {
    const server = fakeServer([[tooltip]]);
    const { guide, tracker, navigate, emit } = setUp();
    await guide.refresh();
    const root = await widget('uptake-tooltip');
    await vi.waitFor(() => expect(emit).toHaveBeenCalledWith('message_shown', expect.objectContaining({ campaignId: 'c1' })));
    click(root, '[part="button"]');
    expect(navigate).toHaveBeenCalledWith('/next', undefined);
    expect(document.querySelector('uptake-tooltip')).toBeNull();
    expect((await sent(tracker, server)).map(([name, p]) => [name, p['campaignId'], p['buttonId']])).toEqual([
      ['message_shown', 'c1', undefined],
      ['message_clicked', 'c1', 'go'],
    ]);
  });

  it('waits for an anchor that appears late, and reports the message shown only then', async () => {
    document.body.innerHTML = '';
    const server = fakeServer([[tooltip]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    await new Promise((r) => setTimeout(r, 300));
    expect(await names(tracker, server)).toEqual([]);
    document.body.innerHTML = '<a id="nav">Reminders</a>';
    await widget('uptake-tooltip');
    await vi.waitFor(async () => expect(await names(tracker, server)).toEqual(['message_shown']));
  });

  it('records a missing anchor with its selector instead of showing a floating message', async () => {
    document.body.innerHTML = '';
    const server = fakeServer([[{ ...tooltip, anchor: { selector: '#nowhere', placement: 'right' } }]]);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const loadWidgets = vi.fn(realWidgets);
    const { guide, tracker } = setUp({ loadWidgets });
    await guide.refresh();
    await vi.advanceTimersByTimeAsync(5_100);
    vi.useRealTimers();
    expect(loadWidgets).not.toHaveBeenCalled();
    expect((await sent(tracker, server)).map(([name, p]) => [name, p['campaignId'], p['selector']])).toEqual([['anchor_missing', 'c1', '#nowhere']]);
  });

  it('shows at most one interrupting message, alongside every persistent one', async () => {
    fakeServer([[tooltip, messageOf('modal'), messageOf('banner'), messageOf('checklist'), messageOf('launcher')]]);
    const { guide } = setUp();
    await guide.refresh();
    await Promise.all(['uptake-tooltip', 'uptake-banner', 'uptake-checklist', 'uptake-launcher'].map(widget));
    expect(document.querySelector('uptake-modal')).toBeNull();
  });

  it('keeps persistent messages on screen across route changes while they are still decided', async () => {
    fakeServer([[tooltip, messageOf('banner'), messageOf('checklist')], [messageOf('banner'), messageOf('checklist')]]);
    const { guide } = setUp();
    await guide.refresh();
    await Promise.all(['uptake-tooltip', 'uptake-banner', 'uptake-checklist'].map(widget));
    const [banner, checklist] = [document.querySelector('uptake-banner'), document.querySelector('uptake-checklist')];
    history.pushState({}, '', '/appointments');
    await guide.refresh();
    expect(document.querySelector('uptake-tooltip')).toBeNull();
    // The very same elements: no flicker, no second exposure, a collapsed checklist stays collapsed.
    expect(document.querySelector('uptake-banner')).toBe(banner);
    expect(document.querySelector('uptake-checklist')).toBe(checklist);
  });

  it('re-anchors a message whose anchor the page re-rendered', async () => {
    fakeServer([[tooltip]]);
    const { guide } = setUp();
    await guide.refresh();
    await widget('uptake-tooltip');
    const first = document.querySelector('uptake-tooltip');
    document.body.innerHTML = '<a id="nav">Reminders</a>';
    await guide.refresh();
    await widget('uptake-tooltip');
    const second = document.querySelector('uptake-tooltip')!;
    expect(second).not.toBe(first);
    expect(second.target).toBe(document.getElementById('nav'));
  });

  it('re-anchors without a second exposure, and a tour at the step it was on', async () => {
    const tour = { ...messageOf('tour'), startAt: 0 } as DecidedMessage;
    const server = fakeServer([[tour]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    await widget('uptake-tour');
    await vi.waitFor(async () => expect(await names(tracker, server)).toEqual(['message_shown', 'tour_step_viewed']));
    // The server has seen step 1 and would resume at step 2; the user has not moved on.
    document.body.innerHTML = '<a id="nav">Reminders</a>';
    await guide.refresh();
    const root = await widget('uptake-tour');
    expect(root.querySelector('[part="step"]')!.textContent).toBe('Step 1 of 3');
    await vi.waitFor(async () => expect(await names(tracker, server)).toEqual(['message_shown', 'tour_step_viewed', 'tour_step_viewed']));
  });

  it('re-anchors at once when the widget reports its anchor lost, with no decision and no report if it never returns', async () => {
    const server = fakeServer([[tooltip]]);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { guide, tracker } = setUp();
    await guide.refresh();
    const first = (await widget('uptake-tooltip')).host as HTMLElement & { target: Element };
    // What the widget does when floating-ui finds the anchor detached (a framework re-render).
    document.body.innerHTML = '<a id="nav">Reminders</a>';
    first.dispatchEvent(new CustomEvent('uptake-anchor-lost', { bubbles: true, composed: true }));
    await vi.advanceTimersByTimeAsync(50);
    const second = document.querySelector('uptake-tooltip')!;
    expect(second).not.toBe(first);
    expect(second.target).toBe(document.getElementById('nav'));
    expect(server.decides).toHaveLength(1);

    // Removed for good: the message goes once the wait runs out, without an anchor_missing.
    document.getElementById('nav')!.remove();
    second.dispatchEvent(new CustomEvent('uptake-anchor-lost', { bubbles: true, composed: true }));
    await vi.advanceTimersByTimeAsync(5_100);
    vi.useRealTimers();
    expect(document.querySelector('uptake-tooltip')).toBeNull();
    expect(await names(tracker, server)).toEqual(['message_shown']);
  });

  it('never throws into the page when the widgets chunk cannot load', async () => {
    fakeServer([[tooltip]]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const guide = new Guide({ ...setUp(), loadWidgets: () => Promise.reject(new Error('offline')), emit: () => {} });
    await expect(guide.refresh()).resolves.toBeUndefined();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('widgets chunk')));
    warn.mockRestore();
  });

  it('tells the server which messages are already on screen, so keeping them is not another show', async () => {
    const server = fakeServer([[tooltip, messageOf('banner')]]);
    const { guide } = setUp();
    await guide.refresh();
    await Promise.all(['uptake-tooltip', 'uptake-banner'].map(widget));
    await guide.refresh();
    expect(server.decides.map((d) => d['showing'])).toEqual([[], ['c1', 'c-banner']]);
  });

  it('asks nothing once the visitor opted out', async () => {
    const server = fakeServer([[tooltip]]);
    const { guide, tracker } = setUp();
    tracker.optOut();
    await guide.refresh();
    expect(server.decides).toEqual([]);
  });
});
