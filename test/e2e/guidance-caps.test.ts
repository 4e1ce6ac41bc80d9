// A show cap enforced on the server, in real Chromium against the demo: one user with two tabs
// whose decisions reach the server at the same moment sees a cap-of-1 message exactly once.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Guidance, onlyFor, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

describe('a cap of 1', () => {
  it('holds across two tabs deciding at once: one tab shows it, the store counts one show', async () => {
    const user = await g.nextUser();
    const id = await g.live({
      name: 'Once only',
      kind: 'tooltip',
      audience: onlyFor(user),
      pages: { include: ['/demo/appointments'], exclude: [] },
      frequency: { maxShows: 1, stopAfter: [] },
      anchor: { selector: '[data-nav="reminders"]', placement: 'right' },
      content: { title: 'Reminders cut no-shows' },
    });
    const context = await g.browser.newContext();
    // Hold each tab's first decision for this user until both are waiting, then let them go together.
    const forUser = (request: Request) => (request.postData() ?? '').includes(`"userId":"${user.id}"`);
    const held = new Set<Page>();
    let releaseBoth!: () => void;
    const both = new Promise<void>((resolve) => (releaseBoth = resolve));
    await context.route('**/v1/decide', async (route) => {
      const tab = route.request().frame().page();
      if (forUser(route.request()) && !held.has(tab)) {
        held.add(tab);
        if (held.size === 2) releaseBoth();
        await both;
      }
      await route.continue();
    });
    // Every answer each tab got, in order.
    const answers = new Map<Page, number[]>();
    context.on('response', (r) => {
      if (!r.url().endsWith('/v1/decide') || !forUser(r.request())) return;
      const tab = r.request().frame().page();
      void r.json().then((a: { messages: unknown[] }) => answers.set(tab, [...(answers.get(tab) ?? []), a.messages.length]));
    });
    const tabs = await Promise.all([g.open(user, '/demo/appointments', { context }), g.open(user, '/demo/appointments', { context })]);
    await both;
    // One tab is given the message (and keeps it on its next decision); the other never is.
    await expect.poll(() => tabs.map(({ page }) => Math.max(-1, ...(answers.get(page) ?? []))).sort(), { timeout: 10_000 }).toEqual([0, 1]);

    const tooltips = () => Promise.all(tabs.map(({ page }) => page.locator('uptake-tooltip [part="panel"]').count()));
    await expect.poll(async () => (await tooltips()).reduce((a, b) => a + b), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await g.admin('GET', `/api/v1/campaigns/${id}/results`)).body.exposures, { timeout: 10_000 }).toBe(1);

    // Later page views in either tab do not bring it back, and it was never shown twice.
    for (const { page } of tabs) await page.reload();
    await tabs[0]!.page.waitForTimeout(1500);
    expect(await tooltips()).toEqual([0, 0]);
    expect((await g.eventsOf(user.id)).filter((e) => e.name === 'message_shown')).toHaveLength(1);
    const { body } = await g.admin('GET', `/api/v1/campaigns/${id}/results`);
    expect(body).toMatchObject({ exposures: 1, uniqueUsers: 1 });
    for (const { errors } of tabs) expect(errors).toEqual([]);
  });
});
