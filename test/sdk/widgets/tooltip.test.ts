// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../../../server/protocol/content.ts';
import { content, deepActive, messageOf, mount, press } from './helpers.ts';

const rich: MessageContent = {
  ...content(),
  body: [{ p: [{ text: 'Clinics that use them renew ' }, { text: '4× more often', bold: true }] }, { ul: [[{ text: 'SMS' }], [{ link: 'https://docs.example/reminders', text: 'Guide' }]] }],
  image: { src: 'https://cdn.example/reminders.png', alt: 'A reminder on a phone' },
};

let anchor: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<nav><a id="nav" href="/r" aria-describedby="hint">Reminders</a><span id="hint">hint</span></nav>';
  anchor = document.getElementById('nav')!;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('<uptake-tooltip>', () => {
  it('renders the title, image, rich body and buttons inside its shadow root', async () => {
    const { root } = await mount(messageOf('tooltip', rich), anchor);
    expect(root.querySelector('h2')!.textContent).toBe('Turn on automated reminders');
    expect(root.querySelector('strong')!.textContent).toBe('4× more often');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('a')!.getAttribute('href')).toBe('https://docs.example/reminders');
    expect(root.querySelector('img')!.getAttribute('alt')).toBe('A reminder on a phone');
    expect(root.querySelector('[part="button"]')!.textContent!.trim()).toBe('Set up reminders');
  });

  it('is a labelled, non-modal dialog that describes its anchor', async () => {
    const { element, root, close } = await mount(messageOf('tooltip'), anchor);
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-modal')).toBe('false');
    expect(panel.getAttribute('aria-labelledby')).toBe('title');
    expect(root.getElementById('title')!.textContent).toBe('Turn on automated reminders');
    expect(anchor.getAttribute('aria-describedby')).toBe(`hint ${element.id}`);
    expect(root.querySelector('[part="close"]')!.getAttribute('aria-label')).toBe('Close');
    close();
    expect(anchor.getAttribute('aria-describedby')).toBe('hint');
  });

  it('without a title is named by a generic word rather than left nameless', async () => {
    const { root } = await mount(messageOf('tooltip', { ...content(''), buttons: [] }), anchor);
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.hasAttribute('aria-labelledby')).toBe(false);
    expect(panel.getAttribute('aria-label')).toBe('Message');
  });

  it('is positioned next to its anchor and reported shown only then', async () => {
    const { root, handlers } = await mount(messageOf('tooltip'), anchor);
    const panel = root.querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.classList.contains('placed')).toBe(true);
    expect(panel.style.left).toMatch(/px$/);
    expect(handlers.onShown).toHaveBeenCalledTimes(1);
  });

  it('reports button presses and dismissal', async () => {
    const { root, handlers } = await mount(messageOf('tooltip'), anchor);
    root.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    expect(handlers.onButton).toHaveBeenCalledWith(expect.objectContaining({ id: 'setup', action: { type: 'url', url: '/demo/reminders' } }));
    root.querySelector<HTMLButtonElement>('[part="close"]')!.click();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('is operated with the keyboard: Enter on a button, Escape on the anchor or inside', async () => {
    const { root, handlers } = await mount(messageOf('tooltip'), anchor);
    root.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    press('Enter');
    expect(handlers.onButton).toHaveBeenCalledTimes(1);
    press('Escape');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
    anchor.focus();
    expect(deepActive()).toBe(anchor);
    press('Escape');
    expect(handlers.onDismiss).toHaveBeenCalledTimes(2);
  });

  it('ignores Escape pressed elsewhere on the page', async () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="search">');
    const { handlers } = await mount(messageOf('tooltip'), anchor);
    document.getElementById('search')!.focus();
    press('Escape');
    expect(handlers.onDismiss).not.toHaveBeenCalled();
  });

  it('renders author markup as inert text, and an unsafe link as plain text', async () => {
    const { root } = await mount(
      messageOf('tooltip', { title: '<img src=x onerror=alert(1)>', body: [{ p: [{ text: '<script>alert(1)</script></style>' }, { link: 'javascript:alert(1)', text: 'click' }] }], buttons: [] }),
      anchor,
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('h2')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(root.querySelector('.body a')).toBeNull();
    expect(root.querySelector('.body')!.textContent).toContain('click');
  });

  it('hides itself while the page has removed its anchor', async () => {
    const { root } = await mount(messageOf('tooltip'), anchor);
    const panel = root.querySelector<HTMLElement>('[part="panel"]')!;
    anchor.remove();
    window.dispatchEvent(new Event('resize'));
    await vi.waitFor(() => expect(panel.classList.contains('placed')).toBe(false));
  });

  it('closes when the runtime removes it', async () => {
    const { close } = await mount(messageOf('tooltip'), anchor);
    close();
    expect(document.querySelector('uptake-tooltip')).toBeNull();
  });
});
