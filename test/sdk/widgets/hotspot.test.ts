// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

let anchor: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<button id="nav">Reminders</button>';
  anchor = document.getElementById('nav')!;
});
afterEach(() => {
  document.body.innerHTML = '';
});

const tip = (root: ShadowRoot) => root.querySelector('uptake-tooltip')?.shadowRoot ?? null;

describe('<uptake-hotspot>', () => {
  it('puts a labelled, focusable beacon button next to its anchor', async () => {
    const { root, handlers } = await mount(messageOf('hotspot'), anchor);
    const beacon = root.querySelector<HTMLButtonElement>('[part="beacon"]')!;
    expect(beacon.localName).toBe('button');
    expect(beacon.getAttribute('type')).toBe('button');
    expect(beacon.getAttribute('aria-label')).toBe('Turn on automated reminders');
    expect(beacon.getAttribute('aria-expanded')).toBe('false');
    expect(beacon.classList.contains('placed')).toBe(true);
    expect(handlers.onShown).toHaveBeenCalledTimes(1);
    beacon.focus();
    expect(deepActive()).toBe(beacon);
  });

  it('opens its tip with Enter and closes it with Space, from the keyboard', async () => {
    const { root, element, handlers } = await mount(messageOf('hotspot'), anchor);
    const beacon = root.querySelector<HTMLButtonElement>('[part="beacon"]')!;
    beacon.focus();
    press('Enter');
    await element.updateComplete;
    expect(beacon.getAttribute('aria-expanded')).toBe('true');
    const panel = tip(root)!.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(tip(root)!.querySelector('h2')!.textContent).toBe('Turn on automated reminders');
    // The tip describes the beacon it points at.
    expect(beacon.getAttribute('aria-describedby')).toBe(root.querySelector('uptake-tooltip')!.id);
    press(' ');
    await element.updateComplete;
    expect(tip(root)).toBeNull();
    // Opening the tip is not a second exposure.
    expect(handlers.onShown).toHaveBeenCalledTimes(1);
  });

  it('reports the tip’s buttons and its dismissal as its own', async () => {
    const { root, element, handlers } = await mount(messageOf('hotspot'), anchor);
    root.querySelector<HTMLButtonElement>('[part="beacon"]')!.click();
    await element.updateComplete;
    await root.querySelector('uptake-tooltip')!.updateComplete;
    tip(root)!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'setup' }));
    tip(root)!.querySelector<HTMLButtonElement>('[part="close"]')!.click();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('names the beacon with a built-in word when the message has no title', async () => {
    const { root } = await mount(messageOf('hotspot', content('')), anchor);
    expect(root.querySelector('[part="beacon"]')!.getAttribute('aria-label')).toBe('Show tip');
  });
});
