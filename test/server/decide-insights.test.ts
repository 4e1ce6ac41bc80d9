// Explain, results and survey answers through the admin API, fed by real decides and batches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { holdoutBucket } from '../../server/engine/holdout.ts';
import { appFixture, groupEvent, identifyEvent, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(() => f.close());

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const create = async (campaign: object) => (await json(await f.admin('POST', '/api/v1/campaigns', campaign))).body;
const messagesFor = async (userId: string, extra: object = {}) => (await (await f.decide({ userId, accountId: 'acct-1', ...extra })).json()).messages;
/** What explain says of the frequency rule for the user. */
const frequencyRule = async (campaignId: string, userId = 'u1') =>
  (await json(await f.admin('GET', `/api/v1/campaigns/${campaignId}/explain?userId=${userId}`))).body.rules.find((r: { rule: string }) => r.rule === 'frequency');

describe('GET /api/v1/campaigns/:id/explain', () => {
  it('answers "why doesn’t this customer see my campaign?" rule by rule', async () => {
    const { id } = await create(REMINDERS_CAMPAIGN);
    await f.batch([groupEvent(), trackEvent({ userId: 'colleague', event: 'Reminder Scheduled' })]);
    const { status, body } = await json(await f.admin('GET', `/api/v1/campaigns/${id}/explain?userId=u1&url=${encodeURIComponent('https://app.example/demo/appointments')}`));
    expect(status).toBe(200);
    expect(body).toMatchObject({ campaignId: id, visitorId: 'u1', accountId: 'acct-1', shown: false });
    expect(body.rules.find((r: { rule: string }) => r.rule === 'audience')).toEqual({
      rule: 'audience',
      passed: false,
      reason: 'not in the audience',
      conditions: [{ depth: 0, passed: false, reason: 'account has used feature reminders (1 times)' }],
    });
    expect(body.rules.filter((r: { passed: boolean }) => !r.passed).map((r: { rule: string }) => r.rule)).toEqual(['audience']);
  });

  it('counts shows from real interactions', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, frequency: { maxShows: 2, stopAfter: ['dismissed'] } });
    const shown = trackEvent({ event: 'message_shown', properties: { campaignId: id } });
    await f.batch([shown, { ...shown, messageId: 'again' }]);
    expect(await frequencyRule(id)).toEqual({ rule: 'frequency', passed: false, reason: 'shown 2 of max 2 times' });
  });

  it('stops a campaign for a user who did its event goal after seeing it, and says so', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, goal: { type: 'event', event: 'Invoice Sent', withinDays: 14 }, frequency: { stopAfter: ['goal'] } });
    await f.batch([groupEvent(), groupEvent({ userId: 'u2' })]);
    await f.batch([
      trackEvent({ event: 'message_shown', properties: { campaignId: id }, timestamp: '2026-11-20T10:00:00.000Z' }),
      trackEvent({ event: 'Invoice Sent', timestamp: '2026-11-21T09:30:00.000Z' }),
      // u2 sent invoices too, but was never shown the campaign: that is not its goal reached.
      trackEvent({ event: 'Invoice Sent', userId: 'u2', timestamp: '2026-11-21T09:30:00.000Z' }),
    ]);
    expect((await messagesFor('u1')).map((m: { campaignId: string }) => m.campaignId)).toEqual([]);
    expect((await messagesFor('u2')).map((m: { campaignId: string }) => m.campaignId)).toEqual([id]);
    expect(await frequencyRule(id)).toEqual({
      rule: 'frequency',
      passed: false,
      reason: 'reached the goal (sent event "Invoice Sent" within 14 days of the first show) at 2026-11-21T09:30:00.000Z',
    });
  });

  it('stops a campaign whose feature goal was done before its show reached the server (another tab, a browser back online)', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, audience: { all: [] }, goal: { type: 'feature', feature: 'reminders', withinDays: 14 }, frequency: { stopAfter: ['goal'] } });
    await f.batch([groupEvent()]);
    await f.batch([trackEvent({ event: 'Reminder Scheduled', timestamp: '2026-11-21T09:30:00.000Z' })]);
    await f.batch([trackEvent({ event: 'message_shown', properties: { campaignId: id }, timestamp: '2026-11-20T10:00:00.000Z' })]);
    expect(await messagesFor('u1')).toEqual([]);
    expect(await frequencyRule(id)).toEqual({
      rule: 'frequency',
      passed: false,
      reason: 'reached the goal (used feature reminders within 14 days of the first show) at 2026-11-21T09:30:00.000Z',
    });
  });

  it('stops a campaign whose event goal reached the server before its show', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, goal: { type: 'event', event: 'Invoice Sent', withinDays: 14 }, frequency: { stopAfter: ['goal'] } });
    await f.batch([groupEvent()]);
    await f.batch([trackEvent({ event: 'Invoice Sent', timestamp: '2026-11-21T09:30:00.000Z' })]);
    expect((await messagesFor('u1')).map((m: { campaignId: string }) => m.campaignId)).toEqual([id]);
    await f.batch([trackEvent({ event: 'message_shown', properties: { campaignId: id }, timestamp: '2026-11-20T10:00:00.000Z' })]);
    expect(await messagesFor('u1')).toEqual([]);
  });

  it('keeps recording goals while a campaign is paused, so publishing it again does not show it to those who reached it', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, goal: { type: 'event', event: 'Invoice Sent', withinDays: 14 }, frequency: { stopAfter: ['goal'] } });
    await f.batch([groupEvent(), groupEvent({ userId: 'u2' })]);
    await f.batch([
      trackEvent({ event: 'message_shown', properties: { campaignId: id }, timestamp: '2026-11-20T10:00:00.000Z' }),
      trackEvent({ event: 'message_shown', userId: 'u2', properties: { campaignId: id }, timestamp: '2026-11-20T10:00:00.000Z' }),
    ]);
    expect((await f.admin('POST', `/api/v1/campaigns/${id}/pause`)).status).toBe(200);
    await f.batch([trackEvent({ event: 'Invoice Sent', timestamp: '2026-11-21T09:30:00.000Z' })]);
    expect((await f.admin('POST', `/api/v1/campaigns/${id}/publish`)).status).toBe(200);
    expect((await messagesFor('u1')).map((m: { campaignId: string }) => m.campaignId)).toEqual([]);
    expect((await messagesFor('u2')).map((m: { campaignId: string }) => m.campaignId)).toEqual([id]);
  });

  it('needs a visitor and names the problem', async () => {
    const { id } = await create(REMINDERS_CAMPAIGN);
    expect(await json(await f.admin('GET', `/api/v1/campaigns/${id}/explain`))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_query', message: 'userId: either userId or anonymousId is required', status: 400 } },
    });
    expect((await json(await f.admin('GET', '/api/v1/campaigns/nope/explain?userId=u1'))).status).toBe(404);
  });
});

describe('holdouts and GET /api/v1/campaigns/:id/results', () => {
  it('logs held-out users once at decide time and compares their goal conversion with exposed users', async () => {
    const campaign = await create({ ...REMINDERS_CAMPAIGN, audience: { all: [] }, holdoutPercent: 50, goal: { type: 'feature', feature: 'reminders', withinDays: 14 } });
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const heldOut = users.filter((u) => holdoutBucket(campaign.id, u) < 50);
    const exposed = users.filter((u) => !heldOut.includes(u));
    expect(heldOut.length).toBeGreaterThan(5);
    expect(exposed.length).toBeGreaterThan(5);
    for (const user of users) {
      const messages = await messagesFor(user);
      expect(messages.length).toBe(heldOut.includes(user) ? 0 : 1);
      await messagesFor(user); // decided again: still logged once
    }
    // Only a rendered message is an exposure: every exposed user's SDK reports message_shown.
    const now = new Date().toISOString();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await f.batch(exposed.map((userId) => trackEvent({ userId, timestamp: now, event: 'message_shown', properties: { campaignId: campaign.id } })));
    // Half the exposed users and one held-out user turn reminders on afterwards.
    const converted = [...exposed.slice(0, Math.ceil(exposed.length / 2)), heldOut[0]!];
    await f.batch(converted.map((userId) => trackEvent({ userId, timestamp: soon, event: 'Reminder Scheduled' })));
    await f.batch([trackEvent({ userId: exposed[0]!, timestamp: now, event: 'message_clicked', properties: { campaignId: campaign.id } })]);
    await f.batch([groupEvent({ userId: exposed[0]!, timestamp: now, traits: { name: 'Maple Dental' } })]);

    const { status, body } = await json(await f.admin('GET', `/api/v1/campaigns/${campaign.id}/results`));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      campaignId: campaign.id,
      exposures: exposed.length,
      uniqueUsers: exposed.length,
      clicks: 1,
      dismissals: 0,
      heldOut: { users: heldOut.length, byCampaignHoldout: heldOut.length, byGlobalHoldout: 0 },
      goal: { type: 'feature', feature: 'reminders', withinDays: 14, description: 'used feature reminders within 14 days' },
      users: {
        exposed: { users: exposed.length, converted: Math.ceil(exposed.length / 2) },
        heldOut: { users: heldOut.length, converted: 1 },
      },
      // Everyone is in acct-1: one account, exposed (it has exposed users) and converted.
      accounts: { exposed: { users: 1, converted: 1 }, heldOut: { users: 0, converted: 0 } },
      // Named from the account's group traits, for the console's table.
      perAccount: [{ accountId: 'acct-1', name: 'Maple Dental', exposed: { users: exposed.length }, heldOut: { users: heldOut.length, converted: 1 } }],
    });
    const p1 = Math.ceil(exposed.length / 2) / exposed.length;
    const p2 = 1 / heldOut.length;
    expect(body.users.lift.absolute.estimate).toBeCloseTo(p1 - p2, 12);
    expect(body.users.lift.relative.estimate).toBeCloseTo(p1 / p2 - 1, 12);
  });

  it('holds users out of every campaign under the workspace’s global holdout', async () => {
    expect((await f.admin('PUT', '/api/v1/settings', { globalHoldoutPercent: 50 })).status).toBe(200);
    const { id } = await create({ ...REMINDERS_CAMPAIGN, audience: { all: [] } });
    const shown = [];
    for (let i = 0; i < 30; i++) shown.push((await messagesFor(`g-${i}`)).length);
    const { body } = await json(await f.admin('GET', `/api/v1/campaigns/${id}/results`));
    expect(body.heldOut.byGlobalHoldout).toBe(shown.filter((n) => n === 0).length);
    expect(body.heldOut.byGlobalHoldout).toBeGreaterThan(5);
    expect(body.heldOut.byGlobalHoldout).toBeLessThan(25);
  });
});

describe("a user's guidance on GET /api/v1/users/:id", () => {
  it('shows what decide handed the user and what their browser reported, with the campaign named', async () => {
    const { id } = await create({ ...REMINDERS_CAMPAIGN, frequency: { maxShows: 3, stopAfter: ['dismissed'] } });
    await f.batch([groupEvent()]);
    expect((await messagesFor('u1')).map((m: { campaignId: string }) => m.campaignId)).toEqual([id]);
    let user = (await json(await f.admin('GET', '/api/v1/users/u1'))).body;
    // Handed out under its cap, not rendered yet: the console can tell "never rendered" apart.
    expect(user.guidance).toMatchObject([{ campaignId: id, name: REMINDERS_CAMPAIGN.name, kind: 'tooltip', campaignStatus: 'live', handedOut: 1, shows: 0 }]);
    await f.batch([trackEvent({ event: 'message_shown', properties: { campaignId: id } }), trackEvent({ event: 'message_dismissed', properties: { campaignId: id } })]);
    user = (await json(await f.admin('GET', '/api/v1/users/u1'))).body;
    expect(user.guidance).toMatchObject([{ campaignId: id, handedOut: 1, shows: 1, dismissedAt: '2026-11-20T10:00:00.000Z' }]);
    expect(await messagesFor('u1')).toEqual([]);
  });
});

describe('survey answers', () => {
  const survey = { name: 'NPS', kind: 'survey', status: 'live', content: { title: 'How likely are you to recommend ClinicFlow?' }, question: { type: 'nps', commentPrompt: 'Why?' } };

  it('stores the first answer per user, summarises NPS, and lists one group’s answers or those with a comment', async () => {
    const { id } = await create(survey);
    const answer = (userId: string, score: number, comment?: string) =>
      trackEvent({ userId, event: 'survey_answered', properties: { campaignId: id, score, ...(comment ? { comment } : {}) } });
    expect((await json(await f.batch([answer('u1', 10, 'Reminders!'), answer('u2', 9), answer('u3', 7), answer('u4', 3)]))).body).toMatchObject({ accepted: 4, rejected: [] });
    await f.batch([answer('u1', 0)]);
    const { body } = await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers?limit=2`));
    expect(body).toMatchObject({ campaignId: id, total: 4, limit: 2, offset: 0, nps: { responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 } });
    expect(body.answers).toHaveLength(2);
    const all = (await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers`))).body.answers;
    expect(all.find((a: { visitorId: string }) => a.visitorId === 'u1')).toMatchObject({ score: 10, comment: 'Reminders!', accountId: 'acct-1' });

    // Narrowed to a group, or to those with a comment: the summary stays that of every answer.
    const only = async (query: string) => (await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers?${query}`))).body;
    expect(await only('group=promoter')).toMatchObject({ total: 2, nps: { responses: 4 } });
    expect((await only('group=detractor')).answers.map((a: { visitorId: string }) => a.visitorId)).toEqual(['u4']);
    expect((await only('group=promoter&comments=only')).answers.map((a: { visitorId: string }) => a.visitorId)).toEqual(['u1']);
    expect((await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers?group=fan`))).body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^group: /) });
  });

  it('lists answers newest first, and exports every one as CSV a spreadsheet cannot run', async () => {
    const { id } = await create(survey);
    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const answer = (userId: string, score: number, day: number, comment?: string) =>
      trackEvent({ userId, timestamp: at(day), event: 'survey_answered', properties: { campaignId: id, score, ...(comment ? { comment } : {}) } });
    await f.batch([
      identifyEvent({ userId: 'u2', traits: { name: 'Ana Silva' } }),
      answer('u1', 10, 10, 'Reminders, "finally"'), answer('u2', 3, 12, '=HYPERLINK("http://evil")'), answer('u3', 8, 11),
    ]);
    const { body } = await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers`));
    expect(body.answers.map((a: { visitorId: string; name: string | null }) => [a.visitorId, a.name])).toEqual([['u2', 'Ana Silva'], ['u3', null], ['u1', null]]);

    const csv = await f.admin('GET', `/api/v1/campaigns/${id}/answers.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="answers-${id}.csv"`);
    expect((await csv.text()).split('\r\n')).toEqual([
      'answered_at,user_id,user_name,account_id,account_name,score,nps_group,choice,choice_label,comment',
      `${at(12)},u2,Ana Silva,acct-1,,3,detractor,,,"'=HYPERLINK(""http://evil"")"`,
      `${at(11)},u3,,acct-1,,8,passive,,,`,
      `${at(10)},u1,,acct-1,,10,promoter,,,"Reminders, ""finally"""`,
      '',
    ]);
    const { id: tooltip } = await create(REMINDERS_CAMPAIGN);
    expect((await json(await f.admin('GET', `/api/v1/campaigns/${tooltip}/answers.csv`))).body.error.code).toBe('not_a_survey');
  });

  it('refuses an answer out of range at ingest, naming the property', async () => {
    const { id } = await create(survey);
    const { body } = await json(await f.batch([trackEvent({ event: 'survey_answered', properties: { campaignId: id, score: 11 } })]));
    expect(body).toEqual({
      accepted: 0, duplicates: 0,
      rejected: [{ index: 0, code: 'invalid_event', message: 'batch[0].properties.score: Too big: expected number to be <=10', path: 'batch[0].properties.score' }],
    });
  });

  it('has answers only for surveys', async () => {
    const { id } = await create(REMINDERS_CAMPAIGN);
    expect((await json(await f.admin('GET', `/api/v1/campaigns/${id}/answers`))).body.error.code).toBe('not_a_survey');
  });
});
