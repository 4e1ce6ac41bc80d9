// @vitest-environment happy-dom
// What each button action does, carried out by the guide runtime from the real widgets.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ButtonAction } from '../../server/protocol/content.ts';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { Guide, THANKS_MS } from '../../sdk/guide/guide.ts';
import { messageOf } from './widgets/helpers.ts';
import { click, fakeServer, realWidgets, sent, setUp, widget } from './guide-fixture.ts';

function modalWith(action: ButtonAction): DecidedMessage {
  return { ...messageOf('modal'), campaignId: 'm1', content: { title: 'New: reminders', body: [], buttons: [{ id: 'b1', label: 'Do it', style: 'primary', action }] } };
}

async function pressModalButton(action: ButtonAction, answers: DecidedMessage[][] = []) {
  const server = fakeServer([[modalWith(action)], ...answers]);
  const setup = setUp();
  await setup.guide.refresh();
  click(await widget('uptake-modal'), '[part="button"]');
  return { ...setup, server };
}

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<a id="nav">Reminders</a>';
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('button actions', () => {
  it('dismiss closes the message and reports the click and the dismissal', async () => {
    const { tracker, server } = await pressModalButton({ type: 'dismiss' });
    expect(document.querySelector('uptake-modal')).toBeNull();
    expect((await sent(tracker, server)).map(([name, p]) => [name, p['buttonId']])).toEqual([
      ['message_shown', undefined],
      ['message_clicked', 'b1'],
      ['message_dismissed', undefined],
    ]);
  });

  it('snooze closes it and reports for how many days', async () => {
    const { tracker, server } = await pressModalButton({ type: 'snooze', days: 7 });
    expect(document.querySelector('uptake-modal')).toBeNull();
    expect(await sent(tracker, server, 'message_snoozed')).toEqual([['message_snoozed', expect.objectContaining({ campaignId: 'm1', days: 7 })]]);
  });

  it('url navigates there; in a new tab it leaves the message open', async () => {
    const same = await pressModalButton({ type: 'url', url: '/demo/reminders' });
    expect(same.navigate).toHaveBeenCalledWith('/demo/reminders', undefined);
    expect(document.querySelector('uptake-modal')).toBeNull();
    document.body.innerHTML = '';
    const other = await pressModalButton({ type: 'url', url: 'https://docs.example/', newTab: true });
    expect(other.navigate).toHaveBeenCalledWith('https://docs.example/', true);
    expect(document.querySelector('uptake-modal')).not.toBeNull();
  });

  it('track sends that event as the user', async () => {
    const { tracker, server } = await pressModalButton({ type: 'track', event: 'Interested In Reminders' });
    expect(await sent(tracker, server, 'Interested')).toEqual([['Interested In Reminders', {}]]);
    expect(server.tracked.find((e) => e.event === 'Interested In Reminders')).toMatchObject({ userId: 'u1' });
  });

  it('tour asks the server to start that tour, and shows it', async () => {
    const tour: DecidedMessage = { ...messageOf('tour'), campaignId: 'onboarding' } as DecidedMessage;
    const { server } = await pressModalButton({ type: 'tour', campaignId: 'onboarding' }, [[tour]]);
    await widget('uptake-tour');
    expect(server.decides.at(-1)).toMatchObject({ start: 'onboarding', userId: 'u1' });
    expect(server.decides[0]).not.toHaveProperty('start');
  });

  it('complete_item ticks the showing checklist at once and reports the item', async () => {
    const server = fakeServer([[messageOf('checklist'), modalWith({ type: 'complete_item', itemId: 'reminders' })]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const checklist = await widget('uptake-checklist');
    expect(checklist.querySelector('.count')!.textContent).toBe('1/3');
    click(await widget('uptake-modal'), '[part="button"]');
    await vi.waitFor(() => expect(checklist.querySelector('.count')!.textContent).toBe('2/3'));
    expect(await sent(tracker, server, 'checklist_item_completed')).toEqual([['checklist_item_completed', expect.objectContaining({ campaignId: 'c-checklist', itemId: 'reminders' })]]);
  });
});

describe('launcher', () => {
  it('starts a tour from an entry and stays available', async () => {
    const server = fakeServer([[messageOf('launcher')], [messageOf('launcher'), messageOf('tour')]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const launcher = await widget('uptake-launcher');
    click(launcher, '[part="launcher"]');
    await vi.waitFor(() => expect(launcher.querySelector('[part="entry"]')).not.toBeNull());
    click(launcher, '[part="entry"]');
    await widget('uptake-tour');
    await tracker.queue.flush();
    expect(server.decides.at(-1)).toMatchObject({ start: 'c-tour' });
    expect(document.querySelectorAll('uptake-launcher')).toHaveLength(1);
    // Using the launcher is not a click that would stop it.
    expect(server.tracked.some((e) => e.event === 'message_clicked')).toBe(false);
  });
});

describe('surveys', () => {
  it('report the score and comment, say thanks, then close', async () => {
    const server = fakeServer([[messageOf('survey')]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const root = await widget('uptake-survey');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    click(root, '[part="choice"]:nth-child(10)');
    await (document.querySelector('uptake-survey') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    root.querySelector('textarea')!.value = '  Faster search  ';
    click(root, '[part="submit"]');
    await vi.waitFor(() => expect(root.querySelector('[part="thanks"]')!.textContent).toBe('Thanks!'));
    await vi.advanceTimersByTimeAsync(THANKS_MS);
    vi.useRealTimers();
    expect(document.querySelector('uptake-survey')).toBeNull();
    expect((await sent(tracker, server)).map(([name, p]) => [name, p['score'], p['comment']])).toEqual([
      ['message_shown', undefined, undefined],
      ['survey_answered', 9, 'Faster search'],
      ['message_completed', undefined, undefined],
    ]);
  });

  it('report the chosen option of a single-choice question', async () => {
    const choice = { ...messageOf('survey'), question: { type: 'choice', options: [{ id: 'sms', label: 'SMS' }, { id: 'email', label: 'E-mail' }] } } as DecidedMessage;
    const server = fakeServer([[choice]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const root = await widget('uptake-survey');
    click(root, '[part="choice"]:nth-child(2)');
    await vi.waitFor(() => expect(root.querySelector('[part="submit"]')!.hasAttribute('disabled')).toBe(false));
    click(root, '[part="submit"]');
    expect(await sent(tracker, server, 'survey_answered')).toEqual([['survey_answered', expect.objectContaining({ campaignId: 'c-survey', choice: 'email' })]]);
  });
});

describe('certification', () => {
  it('announces a new level once per browser and reports it awarded', async () => {
    const server = fakeServer([[messageOf('certification')]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    const root = await widget('uptake-certification');
    await vi.waitFor(() => expect(root.querySelector('[part="panel"]')).not.toBeNull());
    expect(await sent(tracker, server, 'certification_awarded')).toEqual([['certification_awarded', expect.objectContaining({ program: 'clinicflow', level: 3, levelName: 'Practitioner' })]]);

    // The next page load: the same level is shown as a closed badge, and not awarded again.
    document.body.innerHTML = '';
    await new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} }).refresh();
    const again = await widget('uptake-certification');
    await (document.querySelector('uptake-certification') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(again.querySelector('[part="panel"]')).toBeNull();
    expect(await sent(tracker, server, 'certification_awarded')).toHaveLength(1);
  });
});

describe('listeners on the host page', () => {
  it('hear the same events the server receives', async () => {
    const { emit } = await pressModalButton({ type: 'dismiss' });
    await vi.waitFor(() => expect(emit.mock.calls.map(([name]) => name)).toEqual(['message_shown', 'message_clicked', 'message_dismissed']));
  });
});
