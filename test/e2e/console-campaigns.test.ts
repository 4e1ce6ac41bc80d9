// The campaign loop in real Chromium against the real demo: a CS person signs in to the console,
// builds a tooltip for clinics that have not used payments (the server's refusal shown beside
// the field, the reach estimated live, the real widget in the preview), publishes it; a user of
// such a clinic opens the demo and sees it; the exposure shows in the campaign's results. A
// viewer gets no publish control, and the API refuses them too.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../../demo/console-login.ts';
import { demoRoster } from '../../demo/roster.ts';
import { launchChromium } from '../chromium.ts';
import { type DemoServer, startDemoServer } from '../harness.ts';

let server: DemoServer;
let browser: Browser;
let campaignId: string;

const TITLE = 'Collect payments at the desk';

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.workspace.secretKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

async function signIn(email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** A field by its label inside a part of the form. */
const field = (page: Page, scope: string, label: string) => page.locator(scope).getByLabel(label, { exact: true });

describe('campaigns in the console', () => {
  it('creates a tooltip for clinics that have not used payments, previews it with the real widget and publishes it', async () => {
    const page = await signIn(DEMO_LOGIN.email, DEMO_LOGIN.password);
    await page.goto(`${server.url}/console/#/campaigns`);
    await page.locator('table.campaigns').waitFor();
    await page.getByLabel('New campaign of kind').selectOption('tooltip');
    await page.locator('.campaign-form').waitFor();
    await field(page, '#campaign-basics', 'Name').fill('Try payments');

    // Saved without an anchor: the server's reason appears beside the anchor field.
    await page.getByRole('button', { name: 'Save draft' }).click();
    const anchorField = field(page, '#campaign-basics', 'Anchor element (CSS selector)');
    await expect.poll(() => anchorField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#campaign-basics .field-error').first().textContent()).toMatch(/\S/);
    expect(await page.locator('.campaign-form > .error-note').textContent()).toMatch(/^anchor\.selector: /);

    await anchorField.fill('[data-nav="payments"]');
    await field(page, '#campaign-basics', 'Placement').selectOption('right');
    await field(page, '#campaign-basics', 'Title').fill(TITLE);
    await field(page, '#campaign-basics', 'Paragraph 1 text').fill('Clinics that take payments at checkout get paid 9 days sooner.');

    // Audience: accounts that have not used payments, with a live estimate.
    const everyone = await page.locator('.reach-users').textContent();
    await page.getByRole('button', { name: 'Add a condition' }).click();
    const condition = page.locator('.condition').first();
    await condition.getByLabel('Condition on').selectOption('account_feature');
    await condition.getByLabel('Feature').selectOption('payments');
    await condition.getByLabel('Condition', { exact: true }).selectOption('not_used');
    await expect.poll(async () => page.locator('.reach-users').textContent(), { timeout: 10_000 }).not.toBe(everyone);
    const estimate = await admin('POST', '/api/v1/audiences/estimate', { audience: { all: [{ type: 'feature', scope: 'account', feature: 'payments', op: 'not_used' }] } });
    expect(await page.locator('.reach').textContent()).toContain(`${estimate.body.users} users in ${estimate.body.accounts} accounts`);

    await field(page, '#campaign-delivery', 'Only on pages').fill('/demo/appointments');
    await field(page, '#campaign-delivery', 'Priority').fill('500');

    // The preview is the real SDK tooltip, re-rendered as the title changes.
    const preview = page.frameLocator('.preview-frame');
    await expect.poll(() => preview.locator('uptake-tooltip [part="panel"] h2').textContent(), { timeout: 10_000 }).toBe(TITLE);

    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/^Published “Try payments”/);
    campaignId = /#\/campaigns\/([^/?]+)/.exec(page.url())![1]!;
    const { body: stored } = await admin('GET', `/api/v1/campaigns/${campaignId}`);
    expect(stored).toMatchObject({ status: 'live', kind: 'tooltip', priority: 500, anchor: { selector: '[data-nav="payments"]' }, audience: { all: [{ type: 'feature', scope: 'account', feature: 'payments', op: 'not_used' }] } });
    // The saved campaign opens in the editor with its preview again.
    await expect.poll(() => page.frameLocator('.preview-frame').locator('uptake-tooltip [part="panel"] h2').textContent(), { timeout: 10_000 }).toBe(TITLE);
    await page.screenshot({ path: 'tmp/console-campaign-editor.png', fullPage: true });
    await page.context().close();
  });

  it('shows the tooltip to a user of such a clinic in the demo, and counts the exposure in the results', async () => {
    expect(campaignId).toBeTruthy();
    // A demo staff member the campaign is for right now, as the explain endpoint tells.
    const staff = demoRoster(new Date()).users.filter((u) => /-u[12]$/.test(u.id));
    let userId: string | undefined;
    for (const user of staff) {
      const { body } = await admin('GET', `/api/v1/campaigns/${campaignId}/explain?userId=${user.id}&url=${encodeURIComponent(`${server.url}/demo/appointments`)}`);
      if (body.shown) {
        userId = user.id;
        break;
      }
    }
    expect(userId, 'some demo clinic has not used payments').toBeDefined();

    const demo = await (await browser.newContext()).newPage();
    await demo.goto(`${server.url}/demo/appointments?as=${userId}`);
    const panel = demo.locator(`uptake-tooltip[data-campaign-id="${campaignId}"] [part="panel"]`);
    await expect.poll(() => panel.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await panel.locator('h2').textContent()).toBe(TITLE);
    const nav = (await demo.locator('[data-nav="payments"]').boundingBox())!;
    expect((await panel.boundingBox())!.x).toBeGreaterThanOrEqual(nav.x + nav.width);
    await expect.poll(async () => (await admin('GET', `/api/v1/campaigns/${campaignId}/results`)).body.uniqueUsers, { timeout: 15_000 }).toBe(1);
    await demo.context().close();

    const page = await signIn(DEMO_LOGIN.email, DEMO_LOGIN.password);
    await page.goto(`${server.url}/console/#/campaigns/${campaignId}/results`);
    const metric = (label: string) => page.locator('.metric', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    await expect.poll(() => metric('Unique users').textContent()).toBe('1');
    expect(Number(await metric('Exposures').textContent())).toBeGreaterThanOrEqual(1);

    // The list shows the reach too.
    await page.goto(`${server.url}/console/#/campaigns`);
    await expect.poll(() => page.locator(`tr[data-campaign="${campaignId}"] td.num`).nth(1).textContent()).toBe('1');
    await page.context().close();
  });

  it('gives a viewer no publish control, and the API refuses a viewer who tries', async () => {
    expect(campaignId).toBeTruthy();
    const { status, body } = await admin('POST', '/api/v1/console-users', { email: 'vi@clinicflow.demo', role: 'viewer' });
    expect(status).toBe(201);
    const page = await signIn(body.user.email, body.password);
    // A paused campaign would offer "Publish" to an editor.
    expect((await admin('POST', `/api/v1/campaigns/${campaignId}/pause`)).status).toBe(200);

    await page.goto(`${server.url}/console/#/campaigns`);
    await page.locator(`tr[data-campaign="${campaignId}"]`).waitFor();
    expect(await page.getByRole('button', { name: /^(Publish|Pause|Archive)\b/ }).count()).toBe(0);
    expect(await page.getByLabel('New campaign of kind').count()).toBe(0);

    await page.goto(`${server.url}/console/#/campaigns/${campaignId}`);
    await page.locator('.campaign-form').waitFor();
    expect(await page.getByRole('button', { name: /publish|save/i }).count()).toBe(0);
    expect(await field(page, '#campaign-basics', 'Name').isDisabled()).toBe(true);

    const refused = await page.evaluate(async (id) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const response = await fetch(`/api/v1/campaigns/${id}/publish`, { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
      return { status: response.status, body: await response.json() };
    }, campaignId);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden_for_role' } } });
    expect((await admin('GET', `/api/v1/campaigns/${campaignId}`)).body.status).toBe('paused');
    await page.context().close();
  });

  it("exports the demo NPS survey's answers as CSV, newest first, detractors' comments included", async () => {
    const { body } = await admin('GET', '/api/v1/campaigns');
    const nps = body.campaigns.find((c: { name: string }) => c.name === 'NPS: clinics using reminders');
    const page = await signIn(DEMO_LOGIN.email, DEMO_LOGIN.password);
    await page.goto(`${server.url}/console/#/campaigns/${nps.id}/results`);
    await page.locator('#campaign-answers table').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#campaign-answers').getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`answers-${nps.id}.csv`);
    const [header, ...rows] = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(header).toBe('answered_at,user_id,user_name,account_id,account_name,score,nps_group,choice,choice_label,comment');
    const { body: answers } = await admin('GET', `/api/v1/campaigns/${nps.id}/answers?limit=1000`);
    expect(rows).toHaveLength(answers.total);
    const answeredAt = rows.map((r) => r.split(',')[0]!);
    expect(answeredAt).toEqual([...answeredAt].sort().reverse());
    // A detractor's row with their comment (the demo's low scores mostly come with one).
    expect(rows.some((r) => r.includes(',detractor,') && !r.endsWith(','))).toBe(true);
    await page.context().close();
  });
});
