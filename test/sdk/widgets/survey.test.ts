// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

const nps = messageOf('survey', { ...content('How likely are you to recommend ClinicFlow?'), buttons: [] });
const choice = { ...messageOf('survey', { ...content('Which reminder channel do patients prefer?'), buttons: [] }), question: { type: 'choice', options: [{ id: 'sms', label: 'SMS' }, { id: 'email', label: 'E-mail' }, { id: 'call', label: 'Phone call' }] } } as DecidedMessage;
const radios = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
const checked = (root: ShadowRoot) => radios(root).findIndex((r) => r.getAttribute('aria-checked') === 'true');

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('dir');
});

describe('<uptake-survey>', () => {
  it('asks NPS as a labelled radio group of 0–10, described by its end labels, with one tab stop', async () => {
    const { root } = await mount(nps);
    const group = root.querySelector('[role="radiogroup"]')!;
    expect(root.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe('How likely are you to recommend ClinicFlow?');
    expect(group.getAttribute('aria-describedby')!.split(' ').map((id) => root.getElementById(id)!.textContent)).toEqual(['Not at all likely', 'Extremely likely']);
    expect(radios(root).map((r) => r.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios(root).map((r) => r.tabIndex).filter((t) => t === 0)).toHaveLength(1);
    expect(checked(root)).toBe(-1);
    expect(root.querySelector('[part="submit"]')!.hasAttribute('disabled')).toBe(true);
  });

  it('is chosen with Enter or Space, and moved through with the arrow keys', async () => {
    const { root, element } = await mount(nps);
    radios(root)[7]!.focus();
    press(' ');
    await element.updateComplete;
    expect(checked(root)).toBe(7);
    press('Enter');
    await element.updateComplete;
    expect(checked(root)).toBe(7);
    press('ArrowRight');
    await element.updateComplete;
    expect(checked(root)).toBe(8);
    expect(deepActive()).toBe(radios(root)[8]);
    expect(radios(root)[8]!.tabIndex).toBe(0);
    press('ArrowLeft');
    press('ArrowUp');
    await element.updateComplete;
    expect(checked(root)).toBe(6);
    press('ArrowDown');
    await element.updateComplete;
    expect(checked(root)).toBe(7);
  });

  it('mirrors left and right arrows on a right-to-left page', async () => {
    document.documentElement.setAttribute('dir', 'rtl');
    const { root, element } = await mount(nps);
    radios(root)[3]!.click();
    await element.updateComplete;
    press('ArrowLeft');
    await element.updateComplete;
    expect(checked(root)).toBe(4);
  });

  it('sends the score with the optional comment, then says thanks in a status line', async () => {
    const { root, element, handlers } = await mount(nps);
    const textarea = root.querySelector('textarea')!;
    expect(textarea.closest('label')!.textContent).toContain('What would make it better?');
    radios(root)[10]!.click();
    await element.updateComplete;
    textarea.value = 'Love the reminders';
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    expect(handlers.onAnswer).toHaveBeenCalledWith({ score: 10, comment: 'Love the reminders' });
    await element.updateComplete;
    const thanks = root.querySelector('[part="thanks"]')!;
    expect(thanks.getAttribute('role')).toBe('status');
    expect(thanks.textContent).toBe('Thanks!');
    expect(root.querySelector('[role="radiogroup"]')).toBeNull();
  });

  it('leaves an empty comment out', async () => {
    const { root, element, handlers } = await mount(nps);
    radios(root)[0]!.click();
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    expect(handlers.onAnswer).toHaveBeenCalledWith({ score: 0 });
  });

  it('sends the id of a single choice', async () => {
    const { root, element, handlers } = await mount(choice);
    expect(radios(root).map((r) => r.textContent)).toEqual(['SMS', 'E-mail', 'Phone call']);
    expect(root.querySelector('textarea')).toBeNull();
    radios(root)[2]!.click();
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    expect(handlers.onAnswer).toHaveBeenCalledWith({ choice: 'call' });
  });

  it('is a non-modal dialog closed by Escape', async () => {
    const { root, handlers } = await mount(nps);
    const panel = root.querySelector('[part="panel"]')!;
    expect([panel.getAttribute('role'), panel.getAttribute('aria-modal')]).toEqual(['dialog', 'false']);
    radios(root)[0]!.focus();
    press('Escape');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });
});
