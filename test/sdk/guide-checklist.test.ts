// @vitest-environment happy-dom
// Checklists through the public `uptake` object: items tick after the user uses the feature.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { CHECKLIST_RECHECK_MS } from '../../sdk/guide/guide.ts';
import { createUptake } from '../../sdk/uptake.ts';
import { messageOf } from './widgets/helpers.ts';
import { click, fakeServer, realWidgets, sent, setUp, widget } from './guide-fixture.ts';

const checklist = messageOf('checklist') as Extract<DecidedMessage, { kind: 'checklist' }>;
const withDone = (...ids: string[]): DecidedMessage => ({ ...checklist, items: checklist.items.map((item) => ({ ...item, done: item.done || ids.includes(item.id) })) });
/** The checklist with an item the user's feature use ticked; `unreported` until the server has its report. */
const tickedByFeature = (id: string, unreported: boolean): DecidedMessage => ({
  ...checklist,
  items: checklist.items.map((item) => (item.id === id ? { ...item, done: true, ...(unreported ? { unreported: true as const } : {}) } : item)),
});
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

  it('report an item the user’s feature use ticked, once, as a pressed item is reported', async () => {
    // Like the server: the item is done once the feature's event is in, and unreported until its
    // checklist_item_completed is.
    const server = fakeServer([
      () => {
        const used = server.tracked.some((e) => e.event === 'Reminder Scheduled');
        const reported = server.tracked.some((e) => e.event === 'checklist_item_completed');
        return [used ? tickedByFeature('reminders', !reported) : checklist];
      },
    ]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const root = await widget('uptake-checklist');
    tracker.track('Reminder Scheduled');
    guide.tracked();
    await vi.waitFor(() => expect(count(root)).toBe('2/3'), { timeout: 3000 });
    // More decisions on this page, and a reload (a new guide) answered by a server that has the report.
    await guide.refresh();
    await guide.refresh();
    document.body.innerHTML = '';
    const reloaded = setUp();
    await reloaded.guide.refresh();
    await widget('uptake-checklist');
    await reloaded.tracker.queue.flush();
    const reports = await sent(tracker, server, 'checklist_item_completed');
    expect(reports).toEqual([['checklist_item_completed', { campaignId: 'c-checklist', version: 1, kind: 'checklist', itemId: 'reminders' }]]);
  });

  it('report a feature-ticked item once even while the server keeps asking (its report not in yet)', async () => {
    const server = fakeServer([[tickedByFeature('reminders', true)]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    await widget('uptake-checklist');
    await vi.waitFor(async () => expect(await sent(tracker, server, 'checklist_item_completed')).toHaveLength(1));
    await guide.refresh();
    await guide.refresh();
    expect((await sent(tracker, server, 'checklist_item_completed')).map(([, p]) => p['itemId'])).toEqual(['reminders']);
  });

  it('report a pressed complete_item item once: not again when the server has it, nor after feature use reported it', async () => {
    const sms = (done: boolean, unreported = false) => ({ id: 'sms', label: 'Send a test SMS', done, ...(unreported ? { unreported: true as const } : {}), action: { type: 'complete_item' as const, itemId: 'sms' } });
    const withSms = (item: ReturnType<typeof sms>): DecidedMessage => ({ ...checklist, items: [...checklist.items, item] });
    const server = fakeServer([[withSms(sms(true))], [withSms(sms(true, true))]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    click(await widget('uptake-checklist'), '[part="item"]:nth-child(4) button');
    expect(await sent(tracker, server, 'checklist_item_completed')).toEqual([]);
    // Ticked by feature use, reported on screen; pressing it then adds nothing.
    await guide.refresh();
    await vi.waitFor(async () => expect(await sent(tracker, server, 'checklist_item_completed')).toHaveLength(1));
    click(await widget('uptake-checklist'), '[part="item"]:nth-child(4) button');
    expect(await sent(tracker, server, 'checklist_item_completed')).toHaveLength(1);
  });

  it('report nothing for a ticked item before the checklist is on screen', async () => {
    const server = fakeServer([[tickedByFeature('reminders', true)]]);
    // The widgets chunk never arrives: nothing is rendered, so nothing is reported.
    const { guide, tracker } = setUp({ loadWidgets: () => new Promise(() => {}) });
    await guide.refresh();
    await new Promise((r) => setTimeout(r, 50));
    expect(await sent(tracker, server, 'checklist_item_completed')).toEqual([]);
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
