// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../../../server/protocol/content.ts';
import '../../../sdk/widgets/tooltip/tooltip.ts';
import { show } from '../../../sdk/widgets/index.ts';
import type { UptakeTooltip } from '../../../sdk/widgets/tooltip/tooltip.component.ts';

const content: MessageContent = {
  title: 'Turn on automated reminders',
  body: [{ p: [{ text: 'Clinics that use them renew ' }, { text: '4× more often', bold: true }] }, { ul: [[{ text: 'SMS' }], [{ link: 'https://docs.example/reminders', text: 'Guide' }]] }],
  buttons: [{ id: 'setup', label: 'Set up reminders', style: 'primary', action: { type: 'url', url: '/demo/reminders' } }],
};

let anchor: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<nav><a id="nav" href="/r" aria-describedby="hint">Reminders</a><span id="hint">hint</span></nav>';
  anchor = document.getElementById('nav')!;
});
afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(c: MessageContent = content) {
  const handlers = { onShown: vi.fn(), onButton: vi.fn(), onDismiss: vi.fn() };
  const close = show({ campaignId: 'c1', version: 1, kind: 'tooltip', anchor: { selector: '#nav', placement: 'right' }, content: c }, anchor, handlers);
  const tooltip = document.querySelector('uptake-tooltip') as UptakeTooltip;
  await tooltip.updateComplete;
  return { tooltip, root: tooltip.shadowRoot!, handlers, close };
}

describe('<uptake-tooltip>', () => {
  it('renders the title, rich body and buttons inside its shadow root', async () => {
    const { root } = await mount();
    expect(root.querySelector('h2')!.textContent).toBe('Turn on automated reminders');
    expect(root.querySelector('strong')!.textContent).toBe('4× more often');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('a')!.getAttribute('href')).toBe('https://docs.example/reminders');
    expect(root.querySelector('[part="button"]')!.textContent!.trim()).toBe('Set up reminders');
  });

  it('is a labelled, non-modal dialog that describes its anchor', async () => {
    const { tooltip, root, close } = await mount();
    const panel = root.querySelector('[part="panel"]')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-modal')).toBe('false');
    expect(root.getElementById('title')!.textContent).toBe('Turn on automated reminders');
    expect(panel.getAttribute('aria-labelledby')).toBe('title');
    expect(anchor.getAttribute('aria-describedby')).toBe(`hint ${tooltip.id}`);
    expect(root.querySelector('[part="close"]')!.getAttribute('aria-label')).toBe('Dismiss');
    close();
    expect(anchor.getAttribute('aria-describedby')).toBe('hint');
  });

  it('reports button presses and dismissal', async () => {
    const { root, handlers } = await mount();
    (root.querySelector('[part="button"]') as HTMLButtonElement).click();
    expect(handlers.onButton).toHaveBeenCalledWith(content.buttons[0]);
    (root.querySelector('[part="close"]') as HTMLButtonElement).click();
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('is dismissed with Escape while focus is on its anchor', async () => {
    const { handlers } = await mount();
    anchor.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('renders author markup as inert text', async () => {
    const { root } = await mount({
      title: '<img src=x onerror=alert(1)>',
      body: [{ p: [{ text: '<script>alert(1)</script></style>' }, { link: 'javascript:alert(1)', text: 'click' }] }],
      buttons: [],
    });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('h2')!.textContent).toBe('<img src=x onerror=alert(1)>');
    // An unsafe link is shown as plain text, never as a link.
    expect(root.querySelector('.body a')).toBeNull();
    expect(root.querySelector('.body')!.textContent).toContain('click');
  });

  it('closes when the runtime removes it', async () => {
    const { close } = await mount();
    close();
    expect(document.querySelector('uptake-tooltip')).toBeNull();
  });
});
