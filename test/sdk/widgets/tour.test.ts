// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { deepActive, messageOf, mount, press } from './helpers.ts';

const tour = messageOf('tour') as Extract<DecidedMessage, { kind: 'tour' }>;
const labels = (root: ShadowRoot) => [...root.querySelectorAll('[part="button"]')].map((b) => b.textContent);

let anchor: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<a id="nav" href="/c">Calendar</a><input id="search">';
  anchor = document.getElementById('nav')!;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-tour>', () => {
  it('anchors a step to its element, labelled by the step title, with "Step 1 of 3" and Next', async () => {
    const { root } = await mount(tour, anchor, { step: 0 });
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(root.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe('Your calendar');
    expect(root.querySelector('[part="step"]')!.textContent).toBe('Step 1 of 3');
    expect(labels(root)).toEqual(['Next']);
    expect(panel.classList.contains('centered')).toBe(false);
  });

  it('centres a step without an anchor and offers Back and Next', async () => {
    const { root } = await mount(tour, null, { step: 1 });
    expect(root.querySelector('[part="panel"]')!.classList.contains('centered')).toBe(true);
    expect(labels(root)).toEqual(['Back', 'Next']);
  });

  it('ends with Done next to the author’s own buttons', async () => {
    const { root } = await mount(tour, null, { step: 2 });
    expect(labels(root)).toEqual(['Back', 'Set up reminders', 'Done']);
  });

  it('lets the author’s Next and Back buttons replace the built-in ones', async () => {
    const custom = {
      ...tour,
      steps: [tour.steps[0]!, { id: 's2', content: { title: 'Go on', body: [], buttons: [{ id: 'go', label: 'Show me', style: 'primary', action: { type: 'next' } }] } }],
    } as DecidedMessage;
    const { root } = await mount(custom, null, { step: 1 });
    expect(labels(root)).toEqual(['Back', 'Show me']);
  });

  it('reports Back, Next and Done as their actions, from the keyboard too', async () => {
    const { root, handlers } = await mount(tour, null, { step: 1 });
    root.querySelectorAll<HTMLButtonElement>('[part="button"]')[1]!.focus();
    press('Enter');
    expect(handlers.onButton).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'next', action: { type: 'next' } }));
    root.querySelectorAll<HTMLButtonElement>('[part="button"]')[0]!.click();
    expect(handlers.onButton).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'back', action: { type: 'back' } }));
  });

  it('takes focus when it appears, unless the user is working in the page', async () => {
    const { root } = await mount(tour, null, { step: 1 });
    expect(deepActive()).toBe(root.querySelector('[part="panel"]'));
    document.body.querySelector('uptake-tour')!.remove();
    document.getElementById('search')!.focus();
    await mount(tour, null, { step: 2 });
    expect(document.activeElement).toBe(document.getElementById('search'));
  });
});
