// Persistent and answering guidance in real Chromium against the demo: a checklist item ticks
// (and is reported once) when the user really uses the feature, and an NPS answer reaches the
// admin API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Guidance, onlyFor, startGuidance } from './guidance-fixture.ts';

let g: Guidance;

beforeAll(async () => {
  g = await startGuidance();
});
afterAll(() => g?.close());

describe('a checklist', () => {
  it('ticks an item after the user collects a payment with the demo’s own button', async () => {
    // Staff whose demo history has no payment yet, so the item starts open.
    const user = await g.nextUser(async (u) => !(await g.server.store.loadProfile(g.server.workspace.id, { userId: u.id })).userFeatures['payments']);
    await g.live({
      name: 'Front desk basics',
      kind: 'checklist',
      audience: onlyFor(user),
      pages: { include: ['/demo/payments'], exclude: [] },
      frequency: { stopAfter: ['dismissed', 'completed'] },
      content: { title: 'Front desk basics' },
      items: [
        { id: 'payment', label: 'Collect a payment', feature: 'payments' },
        { id: 'invite', label: 'Invite your team' },
      ],
    });
    const { page, errors } = await g.open(user, '/demo/payments');
    const checklist = page.getByRole('region', { name: 'Front desk basics' });
    const header = page.locator('uptake-checklist [part="header"]');
    const item = page.locator('uptake-checklist [part="item"]', { hasText: 'Collect a payment' });
    await header.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await checklist.isVisible()).toBe(true);
    expect(await header.textContent()).toContain('0/2');
    expect(await item.getAttribute('class')).not.toContain('done');

    await page.getByRole('button', { name: 'Collect payment' }).click();
    await expect.poll(() => header.textContent(), { timeout: 10_000 }).toContain('1/2');
    expect(await item.getAttribute('class')).toContain('done');
    expect(await item.textContent()).toContain('(Done)');
    expect(await page.locator('uptake-checklist progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
    // The other item is still to do, and the checklist stays on screen.
    expect(await page.locator('uptake-checklist [part="item"]', { hasText: 'Invite your team' }).getAttribute('class')).not.toContain('done');
    expect((await g.eventsOf(user.id)).some((e) => e.name === 'Payment Collected' && e.features.includes('payments'))).toBe(true);
    // The item ticked by feature use is reported like a pressed one, once, so results count it;
    // a reload shows it done and reports nothing more.
    const completions = async () => (await g.eventsOf(user.id)).filter((e) => e.name === 'checklist_item_completed').map((e) => e.properties['itemId']);
    await expect.poll(completions, { timeout: 10_000 }).toEqual(['payment']);
    await page.reload();
    await header.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await header.textContent()).toContain('1/2');
    await page.waitForTimeout(1500);
    expect(await completions()).toEqual(['payment']);
    expect(errors).toEqual([]);
  });
});

describe('an NPS survey', () => {
  it('stores the score and the comment the user gave', async () => {
    const user = await g.nextUser();
    const id = await g.live({
      name: 'NPS',
      kind: 'survey',
      audience: onlyFor(user),
      pages: { include: ['/demo/messages'], exclude: [] },
      content: { title: 'How likely are you to recommend ClinicFlow?' },
      question: { type: 'nps', commentPrompt: 'What is the main reason for your score?' },
    });
    const { page, errors } = await g.open(user, '/demo/messages');
    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend ClinicFlow?' });
    await scale.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await scale.getByRole('radio').count()).toBe(11);
    const submit = page.getByRole('button', { name: 'Submit' });
    expect(await submit.isDisabled()).toBe(true);

    await scale.getByRole('radio', { name: '9', exact: true }).click();
    expect(await scale.getByRole('radio', { name: '9', exact: true }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('textbox', { name: 'What is the main reason for your score?' }).fill('SMS reminders save us calls');
    await submit.click();
    await page.getByText('Thanks!').waitFor();
    // It says thanks, then gets out of the way.
    await expect.poll(() => page.locator('uptake-survey').count(), { timeout: 5000 }).toBe(0);

    await expect.poll(async () => (await g.admin('GET', `/api/v1/campaigns/${id}/answers`)).body.total, { timeout: 10_000 }).toBe(1);
    const { body } = await g.admin('GET', `/api/v1/campaigns/${id}/answers`);
    expect(body.answers).toEqual([expect.objectContaining({ score: 9, comment: 'SMS reminders save us calls' })]);
    expect(body.nps).toMatchObject({ responses: 1, promoters: 1, score: 100 });
    expect(errors).toEqual([]);
  });
});
