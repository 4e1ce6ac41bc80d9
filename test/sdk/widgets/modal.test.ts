// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../../../server/protocol/content.ts';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

const withLink: MessageContent = {
  ...content(),
  body: [{ p: [{ text: 'Read the ' }, { link: 'https://docs.example/reminders', text: 'guide' }] }],
  buttons: [
    { id: 'later', label: 'Later', style: 'secondary', action: { type: 'snooze', days: 3 } },
    { id: 'setup', label: 'Set up reminders', style: 'primary', action: { type: 'url', url: '/demo/reminders' } },
  ],
};

let opener: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<button id="opener">Open</button><a id="nav" href="/r">Reminders</a>';
  opener = document.getElementById('opener')!;
  opener.focus();
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-modal>', () => {
  it('is a labelled modal dialog opened in the top layer, with focus inside', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const { root } = await mount(messageOf('modal', withLink));
    const dialog = root.querySelector('dialog')!;
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Turn on automated reminders');
    expect(deepActive()).toBe(root.querySelector('a'));
    showModal.mockRestore();
  });

  it('keeps Tab and Shift+Tab inside: link, Later, Set up, Close, and round again', async () => {
    const { root } = await mount(messageOf('modal', withLink));
    const order = () => {
      const el = deepActive()!;
      return el.getAttribute('part') === 'button' ? el.textContent : (el.getAttribute('part') ?? el.localName);
    };
    const seen = [order()];
    for (let i = 0; i < 4; i++) {
      expect(press('Tab').defaultPrevented).toBe(true);
      seen.push(order());
    }
    expect(seen).toEqual(['a', 'Later', 'Set up reminders', 'close', 'a']);
    press('Tab', { shiftKey: true });
    expect(order()).toBe('close');
    expect(root.contains(deepActive())).toBe(true);
  });

  it('closes with Escape, and with the browser’s cancel request', async () => {
    const { root, handlers } = await mount(messageOf('modal'));
    press('Escape');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
    const cancel = new Event('cancel', { cancelable: true });
    root.querySelector('dialog')!.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(handlers.onDismiss).toHaveBeenCalledTimes(2);
  });

  it('gives focus back to where it was when it closes', async () => {
    const { close } = await mount(messageOf('modal'));
    expect(deepActive()).not.toBe(opener);
    close();
    expect(document.activeElement).toBe(opener);
  });

  it('is centred, dimming the whole page, without an anchor', async () => {
    const { root } = await mount(messageOf('modal'));
    expect(root.querySelector('path')!.getAttribute('d')!.match(/M/g)).toHaveLength(1);
    expect(root.querySelector('[part="panel"]')!.classList.contains('anchored')).toBe(false);
  });

  it('spotlights its anchor through a hole cut in an SVG overlay, and sits next to it', async () => {
    const nav = document.getElementById('nav')!;
    nav.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 50, width: 80, height: 20 });
    const { root } = await mount({ ...messageOf('modal'), anchor: { selector: '#nav', placement: 'bottom' } } as never, nav);
    const overlay = root.querySelector('svg')!;
    expect(overlay.getAttribute('part')).toBe('overlay');
    expect(overlay.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('path')!.getAttribute('fill-rule')).toBe('evenodd');
    // The second sub-path is the hole: the anchor's box with 6px of room around it.
    expect(root.querySelector('path')!.getAttribute('d')).toMatch(/M94 44h92v32h-92Z$/);
    const panel = root.querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.classList.contains('placed')).toBe(true);
  });

  it('reports its buttons', async () => {
    const { root, handlers } = await mount(messageOf('modal', withLink));
    root.querySelectorAll<HTMLButtonElement>('[part="button"]')[0]!.click();
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'later', action: { type: 'snooze', days: 3 } }));
  });
});
