// Hostile author content in real Chromium against the demo: every content field of every kind
// carries an XSS corpus. The admin API refuses unsafe URLs with a clear error; everything it
// accepts renders as inert text — no script runs, no dialog opens, no handler attribute exists.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decided, type Guidance, onlyFor, type OpenedPage, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

/** Each one sets window.__xss or opens a dialog if it ever runs. Every one fits a button label (80 characters). */
const CORPUS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<img src=x onerror=alert(1)>`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<svg><script>window.__xss='svg-script'</script></svg>`,
  `</style><script>window.__xss='style'</script>`,
  `"><script>window.__xss='attr'</script>`,
  `'><img src=x onerror=alert(2)>`,
  `<a href="javascript:window.__xss='a'">x</a>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `javascript:window.__xss='text'`,
];
const pick = (i: number) => CORPUS[i % CORPUS.length]!;

/** URLs the admin API accepts (same-site, https:, mailto:) with a breakout attempt inside. */
const SNEAKY_LINKS = [
  `/demo/appointments?q="><script>window.__xss='href'</script>`,
  `https://clinicflow.example/help?x="><svg onload=alert(3)>`,
  `mailto:help@clinicflow.example?subject="><img src=x onerror=alert(4)>`,
];
/** Served by the demo (a stylesheet, so not an image: it only fails to decode). */
const SNEAKY_IMAGE = `/demo/assets/style.css?"><img src=x onerror="window.__xss='src'">`;

/** Every content field filled from the corpus, starting at corpus entry `i`. */
function content(i: number) {
  return {
    title: pick(i),
    body: [
      { p: CORPUS.map((text) => ({ text })) },
      { p: [{ text: pick(i + 1), bold: true }, { text: pick(i + 2), italic: true }] },
      { ul: CORPUS.map((text) => [{ text }]) },
      { ol: SNEAKY_LINKS.map((link, k) => [{ link, text: pick(i + k) }]) },
    ],
    image: { src: SNEAKY_IMAGE, alt: pick(i + 3) },
    buttons: [0, 1, 2].map((k) => ({ id: `b${k}`, label: pick(i + k), action: { type: 'track', event: pick(i + k) } })),
  };
}

/** What ended up in the page: the flag, handler attributes, element kinds, link and image targets, text. */
function inspect(page: Page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('uptake-'));
    // Every element inside the widgets, also inside widgets nested in widgets (a hotspot's tooltip).
    const within = (root: ShadowRoot): Element[] => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? within(e.shadowRoot) : [])]);
    const inside = hosts.flatMap((h) => within(h.shadowRoot!));
    const everywhere = [...document.querySelectorAll('*'), ...inside];
    const shadowText = (root: ShadowRoot): string => [root.textContent, ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => shadowText(e.shadowRoot!))].join('\n');
    return {
      xss: (window as unknown as { __xss?: string }).__xss ?? null,
      widgets: hosts.map((h) => h.localName),
      handlers: everywhere.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
      tags: [...new Set(inside.map((e) => e.localName))].sort(),
      pageScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
      frames: document.querySelectorAll('iframe').length,
      hrefs: inside.filter((e) => e.localName === 'a').map((e) => e.getAttribute('href')!),
      srcs: inside.filter((e) => e.localName === 'img').map((e) => e.getAttribute('src')!),
      text: hosts.map((h) => shadowText(h.shadowRoot!)).join('\n'),
    };
  });
}

/** Elements widgets may create; anything else (script, iframe, object, foreignObject, style…) would come from a payload. */
const WIDGET_TAGS = new Set(['a', 'button', 'dialog', 'div', 'em', 'h2', 'img', 'label', 'li', 'ol', 'p', 'path', 'progress', 'section', 'small', 'span', 'strong', 'svg', 'textarea', 'ul']);

async function expectInert(opened: OpenedPage, expected: string[]) {
  const { page, dialogs, errors } = opened;
  await page.waitForTimeout(300); // image errors and onload handlers would have fired by now
  const seen = await inspect(page);
  expect(seen.widgets.sort()).toEqual(expected.sort());
  expect(seen.xss).toBeNull();
  expect(dialogs).toEqual([]);
  expect(seen.handlers).toEqual([]);
  expect(seen.tags.filter((t) => !WIDGET_TAGS.has(t) && !t.startsWith('uptake-'))).toEqual([]);
  expect([seen.pageScripts, seen.frames]).toEqual([0, 0]);
  for (const href of seen.hrefs) expect(href).toMatch(/^(https:|mailto:|\/[^/])/);
  for (const src of seen.srcs) expect(src).toBe(SNEAKY_IMAGE);
  // The payloads are on screen as the text the author typed.
  for (const payload of CORPUS) expect(seen.text).toContain(payload);
  expect(errors).toEqual([]);
}

describe('unsafe URLs in campaigns', () => {
  const base = { name: 'Unsafe', kind: 'modal', content: { title: 'Hello' } };
  it.each([
    ['a javascript: link in the body', { content: { title: 'Hi', body: [{ p: [{ link: 'javascript:alert(1)', text: 'x' }] }] } }, 'content.body', 'links must be https:, mailto: or a same-site path'],
    ['a JavaScript: link with mixed case', { content: { title: 'Hi', body: [{ ul: [[{ link: 'JaVaScRiPt:alert(1)', text: 'x' }]] }] } }, 'content.body', 'links must be https:'],
    ['a protocol-relative link', { content: { title: 'Hi', body: [{ p: [{ link: '//evil.example/x', text: 'x' }] }] } }, 'content.body', 'links must be https:'],
    ['a data: link', { content: { title: 'Hi', body: [{ p: [{ link: 'data:text/html,<script>alert(1)</script>', text: 'x' }] }] } }, 'content.body', 'links must be https:'],
    ['a javascript: button', { content: { title: 'Hi', buttons: [{ id: 'go', label: 'Go', action: { type: 'url', url: 'javascript:alert(1)' } }] } }, 'content.buttons', 'links must be https:'],
    ['a javascript: image', { content: { title: 'Hi', image: { src: 'javascript:alert(1)', alt: 'x' } } }, 'content.image.src', 'images must be https: or a same-site path'],
    ['an SVG data: image', { content: { title: 'Hi', image: { src: 'data:image/svg+xml,<svg onload=alert(1)>', alt: 'x' } } }, 'content.image.src', 'images must be https:'],
    ['a javascript: link in a translation', { locales: { fr: { title: 'Salut', body: [{ p: [{ link: 'javascript:alert(1)', text: 'x' }] }] } } }, 'locales.fr.body', 'links must be https:'],
    ['a javascript: checklist item', { kind: 'checklist', items: [{ id: 'a', label: 'A', action: { type: 'url', url: 'javascript:alert(1)' } }] }, 'items[0].action.url', 'links must be https:'],
    ['a javascript: launcher entry', { kind: 'launcher', entries: [{ id: 'a', label: 'A', action: { type: 'url', url: ' javascript:alert(1)' } }] }, 'entries[0].action.url', 'links must be https:'],
    ['a javascript: tour step url', { kind: 'tour', steps: [{ id: 'a', url: 'javascript:alert(1)', content: { title: 'A' } }] }, 'steps[0].url', 'step urls are same-site paths'],
  ])('refuses %s with a clear error', async (_what, change, path, message) => {
    const { status, body } = await g.admin('POST', '/api/v1/campaigns', { ...base, ...change });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_campaign');
    expect(body.error.message).toContain(path);
    expect(body.error.message).toContain(message);
  });
});

describe('the XSS corpus in every content field', () => {
  it('renders inert in every kind of widget', { timeout: 60_000 }, async () => {
    const [first, second] = [await g.nextUser(), await g.nextUser()];
    const both = onlyFor(first, second);
    const on = (path: string) => ({ include: [path], exclude: [] });
    const anchor = { selector: 'main h1', placement: 'bottom' };
    // Persistent on every page, for both users.
    await g.live({
      name: 'Checklist',
      kind: 'checklist',
      audience: both,
      content: content(1),
      items: CORPUS.map((label, k) => ({ id: `i${k}`, label, description: pick(k + 1), ...(k < SNEAKY_LINKS.length ? { action: { type: 'url', url: SNEAKY_LINKS[k] } } : {}) })),
    });
    await g.live({
      name: 'Launcher',
      kind: 'launcher',
      audience: both,
      content: content(2),
      entries: CORPUS.map((label, k) => ({ id: `e${k}`, label, action: { type: 'url', url: SNEAKY_LINKS[k % SNEAKY_LINKS.length] } })),
    });
    await g.live({ name: 'Banner', kind: 'banner', audience: both, content: content(3) });
    // One interrupting kind per page, first user.
    const firstOnly = onlyFor(first);
    await g.live({ name: 'Modal', kind: 'modal', audience: firstOnly, pages: on('/demo/appointments'), content: content(4), locales: { en: content(5) } });
    await g.live({ name: 'Tooltip', kind: 'tooltip', audience: firstOnly, pages: on('/demo/patients'), anchor, content: content(5) });
    await g.live({ name: 'Slideout', kind: 'slideout', audience: firstOnly, pages: on('/demo/reminders'), content: content(6) });
    await g.live({
      name: 'Tour',
      kind: 'tour',
      audience: firstOnly,
      pages: on('/demo/messages'),
      content: content(7),
      steps: [
        { id: 'one', anchor, content: content(7) },
        { id: 'two', content: content(8) },
      ],
    });
    await g.live({
      name: 'Choice',
      kind: 'survey',
      audience: firstOnly,
      pages: on('/demo/payments'),
      content: content(8),
      question: { type: 'choice', options: CORPUS.map((label, k) => ({ id: `o${k}`, label })) },
    });
    // And the two kinds left, for the second user.
    const secondOnly = onlyFor(second);
    await g.live({ name: 'Hotspot', kind: 'hotspot', audience: secondOnly, pages: on('/demo/appointments'), anchor, content: content(9) });
    await g.live({ name: 'NPS', kind: 'survey', audience: secondOnly, pages: on('/demo/patients'), content: content(0), question: { type: 'nps', commentPrompt: pick(4) } });

    const persistent = ['uptake-banner', 'uptake-checklist', 'uptake-launcher'];
    /** Loads the page, checks what was decided, opens what renders only on demand, and inspects it all. */
    const visit = async (opened: OpenedPage, user: typeof first, path: string, kind: string) => {
      const { page } = opened;
      const answer = decided(page, user.id, path);
      await page.goto(`${g.server.url}${path}?as=${user.id}`);
      expect((await answer).messages.map((m) => m.kind).sort()).toEqual(['banner', 'checklist', 'launcher', kind].sort());
      await page.locator(`uptake-${kind} [part="panel"], uptake-${kind} [part="beacon"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
      // The launcher's entries and the hotspot's tip render only once opened.
      await page.locator('uptake-launcher [part="launcher"]').dispatchEvent('click');
      await page.locator('uptake-launcher [part="entry"]').first().waitFor();
      if (kind === 'hotspot') {
        await page.locator('uptake-hotspot [part="beacon"]').dispatchEvent('click');
        await page.locator('uptake-hotspot [part="panel"]').waitFor();
      }
      await expectInert(opened, [...persistent, `uptake-${kind}`]);
    };

    const a = await g.open(first, '/demo/');
    for (const [path, kind] of [['/demo/appointments', 'modal'], ['/demo/patients', 'tooltip'], ['/demo/reminders', 'slideout'], ['/demo/messages', 'tour'], ['/demo/payments', 'survey']] as const) {
      await visit(a, first, path, kind);
    }
    // The tour's second step (no anchor, centred) renders from the corpus too.
    await a.page.goto(`${g.server.url}/demo/messages?as=${first.id}`);
    await a.page.locator('uptake-tour').getByRole('button', { name: 'Next', exact: true }).click();
    await a.page.locator('uptake-tour [part="step"]', { hasText: 'Step 2 of 2' }).waitFor();
    await expectInert(a, [...persistent, 'uptake-tour']);

    const b = await g.open(second, '/demo/');
    await visit(b, second, '/demo/appointments', 'hotspot');
    await visit(b, second, '/demo/patients', 'survey');
    // The NPS comment prompt is the author's text too.
    expect(await b.page.locator('uptake-survey label').textContent()).toContain(pick(4));
  });
});
