// The analytics admin API as a CS team's tools use it: definitions with versions, the touch log,
// accounts list / detail / CSV, users, overview and the alert feed; errors and tenant isolation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { npsSurvey } from '../../demo/campaigns.ts';
import { refresherFor } from '../../server/analytics/refresher.ts';
import { REMINDERS_CAMPAIGN } from '../../demo/seed.ts';
import { appFixture, groupEvent, identifyEvent, trackEvent } from './app-fixture.ts';

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('analytics API', () => {
  let f: Awaited<ReturnType<typeof appFixture>>;
  beforeEach(async () => {
    f = await appFixture();
    // acct-1 ("=Risky Clinic", 2 seats) has u1 using reminders today; acct-2 has u2, idle for 40 days.
    await f.batch([
      groupEvent({ groupId: 'acct-1', userId: 'u1', timestamp: ago(1), traits: { name: '=Risky Clinic', seats: 2, contractStart: '2020-01-01' } }),
      trackEvent({ groupId: 'acct-1', userId: 'u1', event: 'Reminder Scheduled', timestamp: ago(0) }),
      groupEvent({ groupId: 'acct-2', userId: 'u2', timestamp: ago(40), traits: { name: 'Quiet Clinic', seats: 5 } }),
    ]);
  });
  afterEach(() => f.close());

  it('lists accounts with stage, health, tiers and contact', async () => {
    const page = await (await f.admin('GET', '/api/v1/accounts?sort=name&order=asc')).json();
    expect(page.total).toBe(2);
    expect(page.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['acct-1', 'acct-2']);
    expect(page.accounts[0]).toMatchObject({ name: '=Risky Clinic', stage: 'onboarded', activeUsers30d: 1, seats: 2, deploymentRate: 0.5, seatTier: 'D', tenureTier: 'd', contact: 'stale' });
    const red = await (await f.admin('GET', '/api/v1/accounts?health=red')).json();
    expect(red.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['acct-2']);
    const bad = await f.admin('GET', '/api/v1/accounts?health=purple');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^health\[0\]:/);
    expect((await f.admin('GET', '/api/v1/accounts?sort=mood')).status).toBe(400);
  });

  it('exports the accounts as CSV that spreadsheets will not execute', async () => {
    const response = await f.admin('GET', '/api/v1/accounts.csv?sort=name&order=asc');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['account_id', 'name', 'journey', 'stage']);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^acct-1,'=Risky Clinic,default,onboarded,/);
  });

  it('names each user of an account by their identify trait, and leaves the name out where there is none', async () => {
    await f.batch([
      identifyEvent({ groupId: 'acct-1', userId: 'u1', traits: { name: 'Ana Pereira', email: 'ana@risky.example' } }),
      trackEvent({ groupId: 'acct-1', userId: 'u3', event: 'Reminder Scheduled', timestamp: ago(0) }),
    ]);
    const detail = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(detail.users.map((u: { userId: string; name: string | null }) => [u.userId, u.name]).sort()).toEqual([['u1', 'Ana Pereira'], ['u3', null]]);
    // And the account's own traits, as group() set them.
    expect(detail.traits).toEqual({ name: '=Risky Clinic', seats: 2, contractStart: '2020-01-01' });
  });

  it('logs CS touches, which make contact recent', async () => {
    const touch = await f.admin('POST', '/api/v1/accounts/acct-1/touches', { channel: 'call', note: 'QBR booked' });
    expect(touch.status).toBe(201);
    const detail = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(detail.account).toMatchObject({ contact: 'recent', lastTouchChannel: 'call', daysSinceTouch: 0 });
    expect(detail.touches).toHaveLength(1);
    expect(detail.users).toMatchObject([{ userId: 'u1', stage: 'onboarded', keyFeaturesUsed: ['reminders'] }]);
    expect(detail.history.at(-1)).toMatchObject({ stage: 'onboarded', healthVersion: 0 });
    expect(detail.featureUse).toEqual([{ feature: 'reminders', day: ago(0).slice(0, 10), count: 1 }]);
    expect(detail.messages).toEqual([]);
    const campaign = await (await f.admin('POST', '/api/v1/campaigns', REMINDERS_CAMPAIGN)).json();
    await f.batch([trackEvent({ groupId: 'acct-1', userId: 'u1', event: 'message_shown', properties: { campaignId: campaign.id, version: 1, kind: 'tooltip' }, timestamp: ago(0) })]);
    const after = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(after.messages).toMatchObject([{ campaignId: campaign.id, userId: 'u1', shows: 1, clickedAt: null }]);

    const bad = await f.admin('POST', '/api/v1/accounts/acct-1/touches', { channel: 'fax' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^channel:/);
    const future = await f.admin('POST', '/api/v1/accounts/acct-1/touches', { channel: 'email', at: ago(-2) });
    expect(future.status).toBe(400);
    expect((await f.admin('POST', '/api/v1/accounts/nope/touches', { channel: 'call' })).status).toBe(404);
  });

  it('versions definitions with who and when, and rejects nonsense with the field named', async () => {
    const health = { components: [{ metric: 'deployment', weight: 1 }, { metric: 'recency', weight: 1 }], thresholds: { green: 60, yellow: 30 } };
    const first = await (await f.admin('PUT', '/api/v1/health', health)).json();
    const second = await (await f.admin('PUT', '/api/v1/health', { ...health, thresholds: { green: 70, yellow: 30 } })).json();
    expect([first.version, second.version]).toEqual([1, 2]);
    const versions = (await (await f.admin('GET', '/api/v1/health/versions')).json()).versions;
    expect(versions.map((v: { version: number; updatedBy: string }) => [v.version, v.updatedBy])).toEqual([[2, 'api'], [1, 'api']]);
    expect((await (await f.admin('GET', '/api/v1/health')).json()).thresholds.green).toBe(70);

    const one = await f.admin('PUT', '/api/v1/health', { ...health, components: [{ metric: 'deployment', weight: 1 }] });
    expect((await one.json()).error.message).toMatch(/^components: use 2 or 3 components/);
    const inverted = await f.admin('PUT', '/api/v1/health', { ...health, thresholds: { green: 30, yellow: 60 } });
    expect((await inverted.json()).error.message).toBe('thresholds.yellow: yellow must be below green');
    const journey = await f.admin('PUT', '/api/v1/journeys/dental', {
      key: 'dental', name: 'Dental', segment: { trait: 'industry', values: ['dental'] },
      stages: [{ key: 'new', name: 'New' }, { key: 'live', name: 'Live', user: [{ users: { stage: 'new', atLeast: 1 } }] }],
      onboardedStage: 'new', adoptedStage: 'gone',
    });
    expect(journey.status).toBe(400);
    expect((await journey.json()).error.message).toMatch(/stages\[1\]\.user\[0\]: only account criteria can count users|adoptedStage: no stage "gone"/);
    const journeys = (await (await f.admin('GET', '/api/v1/journeys')).json()).items;
    expect(journeys.map((j: { key: string; updatedBy: string }) => [j.key, j.updatedBy])).toEqual([['default', 'built-in']]);
  });

  it('previews how a definition change would move accounts, without saving it', async () => {
    const strict = { components: [{ metric: 'deployment', weight: 1 }, { metric: 'recency', weight: 1 }], thresholds: { green: 99, yellow: 98 } };
    const preview = await (await f.admin('POST', '/api/v1/health/preview', strict)).json();
    expect(preview.current.health).toEqual({ green: 1, yellow: 0, red: 1, unknown: 0 });
    expect(preview.proposed.health).toEqual({ green: 0, yellow: 0, red: 2, unknown: 0 });
    expect(preview.changes.map((c: { accountId: string; from: { healthColour: string }; to: { healthColour: string } }) => [c.accountId, c.from.healthColour, c.to.healthColour])).toEqual([['acct-1', 'green', 'red']]);
    expect((await (await f.admin('GET', '/api/v1/health')).json()).version).toBe(0);
    const bad = await f.admin('POST', '/api/v1/health/preview', { ...strict, thresholds: { green: 1 } });
    expect(bad.status).toBe(400);
  });

  it('previews certification levels, alert findings and a feature becoming key', async () => {
    const program = { key: 'pro', name: 'Pro', levels: [{ level: 1, name: 'Level 1', requirements: [{ feature: 'reminders' }] }] };
    const certification = await (await f.admin('POST', '/api/v1/certifications/pro/preview', program)).json();
    expect(certification.current.certifications).toEqual({});
    expect(certification.proposed.certifications).toEqual({ pro: { 'Level 1': 1, none: 1 } });
    const rule = { key: 'idle', name: 'Idle', condition: { type: 'deployment_below', rate: 0.3 } };
    const alerts = await (await f.admin('POST', '/api/v1/alert-rules/idle/preview', rule)).json();
    expect([alerts.current.alerts, alerts.proposed.alerts]).toEqual([{}, { idle: 1 }]);
    // A second key feature nobody used halves acct-1's breadth: 100 → 50 in its health.
    const payments = { key: 'payments', name: 'Payments', isKey: true, rule: { type: 'event', event: 'Payment Collected' } };
    const feature = await (await f.admin('POST', '/api/v1/features/payments/preview', payments)).json();
    expect(feature.changes.map((c: { accountId: string; from: { healthScore: number }; to: { healthScore: number } }) => [c.accountId, c.from.healthScore, c.to.healthScore])).toEqual([['acct-1', 80, 60]]);
    expect((await (await f.admin('GET', '/api/v1/features')).json()).features.map((x: { key: string }) => x.key)).toEqual(['reminders']);
  });

  it('ranks an account\'s users on each certification program', async () => {
    await f.batch([
      trackEvent({ groupId: 'acct-1', userId: 'u3', event: 'Reminder Scheduled', timestamp: ago(0) }),
      trackEvent({ groupId: 'acct-1', userId: 'u3', event: 'Reminder Scheduled', timestamp: ago(1) }),
      groupEvent({ groupId: 'acct-1', userId: 'u5', timestamp: ago(0) }),
    ]);
    await f.admin('PUT', '/api/v1/certifications/pro', {
      key: 'pro', name: 'Pro',
      levels: [{ level: 2, name: 'Level 2', requirements: [{ feature: 'reminders' }] }, { level: 1, name: 'Level 1', requirements: [{ feature: 'reminders', minDays: 2 }] }],
    });
    await f.admin('POST', '/api/v1/accounts/acct-1/touches', { channel: 'chat' });
    const detail = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(detail.leaderboards).toEqual([{
      program: 'pro', programName: 'Pro',
      users: [
        { userId: 'u3', level: 1, levelName: 'Level 1', nextLevel: null, progress: 1 },
        { userId: 'u1', level: 2, levelName: 'Level 2', nextLevel: 1, progress: 0.5 },
        { userId: 'u5', level: null, levelName: null, nextLevel: 2, progress: 0 },
      ],
    }]);
    const user = await (await f.admin('GET', '/api/v1/users/u3')).json();
    expect(user.awards.map((a: { level: number }) => a.level)).toEqual([2, 1]);
  });

  it('reports a user: stage, features and breadth', async () => {
    const user = await (await f.admin('GET', '/api/v1/users/u1')).json();
    expect(user).toMatchObject({ userId: 'u1', accountId: 'acct-1', accountName: '=Risky Clinic', stage: 'onboarded', breadth: 1, features: [{ feature: 'reminders', uses: 1, activeDays: 1 }] });
    expect((await f.admin('GET', '/api/v1/users/ghost')).status).toBe(404);
  });

  it('finds users by part of their id, lists the most recently seen without one, and refuses an overlong search', async () => {
    const found = await (await f.admin('GET', '/api/v1/users?q=U1&limit=5')).json();
    expect(found.users.map((u: { userId: string }) => u.userId)).toContain('u1');
    expect(found.users[0]).toMatchObject({ accountId: expect.any(String) });
    // No text: the most recently seen.
    const recent = (await (await f.admin('GET', '/api/v1/users?limit=2')).json()).users;
    expect(recent).toHaveLength(2);
    expect(recent[0].lastSeen >= recent[1].lastSeen).toBe(true);
    const refused = await f.admin('GET', `/api/v1/users?q=${'x'.repeat(201)}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^q: /) });
  });

  it('exports everything about a user as a JSON download', async () => {
    const res = await f.admin('GET', '/api/v1/users/u1/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="user-u1.json"');
    const data = await res.json();
    expect(data).toMatchObject({ userId: 'u1', accounts: [{ accountId: 'acct-1' }], featureUse: [{ feature: 'reminders', uses: 1 }] });
    expect(data.events.length).toBeGreaterThan(0);
    expect(data.events.every((e: { accountId: string | null }) => e.accountId === 'acct-1')).toBe(true);
    expect((await f.admin('GET', '/api/v1/users/ghost/export')).status).toBe(404);
  });

  it('erases a user on request: their page is gone, their account is evaluated again without them', async () => {
    const before = (await (await f.admin('GET', '/api/v1/accounts/acct-1')).json()).users.map((u: { userId: string }) => u.userId);
    expect(before).toContain('u1');
    const erased = await f.admin('DELETE', '/api/v1/users/u1');
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ userId: 'u1', accounts: ['acct-1'], anonymousIds: 0 });
    expect((await f.admin('GET', '/api/v1/users/u1')).status).toBe(404);
    const after = (await (await f.admin('GET', '/api/v1/accounts/acct-1')).json()).users.map((u: { userId: string }) => u.userId);
    expect(after).toEqual(before.filter((id: string) => id !== 'u1'));
    const again = await f.admin('DELETE', '/api/v1/users/u1');
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('user_not_found');
  });

  it('exports everything about an account as a JSON download', async () => {
    const res = await f.admin('GET', '/api/v1/accounts/acct-1/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="account-acct-1.json"');
    const data = await res.json();
    expect(data).toMatchObject({ accountId: 'acct-1', traits: { name: '=Risky Clinic' } });
    expect(data.users.map((u: { userId: string }) => u.userId)).toContain('u1');
    expect(data.events.length).toBeGreaterThan(0);
    expect(data.events.every((e: { accountId: string }) => e.accountId === 'acct-1')).toBe(true);
    expect((await f.admin('GET', '/api/v1/accounts/ghost/export')).status).toBe(404);
  });

  it('erases an account on request: gone from the list, its only users with it', async () => {
    const before = (await (await f.admin('GET', '/api/v1/accounts')).json()).accounts.map((a: { accountId: string }) => a.accountId);
    const members = (await (await f.admin('GET', '/api/v1/accounts/acct-2')).json()).users.map((u: { userId: string }) => u.userId);
    expect(members.length).toBeGreaterThan(0);
    const erased = await f.admin('DELETE', '/api/v1/accounts/acct-2');
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ accountId: 'acct-2', usersErased: members, usersUnlinked: [] });
    expect((await f.admin('GET', '/api/v1/accounts/acct-2')).status).toBe(404);
    for (const userId of members) expect((await f.admin('GET', `/api/v1/users/${userId}`)).status).toBe(404);
    expect((await (await f.admin('GET', '/api/v1/accounts')).json()).accounts.map((a: { accountId: string }) => a.accountId)).toEqual(before.filter((id: string) => id !== 'acct-2'));
    expect((await (await f.admin('DELETE', '/api/v1/accounts/acct-2')).json()).error.code).toBe('account_not_found');
  });

  it('raises alerts into a feed CS acknowledges and resolves, and tells webhooks', async () => {
    const hook = await (await f.admin('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['alert.raised', 'alert.resolved'] })).json();
    await f.admin('PUT', '/api/v1/alert-rules/idle', { key: 'idle', name: 'Deployment below 30%', condition: { type: 'deployment_below', rate: 0.3 } });
    await f.admin('POST', '/api/v1/accounts/acct-2/touches', { channel: 'call' }); // forces a refresh of acct-2 too
    const feed = await (await f.admin('GET', '/api/v1/alerts')).json();
    expect(feed.alerts.map((a: { subjectId: string; message: string }) => [a.subjectId, a.message])).toEqual([['acct-2', 'deployment rate 0% is below 30%']]);
    expect(feed.rules).toEqual([{ rule: 'idle', count: 1 }]);
    expect((await (await f.admin('GET', '/api/v1/alerts?rule=idle')).json()).total).toBe(1);
    expect((await (await f.admin('GET', '/api/v1/alerts?rule=other')).json()).total).toBe(0);
    const refused = await f.admin('GET', '/api/v1/alerts?rule=Not%20a%20key');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('rule') });
    // The account's name trait comes with it, in the feed and in the overview's open alerts.
    expect(feed.alerts[0]).toMatchObject({ subjectKind: 'account', subjectName: 'Quiet Clinic' });
    expect((await (await f.admin('GET', '/api/v1/overview')).json()).alerts).toMatchObject({ open: 1, latest: [{ subjectId: 'acct-2', subjectName: 'Quiet Clinic' }], byRule: [{ rule: 'idle', count: 1 }] });
    const id = feed.alerts[0].id;
    expect((await (await f.admin('POST', `/api/v1/alerts/${id}/acknowledge`)).json()).status).toBe('acknowledged');
    expect((await (await f.admin('POST', `/api/v1/alerts/${id}/resolve`)).json()).status).toBe('resolved');
    expect((await f.admin('POST', `/api/v1/alerts/${id}/resolve`)).status).toBe(409);
    const deliveries = (await (await f.admin('GET', `/api/v1/webhooks/${hook.id}/deliveries`)).json()).deliveries;
    expect(deliveries.map((d: { type: string }) => d.type).sort()).toEqual(['alert.raised', 'alert.resolved']);
    // The raised event names the account, so a receiver (a Slack channel) can say whose it is.
    const raised = await f.store.sql.get<{ body: string }>("SELECT body FROM webhook_deliveries WHERE type = 'alert.raised' AND workspace_id = ?", [f.workspace.id]);
    expect(JSON.parse(raised!.body).data).toMatchObject({ rule: 'idle', subjectKind: 'account', subjectId: 'acct-2', subjectName: 'Quiet Clinic', message: 'deployment rate 0% is below 30%' });
    const resolved = await f.store.sql.get<{ body: string }>("SELECT body FROM webhook_deliveries WHERE type = 'alert.resolved' AND workspace_id = ?", [f.workspace.id]);
    expect(JSON.parse(resolved!.body).data).toEqual({ id, rule: 'idle', subjectKind: 'account', subjectId: 'acct-2', subjectName: 'Quiet Clinic', resolvedBy: 'api' });
  });

  it('tells webhooks when an alert clears by itself, naming the account', async () => {
    await f.admin('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['alert.resolved'] });
    await f.admin('PUT', '/api/v1/alert-rules/untouched', { key: 'untouched', name: 'No CS touch', condition: { type: 'no_touch', days: 30 } });
    const open = (await (await f.admin('GET', '/api/v1/alerts?rule=untouched')).json()).alerts;
    expect(open.map((a: { subjectId: string }) => a.subjectId)).toContain('acct-2');
    await f.admin('POST', '/api/v1/accounts/acct-2/touches', { channel: 'call' });
    const left = (await (await f.admin('GET', '/api/v1/alerts?rule=untouched')).json()).alerts;
    expect(left.map((a: { subjectId: string }) => a.subjectId)).not.toContain('acct-2');
    const sent = await f.store.sql.all<{ body: string }>("SELECT body FROM webhook_deliveries WHERE type = 'alert.resolved' AND workspace_id = ?", [f.workspace.id]);
    expect(sent.map((d) => JSON.parse(d.body).data)).toEqual([
      { id: open.find((a: { subjectId: string }) => a.subjectId === 'acct-2').id, rule: 'untouched', subjectKind: 'account', subjectId: 'acct-2', subjectName: 'Quiet Clinic', resolvedBy: 'system' },
    ]);
  });

  it('acknowledges every open alert of one rule at once, and only those', async () => {
    await f.admin('PUT', '/api/v1/alert-rules/quiet', { key: 'quiet', name: 'Nobody deployed', condition: { type: 'deployment_below', rate: 1 } });
    await f.admin('PUT', '/api/v1/alert-rules/idle', { key: 'idle', name: 'Deployment below 30%', condition: { type: 'deployment_below', rate: 0.3 } });
    const feed = async (query: string) => (await (await f.admin('GET', `/api/v1/alerts?${query}`)).json()).total;
    const quiet = await feed('status=open&rule=quiet');
    expect(quiet).toBeGreaterThan(1);
    expect(await feed('status=open&rule=idle')).toBe(1);

    const done = await f.admin('POST', '/api/v1/alerts/acknowledge', { rule: 'quiet' });
    expect(await done.json()).toEqual({ rule: 'quiet', acknowledged: quiet });
    expect(await feed('status=open&rule=quiet')).toBe(0);
    expect(await feed('status=acknowledged&rule=quiet')).toBe(quiet);
    expect(await feed('status=open&rule=idle')).toBe(1);

    const refused = await f.admin('POST', '/api/v1/alerts/acknowledge', {});
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 'invalid_acknowledge', message: expect.stringContaining('rule') });
  });

  it("lists an account's single-choice survey answers of the last 90 days by the option's label", async () => {
    const survey = await (await f.admin('POST', '/api/v1/campaigns', {
      name: 'Reminder channel', kind: 'survey', status: 'live', content: { title: 'How should reminders reach patients?' },
      question: { type: 'choice', options: [{ id: 'sms', label: 'Text message' }, { id: 'email', label: 'Email' }] },
    })).json();
    const answer = (userId: string, groupId: string, choice: string, days: number, comment?: string) =>
      trackEvent({ userId, groupId, event: 'survey_answered', timestamp: ago(days), properties: { campaignId: survey.id, choice, ...(comment ? { comment } : {}) } });
    await f.batch([answer('u1', 'acct-1', 'sms', 2, 'Patients read texts'), answer('u3', 'acct-1', 'email', 120), answer('u2', 'acct-2', 'email', 1)]);
    const { choices } = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(choices).toEqual([{ campaignId: survey.id, visitorId: 'u1', choice: 'sms', choiceLabel: 'Text message', comment: 'Patients read texts', answeredAt: expect.any(String) }]);
  });

  it('raises one alert per user who gives a low score, in their words, and keeps the scores with the account', async () => {
    await f.admin('PUT', '/api/v1/alert-rules/low', { key: 'low', name: 'Low NPS', condition: { type: 'low_score' } });
    const survey = await (await f.admin('POST', '/api/v1/campaigns', npsSurvey(new Date()))).json();
    const answer = (userId: string, groupId: string, score: number, days: number, comment?: string, campaignId = survey.id) =>
      trackEvent({ userId, groupId, event: 'survey_answered', timestamp: ago(days), properties: { campaignId, score, ...(comment ? { comment } : {}) } });
    await f.batch([
      identifyEvent({ userId: 'u1', traits: { name: 'Ana Silva' }, timestamp: ago(3) }),
      answer('u1', 'acct-1', 3, 2, 'Booking is slow on Mondays'),
      answer('u3', 'acct-1', 10, 1),
      answer('u2', 'acct-2', 4, 40), // a detractor, but longer ago than the rule's 30 days
    ]);
    const low = async () => (await (await f.admin('GET', '/api/v1/alerts')).json()).alerts.filter((a: { rule: string }) => a.rule === 'low');
    expect((await low()).map((a: { subjectId: string; message: string }) => [a.subjectId, a.message])).toEqual([['acct-1', 'Ana Silva answered 3 out of 10: “Booking is slow on Mondays”']]);

    // The same person unhappy again is the same problem: no second alert.
    const second = await (await f.admin('POST', '/api/v1/campaigns', { ...npsSurvey(new Date()), name: 'NPS again' })).json();
    await f.batch([answer('u1', 'acct-1', 1, 0, undefined, second.id)]);
    expect(await low()).toHaveLength(1);

    const { account } = await (await f.admin('GET', '/api/v1/accounts/acct-1')).json();
    expect(account.nps).toEqual({ responses: 3, promoters: 1, passives: 0, detractors: 2, score: -33.3 });
    expect(account.scores.map((s: { visitorId: string; score: number; comment: string | null; days: number }) => [s.visitorId, s.score, s.comment, s.days])).toEqual([
      ['u1', 1, null, 0],
      ['u3', 10, null, 1],
      ['u1', 3, 'Booking is slow on Mondays', 2],
    ]);
    const quiet = (await (await f.admin('GET', '/api/v1/accounts/acct-2')).json()).account;
    expect(quiet.nps).toMatchObject({ responses: 1, detractors: 1 });
    // The unhappiest first, in the list and in the CSV.
    const list = await (await f.admin('GET', '/api/v1/accounts?sort=nps&order=asc')).json();
    expect(list.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['acct-2', 'acct-1']);
    const csv = (await (await f.admin('GET', '/api/v1/accounts.csv?sort=nps&order=asc')).text()).trim().split('\n');
    const column = csv[0]!.split(',').indexOf('nps_90d');
    expect(csv.slice(1).map((line) => line.split(',')[column])).toEqual(['-100', '-33.3']);

    // The workspace's NPS over every answer of 90 days, and the latest unhappy words with who said them where.
    const { nps } = await (await f.admin('GET', '/api/v1/overview')).json();
    expect(nps.summary).toEqual({ responses: 4, promoters: 1, passives: 0, detractors: 3, score: -50 });
    expect(nps.detractors).toEqual([
      { accountId: 'acct-1', accountName: '=Risky Clinic', visitorId: 'u1', name: 'Ana Silva', score: 3, comment: 'Booking is slow on Mondays', answeredAt: expect.any(String) },
    ]);
  });

  it('aims campaigns at promoters or detractors by their latest score, and explain says what it was', async () => {
    const survey = await (await f.admin('POST', '/api/v1/campaigns', npsSurvey(new Date()))).json();
    const review = await (await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, name: 'Review us', audience: { type: 'score', op: 'gte', value: 9 } })).json();
    const help = await (await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, name: 'Can we help?', audience: { type: 'score', op: 'lte', value: 6 } })).json();
    const answer = (userId: string, score: number) =>
      trackEvent({ userId, groupId: 'acct-1', event: 'survey_answered', timestamp: ago(1), properties: { campaignId: survey.id, score } });
    await f.batch([answer('u1', 10), answer('u3', 2)]);
    await refresherFor(f.store).fresh();
    const shown = async (userId: string) => (await (await f.decide({ userId })).json()).messages.map((m: { campaignId: string }) => m.campaignId);
    expect(await shown('u1')).toEqual([review.id]);
    expect(await shown('u3')).toEqual([help.id]);
    expect(await shown('u2')).toEqual([]);
    const audience = (await (await f.admin('GET', `/api/v1/campaigns/${review.id}/explain?userId=u3`)).json()).rules.find((r: { rule: string }) => r.rule === 'audience');
    expect(audience).toMatchObject({ passed: false, conditions: [{ passed: false, reason: expect.stringMatching(/^latest survey score is 2, on \d{4}-\d\d-\d\d \(wants at least 9\)$/) }] });
    // And the reach estimate counts them before anyone is shown anything.
    const estimate = await (await f.admin('POST', '/api/v1/audiences/estimate', { audience: { type: 'score', op: 'lte', value: 6 } })).json();
    expect(estimate.users).toBe(1);
  });

  it('names the campaign whose anchor keeps failing, in the feed and the overview', async () => {
    await f.admin('PUT', '/api/v1/alert-rules/anchor', { key: 'anchor', name: 'Anchor failing', condition: { type: 'anchor_failing', count: 3, withinHours: 24 } });
    const campaign = await (await f.admin('POST', '/api/v1/campaigns', REMINDERS_CAMPAIGN)).json();
    const missing = () => trackEvent({ event: 'anchor_missing', properties: { campaignId: campaign.id, selector: '#reminders' }, timestamp: ago(0) });
    await f.batch([missing(), missing(), missing()]);
    const feed = await (await f.admin('GET', '/api/v1/alerts')).json();
    expect(feed.alerts).toMatchObject([{ subjectKind: 'campaign', subjectId: campaign.id, subjectName: REMINDERS_CAMPAIGN.name, message: 'anchor #reminders missing 3 times in 24 h' }]);
    expect((await (await f.admin('GET', '/api/v1/overview')).json()).alerts.latest).toMatchObject([{ subjectId: campaign.id, subjectName: REMINDERS_CAMPAIGN.name }]);
  });

  it('pauses a live campaign whose anchor keeps failing when the rule says so, as a version saved by the rule', async () => {
    await f.admin('PUT', '/api/v1/alert-rules/anchor-pause', { key: 'anchor-pause', name: 'Anchor failing: pause', condition: { type: 'anchor_failing', count: 2, withinHours: 24, pause: true } });
    const live = await (await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, name: 'Live nudge' })).json();
    const draft = await (await f.admin('POST', '/api/v1/campaigns', { ...REMINDERS_CAMPAIGN, name: 'Draft nudge', status: 'draft' })).json();
    const missing = (campaignId: string) => trackEvent({ event: 'anchor_missing', properties: { campaignId, selector: '#gone' }, timestamp: ago(0) });
    await f.batch([missing(live.id), missing(draft.id)]);
    expect((await (await f.admin('GET', `/api/v1/campaigns/${live.id}`)).json()).status).toBe('live'); // one miss is not yet the rule's two
    await f.batch([missing(live.id), missing(draft.id)]);

    const alerts = (await (await f.admin('GET', '/api/v1/alerts')).json()).alerts.filter((a: { rule: string }) => a.rule === 'anchor-pause');
    const byName = Object.fromEntries(alerts.map((a: { subjectName: string; message: string }) => [a.subjectName, a.message]));
    expect(byName).toEqual({ 'Live nudge': 'anchor #gone missing 2 times in 24 h; campaign paused', 'Draft nudge': 'anchor #gone missing 2 times in 24 h' });
    expect((await (await f.admin('GET', `/api/v1/campaigns/${live.id}`)).json()).status).toBe('paused');
    expect((await (await f.admin('GET', `/api/v1/campaigns/${draft.id}`)).json()).status).toBe('draft');
    const versions = (await (await f.admin('GET', `/api/v1/campaigns/${live.id}/versions`)).json()).versions;
    expect(versions[0]).toMatchObject({ version: 2, change: 'paused', author: 'alert rule anchor-pause' });

    // Published again after the fix, it stays live while that alert is open: one pause per alert.
    await f.admin('POST', `/api/v1/campaigns/${live.id}/publish`);
    await f.batch([missing(live.id), missing(live.id)]);
    expect((await (await f.admin('GET', `/api/v1/campaigns/${live.id}`)).json()).status).toBe('live');
  });

  it('gives the success equation and coverage in the overview', async () => {
    const o = await (await f.admin('GET', '/api/v1/overview')).json();
    expect(o.successEquation).toMatchObject({ customers: 2, onboarded: 1, adopted: 0, onboardingRate: 0.5, adoptionRate: 0, successfulCustomers: 0 });
    expect(o.coverage).toMatchObject({ activeAccounts: 1, touchedAccounts: 0, rate: 0 });
  });

  it('keeps tenants apart', async () => {
    const other = await f.store.createWorkspace('Other tenant');
    const as = (path: string, init: RequestInit = {}) => f.app.request(path, { ...init, headers: { authorization: `Bearer ${other.secretKey}`, 'content-type': 'application/json' } });
    expect((await as('/api/v1/accounts/acct-1')).status).toBe(404);
    expect((await as('/api/v1/users/u1')).status).toBe(404);
    expect((await (await as('/api/v1/accounts')).json()).total).toBe(0);
    expect((await as('/api/v1/accounts/acct-1/touches', { method: 'POST', body: JSON.stringify({ channel: 'call' }) })).status).toBe(404);
    const feed = await (await f.admin('GET', '/api/v1/alerts?status=all')).json();
    if (feed.alerts[0]) expect((await as(`/api/v1/alerts/${feed.alerts[0].id}/resolve`, { method: 'POST' })).status).toBe(404);
  });
});
