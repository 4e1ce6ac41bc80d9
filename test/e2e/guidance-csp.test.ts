// The demo served with a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval; the
// snippet carries the nonce): the SDK loads, and a tooltip and a modal render, fully styled,
// without a single CSP violation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Guidance, onlyFor, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

const CSP = "script-src 'self' 'nonce-abc'; style-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'";

/** Serves the demo's pages with the policy, the snippet tagged with its nonce, and records every violation. */
async function strictly(page: Page) {
  await page.route(
    (url) => url.pathname.startsWith('/demo/') && !url.pathname.startsWith('/demo/assets/') && !url.pathname.endsWith('.json'),
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      expect(html).toContain('<script>\n');
      await route.fulfill({ response, body: html.replace('<script>\n', '<script nonce="abc">\n'), headers: { ...response.headers(), 'content-security-policy': CSP } });
    },
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** The policy really is in force: an inline script without the nonce is refused, and seen as a violation. */
async function expectPolicyEnforced(page: Page) {
  const before = (await violations(page)).length;
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
  });
  await expect.poll(async () => (await violations(page)).length).toBe(before + 1);
  expect((await violations(page)).at(-1)).toMatch(/^script-src-elem blocked inline/);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false)).toBe(false);
}

describe('on a page with a strict CSP', () => {
  it('shows a styled tooltip next to its anchor with no violation', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'CSP tooltip',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/patients'], exclude: [] },
      anchor: { selector: '[data-nav="reminders"]', placement: 'right' },
      content: { title: 'Reminders', body: [{ p: [{ text: 'Fewer no-shows, ', bold: true }, { text: 'automatically.' }] }] },
    });
    const { page, errors } = await g.open(user, '/demo/patients', { beforeGoto: strictly });
    const panel = page.locator('uptake-tooltip [part="panel"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });

    // Positioned by floating-ui through element.style, styled by adopted stylesheets.
    const nav = (await page.locator('[data-nav="reminders"]').boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(nav.x + nav.width);
    expect(box.x).toBeLessThan(nav.x + nav.width + 40);
    expect(box.y).toBeLessThan(nav.y + nav.height);
    const style = await panel.evaluate((el) => {
      const s = getComputedStyle(el);
      return { position: s.position, radius: s.borderTopLeftRadius, shadow: s.boxShadow !== 'none', sheets: (el.getRootNode() as ShadowRoot).adoptedStyleSheets.length };
    });
    expect(style).toMatchObject({ position: 'fixed', shadow: true });
    expect(style.radius).not.toBe('0px');
    expect(style.sheets).toBeGreaterThan(0);

    await expect.poll(async () => (await g.eventsOf(user.id)).some((e) => e.name === 'message_shown'), { timeout: 10_000 }).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await expectPolicyEnforced(page);
  });

  it('shows a modal with its overlay, operable, with no violation', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'CSP modal',
      kind: 'modal',
      audience: onlyFor(user),
      pages: { include: ['/demo/payments'], exclude: [] },
      anchor: { selector: 'button[data-action="payments"]', placement: 'bottom' },
      content: {
        title: 'Card payments at the desk',
        image: { src: '/demo/assets/style.css', alt: '' },
        body: [{ ul: [[{ text: 'Tap to pay' }], [{ text: 'Payment links by SMS' }]] }],
        buttons: [{ id: 'ok', label: 'Got it', action: { type: 'dismiss' } }],
      },
    });
    const { page, errors } = await g.open(user, '/demo/payments', { beforeGoto: strictly });
    const dialog = page.getByRole('dialog', { name: 'Card payments at the desk' });
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    // The spotlight: the overlay is drawn and its hole is cut around the anchor.
    expect(await page.locator('uptake-modal [part="overlay"] path').evaluate((p) => getComputedStyle(p).fill)).not.toBe('rgb(0, 0, 0)');
    await expect.poll(async () => (await page.locator('uptake-modal [part="overlay"] path').getAttribute('d'))!.split('M').length).toBe(3);
    await page.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => page.locator('uptake-modal').count()).toBe(0);

    await expect.poll(async () => (await g.eventsOf(user.id)).map((e) => e.name).filter((n) => n?.startsWith('message_')), { timeout: 10_000 }).toEqual([
      'message_shown',
      'message_clicked',
      'message_dismissed',
    ]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await expectPolicyEnforced(page);
  });
});
