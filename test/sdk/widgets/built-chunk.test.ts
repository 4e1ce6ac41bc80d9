// @vitest-environment happy-dom
// The built, minified widgets chunk (private members mangled) as browsers load it: every kind
// renders, reports shown, opens what opens and reports a press (npm test builds before testing).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Widgets } from '../../../sdk/guide/widgets-api.ts';
import { ALL_KINDS, handlers, messageOf } from './helpers.ts';

const chunk = pathToFileURL(resolve(import.meta.dirname, '../../../dist/sdk/widgets.js')).href;
const { show } = (await import(/* @vite-ignore */ chunk)) as Widgets;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the built widgets chunk', () => {
  it.each(ALL_KINDS)('shows a %s and reports what the user presses', async (kind) => {
    document.body.innerHTML = '<a id="nav" href="/r">Reminders</a>';
    const on = handlers();
    const anchored = kind === 'tooltip' || kind === 'hotspot' || kind === 'tour';
    const element = show(messageOf(kind), anchored ? document.getElementById('nav') : null, on, { step: 2 }) as unknown as HTMLElement & { updateComplete: Promise<unknown> };
    await vi.waitFor(() => expect(on.onShown).toHaveBeenCalledTimes(1));
    const root = element.shadowRoot!;
    const opener = root.querySelector<HTMLElement>('[part="beacon"], [part="launcher"], [part="badge"]');
    if (opener) {
      opener.click();
      await element.updateComplete;
      expect(opener.getAttribute('aria-expanded')).toBe('true');
    }
    const inner = root.querySelector('uptake-tooltip')?.shadowRoot ?? root;
    const target = inner.querySelector<HTMLElement>('[part="button"], [part="entry"], [part="item"] button, [part="choice"]')!;
    target.click();
    if (kind === 'survey') {
      await element.updateComplete;
      root.querySelector<HTMLElement>('[part="submit"]')!.click();
      expect(on.onAnswer).toHaveBeenCalledWith({ score: 0 });
    } else {
      expect(on.onButton).toHaveBeenCalledTimes(1);
    }
  });
});
