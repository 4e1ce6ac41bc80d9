// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-launcher>', () => {
  it('is a labelled button that says whether its list is open', async () => {
    const { root } = await mount(messageOf('launcher', { ...content(''), buttons: [] }));
    const button = root.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    expect(button.localName).toBe('button');
    expect(button.getAttribute('aria-label')).toBe('Help');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('[part="panel"]')).toBeNull();
  });

  it('opens with Enter, focusing the first entry; Escape closes it and focus goes back', async () => {
    const { root, element } = await mount(messageOf('launcher', { ...content('Resources'), buttons: [] }));
    const button = root.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    button.focus();
    press('Enter');
    await element.updateComplete;
    await new Promise((r) => setTimeout(r));
    const panel = root.getElementById(button.getAttribute('aria-controls')!)!;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-label')).toBe('Resources');
    expect([...root.querySelectorAll('[part="entry"]')].map((e) => e.textContent)).toEqual(['Take the tour', 'Help center']);
    expect(deepActive()).toBe(root.querySelector('[part="entry"]'));
    press('Escape');
    await element.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(root.querySelector('[part="panel"]')).toBeNull();
    expect(deepActive()).toBe(button);
  });

  it('reports a pressed entry and closes its list, never dismissing itself', async () => {
    const { root, element, handlers } = await mount(messageOf('launcher'));
    root.querySelector<HTMLButtonElement>('[part="launcher"]')!.click();
    await element.updateComplete;
    root.querySelectorAll<HTMLButtonElement>('[part="entry"]')[1]!.click();
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'docs', action: { type: 'url', url: 'https://docs.example/', newTab: true } }));
    await element.updateComplete;
    expect(root.querySelector('[part="panel"]')).toBeNull();
    expect(handlers.onDismiss).not.toHaveBeenCalled();
  });
});
