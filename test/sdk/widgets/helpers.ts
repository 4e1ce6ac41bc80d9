// Shared by the widget tests: messages of every kind, mounting through the chunk's show(),
// keyboard presses with the browser's default action, and the inertness check for author text.
import { expect, vi } from 'vitest';
import type { MessageContent } from '../../../server/protocol/content.ts';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import type { MessageHandlers, ShowOptions } from '../../../sdk/guide/widgets-api.ts';
import { isSafeImage, isSafeLink } from '../../../sdk/widgets/content.ts';
import { show } from '../../../sdk/widgets/index.ts';
import type { Surface } from '../../../sdk/widgets/surface.ts';

export type Kind = DecidedMessage['kind'];

export const content = (title = 'Turn on automated reminders'): MessageContent => ({
  title,
  body: [{ p: [{ text: 'Clinics that use them renew ' }, { text: '4× more often', bold: true }] }],
  buttons: [{ id: 'setup', label: 'Set up reminders', style: 'primary', action: { type: 'url', url: '/demo/reminders' } }],
});

/** A decided message of each kind, as the server sends it. */
export function messageOf(kind: Kind, c: MessageContent = content()): DecidedMessage {
  const base = { campaignId: `c-${kind}`, version: 1, content: c };
  const anchor = { selector: '#nav', placement: 'right' as const };
  switch (kind) {
    case 'tooltip':
    case 'hotspot':
      return { ...base, kind, interrupting: true, anchor };
    case 'modal':
      return { ...base, kind, interrupting: true };
    case 'banner':
      return { ...base, kind, interrupting: false, position: 'top' };
    case 'slideout':
      return { ...base, kind, interrupting: true, position: 'right' };
    case 'tour':
      return {
        ...base,
        kind,
        interrupting: true,
        startAt: 0,
        steps: [
          { id: 's1', anchor, content: { title: 'Your calendar', body: [], buttons: [] } },
          { id: 's2', content: { title: 'Reminders', body: [], buttons: [] } },
          { id: 's3', content: c },
        ],
      };
    case 'checklist':
      return {
        ...base,
        kind,
        interrupting: false,
        items: [
          { id: 'invite', label: 'Invite your team', done: true },
          { id: 'reminders', label: 'Turn on reminders', description: 'Clinics renew 4× more often', done: false, action: { type: 'url', url: '/demo/reminders' } },
          { id: 'tour', label: 'Take the tour', done: false, action: { type: 'tour', campaignId: 'c-tour' } },
        ],
      };
    case 'launcher':
      return {
        ...base,
        kind,
        interrupting: false,
        entries: [
          { id: 'tour', label: 'Take the tour', action: { type: 'tour', campaignId: 'c-tour' } },
          { id: 'docs', label: 'Help center', action: { type: 'url', url: 'https://docs.example/', newTab: true } },
        ],
      };
    case 'survey':
      return { ...base, kind, interrupting: true, question: { type: 'nps', commentPrompt: 'What would make it better?' } };
    case 'certification':
      return {
        ...base,
        kind,
        interrupting: false,
        certification: {
          program: 'clinicflow',
          programName: 'ClinicFlow certified',
          level: 3,
          levelName: 'Practitioner',
          next: {
            level: 2,
            name: 'Expert',
            requirements: [
              { label: 'Send reminders', done: true, have: 5, need: 5 },
              { label: 'Run a report', done: false, have: 1, need: 3 },
            ],
          },
        },
      };
  }
}

export const ALL_KINDS: Kind[] = ['tooltip', 'hotspot', 'modal', 'banner', 'slideout', 'tour', 'checklist', 'launcher', 'survey', 'certification'];

export function handlers(): { [K in keyof MessageHandlers]: ReturnType<typeof vi.fn> } & MessageHandlers {
  return { onShown: vi.fn(), onButton: vi.fn(), onDismiss: vi.fn(), onAnswer: vi.fn(), onAnchorLost: vi.fn() } as never;
}

/** Shows a message through the chunk's show() and waits until it reports being on screen. */
export async function mount<T extends Surface = Surface>(message: DecidedMessage, target: Element | null = null, options?: ShowOptions) {
  const on = handlers();
  const element = show(message, target, on, options) as T;
  await element.updateComplete;
  await vi.waitFor(() => expect(on.onShown).toHaveBeenCalled());
  return { element, root: element.shadowRoot!, handlers: on, close: () => element.remove() };
}

/** The focused element, looking inside shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Presses a key on the focused element as a browser would: keydown, then, unless a handler
 * prevented it, the default action of Enter or Space on a button (a click).
 */
export function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const target = deepActive() ?? document.body;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  if (!event.defaultPrevented && (key === 'Enter' || key === ' ') && target.localName === 'button') (target as HTMLElement).click();
  return event;
}

/** Every element of a widget, through nested shadow roots (a hotspot holds a tooltip). */
export function allElements(root: ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? allElements(el.shadowRoot) : [])]);
}

/** Author text stayed text: no script, no handler attribute, no unsafe link or image, no foreign SVG. */
export function expectInert(root: ShadowRoot): void {
  for (const el of allElements(root)) {
    expect(['script', 'iframe', 'object', 'embed', 'foreignobject'], `<${el.localName}> in a widget`).not.toContain(el.localName);
    for (const attr of el.attributes) expect(attr.name, `attribute ${attr.name} on <${el.localName}>`).not.toMatch(/^on/i);
    if (el.localName === 'a') expect(isSafeLink(el.getAttribute('href') ?? '')).toBe(true);
    if (el.localName === 'img') expect(isSafeImage(el.getAttribute('src') ?? '')).toBe(true);
    // The only SVG a widget draws is the modal's overlay.
    if (el.localName === 'svg') expect(el.getAttribute('part')).toBe('overlay');
    if (el.localName === 'style') expect(el.textContent).not.toMatch(/<script|onerror|alert/i);
  }
}
