// @vitest-environment happy-dom
// Checklists through the public `uptake` object: items tick after the user uses the feature.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { CHECKLIST_RECHECK_MS } from '../../sdk/guide/guide.ts';
import { createUptake } from '../../sdk/uptake.ts';
import { messageOf } from './widgets/helpers.ts';
import { click, fakeServer, realWidgets, setUp, widget } from './guide-fixture.ts';

const checklist = messageOf('checklist') as Extract<DecidedMessage, { kind: 'checklist' }>;
const withDone = (...ids: string[]): DecidedMessage => ({ ...checklist, items: checklist.items.map((item) => ({ ...item, done: item.done || ids.includes(item.id) })) });
const count = (root: ShadowRoot) => root.querySelector('.count')!.textContent;

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('checklists', () => {
  it('tick an item about a second after the user uses the feature', async () => {
    // The server answers with the item done once it has received the feature's event.
    const server = fakeServer([() => (server.tracked.some((e) => e.event === 'Reminder Scheduled') ? [withDone('reminders')] : [checklist])]);
    const uptake = createUptake({ loadWidgets: realWidgets });
    uptake.init({ writeKey: 'wk_test', host: 'http://uptake.test', trackPages: false });
    uptake.identify('u1');
    const root = await widget('uptake-checklist');
    const element = document.querySelector('uptake-checklist');
    expect(count(root)).toBe('1/3');

    const decidesBefore = server.decides.length;
    uptake.track('Reminder Scheduled', { channel: 'sms' });
    await new Promise((r) => setTimeout(r, CHECKLIST_RECHECK_MS / 2));
    expect(server.decides.length).toBe(decidesBefore);
    await vi.waitFor(() => expect(count(root)).toBe('2/3'), { timeout: 3000 });
    // Same element, updated in place.
    expect(document.querySelector('uptake-checklist')).toBe(element);
    expect(root.querySelector('[part="item"]:nth-child(2)')!.classList.contains('done')).toBe(true);
    expect(root.querySelector('[part="item"]:nth-child(2)')!.textContent).toContain('(Done)');
  });

  it('ask again a second after the first of a stream of events, not only once the stream stops', async () => {
    const server = fakeServer([[checklist]]);
    const { guide } = setUp();
    await guide.refresh();
    await widget('uptake-checklist');
    const before = server.decides.length;
    for (let i = 0; i < 6; i++) {
      guide.tracked();
      await new Promise((r) => setTimeout(r, CHECKLIST_RECHECK_MS / 4));
    }
    expect(server.decides.length).toBe(before + 1);
    // The events after that one bring one more.
    await vi.waitFor(() => expect(server.decides.length).toBe(before + 2), { timeout: 2000 });
  });

  it('do not ask again after track calls when no checklist is showing', async () => {
    const server = fakeServer([[]]);
    const uptake = createUptake({ loadWidgets: realWidgets });
    uptake.init({ writeKey: 'wk_test', host: 'http://uptake.test', trackPages: false });
    uptake.identify('u1');
    await vi.waitFor(() => expect(server.decides.length).toBe(1));
    uptake.track('Reminder Scheduled');
    await new Promise((r) => setTimeout(r, CHECKLIST_RECHECK_MS + 300));
    expect(server.decides.length).toBe(1);
  });

  it('run an item’s action when it is pressed, and stay open', async () => {
    fakeServer([[checklist]]);
    const { guide, navigate } = setUp();
    await guide.refresh();
    const root = await widget('uptake-checklist');
    click(root, '[part="item"]:nth-child(2) button');
    expect(navigate).toHaveBeenCalledWith('/demo/reminders', undefined);
    expect(document.querySelector('uptake-checklist')).not.toBeNull();
  });

  it('tick a complete_item item at once, and report the checklist completed when all are done', async () => {
    const last = { ...withDone('reminders'), items: [...(withDone('reminders') as typeof checklist).items.slice(0, 2), { id: 'sms', label: 'Send a test SMS', done: false, action: { type: 'complete_item' as const, itemId: 'sms' } }] };
    const server = fakeServer([[last]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const root = await widget('uptake-checklist');
    click(root, '[part="item"]:nth-child(3) button');
    await vi.waitFor(() => expect(count(root)).toBe('3/3'));
    await tracker.queue.flush();
    // Pressing an item is using the checklist, not a click that would stop it.
    expect(server.tracked.map((e) => [e.event, e.properties['itemId']])).toEqual([
      ['message_shown', undefined],
      ['checklist_item_completed', 'sms'],
      ['message_completed', undefined],
    ]);
  });
});
