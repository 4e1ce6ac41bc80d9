// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

const badge = messageOf('certification', { ...content('You reached level 3'), buttons: [] }) as Extract<DecidedMessage, { kind: 'certification' }>;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-certification>', () => {
  it('is a badge button naming the program and level, closed until pressed', async () => {
    const { root } = await mount(badge);
    const button = root.querySelector('[part="badge"]')!;
    expect(button.localName).toBe('button');
    expect(button.getAttribute('aria-label')).toBe('ClinicFlow certified: Level 3 · Practitioner');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('[part="panel"]')).toBeNull();
  });

  it('opens at once to announce a new level, with what the next level needs', async () => {
    const { root } = await mount(badge, null, { announce: true });
    const panel = root.querySelector('[part="panel"]')!;
    expect(root.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe('You reached level 3');
    expect(root.querySelector('[part="level"]')!.textContent).toBe('Level 3 · Practitioner');
    expect(root.querySelector('h3')!.textContent).toBe('Next: Expert');
    const [sent, report] = root.querySelectorAll('[part="requirement"]');
    expect(sent!.classList.contains('done')).toBe(true);
    expect(report!.textContent).toContain('1/3');
    const bar = report!.querySelector('progress')!;
    expect([bar.getAttribute('value'), bar.getAttribute('max'), bar.getAttribute('aria-label')]).toEqual(['1', '3', 'Run a report']);
  });

  it('opens and closes from the keyboard, giving focus back to the badge', async () => {
    const { root, element } = await mount(badge);
    const button = root.querySelector<HTMLButtonElement>('[part="badge"]')!;
    button.focus();
    press('Enter');
    await element.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(deepActive()).toBe(root.querySelector('[part="panel"]'));
    press('Escape');
    await element.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(root.querySelector('[part="panel"]')).toBeNull();
    expect(deepActive()).toBe(button);
  });

  it('before the first level shows the program and what level one needs', async () => {
    const first = { ...badge, content: { title: '', body: [], buttons: [] }, certification: { ...badge.certification, level: null, levelName: null } };
    const { root } = await mount(first, null, { announce: true });
    const button = root.querySelector('[part="badge"]')!;
    expect(button.querySelector('.level')!.textContent).toBe('–');
    expect(button.getAttribute('aria-label')).toBe('ClinicFlow certified');
    expect(button.textContent).toContain('ClinicFlow certified');
    expect(root.getElementById('title')!.textContent).toBe('ClinicFlow certified');
    expect(root.querySelector('[part="level"]')).toBeNull();
  });
});
