// Anchored guidance in real Chromium against the demo: a tooltip waits for an element the page
// renders late, another for one a web component renders inside its shadow root, others for one
// inside a same-origin iframe, and a tour crosses two pages and picks up where it was after a reload.
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decided, type Guidance, onlyFor, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

/** Below the anchor, overlapping it horizontally, a few pixels away. */
async function expectJustBelow(panel: Locator, anchorElement: Locator) {
  const anchor = (await anchorElement.boundingBox())!;
  const box = (await panel.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(anchor.y + anchor.height);
  expect(box.y).toBeLessThan(anchor.y + anchor.height + 24);
  expect(box.x).toBeLessThan(anchor.x + anchor.width);
  expect(box.x + box.width).toBeGreaterThan(anchor.x);
}

describe('a tooltip whose anchor appears late', () => {
  it('waits for the element, shows next to it, and counts the exposure only once rendered', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Export is here',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      anchor: { selector: '#late-export', placement: 'bottom' },
      content: { title: 'Export your day', body: [{ p: [{ text: 'Download today’s appointments as CSV.' }] }] },
    });
    const { page, errors } = await g.open(user, '/demo/appointments', {
      beforeGoto: (p) =>
        p.addInitScript(() => {
          const w = window as unknown as { __anchorAt?: number; __tooltipAt?: number };
          // The host app renders the Export button 2 s after load, as a slow SPA would.
          addEventListener('DOMContentLoaded', () =>
            setTimeout(() => {
              const button = document.createElement('button');
              button.id = 'late-export';
              button.textContent = 'Export';
              document.querySelector('.topbar')!.append(button);
              w.__anchorAt = Date.now();
            }, 2000),
          );
          new MutationObserver(() => {
            if (!w.__tooltipAt && document.querySelector('uptake-tooltip')) w.__tooltipAt = Date.now();
          }).observe(document, { childList: true, subtree: true });
        }),
    });
    const decision = await decided(page, user.id);
    const decidedAt = Date.now();
    expect(decision.messages.map((m) => m.kind)).toEqual(['tooltip']);

    const panel = page.locator('uptake-tooltip [part="panel"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const { anchorAt, tooltipAt } = await page.evaluate(() => {
      const w = window as unknown as { __anchorAt: number; __tooltipAt: number };
      return { anchorAt: w.__anchorAt, tooltipAt: w.__tooltipAt };
    });
    // The answer came well before the anchor; the tooltip waited for it instead of floating.
    expect(anchorAt).toBeGreaterThan(decidedAt);
    expect(tooltipAt).toBeGreaterThanOrEqual(anchorAt);

    await expectJustBelow(panel, page.locator('#late-export'));
    expect(await page.getByRole('dialog', { name: 'Export your day' }).isVisible()).toBe(true);
    expect(await page.locator('#late-export').getAttribute('aria-describedby')).toBe(await page.locator('uptake-tooltip').getAttribute('id'));

    // Exactly one exposure, stamped after the anchor existed.
    await expect.poll(async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'message_shown').length, { timeout: 10_000 }).toBe(1);
    const shown = (await g.eventsOf(user.id)).find((e) => e.name === 'message_shown')!;
    expect(Date.parse(shown.timestamp)).toBeGreaterThanOrEqual(anchorAt);
    expect(errors).toEqual([]);
  });
});

describe('a tooltip whose anchor the page re-renders', () => {
  it('moves to the new element at once, without another exposure, and leaves quietly when it is gone for good', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Book from here',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      anchor: { selector: 'button[data-action="appointments"]', placement: 'bottom' },
      content: { title: 'Book in two clicks' },
    });
    const { page, errors } = await g.open(user, '/demo/appointments');
    const panel = page.locator('uptake-tooltip [part="panel"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    // A framework re-render: the button is replaced by an identical new node, moved down the page.
    await page.evaluate(() => {
      const old = document.querySelector('button[data-action="appointments"]')!;
      const fresh = old.cloneNode(true) as HTMLElement;
      fresh.removeAttribute('aria-describedby'); // the framework renders its own attributes, not ours
      fresh.style.marginTop = '120px';
      old.replaceWith(fresh);
    });
    const describedByTooltip = () =>
      page.evaluate(() => {
        const tooltip = document.querySelector('uptake-tooltip');
        return !!tooltip && document.querySelector('button[data-action="appointments"]')!.getAttribute('aria-describedby') === tooltip.id;
      });
    await expect.poll(describedByTooltip, { timeout: 5_000 }).toBe(true);
    await panel.waitFor({ state: 'visible' });
    await expectJustBelow(panel, page.locator('button[data-action="appointments"]'));
    // Gone for good: the tooltip leaves, and nothing claims the campaign's anchor is broken.
    await page.evaluate(() => document.querySelector('button[data-action="appointments"]')!.remove());
    await expect.poll(() => page.locator('uptake-tooltip').count(), { timeout: 10_000 }).toBe(0);
    await page.waitForTimeout(5_500);
    const names = (await g.eventsOf(user.id)).map((e) => e.name);
    expect(names.filter((n) => n === 'message_shown')).toHaveLength(1);
    expect(names).not.toContain('anchor_missing');
    expect(errors).toEqual([]);
  });
});

describe('a tooltip anchored inside a web component', () => {
  it('finds the element in the component’s shadow root once the component renders it, and shows next to it', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Export inside the toolbar',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      anchor: { selector: 'clinic-toolbar >>> #shadow-export', placement: 'bottom' },
      content: { title: 'Export from the toolbar', body: [{ p: [{ text: 'The toolbar is a web component.' }] }] },
    });
    const { page, errors } = await g.open(user, '/demo/appointments', {
      beforeGoto: (p) =>
        p.addInitScript(() => {
          // A design-system toolbar: its button lives in an open shadow root and appears 1.5 s in.
          customElements.define(
            'clinic-toolbar',
            class extends HTMLElement {
              connectedCallback() {
                const root = this.attachShadow({ mode: 'open' });
                setTimeout(() => {
                  const button = document.createElement('button');
                  button.id = 'shadow-export';
                  button.textContent = 'Export';
                  root.append(button);
                }, 1500);
              }
            },
          );
          addEventListener('DOMContentLoaded', () => document.querySelector('.topbar')!.append(document.createElement('clinic-toolbar')));
        }),
    });
    expect((await decided(page, user.id)).messages.map((m) => m.kind)).toEqual(['tooltip']);
    const panel = page.locator('uptake-tooltip [part="panel"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    // Playwright's CSS locators pierce open shadow roots, so this is the button inside the toolbar.
    await expectJustBelow(panel, page.locator('#shadow-export'));
    // A screen reader on the button hears the tooltip: Chromium's accessibility tree gives the
    // button the tooltip's text as its description (an id could not reach out of the shadow root).
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string }; description?: { value: string } }[] };
    const button = nodes.find((n) => n.role?.value === 'button' && n.name?.value === 'Export');
    expect(button?.description?.value).toContain('Export from the toolbar');
    await expect.poll(async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'message_shown').length, { timeout: 10_000 }).toBe(1);
    expect((await g.eventsOf(user.id)).some((e) => e.name === 'anchor_missing')).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('a same-origin iframe', () => {
  /**
   * The page embeds an editor in an iframe that shows a page without the button at first and
   * navigates 1.2 s in to one that has it, 300 px down the page: the anchor's document is replaced.
   */
  const embedEditor = (p: import('playwright-core').Page) =>
    p.addInitScript(() => {
      if (window !== window.top) return; // init scripts run in every frame, the editor's too
      addEventListener('DOMContentLoaded', () => {
        const frame = document.createElement('iframe');
        frame.id = 'editor';
        Object.assign(frame.style, { width: '420px', height: '220px', border: '7px solid #ccc', padding: '5px', display: 'block', margin: '60px 0 0 40px' });
        frame.srcdoc = '<p>Loading the editor…</p>';
        document.querySelector('main, .page, body')!.prepend(frame);
        setTimeout(() => {
          frame.srcdoc = '<div style="height:300px"></div><button id="frame-export">Export draft</button><div style="height:600px"></div>';
        }, 1200);
      });
    });

  it('waits for the element in the frame’s page, even across a navigation of the frame, and points at it', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Export from the editor',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      anchor: { selector: 'iframe#editor >>> #frame-export', placement: 'bottom' },
      content: { title: 'Export your draft', body: [{ p: [{ text: 'The editor is an iframe.' }] }] },
    });
    const { page, errors } = await g.open(user, '/demo/appointments', { beforeGoto: embedEditor });
    expect((await decided(page, user.id)).messages.map((m) => m.kind)).toEqual(['tooltip']);
    const panel = page.locator('uptake-tooltip [part="panel"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    // The frame was scrolled to bring the button into view, and the tooltip sits below it on the page's screen.
    const button = page.frameLocator('iframe#editor').locator('#frame-export');
    expect(await button.evaluate((b) => b.ownerDocument.defaultView!.scrollY)).toBeGreaterThan(0);
    await expectJustBelow(panel, button);
    // Escape pressed inside the frame (focus on the button) closes it, as it does on the page.
    await button.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('uptake-tooltip').count()).toBe(0);
    await expect.poll(async () => (await g.eventsOf(user.id)).map((e) => e.name).filter((n) => n?.startsWith('message_')), { timeout: 10_000 }).toEqual(['message_shown', 'message_dismissed']);
    expect((await g.eventsOf(user.id)).some((e) => e.name === 'anchor_missing')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('counts a click inside the frame’s page for a feature rule that names it with the same selector', async () => {
    const user = await g.nextUser();
    const rule = { type: 'click', selector: 'iframe#editor >>> #frame-export' };
    expect((await g.admin('PUT', '/api/v1/features/draft-export', { key: 'draft-export', name: 'Draft export', rule })).status).toBe(200);
    const { page, errors } = await g.open(user, '/demo/appointments', { beforeGoto: embedEditor });
    const button = page.frameLocator('iframe#editor').locator('#frame-export');
    await button.waitFor({ timeout: 10_000 }); // in the page the frame loads 1.2 s in, after the SDK started
    await page.frameLocator('iframe#editor').locator('div').first().click({ force: true }); // elsewhere in the frame: not the feature
    await button.click();
    const used = async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'Feature Used').map((e) => e.properties['feature']);
    await expect.poll(used, { timeout: 10_000 }).toEqual(['draft-export']);
    expect(errors).toEqual([]);
  });

  it('cuts the modal’s spotlight around the element where it is on screen, frame border and padding included', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Spotlight in the editor',
      kind: 'modal',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      anchor: { selector: 'iframe#editor >>> #frame-export', placement: 'bottom' },
      content: { title: 'Drafts export here' },
    });
    const { page, errors } = await g.open(user, '/demo/appointments', { beforeGoto: embedEditor });
    const hole = page.locator('uptake-modal svg path');
    await page.locator('uptake-modal [part="panel"]').waitFor({ state: 'visible', timeout: 10_000 });
    const box = (await page.frameLocator('iframe#editor').locator('#frame-export').boundingBox())!;
    await expect.poll(() => hole.getAttribute('d')).toContain(`M${box.x - 6} ${box.y - 6}h${box.width + 12}`);
    expect(errors).toEqual([]);
  });
});

describe('a tour across two pages', () => {
  it('follows the user to the next page, resumes after a reload, and records its completion', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Patients tour',
      kind: 'tour',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments', '/demo/patients'], exclude: [] },
      frequency: { stopAfter: ['dismissed', 'completed'] },
      content: { title: 'Patients tour' },
      steps: [
        { id: 'nav', page: '/demo/appointments', url: '/demo/patients', anchor: { selector: '[data-nav="patients"]', placement: 'right' }, content: { title: 'Your patients live here' } },
        { id: 'add', page: '/demo/patients', anchor: { selector: 'button[data-action="patients"]', placement: 'bottom' }, content: { title: 'Add a patient' } },
        { id: 'list', page: '/demo/patients', anchor: { selector: 'table', placement: 'top' }, content: { title: 'Everyone in one list' } },
      ],
    });
    const { page, errors } = await g.open(user, '/demo/appointments');
    const tour = page.locator('uptake-tour');
    const step = tour.locator('[part="step"]');
    const title = tour.locator('h2');
    const press = (label: string) => tour.getByRole('button', { name: label, exact: true }).click();

    await step.waitFor({ state: 'visible', timeout: 10_000 });
    expect([await step.textContent(), await title.textContent()]).toEqual(['Step 1 of 3', 'Your patients live here']);
    await Promise.all([page.waitForURL('**/demo/patients'), press('Next')]);
    await expect.poll(() => step.textContent(), { timeout: 10_000 }).toBe('Step 2 of 3');
    expect(await title.textContent()).toBe('Add a patient');

    await page.reload();
    await expect.poll(() => step.textContent().catch(() => null), { timeout: 10_000 }).toBe('Step 2 of 3');
    expect(await title.textContent()).toBe('Add a patient');
    await press('Next');
    await expect.poll(() => step.textContent(), { timeout: 10_000 }).toBe('Step 3 of 3');
    await press('Done');
    expect(await tour.count()).toBe(0);
    await expect.poll(async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'tour_completed').length, { timeout: 10_000 }).toBe(1);

    // Completed: not offered again on either page.
    const again = decided(page, user.id);
    await page.reload();
    expect((await again).messages).toEqual([]);
    expect(errors).toEqual([]);
  });
  it('moves on when the user clicks the element a step points at, following the page the click opened', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Click-through tour',
      kind: 'tour',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments', '/demo/patients'], exclude: [] },
      frequency: { stopAfter: ['dismissed', 'completed'] },
      content: { title: 'Click-through tour' },
      steps: [
        { id: 'nav', page: '/demo/appointments', anchor: { selector: '[data-nav="patients"]', placement: 'right' }, advanceOnClick: true, content: { title: 'Click Patients' } },
        { id: 'add', page: '/demo/patients', anchor: { selector: 'button[data-action="patients"]', placement: 'bottom' }, advanceOnClick: true, content: { title: 'Now add one' } },
      ],
    });
    const { page, errors } = await g.open(user, '/demo/appointments');
    const tour = page.locator('uptake-tour');
    const step = tour.locator('[part="step"]');
    await step.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tour.getByRole('button').allTextContents()).toEqual(['×']);
    // Keyboard users land on the link to press, described by the step.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('patients');
    expect(await page.locator('[data-nav="patients"]').getAttribute('aria-describedby')).toBe(await tour.getAttribute('id'));

    // A real mouse click on the nav link: the app routes to Patients and the tour follows.
    await page.locator('[data-nav="patients"]').click();
    await page.waitForURL('**/demo/patients');
    await expect.poll(() => step.textContent(), { timeout: 10_000 }).toBe('Step 2 of 2');
    expect(await tour.locator('h2').textContent()).toBe('Now add one');
    // By keyboard too: Enter on the button is its click, and the last step's click completes the tour.
    await page.locator('button[data-action="patients"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tour.count()).toBe(0);
    await expect.poll(async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'tour_completed').length, { timeout: 10_000 }).toBe(1);
    expect((await g.eventsOf(user.id)).map((e) => e.name)).not.toContain('message_clicked');
    expect(errors).toEqual([]);
  });
});
