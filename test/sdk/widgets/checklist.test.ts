// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import type { UptakeChecklist } from '../../../sdk/widgets/checklist/checklist.component.ts';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

const checklist = messageOf('checklist', { ...content('Get set up'), buttons: [] }) as Extract<DecidedMessage, { kind: 'checklist' }>;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-checklist>', () => {
  it('is a region named by its title, with progress told as a number and a progress bar', async () => {
    const { root } = await mount(checklist);
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.localName).toBe('section');
    expect(root.getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).toBe('Get set up');
    const progress = root.querySelector<HTMLProgressElement>('[part="progress"]')!;
    expect(progress.localName).toBe('progress');
    expect([progress.getAttribute('value'), progress.getAttribute('max')]).toEqual(['1', '3']);
    expect(progress.getAttribute('aria-label')).toBe('1 of 3 done');
    expect(root.querySelector('.count')!.textContent).toBe('1/3');
  });

  it('marks done items in text as well as in looks, and makes only items with an action pressable', async () => {
    const { root } = await mount(checklist);
    const [invite, reminders, tour] = root.querySelectorAll('[part="item"]');
    expect(invite!.classList.contains('done')).toBe(true);
    expect(invite!.querySelector('.vh')!.textContent).toBe(' (Done)');
    expect(invite!.querySelector('button')).toBeNull();
    expect(reminders!.classList.contains('done')).toBe(false);
    expect(reminders!.querySelector('small')!.textContent).toBe('Clinics renew 4× more often');
    expect(tour!.querySelector('button')).not.toBeNull();
  });

  it('reports a pressed item with its action, from the keyboard', async () => {
    const { root, handlers } = await mount(checklist);
    root.querySelector<HTMLButtonElement>('[part="item"]:nth-child(3) button')!.focus();
    press('Enter');
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'tour', action: { type: 'tour', campaignId: 'c-tour' } }));
  });

  it('collapses and expands from its header button', async () => {
    const { root, element } = await mount(checklist);
    const header = root.querySelector<HTMLButtonElement>('[part="header"]')!;
    expect(header.getAttribute('aria-expanded')).toBe('true');
    expect(root.getElementById(header.getAttribute('aria-controls')!)!.hidden).toBe(false);
    header.focus();
    press(' ');
    await element.updateComplete;
    expect(header.getAttribute('aria-expanded')).toBe('false');
    expect(root.getElementById('list')!.hidden).toBe(true);
    expect(deepActive()).toBe(header);
  });

  it('updates in place when an item is done', async () => {
    const { root, element } = await mount<UptakeChecklist>(checklist);
    element.message = { ...checklist, items: checklist.items.map((item) => ({ ...item, done: true })) };
    await element.updateComplete;
    expect(root.querySelector('.count')!.textContent).toBe('3/3');
    expect(root.querySelectorAll('[part="item"].done')).toHaveLength(3);
  });

  it('falls back to a built-in title and is dismissed with ×', async () => {
    const { root, handlers } = await mount({ ...checklist, content: { title: '', body: [], buttons: [] } });
    expect(root.getElementById('title')!.textContent).toBe('Get started');
    root.querySelector<HTMLButtonElement>('[part="close"]')!.click();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });
});
