// The campaign admin API and the audience estimate, through app.request().
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { appFixture, groupEvent, identifyEvent, trackEvent } from './app-fixture.ts';

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
});
afterEach(() => f.close());

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const draft = { name: 'Welcome', kind: 'modal', content: { title: 'Welcome to ClinicFlow' } };

describe('campaign admin API', () => {
  it('creates a campaign as a draft with every default, and reads it back', async () => {
    const { status, body } = await json(await f.admin('POST', '/api/v1/campaigns', draft));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      id: expect.any(String), version: 1, status: 'draft', priority: 100, holdoutPercent: 0, goal: null,
      frequency: { maxShows: null, minIntervalHours: 0, stopAfter: ['dismissed', 'clicked'] }, accountCaps: { maxUsers: null, coolOffHours: 0 },
    });
    expect((await json(await f.admin('GET', `/api/v1/campaigns/${body.id}`))).body).toEqual(body);
    expect((await json(await f.admin('GET', '/api/v1/campaigns?status=draft'))).body.campaigns).toEqual([body]);
    expect((await json(await f.admin('GET', '/api/v1/campaigns?status=live'))).body.campaigns).toEqual([]);
  });

  it('edits into a new version, keeps a live campaign live, and records every version', async () => {
    const created = (await json(await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN }))).body;
    const edited = await json(await f.admin('PUT', `/api/v1/campaigns/${created.id}`, { ...REMINDERS_CAMPAIGN, status: undefined, priority: 300 }));
    expect(edited).toMatchObject({ status: 200, body: { version: 2, status: 'live', priority: 300 } });
    const paused = await json(await f.admin('POST', `/api/v1/campaigns/${created.id}/pause`));
    expect(paused.body).toMatchObject({ version: 3, status: 'paused' });
    const versions = (await json(await f.admin('GET', `/api/v1/campaigns/${created.id}/versions`))).body.versions;
    expect(versions.map((v: { version: number; change: string; author: string }) => [v.version, v.change, v.author])).toEqual([
      [3, 'paused', 'api'],
      [2, 'updated', 'api'],
      [1, 'created', 'api'],
    ]);
    expect(versions[1].campaign.priority).toBe(300);
    expect(versions[2].campaign.priority).toBe(100);
  });

  it('stops showing a campaign as soon as it is paused, and shows it again once published', async () => {
    const created = (await json(await f.admin('POST', '/api/v1/campaigns', REMINDERS_CAMPAIGN))).body;
    await f.batch([groupEvent()]);
    const shown = async () => (await (await f.decide({ userId: 'u1', accountId: 'acct-1' })).json()).messages.length;
    expect(await shown()).toBe(1);
    await f.admin('POST', `/api/v1/campaigns/${created.id}/pause`);
    expect(await shown()).toBe(0);
    await f.admin('POST', `/api/v1/campaigns/${created.id}/publish`);
    expect(await shown()).toBe(1);
  });

  it('refuses an edit made against an older version (If-Match)', async () => {
    const created = (await json(await f.admin('POST', '/api/v1/campaigns', draft))).body;
    await f.request('PUT', `/api/v1/campaigns/${created.id}`, { ...draft, name: 'First edit' }, { authorization: `Bearer ${f.workspace.secretKey}`, 'if-match': '1' });
    const late = await f.request('PUT', `/api/v1/campaigns/${created.id}`, { ...draft, name: 'Second edit' }, { authorization: `Bearer ${f.workspace.secretKey}`, 'if-match': '"1"' });
    expect(await json(late)).toEqual({
      status: 409,
      body: { error: { code: 'version_conflict', message: 'the campaign changed since version 1 (now 2); reload it and apply your change again', status: 409 } },
    });
  });

  it('archives for good: an archived campaign cannot be published or edited', async () => {
    const created = (await json(await f.admin('POST', '/api/v1/campaigns', draft))).body;
    expect((await json(await f.admin('POST', `/api/v1/campaigns/${created.id}/archive`))).body.status).toBe('archived');
    expect(await json(await f.admin('POST', `/api/v1/campaigns/${created.id}/publish`))).toEqual({
      status: 409,
      body: { error: { code: 'invalid_transition', message: 'an archived campaign cannot be published again; create a new one', status: 409 } },
    });
    expect((await json(await f.admin('PUT', `/api/v1/campaigns/${created.id}`, draft))).body.error.code).toBe('campaign_archived');
    expect((await json(await f.admin('POST', `/api/v1/campaigns/${created.id}/pause`))).status).toBe(409);
  });

  it.each([
    [{ ...draft, kind: 'tooltip' }, 'anchor: a tooltip needs an anchor'],
    [{ ...draft, kind: 'tour' }, 'steps: a tour needs steps'],
    [{ ...draft, kind: 'tour', steps: [{ id: 's1', advanceOnClick: true, content: { title: 'Click Export' } }] }, 'steps[0].advanceOnClick: a step that moves on when its element is clicked needs an anchor'],
    [{ ...draft, holdoutPercent: 95 }, 'holdoutPercent: Too big: expected number to be <=90'],
    [{ ...draft, audience: { type: 'feature', scope: 'account', feature: 'reminders', op: 'count_gte' } }, 'audience.value: this operator compares with a number: add "value"'],
    [{ ...draft, schedule: { startAt: '2026-12-01T00:00:00Z', endAt: '2026-11-01T00:00:00Z' } }, 'schedule.endAt: the schedule must end after it starts'],
    [{ ...draft, frequency: { stopAfter: ['goal'] } }, 'frequency.stopAfter: "goal" needs a goal; set "goal" or remove it'],
    [{ ...draft, content: { title: 'x', body: [{ p: [{ link: 'javascript:alert(1)', text: 'x' }] }] } }, 'content.body[0].p[0].link: links must be https:, mailto: or a same-site path'],
    [{ ...draft, locales: { French: { title: 'Bonjour' } } }, 'locales.French: locale tags look like "fr" or "pt-BR"'],
    [{ ...draft, locales: { 'pt-BR': { title: 'Olá', buttons: [{ id: 'ok', label: '', action: { type: 'dismiss' } }] } } }, 'locales.pt-BR.buttons[0].label: Too small: expected string to have >=1 characters'],
  ])('refuses an invalid campaign with a specific error (%#)', async (body, message) => {
    expect(await json(await f.admin('POST', '/api/v1/campaigns', body))).toEqual({ status: 400, body: { error: { code: 'invalid_campaign', message, status: 400 } } });
  });

  it('answers 404 for a campaign of another workspace, and refuses a bad status filter', async () => {
    const other = await appFixture();
    try {
      const theirs = (await json(await other.admin('POST', '/api/v1/campaigns', draft))).body;
      expect((await json(await f.admin('GET', `/api/v1/campaigns/${theirs.id}`))).body.error).toEqual({
        code: 'campaign_not_found', message: `no campaign ${theirs.id} in this workspace`, status: 404,
      });
      expect((await json(await f.admin('POST', `/api/v1/campaigns/${theirs.id}/pause`))).status).toBe(404);
      expect((await json(await f.admin('GET', `/api/v1/campaigns/${theirs.id}/versions`))).status).toBe(404);
    } finally {
      await other.close();
    }
    expect((await json(await f.admin('GET', '/api/v1/campaigns?status=gone'))).body.error.code).toBe('invalid_query');
  });
});

describe('POST /api/v1/audiences/estimate', () => {
  beforeEach(async () => {
    await f.batch([
      identifyEvent({ userId: 'u1', traits: { role: 'Dentist' } }),
      groupEvent({ userId: 'u1', groupId: 'acct-1', traits: { plan: 'pro' } }),
      groupEvent({ userId: 'u2', groupId: 'acct-1' }),
      groupEvent({ userId: 'u3', groupId: 'acct-2', traits: { plan: 'starter' } }),
      trackEvent({ userId: 'u3', groupId: 'acct-2', event: 'Reminder Scheduled' }),
      groupEvent({ userId: 'u4', groupId: 'acct-3', traits: { plan: 'starter' } }),
    ]);
  });
  const estimate = async (audience: unknown) => json(await f.admin('POST', '/api/v1/audiences/estimate', { audience }));

  it('counts the users and accounts an audience matches now', async () => {
    expect((await estimate({ type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' })).body).toEqual({
      users: 3, accounts: 2, totalUsers: 4, totalAccounts: 3, pageViewConditions: false,
    });
    expect((await estimate({ all: [{ type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'starter' }, { not: { type: 'feature', scope: 'user', feature: 'reminders', op: 'used' } }] })).body)
      .toMatchObject({ users: 1, accounts: 1 });
  });

  it('counts users who could match page, device or locale conditions, and says so', async () => {
    expect((await estimate({ all: [{ type: 'device', in: ['mobile'] }, { type: 'trait', scope: 'user', key: 'role', op: 'eq', value: 'Dentist' }] })).body).toEqual({
      users: 1, accounts: 1, totalUsers: 4, totalAccounts: 3, pageViewConditions: true,
    });
  });

  it('refuses a malformed rule with a specific error', async () => {
    expect(await estimate({ type: 'health', in: ['purple'] })).toEqual({
      status: 400,
      body: { error: { code: 'invalid_audience', message: 'audience.in[0]: Invalid option: expected one of "green"|"yellow"|"red"', status: 400 } },
    });
  });

  it('answers within the console’s live-typing budget on a few thousand users', async () => {
    const users = Array.from({ length: 3000 }, (_, i) =>
      trackEvent({ userId: `bulk-${i}`, groupId: `clinic-${i % 300}`, event: i % 3 ? 'Clicked' : 'Reminder Scheduled' }),
    );
    for (let i = 0; i < users.length; i += 500) await f.batch(users.slice(i, i + 500));
    const started = performance.now();
    const { body } = await estimate({ type: 'feature', scope: 'account', feature: 'reminders', op: 'used' });
    const elapsed = performance.now() - started;
    // Clinics whose number is a multiple of 3 use reminders: a third of the bulk users, plus u3.
    expect(body).toMatchObject({ totalUsers: 3004, users: 1001, accounts: 101 });
    expect(elapsed).toBeLessThan(250);
  });
});
