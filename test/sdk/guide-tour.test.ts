// @vitest-environment happy-dom
// Tours through the guide runtime and the real widgets: steps, pages, resuming, events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage, DecidedStep } from '../../server/protocol/decide.ts';
import { Guide } from '../../sdk/guide/guide.ts';
import { fakeServer, realWidgets, sent, setUp, widget } from './guide-fixture.ts';

const step = (id: string, extra: Partial<DecidedStep> = {}): DecidedStep => ({ id, content: { title: `Step ${id}`, body: [], buttons: [] }, ...extra });

function tour(steps: DecidedStep[], startAt = 0): DecidedMessage {
  return { campaignId: 'tour1', version: 3, kind: 'tour', interrupting: true, startAt, steps, content: { title: '', body: [], buttons: [] } };
}

const threeSteps = tour([step('calendar', { anchor: { selector: '#nav', placement: 'right' } }), step('reminders'), step('reports')]);

/** The tour step on screen: its "Step x of y" line and a way to press its buttons by label. */
async function onScreen() {
  const root = await widget('uptake-tour');
  return {
    root,
    count: root.querySelector('[part="step"]')!.textContent,
    labels: [...root.querySelectorAll('[part="button"]')].map((b) => b.textContent),
    press: (label: string) => [...root.querySelectorAll<HTMLElement>('[part="button"]')].find((b) => b.textContent === label)!.click(),
  };
}

/** Waits for the step after `root` to replace it. */
async function nextScreen(previous: ShadowRoot) {
  await vi.waitFor(() => expect(document.querySelector('uptake-tour')?.shadowRoot).not.toBe(previous));
  return onScreen();
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState({}, '', '/');
  document.body.innerHTML = '<a id="nav">Calendar</a>';
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('tours', () => {
  it('moves through the steps with Next and Back, and completes with Done', async () => {
    const server = fakeServer([[threeSteps]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    let screen = await onScreen();
    expect([screen.count, screen.labels]).toEqual(['Step 1 of 3', ['Next']]);
    screen.press('Next');
    screen = await nextScreen(screen.root);
    expect([screen.count, screen.labels]).toEqual(['Step 2 of 3', ['Back', 'Next']]);
    screen.press('Back');
    screen = await nextScreen(screen.root);
    expect(screen.count).toBe('Step 1 of 3');
    screen.press('Next');
    screen = await nextScreen(screen.root);
    screen.press('Next');
    screen = await nextScreen(screen.root);
    expect([screen.count, screen.labels]).toEqual(['Step 3 of 3', ['Back', 'Done']]);
    await vi.waitFor(async () => expect((await sent(tracker, server, 'tour_step_viewed')).length).toBe(5));
    screen.press('Done');
    expect(document.querySelector('uptake-tour')).toBeNull();

    const events = await sent(tracker, server);
    // Shown once for the whole tour; every rendered step viewed; moving is not a click.
    expect(events.map(([name, p]) => (name === 'tour_step_viewed' ? `${name} ${p['stepIndex']} ${p['stepId']}` : name))).toEqual([
      'message_shown',
      'tour_step_viewed 0 calendar',
      'tour_step_viewed 1 reminders',
      'tour_step_viewed 0 calendar',
      'tour_step_viewed 1 reminders',
      'tour_step_viewed 2 reports',
      'tour_completed',
      'message_completed',
    ]);
    expect(events.every(([, p]) => p['campaignId'] === 'tour1')).toBe(true);
  });

  it('resumes after a reload at the step the server says', async () => {
    fakeServer([[{ ...threeSteps, startAt: 2 } as DecidedMessage]]);
    await setUp().guide.refresh();
    const screen = await onScreen();
    expect([screen.count, screen.labels]).toEqual(['Step 3 of 3', ['Back', 'Done']]);
  });

  it('waits on another page for the step that belongs to it', async () => {
    const server = fakeServer([[tour([step('reports', { page: '/reports/*' })])]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('uptake-tour')).toBeNull();
    history.pushState({}, '', '/reports/monthly');
    await guide.refresh(); // what a route change does
    expect((await onScreen()).count).toBe('Step 1 of 1');
    await vi.waitFor(async () => expect((await sent(tracker, server, 'tour_step_viewed')).map(([, p]) => p['stepId'])).toEqual(['reports']));
  });

  it('takes the user to the next step’s page with Next, and that page resumes at the next step', async () => {
    const twoPages = tour([step('calendar', { url: '/reports' }), step('reports', { page: '/reports' })]);
    fakeServer([[twoPages]]);
    const { guide, tracker, navigate } = setUp();
    await guide.refresh();
    (await onScreen()).press('Next');
    expect(navigate).toHaveBeenCalledWith('/reports', undefined);
    expect(document.querySelector('uptake-tour')).toBeNull();

    // The new page load: the server has not seen step 2 yet and still answers startAt 0.
    history.pushState({}, '', '/reports');
    const reloaded = new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} });
    await reloaded.refresh();
    expect((await onScreen()).count).toBe('Step 2 of 2');
  });

  it('opens the page of the step Next or Back leads to when a plain path names it', async () => {
    const twoPages = tour([step('calendar', { page: '/' }), step('reports', { page: '/reports' })]);
    fakeServer([[twoPages], [{ ...twoPages, startAt: 1 } as DecidedMessage]]);
    const { guide, tracker, navigate } = setUp();
    await guide.refresh();
    (await onScreen()).press('Next');
    expect(navigate).toHaveBeenLastCalledWith('/reports', undefined);

    history.pushState({}, '', '/reports');
    await new Guide({ tracker, loadWidgets: realWidgets, emit: () => {}, navigate }).refresh();
    const second = await onScreen();
    expect([second.count, second.labels]).toEqual(['Step 2 of 2', ['Back', 'Done']]);
    second.press('Back');
    expect(navigate).toHaveBeenLastCalledWith('/', undefined);
    history.pushState({}, '', '/');
    await new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} }).refresh();
    expect((await onScreen()).count).toBe('Step 1 of 2');
  });

  it('offers no Back to a step that lives on pages only a pattern names', async () => {
    const back = { id: 'back', label: 'Previous', style: 'secondary' as const, action: { type: 'back' as const } };
    history.replaceState({}, '', '/invoices/7');
    fakeServer([[tour([step('list', { page: '/invoices/*/list' }), step('detail', { page: '/invoices/*', content: { title: 'Detail', body: [], buttons: [back] } })], 1)]]);
    await setUp().guide.refresh();
    expect((await onScreen()).labels).toEqual(['Done']);
  });

  it('centres a step without an anchor and points an anchored one at its element', async () => {
    fakeServer([[threeSteps]]);
    await setUp().guide.refresh();
    const first = await onScreen();
    expect(document.getElementById('nav')!.getAttribute('aria-describedby')).toBe(document.querySelector('uptake-tour')!.id);
    first.press('Next');
    const second = await nextScreen(first.root);
    expect(second.root.querySelector('[part="panel"]')!.classList.contains('centered')).toBe(true);
    expect(document.getElementById('nav')!.hasAttribute('aria-describedby')).toBe(false);
  });

  it('reports a step whose anchor never appears, naming the step', async () => {
    const server = fakeServer([[tour([step('export', { anchor: { selector: '#export', placement: 'bottom' } })])]]);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { guide, tracker } = setUp();
    await guide.refresh();
    await vi.advanceTimersByTimeAsync(5_100);
    vi.useRealTimers();
    expect((await sent(tracker, server)).map(([name, p]) => [name, p['selector'], p['stepId']])).toEqual([['anchor_missing', '#export', 'export']]);
    expect(document.querySelector('uptake-tour')).toBeNull();
  });

  it('starts a tour the user dismissed from its first step when they start it again', async () => {
    // After the dismissal the server answers the tour from its first step (the launcher asked for it).
    const server = fakeServer([[threeSteps]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    let screen = await onScreen();
    screen.press('Next');
    screen = await nextScreen(screen.root);
    expect(screen.count).toBe('Step 2 of 3');
    screen.root.querySelector<HTMLElement>('[part="close"]')!.click();
    expect(document.querySelector('uptake-tour')).toBeNull();

    await guide.refresh('tour1');
    expect(server.decides.at(-1)).toMatchObject({ start: 'tour1' });
    expect((await onScreen()).count).toBe('Step 1 of 3');
    // So does a new page: the step it was dismissed at is forgotten in this browser.
    document.body.innerHTML = '<a id="nav">Calendar</a>';
    await new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} }).refresh('tour1');
    expect((await onScreen()).count).toBe('Step 1 of 3');
  });

  it('starts a tour ended by a dismiss button from its first step too', async () => {
    const notNow = { id: 'later', label: 'Not now', style: 'secondary' as const, action: { type: 'dismiss' as const } };
    fakeServer([[tour([step('calendar'), step('reminders', { content: { title: 'Reminders', body: [], buttons: [notNow] } }), step('reports')])]]);
    const { guide } = setUp();
    await guide.refresh();
    let screen = await onScreen();
    screen.press('Next');
    screen = await nextScreen(screen.root);
    screen.press('Not now');
    expect(document.querySelector('uptake-tour')).toBeNull();
    await guide.refresh('tour1');
    expect((await onScreen()).count).toBe('Step 1 of 3');
  });

  it('starts a tour one of its buttons closed (a link) from its first step when started again', async () => {
    const pricing = { id: 'pricing', label: 'See pricing', style: 'secondary' as const, action: { type: 'url' as const, url: '/pricing' } };
    fakeServer([[tour([step('calendar'), step('reminders', { content: { title: 'Reminders', body: [], buttons: [pricing] } }), step('reports')])]]);
    const { guide, navigate } = setUp();
    await guide.refresh();
    let screen = await onScreen();
    screen.press('Next');
    screen = await nextScreen(screen.root);
    screen.press('See pricing');
    expect(navigate).toHaveBeenCalledWith('/pricing', undefined);
    await guide.refresh('tour1');
    expect((await onScreen()).count).toBe('Step 1 of 3');
  });

  it('resumes after a reload at the step on screen when the tour was not dismissed', async () => {
    // The server saw step 2 viewed and answers the step after it; this browser knows step 2 is on screen.
    const server = fakeServer([[threeSteps], [{ ...threeSteps, startAt: 2 } as DecidedMessage]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    (await onScreen()).press('Next');
    await vi.waitFor(async () => expect((await sent(tracker, server, 'tour_step_viewed')).length).toBe(2));
    document.body.innerHTML = '<a id="nav">Calendar</a>';
    await new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} }).refresh();
    expect((await onScreen()).count).toBe('Step 2 of 3');
  });

  it('moves on when the user clicks the step’s element, in place of Next, and the page still gets the click', async () => {
    const nav = { selector: '#nav', placement: 'right' as const };
    const next = { id: 'next', label: 'Next', style: 'primary' as const, action: { type: 'next' as const } };
    const byClick = tour([step('calendar', { anchor: nav, advanceOnClick: true, content: { title: 'Open the calendar', body: [], buttons: [next] } }), step('reminders', { anchor: nav }), step('reports', { anchor: nav, advanceOnClick: true })]);
    const server = fakeServer([[byClick]]);
    const { guide, tracker } = setUp();
    const pageClicks = vi.fn();
    document.getElementById('nav')!.addEventListener('click', pageClicks);
    await guide.refresh();
    let screen = await onScreen();
    // No Next to press, not even the one the author left in the step: the click is the way on.
    expect([screen.count, screen.labels]).toEqual(['Step 1 of 3', []]);
    document.getElementById('nav')!.click();
    screen = await nextScreen(screen.root);
    expect([screen.count, screen.labels]).toEqual(['Step 2 of 3', ['Back', 'Next']]);
    expect(pageClicks).toHaveBeenCalledTimes(1);
    // A step that waits for Next ignores clicks on its element.
    document.getElementById('nav')!.click();
    await new Promise((r) => setTimeout(r, 30));
    expect((await onScreen()).count).toBe('Step 2 of 3');
    screen.press('Next');
    screen = await nextScreen(screen.root);
    expect([screen.count, screen.labels]).toEqual(['Step 3 of 3', ['Back']]);
    await vi.waitFor(async () => expect((await sent(tracker, server, 'tour_step_viewed')).length).toBe(3));
    // On the last step the click completes the tour; a click inside the element counts too.
    document.getElementById('nav')!.innerHTML = '<span id="label">Calendar</span>';
    document.getElementById('label')!.click();
    expect(document.querySelector('uptake-tour')).toBeNull();
    const events = (await sent(tracker, server)).map(([name]) => name);
    expect(events.slice(-2)).toEqual(['tour_completed', 'message_completed']);
    expect(events).not.toContain('message_clicked');
  });

  it('puts keyboard focus on the element a step waits for, so Enter moves on', async () => {
    document.body.innerHTML = '<button id="export">Export</button>';
    const exportButton = { selector: '#export', placement: 'bottom' as const };
    fakeServer([[tour([step('export', { anchor: exportButton, advanceOnClick: true }), step('done')])]]);
    await setUp().guide.refresh();
    const screen = await onScreen();
    const button = document.getElementById('export')!;
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-describedby')).toBe(document.querySelector('uptake-tour')!.id);
    button.click(); // what Enter on a focused button does
    expect((await nextScreen(screen.root)).count).toBe('Step 2 of 2');
  });

  it('resumes at the next step on the page a clicked link opened', async () => {
    const link = { selector: '#nav', placement: 'right' as const };
    const twoPages = tour([step('calendar', { anchor: link, advanceOnClick: true }), step('reports', { page: '/reports' })]);
    fakeServer([[twoPages]]);
    const { guide, tracker, navigate } = setUp();
    await guide.refresh();
    await onScreen();
    document.getElementById('nav')!.click();
    expect(document.querySelector('uptake-tour')).toBeNull();
    // The link does the navigating; the tour does not send the user anywhere itself.
    expect(navigate).not.toHaveBeenCalled();

    history.pushState({}, '', '/reports'); // the page the link opened, loaded afresh
    const reloaded = new Guide({ tracker, loadWidgets: realWidgets, emit: () => {} });
    await reloaded.refresh();
    expect((await onScreen()).count).toBe('Step 2 of 2');
  });

  it('ends with a dismissal when closed', async () => {
    const server = fakeServer([[threeSteps]]);
    const { guide, tracker } = setUp();
    await guide.refresh();
    (await onScreen()).root.querySelector<HTMLElement>('[part="close"]')!.click();
    expect(document.querySelector('uptake-tour')).toBeNull();
    expect((await sent(tracker, server)).map(([name]) => name)).toEqual(['message_shown', 'tour_step_viewed', 'message_dismissed']);
  });
});
