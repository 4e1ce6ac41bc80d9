// The foundation slice in real Chromium against the real demo: snippet → SDK → events →
// decide → lazy widgets → tooltip anchored to the Reminders item → dismissal remembered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../../demo/console-login.ts';
import { demoRoster } from '../../demo/roster.ts';
import { launchChromium } from '../chromium.ts';
import { type DemoServer, startDemoServer } from '../harness.ts';

let server: DemoServer;
let browser: Browser;

const { users, accounts } = demoRoster(new Date());
const usesReminders = new Set(accounts.filter((a) => a.usesReminders).map((a) => a.id));
const withoutReminders = users.filter((u) => !usesReminders.has(u.accountId) && /-u[12]$/.test(u.id));
const withReminders = users.find((u) => usesReminders.has(u.accountId) && /-u1$/.test(u.id))!;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Resolves with the answer to the SDK's next question about what to show this user. */
function decided(page: Page, userId: string): Promise<{ messages: unknown[] }> {
  return page
    .waitForResponse((r) => r.url().endsWith('/v1/decide') && (r.request().postData() ?? '').includes(`"userId":"${userId}"`))
    .then((r) => r.json());
}

async function openDemoAs(userId: string, context = browser) {
  const page = await (await context.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Listen before navigating: the SDK may decide before the page's load event.
  const decision = decided(page, userId);
  await page.goto(`${server.url}/demo/appointments?as=${userId}`);
  return { page, errors, decision };
}

async function eventsOf(userId: string) {
  return (await server.store.recentEvents(server.workspace.id, 500)).filter((e) => e.userId === userId);
}

describe('the reminders nudge in a real browser', () => {
  it('shows the tooltip next to the Reminders item to staff of a clinic without reminders', async () => {
    const user = withoutReminders[0]!;
    const { page, errors } = await openDemoAs(user.id);
    const tooltip = page.locator('uptake-tooltip');
    await expect.poll(() => tooltip.count(), { timeout: 10_000 }).toBe(1);
    const panel = tooltip.locator('[part="panel"]');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator('h2').textContent()).toBe('Turn on automated reminders');

    // Anchored: to the right of the nav item, vertically overlapping it.
    const nav = (await page.locator('[data-nav="reminders"]').boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(nav.x + nav.width);
    expect(box.x).toBeLessThan(nav.x + nav.width + 40);
    expect(box.y).toBeLessThan(nav.y + nav.height);
    expect(box.y + box.height).toBeGreaterThan(nav.y);
    expect(await page.locator('[data-nav="reminders"]').getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));

    // identify, group and the exposure all reached the server.
    await expect.poll(async () => (await eventsOf(user.id)).map((e) => e.name ?? e.type), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['identify', 'group', 'message_shown']),
    );
    expect(errors).toEqual([]);
  });

  it('never shows it to staff of a clinic that uses reminders', async () => {
    const { page, decision } = await openDemoAs(withReminders.id);
    expect((await decision).messages).toEqual([]);
    await page.waitForTimeout(500);
    expect(await page.locator('uptake-tooltip').count()).toBe(0);
    // The widgets chunk was never needed, so it was never loaded.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    expect(loaded.some((url) => url.endsWith('/sdk/widgets.js'))).toBe(false);
  });

  it('remembers a dismissal on the server: not after a reload, not in another browser', async () => {
    const user = withoutReminders[1]!;
    const { page } = await openDemoAs(user.id);
    const close = page.locator('uptake-tooltip [part="close"]');
    await close.waitFor({ state: 'visible', timeout: 10_000 });
    await close.click();
    expect(await page.locator('uptake-tooltip').count()).toBe(0);
    await expect.poll(async () => (await eventsOf(user.id)).some((e) => e.name === 'message_dismissed'), { timeout: 10_000 }).toBe(true);

    const reload = decided(page, user.id);
    await page.reload();
    expect((await reload).messages).toEqual([]);

    const elsewhere = await launchChromium();
    try {
      const other = await openDemoAs(user.id, elsewhere);
      expect((await other.decision).messages).toEqual([]);
      expect(await other.page.locator('uptake-tooltip').count()).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('stops nudging once the clinic turns reminders on', async () => {
    const user = withoutReminders[2]!;
    const { page } = await openDemoAs(user.id);
    await page.locator('uptake-tooltip [part="panel"]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.click('[data-nav="reminders"]');
    await page.click('button[data-action="reminders"]');
    // A client-side route change makes the SDK deliver the event and decide again.
    const next = decided(page, user.id);
    await page.click('[data-nav="appointments"]');
    expect((await next).messages).toEqual([]);
    await expect.poll(() => page.locator('uptake-tooltip').count()).toBe(0);
  });

  it('takes the user to the feature when they click the call to action', async () => {
    const user = withoutReminders[3]!;
    const { page } = await openDemoAs(user.id);
    const cta = page.locator('uptake-tooltip [part="button"]');
    await cta.waitFor({ state: 'visible', timeout: 10_000 });
    await Promise.all([page.waitForURL('**/demo/reminders'), cta.click()]);
    await expect.poll(async () => (await eventsOf(user.id)).some((e) => e.name === 'message_clicked'), { timeout: 10_000 }).toBe(true);
  });
});

describe('the console', () => {
  it('lists the workspace’s campaigns and accounts', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/console/#key=${server.workspace.secretKey}`);
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
    await expect.poll(() => page.getByText('Nudge clinics without reminders').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    const list = page.locator('section#account-list');
    await expect.poll(() => list.getByRole('heading', { name: `${accounts.length} accounts` }).count()).toBe(1);
    await expect.poll(() => list.locator('tbody tr').count()).toBe(accounts.length);
    // The key left the address bar once read.
    expect(page.url()).not.toContain('sk_');
  });

  it('signs in with the demo login that npm start prints', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill(DEMO_LOGIN.email);
    await page.getByLabel('Password').fill(DEMO_LOGIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('ClinicFlow (demo)');
  });
});
