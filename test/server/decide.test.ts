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

describe('POST /v1/decide with every kind of campaign', () => {
  const messages = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await f.request('POST', '/v1/decide', { writeKey: f.workspace.writeKey, url: 'https://app.example/demo/appointments', userId: 'u1', accountId: 'acct-1', ...body }, headers);
    expect(response.status).toBe(200);
    return (await response.json()).messages as { campaignId: string; kind: string; [key: string]: unknown }[];
  };
  const create = async (campaign: object) => (await (await f.admin('POST', '/api/v1/campaigns', campaign)).json()).id as string;
  const event = (name: string, properties: Record<string, unknown>) => trackEvent({ event: name, properties, timestamp: new Date().toISOString() });

  it('hides a snoozed message until the snooze ends', async () => {
    await f.batch([event('message_snoozed', { campaignId, days: 3 })]);
    expect(await messages()).toEqual([]);
    expect((await messages({ userId: 'u2' })).map((m) => m.campaignId)).toEqual([campaignId]);
  });

  it('shows a message capped at one show once, and keeps it on screen across route changes', async () => {
    await f.admin('POST', `/api/v1/campaigns/${campaignId}/pause`);
    const once = await create({ ...REMINDERS_CAMPAIGN, name: 'Once', frequency: { maxShows: 1, stopAfter: ['dismissed'] } });
    expect((await messages()).map((m) => m.campaignId)).toEqual([once]);
    // The SDK says it is still showing it: the route change keeps it without counting a show.
    expect((await messages({ showing: [once] })).map((m) => m.campaignId)).toEqual([once]);
    // A new page load is a new show, and the cap holds.
    expect(await messages()).toEqual([]);
  });

  it('throttles interrupting messages across campaigns, not persistent ones', async () => {
    expect((await f.admin('PUT', '/api/v1/settings', { throttleHours: 24 })).status).toBe(200);
    const banner = await create({ name: 'Banner', kind: 'banner', status: 'live', content: { title: 'New: online payments' } });
    expect((await messages()).map((m) => m.campaignId)).toEqual([campaignId, banner]);
    await f.batch([interaction('message_dismissed')]);
    const other = await create({ ...REMINDERS_CAMPAIGN, name: 'Another tooltip' });
    // The reminders tooltip took u1's slot just now: the other tooltip waits a day for u1, not for u2.
    expect((await messages()).map((m) => m.campaignId)).toEqual([banner]);
    expect((await messages({ userId: 'u2' })).map((m) => m.campaignId)).toEqual([other, banner]);
  });

  it('ticks checklist items by the user’s feature use and by a completing action', async () => {
    const checklist = await create({
      name: 'Get set up', kind: 'checklist', status: 'live', content: { title: 'Get set up' },
      items: [
        { id: 'reminders', label: 'Turn on reminders', feature: 'reminders' },
        { id: 'invite', label: 'Invite a colleague', action: { type: 'complete_item', itemId: 'invite' } },
      ],
    });
    const items = async () => (await messages()).find((m) => m.campaignId === checklist)!.items as { done: boolean; unreported?: true }[];
    expect(await items()).toEqual([
      { id: 'reminders', label: 'Turn on reminders', done: false },
      { id: 'invite', label: 'Invite a colleague', done: false, action: { type: 'complete_item', itemId: 'invite' } },
    ]);
    await f.batch([trackEvent({ event: 'Reminder Scheduled' }), event('checklist_item_completed', { campaignId: checklist, itemId: 'invite' })]);
    expect((await items()).map((i: { done: boolean }) => i.done)).toEqual([true, true]);
    // The SDK is asked to report the item the feature ticked until the server has its report.
    expect((await items()).map((i) => i.unreported ?? false)).toEqual([true, false]);
    await f.batch([event('checklist_item_completed', { campaignId: checklist, itemId: 'reminders' })]);
    expect((await items()).map((i) => i.unreported ?? false)).toEqual([false, false]);
  });

  it('resumes a tour after the last step viewed, and starts one the user asks for', async () => {
    await f.admin('POST', `/api/v1/campaigns/${campaignId}/pause`);
    const steps = [1, 2, 3].map((n) => ({ id: `s${n}`, content: { title: `Step ${n}` } }));
    const byClick = { ...steps[0], anchor: { selector: '#export' }, advanceOnClick: true };
    const tour = await create({ name: 'Tour', kind: 'tour', status: 'live', priority: 10, steps: [byClick, ...steps.slice(1)], content: { title: 'Tour' }, pages: { include: ['/demo/patients'], exclude: [] } });
    expect(await messages()).toEqual([]);
    const started = (await messages({ start: tour }))[0];
    expect(started).toMatchObject({ campaignId: tour, kind: 'tour', startAt: 0 });
    expect(started).toMatchObject({ steps: [{ anchor: { selector: '#export', placement: 'right' }, advanceOnClick: true }, { id: 's2' }, { id: 's3' }] });
    await f.batch([event('tour_step_viewed', { campaignId: tour, stepId: 's2', stepIndex: 1 })]);
    expect((await messages({ url: 'https://app.example/demo/patients' }))[0]).toMatchObject({ campaignId: tour, startAt: 2 });
    await f.batch([event('tour_completed', { campaignId: tour })]);
    expect((await messages({ start: tour }))[0]).toMatchObject({ campaignId: tour, startAt: 0 });
  });

  it('starts a dismissed tour from its first step when asked, resumes that run after reloads, and stops it once dismissed again', async () => {
    await f.admin('POST', `/api/v1/campaigns/${campaignId}/pause`);
    const steps = [1, 2, 3].map((n) => ({ id: `s${n}`, content: { title: `Step ${n}` } }));
    const tour = await create({ name: 'Tour', kind: 'tour', status: 'live', steps, content: { title: 'Tour' } });
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    const at = (minutes: number, name: string, properties: Record<string, unknown> = {}) =>
      trackEvent({ event: name, properties: { campaignId: tour, ...properties }, timestamp: minutesAgo(minutes) });
    await f.batch([at(10, 'message_shown'), at(10, 'tour_step_viewed', { stepIndex: 0 }), at(9, 'tour_step_viewed', { stepIndex: 1 }), at(8, 'message_dismissed')]);
    expect(await messages()).toEqual([]);
    expect((await messages({ start: tour }))[0]).toMatchObject({ campaignId: tour, startAt: 0 });
    // Started again from the launcher: the next page view resumes it, though it was dismissed once.
    await f.batch([at(5, 'tour_step_viewed', { stepIndex: 0 })]);
    expect((await messages())[0]).toMatchObject({ campaignId: tour, startAt: 1 });
    await f.batch([at(4, 'tour_step_viewed', { stepIndex: 1 }), at(3, 'message_dismissed')]);
    expect(await messages()).toEqual([]);
    expect((await messages({ start: tour }))[0]).toMatchObject({ campaignId: tour, startAt: 0 });
  });

  it('speaks the visitor’s language and targets by device, from the body or the headers', async () => {
    await f.admin('POST', `/api/v1/campaigns/${campaignId}/pause`);
    const id = await create({
      ...REMINDERS_CAMPAIGN, name: 'Mobile only', audience: { type: 'device', in: ['mobile'] },
      locales: { pt: { title: 'Ative os lembretes automáticos' }, 'pt-BR': { title: 'Ative os lembretes' } },
    });
    expect(await messages({ device: 'desktop' })).toEqual([]);
    expect((await messages({ device: 'mobile', locale: 'pt-BR' }))[0]).toMatchObject({ campaignId: id, content: { title: 'Ative os lembretes' } });
    const fromHeaders = await messages({}, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'accept-language': 'pt-PT,pt;q=0.9' });
    expect(fromHeaders[0]).toMatchObject({ campaignId: id, content: { title: 'Ative os lembretes automáticos' } });
  });

  it('refuses malformed new fields, naming them', async () => {
    const error = async (body: Record<string, unknown>) => (await (await f.decide({ userId: 'u1', ...body })).json()).error;
    expect(await error({ device: 'watch' })).toEqual({ code: 'invalid_decide', message: 'device: Invalid option: expected one of "desktop"|"tablet"|"mobile"', status: 400 });
    expect(await error({ showing: 'c1' })).toMatchObject({ message: 'showing: Invalid input: expected array, received string' });
    expect(await error({ start: '' })).toMatchObject({ message: 'start: Too small: expected string to have >=1 characters' });
  });
});
