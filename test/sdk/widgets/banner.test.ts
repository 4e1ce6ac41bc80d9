// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { messageOf, mount, press } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-banner>', () => {
  it('is a landmark region named by its title, at the top by default', async () => {
    const { root } = await mount(messageOf('banner'));
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('region');
    expect(root.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe('Turn on automated reminders');
    expect(panel.classList.contains('top')).toBe(true);
  });

  it('sits at the bottom when asked', async () => {
    const { root } = await mount({ ...messageOf('banner'), position: 'bottom' } as DecidedMessage);
    expect(root.querySelector('[part="panel"]')!.classList.contains('bottom')).toBe(true);
  });

  it('is dismissed with its close button, reachable and operable from the keyboard', async () => {
    const { root, handlers } = await mount(messageOf('banner'));
    const close = root.querySelector<HTMLButtonElement>('[part="close"]')!;
    expect(close.getAttribute('aria-label')).toBe('Close');
    close.focus();
    press('Enter');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('reports its buttons', async () => {
    const { root, handlers } = await mount(messageOf('banner'));
    root.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    press(' ');
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'setup' }));
  });
});
