// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { messageOf, mount, press } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('dir');
});

describe('<uptake-slideout>', () => {
  it('is a labelled non-modal dialog sliding in from the right by default', async () => {
    const { root } = await mount(messageOf('slideout'));
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-modal')).toBe('false');
    expect(root.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe('Turn on automated reminders');
    expect(panel.classList.contains('right')).toBe(true);
  });

  it('comes from the left when asked, mirrored on a right-to-left page', async () => {
    const left = { ...messageOf('slideout'), position: 'left' } as DecidedMessage;
    expect((await mount(left)).root.querySelector('[part="panel"]')!.classList.contains('left')).toBe(true);
    document.body.innerHTML = '';
    document.documentElement.setAttribute('dir', 'rtl');
    expect((await mount(left)).root.querySelector('[part="panel"]')!.classList.contains('right')).toBe(true);
  });

  it('closes with Escape from inside it, and with ×', async () => {
    const { root, handlers } = await mount(messageOf('slideout'));
    root.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    press('Escape');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
    root.querySelector<HTMLButtonElement>('[part="close"]')!.click();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(2);
  });
});
