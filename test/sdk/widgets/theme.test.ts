// @vitest-environment happy-dom
// What a host page can change about every widget, and what follows the visitor's settings:
// custom properties, ::part, dark mode, reduced motion, writing direction and language.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { mirror } from '../../../sdk/widgets/anchored.ts';
import { strings } from '../../../sdk/widgets/strings.ts';
import { ALL_KINDS, type Kind, messageOf, mount } from './helpers.ts';

const device = (window as unknown as { happyDOM: { settings: { device: { prefersColorScheme: string; prefersReducedMotion: string } } } }).happyDOM.settings.device;

/** The main surface of each kind, opened where it starts closed. */
async function surface(kind: Kind, message: DecidedMessage = messageOf(kind)) {
  document.body.insertAdjacentHTML('beforeend', '<a id="nav" href="/r">Reminders</a>');
  const { root, element } = await mount(message, kind === 'tooltip' || kind === 'hotspot' || kind === 'tour' ? document.getElementById('nav') : null, { step: 0, announce: true });
  if (kind === 'hotspot' || kind === 'launcher') {
    root.querySelector<HTMLElement>('[part="beacon"], [part="launcher"]')!.click();
    await element.updateComplete;
  }
  const inner = root.querySelector('uptake-tooltip');
  if (inner) await inner.updateComplete;
  return { root: inner?.shadowRoot ?? root, element, panel: (inner?.shadowRoot ?? root).querySelector<HTMLElement>('[part="panel"]')! };
}

afterEach(() => {
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('dir');
  device.prefersColorScheme = 'light';
  device.prefersReducedMotion = 'no-preference';
  vi.restoreAllMocks();
});

describe('theming', () => {
  it.each(ALL_KINDS)('%s exposes its main surface as ::part(panel)', async (kind) => {
    const { panel } = await surface(kind);
    expect(panel).not.toBeNull();
  });

  it.each(ALL_KINDS)('%s takes the host page’s colours, corner radius and font', async (kind) => {
    document.body.style.setProperty('--uptake-bg', 'rgb(250, 240, 230)');
    document.body.style.setProperty('--uptake-radius', '3px');
    document.body.style.setProperty('--uptake-font', 'Georgia');
    const { panel } = await surface(kind);
    const style = getComputedStyle(panel);
    expect(style.backgroundColor).toBe('rgb(250, 240, 230)');
    expect(style.borderRadius).toMatch(/^(0px )?3px/); // an edge panel rounds only its inner corners
    expect(style.fontFamily).toBe('Georgia');
  });

  it('uses the accent colour for primary buttons', async () => {
    document.body.style.setProperty('--uptake-accent', 'rgb(1, 2, 3)');
    const { root } = await surface('modal');
    expect(getComputedStyle(root.querySelector('.primary')!).backgroundColor).toBe('rgb(1, 2, 3)');
  });

  it.each(ALL_KINDS)('%s turns dark with the visitor’s colour scheme', async (kind) => {
    device.prefersColorScheme = 'dark';
    const { panel } = await surface(kind);
    expect(getComputedStyle(panel).backgroundColor).toBe('#1f2630');
  });

  it.each(ALL_KINDS)('%s does not animate for visitors who prefer reduced motion', async (kind) => {
    device.prefersReducedMotion = 'reduce';
    const { panel } = await surface(kind);
    expect(getComputedStyle(panel).animation).toBe('none');
  });

  it('animates otherwise', async () => {
    const { panel } = await surface('banner');
    expect(getComputedStyle(panel).animation).toContain('enter');
  });
});

describe('writing direction', () => {
  it.each(ALL_KINDS)('%s follows a right-to-left page', async (kind) => {
    document.documentElement.setAttribute('dir', 'rtl');
    const { element } = await surface(kind);
    expect(element.dir).toBe('rtl');
  });

  it('mirrors placements authored for left-to-right pages', () => {
    expect(mirror('right', true)).toBe('left');
    expect(mirror('left-start', true)).toBe('right-start');
    expect(mirror('bottom', true)).toBe('bottom');
    expect(mirror('right', false)).toBe('right');
  });
});

describe('built-in strings', () => {
  it.each([
    ['fr-FR', 'Fermer', 'Étape 1 sur 3', 'Pas du tout probable'],
    ['de', 'Schließen', 'Schritt 1 von 3', 'Überhaupt nicht wahrscheinlich'],
    ['es-MX', 'Cerrar', 'Paso 1 de 3', 'Nada probable'],
    ['pt-BR', 'Close', 'Step 1 of 3', 'Not at all likely'],
  ])('follow the browser language %s (English when unknown)', async (language, close, step, low) => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
    const tour = await surface('tour');
    expect(tour.root.querySelector('[part="close"]')!.getAttribute('aria-label')).toBe(close);
    expect(tour.root.querySelector('[part="step"]')!.textContent).toBe(step);
    const survey = await surface('survey');
    expect(survey.root.getElementById('low')!.textContent).toBe(low);
  });

  it('exist in every language for every word', () => {
    const english = Object.keys(strings('en'));
    for (const language of ['fr', 'de', 'es']) {
      const translated = strings(language);
      expect(Object.keys(translated)).toEqual(english);
      expect(Object.values(translated).every((word) => word.length > 0)).toBe(true);
    }
  });
});
