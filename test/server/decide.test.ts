import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { appFixture, groupEvent, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
let campaignId: string;
beforeEach(async () => {
  f = await appFixture();
  const created = await f.admin('POST', '/api/v1/campaigns', REMINDERS_CAMPAIGN);
  campaignId = (await created.json()).id;
});
afterEach(() => f.close());

const interaction = (event: string, userId = 'u1') => trackEvent({ event, userId, properties: { campaignId } });

describe('POST /v1/decide', () => {
  it('shows the reminders tooltip to a user whose account has not used reminders', async () => {
    await f.batch([groupEvent()]);
    const { messages } = await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json();
    expect(messages).toEqual([
      expect.objectContaining({ campaignId, kind: 'tooltip', anchor: { selector: '[data-nav="reminders"]', placement: 'right' } }),
    ]);
    expect(messages[0].content.title).toBe('Turn on automated reminders');
  });

  it('shows nothing to any user of an account that uses reminders', async () => {
    await f.batch([trackEvent({ event: 'Reminder Scheduled', userId: 'colleague' })]);
    const { messages } = await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json();
    expect(messages).toEqual([]);
  });

  it('finds the account from membership when the page does not send it', async () => {
    await f.batch([trackEvent({ event: 'Reminder Scheduled' })]);
    expect((await (await f.decide({ userId: 'u1' })).json()).messages).toEqual([]);
  });

  it('keeps showing a tooltip that was only seen, and stops once it is dismissed', async () => {
    await f.batch([interaction('message_shown')]);
    expect((await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json()).messages).toHaveLength(1);
    await f.batch([interaction('message_dismissed')]);
    expect((await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json()).messages).toEqual([]);
    // Another user of the same account still sees it: dismissal is per person.
    expect((await (await f.decide({ userId: 'u2', accountId: 'acct-1' })).json()).messages).toHaveLength(1);
  });

  it('stops after the call-to-action was clicked', async () => {
    await f.batch([interaction('message_clicked')]);
    expect((await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json()).messages).toEqual([]);
  });

  it('shows nothing from draft or paused campaigns', async () => {
    const other = await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, status: 'draft', priority: 999 });
    expect(other.status).toBe(201);
    await f.batch([interaction('message_dismissed')]);
    expect((await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json()).messages).toEqual([]);
  });

  it('answers anonymous visitors too', async () => {
    const { messages } = await (await f.decide({ anonymousId: 'anon-1' })).json();
    expect(messages).toHaveLength(1);
  });

  it('refuses a request without a visitor, naming the field', async () => {
    const response = await f.decide({});
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({ code: 'invalid_decide', message: 'userId: either userId or anonymousId is required', status: 400 });
  });
});
