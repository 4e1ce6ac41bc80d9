// @vitest-environment happy-dom
// Author content is data: markup, script URLs and style breakouts fed into every content field
// of every widget come out as inert text. Nothing runs, and no element but the widget's own exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../../../server/protocol/content.ts';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { ALL_KINDS, allElements, expectInert, type Kind, messageOf, mount } from './helpers.ts';

const CORPUS = [
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '</style><script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><iframe srcdoc='<script>alert(1)</script>'>",
  '{{constructor.constructor("alert(1)")()}}',
];

function poisoned(x: string, imageSrc: string): MessageContent {
  return {
    title: x,
    body: [
      { p: [{ text: x }, { text: x, bold: true, italic: true }, { link: x, text: x }, { link: 'javascript:alert(1)', text: x }, { link: `https://docs.example/?q=${x}`, text: x }] },
      { ul: [[{ text: x }], [{ link: 'data:text/html,<script>alert(1)</script>', text: x }]] },
      { ol: [[{ text: x, italic: true }]] },
    ],
    image: { src: imageSrc, alt: x },
    buttons: [
      { id: 'b1', label: x, style: 'primary', action: { type: 'url', url: 'javascript:alert(1)' } },
      { id: 'b2', label: x, style: 'secondary', action: { type: 'track', event: x } },
    ],
  };
}

/** Every author-written field of a kind set to `x`. */
function message(kind: Kind, x: string, imageSrc: string): DecidedMessage {
  const c = poisoned(x, imageSrc);
  const m = messageOf(kind, c) as DecidedMessage & Record<string, unknown>;
  switch (m.kind) {
    case 'tour':
      return { ...m, steps: m.steps.map((s) => ({ ...s, content: c })) };
    case 'checklist':
      return { ...m, items: m.items.map((item) => ({ ...item, label: x, description: x })) };
    case 'launcher':
      return { ...m, entries: m.entries.map((entry) => ({ ...entry, label: x })) };
    case 'survey':
      return { ...m, question: { type: 'choice', options: [{ id: 'a', label: x }, { id: 'b', label: x }] } };
    case 'certification': {
      const cert = m.certification;
      return { ...m, certification: { ...cert, programName: x, levelName: x, next: { ...cert.next!, name: x, requirements: cert.next!.requirements.map((r) => ({ ...r, label: x })) } } };
    }
    default:
      return m;
  }
}

function allText(root: ShadowRoot): string {
  return allElements(root)
    .filter((el) => !el.children.length)
    .map((el) => el.textContent)
    .join('\n');
}

const alert = vi.fn();
beforeEach(() => {
  vi.stubGlobal('alert', alert);
  document.body.innerHTML = '<a id="nav" href="/r">Reminders</a>';
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe.each(ALL_KINDS)('%s with hostile content', (kind) => {
  it.each(CORPUS.flatMap((x) => [[x, x] as const, [x, `https://cdn.example/${x}`] as const]))('renders %j (image %j) as inert text', async (x, imageSrc) => {
    const anchored = kind === 'tooltip' || kind === 'hotspot' || kind === 'tour';
    const { root, element } = await mount(message(kind, x, imageSrc), anchored ? document.getElementById('nav') : null, { step: 2, announce: true });
    // Open what starts closed, so every field is on screen.
    const opener = root.querySelector<HTMLElement>('[part="beacon"], [part="launcher"]');
    if (opener) {
      opener.click();
      await element.updateComplete;
      await root.querySelector('uptake-tooltip')?.updateComplete;
    }
    expectInert(root);
    expect(allText(root)).toContain(x);
    // The only image is the author's https one, with the author's words as its alt text.
    const images = allElements(root).filter((el) => el.localName === 'img');
    expect(images.map((img) => [img.getAttribute('src'), img.getAttribute('alt')])).toEqual(imageSrc.startsWith('https:') ? [[imageSrc, x]] : []);
    expect(document.querySelectorAll('script, iframe, svg, img')).toHaveLength(0);
    expect(alert).not.toHaveBeenCalled();
  });
});

describe('an NPS survey with a hostile comment prompt', () => {
  it.each(CORPUS)('renders %j as the textarea’s label text', async (x) => {
    const nps = { ...messageOf('survey', poisoned(x, x)), question: { type: 'nps', commentPrompt: x } } as DecidedMessage;
    const { root } = await mount(nps);
    expectInert(root);
    expect(root.querySelector('label')!.textContent).toBe(x);
    expect(alert).not.toHaveBeenCalled();
  });
});

describe('the SDK source', () => {
  const sdk = resolve(import.meta.dirname, '../../../sdk');
  const files = readdirSync(sdk, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  // Markup sinks would let author text become HTML; inline style attributes break under a strict
  // style-src CSP (positions are set through element.style, which CSP allows).
  it.each(files)('%s has no HTML sink, no code evaluation and no inline style attribute', (file) => {
    const source = readFileSync(join(sdk, file), 'utf8');
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|unsafeHTML|unsafeSVG|unsafeStatic|\beval\(|new Function|document\.write|\bstyle=/);
  });
});
