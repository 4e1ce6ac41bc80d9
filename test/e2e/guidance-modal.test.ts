// A modal in real Chromium against the demo, operated with the keyboard alone: focus moves in,
// Tab and Shift+Tab go round its controls only, Escape closes it and focus goes back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decided, type Guidance, onlyFor, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

/** The focused element, looking inside shadow roots, by its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? (active.getAttribute('aria-label') ?? active.textContent?.trim() ?? active.localName) : null;
  });

describe('a modal', () => {
  it('traps focus, closes on Escape and gives focus back to where it was', async () => {
    const user = await g.nextUser();
    await g.live({
      name: 'Online booking',
      kind: 'modal',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      content: {
        title: 'New: online booking',
        body: [{ p: [{ text: 'Patients can now book their own appointments. ' }, { link: '/demo/appointments?help=booking', text: 'How it works' }] }],
        buttons: [
          { id: 'later', label: 'Later', style: 'secondary', action: { type: 'snooze', days: 7 } },
          { id: 'try', label: 'Try it', action: { type: 'url', url: '/demo/appointments' } },
        ],
      },
    });
    // The receptionist is on the Book button when the announcement opens: hold the decision until then.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { page, errors } = await g.open(user, '/demo/appointments', {
      beforeGoto: (p) => p.route('**/v1/decide', async (route) => (await gate, route.continue())),
    });
    const book = page.locator('button[data-action="appointments"]');
    await book.focus();
    const decision = decided(page, user.id);
    release();
    expect((await decision).messages.map((m) => m.kind)).toEqual(['modal']);

    const dialog = page.getByRole('dialog', { name: 'New: online booking' });
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('uptake-modal dialog').getAttribute('aria-modal')).toBe('true');
    await expect.poll(() => focused(page)).toBe('How it works');

    const order: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    expect(order).toEqual(['Later', 'Try it', 'Close', 'How it works']);
    const back: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focused(page));
    }
    expect(back).toEqual(['Close', 'Try it', 'Later']);

    // The page behind is inert while the modal is open.
    await book.click({ timeout: 1000, trial: true }).then(
      () => expect.unreachable('the page behind the modal took a click'),
      () => {},
    );

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('uptake-modal').count()).toBe(0);
    expect(await focused(page)).toBe('Book appointment');
    expect(await book.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(async () => (await g.eventsOf(user.id)).map((e) => e.name).filter((n) => n?.startsWith('message_')), { timeout: 10_000 }).toEqual([
      'message_shown',
      'message_dismissed',
    ]);
    expect(errors).toEqual([]);
  });
});
