// Finding, exporting and erasing a user, and exporting and erasing an account, on SQLite and PostgreSQL: the export holds everything about the
// person and nothing about anyone else; after erasure nothing that names or follows them is left,
// their account's feature use is unchanged, other people and workspaces are untouched, and an old
// batch retried afterwards brings nothing back.
import { describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { exportAccount } from '../../server/routes/admin/account-export.ts';
import { exportUser } from '../../server/routes/admin/user-export.ts';
import { searchUsers } from '../../server/routes/admin/user-search.ts';
import { eraseAccount } from '../../server/store/erase-account.ts';
import { eraseUser, eraseUsers } from '../../server/store/erase-user.ts';
import { createWebhook } from '../../server/webhooks/registry.ts';
import { NOW } from '../analytics/fixture-log.ts';
import { campaign, DAY_1, DAY_2, eachStore, group, identify, message, reminder, track } from './fixtures.ts';

eachStore('%s store: erasing a user', (ctx) => {
  /** Every row of the workspace that mentions `who` anywhere, table by table. */
  async function traces(ws: string, who: string): Promise<Record<string, number>> {
    const tables = ['users', 'accounts', 'account_metrics', 'account_snapshots', 'touches', 'account_users', 'feature_usage', 'feature_days', 'user_metrics', 'certifications', 'message_states', 'goal_marks',
      'visitor_throttles', 'survey_answers', 'account_caps', 'account_cap_users', 'ingest_problems', 'alerts', 'webhook_deliveries', 'events'];
    const found: Record<string, number> = {};
    for (const table of tables) {
      // Every column as text: a row mentions them when any of its values holds the id.
      const rows = await ctx.store.sql.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE workspace_id = ?`, [ws]);
      const n = rows.filter((row) => Object.values(row).some((v) => v !== null && (typeof v === 'object' ? JSON.stringify(v) : String(v)).includes(who))).length;
      if (n) found[table] = n;
    }
    return found;
  }
  const accountUse = (ws: string) =>
    ctx.store.sql.all("SELECT feature_key, count, active_days FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'account' ORDER BY feature_key", [ws]);

  it('leaves nothing that names or follows the person, and keeps their account’s feature use', async () => {
    const ws = ctx.ws.id;
    const nps = await ctx.store.createCampaign(ws, { ...campaign('NPS', 'live'), kind: 'survey', anchor: undefined, question: { type: 'nps' } });
    await createWebhook(ctx.store.sql, ws, { url: 'https://hooks.example/nps', events: ['survey.answered'], description: '' }, DAY_1);
    const batch = [
      track({ userId: null, anonymousId: 'anon-ana', properties: { plan: 'trial' } }, { at: DAY_1 }),
      identify({ userId: 'ana', anonymousId: 'anon-ana', traits: { name: 'Ana Silva', email: 'ana@maple.example' } }, { at: DAY_1 }),
      group({ userId: 'ana', groupId: 'acct-1', traits: { name: 'Maple Dental' } }, { at: DAY_1 }),
      reminder({ userId: 'ana', groupId: 'acct-1', context: { page: { url: 'https://app.example/ana' } } }, DAY_2),
      message('message_shown', { campaignId: nps.id }, { userId: 'ana' }, DAY_2),
      message('survey_answered', { campaignId: nps.id, score: 3, comment: 'Ana hates Mondays' }, { userId: 'ana' }, DAY_2),
      { ...track({ userId: 'ana', event: 'Invoice Sent' }, { at: DAY_2 }), goals: [{ campaignId: nps.id, goal: 'event:Invoice Sent' }] },
      reminder({ userId: 'ben', groupId: 'acct-1' }, DAY_2),
    ];
    await ctx.store.ingest(ws, batch);
    const reservation = { campaignId: 'c-capped', visitorId: 'ana', accountId: 'acct-1', throttled: true, at: DAY_2 };
    expect(await ctx.store.reserveShows(ws, [reservation], () => true)).toEqual([true]);
    await refreshAnalytics(ctx.store, { now: NOW, full: true });
    await ctx.store.recordHoldouts(ws, [{ campaignId: 'c-held', visitorId: 'ana', accountId: 'acct-1', reason: 'global', at: DAY_2 }]);
    await ctx.store.recordIngestProblems(ws, [{ at: DAY_2, code: 'invalid_event', message: 'bad', path: null, visitor: 'ana', event: '{"userId":"ana"}' }]);
    await ctx.store.sql.batch([[
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, 'a1', 'low-score', 'low-score:ana', 'account', 'acct-1', 'Ana Silva answered 3', ?, 'open', ?, ?)`,
      [ws, JSON.stringify({ visitor: 'ana', score: 3 }), DAY_2, DAY_2],
    ]]);
    const other = await ctx.store.createWorkspace(`Other ${ws}`);
    await ctx.store.ingest(other.id, [reminder({ userId: 'ana', groupId: 'acct-1' }, DAY_2)]);
    const useBefore = await accountUse(ws);
    const eventsBefore = await ctx.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE workspace_id = ?', [ws]);
    expect(Object.keys(await traces(ws, 'ana'))).toEqual([
      'users', 'account_metrics', 'account_users', 'feature_usage', 'feature_days', 'user_metrics', 'message_states', 'goal_marks', 'visitor_throttles', 'survey_answers',
      'account_caps', 'account_cap_users', 'ingest_problems', 'alerts', 'webhook_deliveries', 'events',
    ]);

    // What an export hands the person: theirs, from before they signed in too, and nobody else's.
    const exported = await exportUser(ctx.store.sql, ws, 'ana', await ctx.store.listCampaigns(ws), new Date(DAY_2));
    expect(exported).toMatchObject({
      exportedAt: DAY_2, userId: 'ana', traits: { name: 'Ana Silva', email: 'ana@maple.example' }, accounts: [{ accountId: 'acct-1' }],
      featureUse: [{ feature: 'reminders', uses: 1, activeDays: 1 }],
      guidance: expect.arrayContaining([expect.objectContaining({ campaignId: nps.id, answer: expect.objectContaining({ score: 3, comment: 'Ana hates Mondays' }) })]),
    });
    expect(exported!.events.map((e) => [e.type, e.event, e.anonymousId])).toEqual([
      ['track', 'Clicked', 'anon-ana'], ['identify', null, 'anon-ana'], ['group', null, null], ['track', 'Reminder Scheduled', null],
      ['track', 'message_shown', null], ['track', 'survey_answered', null], ['track', 'Invoice Sent', null],
    ]);
    expect(exported!.events[3]!.context).toMatchObject({ page: { url: 'https://app.example/ana' } });
    expect(exported!.events[0]!.properties).toEqual({ plan: 'trial' });
    expect(JSON.stringify(exported)).not.toContain('ben');

    const erased = await eraseUser(ctx.store.sql, ws, 'ana');
    expect(erased).toEqual({ userId: 'ana', events: 7, anonymousIds: 1, accounts: ['acct-1'] });
    expect(await ctx.store.sql.get('SELECT count(*) AS n FROM analytics_dirty WHERE workspace_id = ? AND subject_id = ?', [ws, 'acct-1'])).toMatchObject({ n: 1 });
    // Their account's metrics quote their survey score until it is evaluated again, which the
    // erasure asked for (the API waits for it before answering).
    await refreshAnalytics(ctx.store, { now: NOW });
    expect(await traces(ws, 'ana')).toEqual({});
    expect(await traces(ws, 'Ana')).toEqual({});
    // The account keeps every use, and the log every event, de-identified.
    expect(await accountUse(ws)).toEqual(useBefore);
    expect(await ctx.store.sql.get('SELECT count(*) AS n FROM events WHERE workspace_id = ?', [ws])).toEqual(eventsBefore);
    // Ben, and the other workspace's "ana", are untouched.
    expect((await ctx.store.loadProfile(ws, { userId: 'ben' })).userFeatures['reminders']?.count).toBe(1);
    expect((await ctx.store.loadProfile(other.id, { userId: 'ana' })).userFeatures['reminders']?.count).toBe(1);

    // A browser retrying the old batch is told "duplicate", and brings no one back.
    expect(await ctx.store.ingest(ws, batch)).toEqual({ accepted: 0, duplicates: batch.length });
    expect(await traces(ws, 'ana')).toEqual({});
    expect(await eraseUser(ctx.store.sql, ws, 'ana')).toBeNull();
    expect(await exportUser(ctx.store.sql, ws, 'ana', [])).toBeNull();
  });

  it('erases an account: its only-here people with it, others keep their user data, other accounts untouched', async () => {
    const ws = ctx.ws.id;
    const batch = [
      group({ userId: 'only-here', groupId: 'acct-gone', traits: { name: 'Gone Dental' } }, { at: DAY_1 }),
      group({ userId: 'consultant', groupId: 'acct-gone' }, { at: DAY_1 }),
      group({ userId: 'consultant', groupId: 'acct-stays', traits: { name: 'Stays Dental' } }, { at: DAY_1 }),
      reminder({ userId: 'only-here', groupId: 'acct-gone' }, DAY_2),
      reminder({ userId: 'consultant', groupId: 'acct-gone' }, DAY_2),
      reminder({ userId: 'consultant', groupId: 'acct-stays' }, DAY_2),
      message('survey_answered', { campaignId: 's1', score: 2, comment: 'Gone Dental is leaving' }, { userId: 'consultant', groupId: 'acct-gone' }, DAY_2),
    ];
    await ctx.store.ingest(ws, batch);
    await refreshAnalytics(ctx.store, { now: NOW, full: true });
    await ctx.store.sql.batch([[
      'INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [ws, 't1', 'acct-gone', 'call', 'Renewal call: they are leaving', DAY_2, 'cs@example.com', DAY_2],
    ]]);
    const staysBefore = await ctx.store.loadProfile(ws, { accountId: 'acct-stays' });
    const eventsBefore = await ctx.store.sql.get('SELECT count(*) AS n FROM events WHERE workspace_id = ?', [ws]);
    expect(Object.keys(await traces(ws, 'acct-gone'))).toEqual(expect.arrayContaining(['account_users', 'feature_usage', 'events', 'survey_answers', 'touches']));

    // What the leaving customer takes with them first: its record, its people and its events.
    const exported = await exportAccount(ctx.store.sql, ws, 'acct-gone', new Date(DAY_2));
    expect(exported).toMatchObject({
      exportedAt: DAY_2, accountId: 'acct-gone', traits: { name: 'Gone Dental' }, metrics: { accountId: 'acct-gone', name: 'Gone Dental' },
      touches: [{ id: 't1', channel: 'call', note: 'Renewal call: they are leaving' }],
      featureUse: [{ feature: 'reminders', uses: 2 }],
      users: [{ userId: 'consultant' }, { userId: 'only-here' }],
      surveyAnswers: [{ userId: 'consultant', score: 2, comment: 'Gone Dental is leaving' }],
    });
    expect(exported!.events.map((e) => [e.userId, e.type, e.event])).toEqual([
      ['only-here', 'group', null], ['consultant', 'group', null], ['only-here', 'track', 'Reminder Scheduled'], ['consultant', 'track', 'Reminder Scheduled'],
      ['consultant', 'track', 'survey_answered'],
    ]);
    expect(JSON.stringify(exported)).not.toContain('acct-stays');
    expect(await exportAccount(ctx.store.sql, ws, 'acct-nowhere')).toBeNull();

    const erased = await eraseAccount(ctx.store.sql, ws, 'acct-gone');
    expect(erased).toEqual({ accountId: 'acct-gone', usersErased: ['only-here'], usersUnlinked: ['consultant'], events: 5 });
    expect(await traces(ws, 'acct-gone')).toEqual({});
    expect(await traces(ws, 'Gone Dental')).toEqual({});
    expect(await traces(ws, 'only-here')).toEqual({});
    expect(await ctx.store.sql.get('SELECT count(*) AS n FROM accounts WHERE workspace_id = ? AND account_id = ?', [ws, 'acct-gone'])).toMatchObject({ n: 0 });
    // The consultant stays, in the other clinic only, with all their own feature use.
    const consultant = await ctx.store.loadProfile(ws, { userId: 'consultant' });
    expect(consultant).toMatchObject({ accountId: 'acct-stays', userFeatures: { reminders: { count: 2 } } });
    expect(await ctx.store.loadProfile(ws, { accountId: 'acct-stays' })).toEqual(staysBefore);
    expect(await ctx.store.sql.get('SELECT count(*) AS n FROM events WHERE workspace_id = ?', [ws])).toEqual(eventsBefore);
    expect(await ctx.store.ingest(ws, batch)).toEqual({ accepted: 0, duplicates: batch.length });
    expect(await traces(ws, 'acct-gone')).toEqual({});
    expect(await eraseAccount(ctx.store.sql, ws, 'acct-gone')).toBeNull();
  });

  it('erases several people in one pass, each counted apart, skipping ids it does not know', async () => {
    const ws = ctx.ws.id;
    await ctx.store.ingest(ws, [
      track({ userId: null, anonymousId: 'anon-a' }, { at: DAY_1 }),
      identify({ userId: 'a', anonymousId: 'anon-a' }, { at: DAY_1 }),
      reminder({ userId: 'a', groupId: 'acct-1' }, DAY_2),
      reminder({ userId: 'b', groupId: 'acct-2' }, DAY_2),
      reminder({ userId: 'c' }, DAY_2),
    ]);
    expect(await eraseUsers(ctx.store.sql, ws, ['a', 'b', 'nobody'])).toEqual([
      { userId: 'a', events: 3, anonymousIds: 1, accounts: ['acct-1'] },
      { userId: 'b', events: 1, anonymousIds: 0, accounts: ['acct-2'] },
    ]);
    for (const who of ['anon-a', '"a"', '"b"']) expect(await traces(ws, who)).toEqual({});
    expect((await ctx.store.loadProfile(ws, { userId: 'c' })).userFeatures['reminders']?.count).toBe(1);
  });

  it('finds people by part of their id, name or email, whatever the case, most recently seen first', async () => {
    const ws = ctx.ws.id;
    await ctx.store.ingest(ws, [
      identify({ userId: 'u-100', traits: { name: 'Ana Silva', email: 'ana@maple.example' } }, { at: DAY_1 }),
      group({ userId: 'u-100', groupId: 'acct-1', traits: { name: 'Maple Dental' } }, { at: DAY_1 }),
      identify({ userId: 'u-200', traits: { name: 'Ben Anand' } }, { at: DAY_2 }),
      identify({ userId: 'u_300', traits: { email: 'carla@birch.example' } }, { at: DAY_2 }),
    ]);
    await refreshAnalytics(ctx.store, { now: NOW, full: true });
    const other = await ctx.store.createWorkspace(`Other ${ws}`);
    await ctx.store.ingest(other.id, [identify({ userId: 'u-999', traits: { name: 'Ana Other' } }, { at: DAY_2 })]);
    const find = async (q: string) => (await searchUsers(ctx.store.sql, ws, q, 25)).map((u) => u.userId);
    expect(await find('ANA')).toEqual(['u-200', 'u-100']);
    expect(await find('maple.example')).toEqual(['u-100']);
    expect(await find('u_3')).toEqual(['u_300']);
    // "_" and "%" are themselves, not wildcards.
    expect(await find('u_1')).toEqual([]);
    expect(await find('%')).toEqual([]);
    expect(await searchUsers(ctx.store.sql, ws, 'silva', 25)).toEqual([
      { userId: 'u-100', name: 'Ana Silva', email: 'ana@maple.example', lastSeen: DAY_1, accountId: 'acct-1', accountName: 'Maple Dental', stage: expect.any(String) },
    ]);
    expect((await searchUsers(ctx.store.sql, ws, 'u', 2)).length).toBe(2);
    // Read a user or two at a time, the answer is the same.
    for (const slice of [1, 2, 3]) expect((await searchUsers(ctx.store.sql, ws, 'ana', 25, slice)).map((u) => u.userId)).toEqual(['u-200', 'u-100']);
    expect((await searchUsers(ctx.store.sql, ws, 'u', 2, 1)).map((u) => u.userId)).toEqual(['u-200', 'u_300']);
    // No text: everyone, the most recently seen first.
    expect((await searchUsers(ctx.store.sql, ws, undefined, 25, 2)).map((u) => u.userId)).toEqual(['u-200', 'u_300', 'u-100']);
  });

  it('tells subscribed webhooks of each erasure, so the systems the data went to erase it too', async () => {
    const ws = ctx.ws.id;
    await createWebhook(ctx.store.sql, ws, { url: 'https://crm.example/erasures', events: ['user.erased', 'account.erased'], description: '' }, DAY_1);
    await ctx.store.ingest(ws, [group({ userId: 'solo', groupId: 'acct-solo' }, { at: DAY_1 }), group({ userId: 'ana', groupId: 'acct-1' }, { at: DAY_1 })]);
    await eraseUser(ctx.store.sql, ws, 'ana');
    await eraseAccount(ctx.store.sql, ws, 'acct-solo');
    const sent = await ctx.store.sql.all<{ type: string; body: string }>('SELECT type, body FROM webhook_deliveries WHERE workspace_id = ?', [ws]);
    const said = sent.map((d) => `${d.type} ${JSON.stringify({ ...JSON.parse(d.body).data, erasedAt: 'at' })}`).sort();
    expect(said).toEqual([
      'account.erased {"accountId":"acct-solo","usersErased":["solo"],"erasedAt":"at"}',
      'user.erased {"userId":"ana","erasedAt":"at"}',
      'user.erased {"userId":"solo","erasedAt":"at"}',
    ]);
  });

  describe('on a long event log', () => {
    it('finds the person’s events in every slice of the log, for export and erasure', async () => {
      const ws = ctx.ws.id;
      // More events than one slice holds, the person's first and last among them.
      const filler = Array.from({ length: 20_500 }, (_, i) => track({ userId: `other-${i % 50}` }, { at: DAY_1 }));
      await ctx.store.ingest(ws, [track({ userId: 'ana', properties: { secret: 1 } }, { at: DAY_1 })]);
      for (let i = 0; i < filler.length; i += 5000) await ctx.store.ingest(ws, filler.slice(i, i + 5000));
      await ctx.store.ingest(ws, [track({ userId: 'ana', properties: { secret: 2 } }, { at: DAY_2 })]);
      expect((await exportUser(ctx.store.sql, ws, 'ana', []))!.events.map((e) => e.properties)).toEqual([{ secret: 1 }, { secret: 2 }]);
      expect(await eraseUser(ctx.store.sql, ws, 'ana')).toMatchObject({ events: 2 });
      expect(await traces(ws, 'ana')).toEqual({});
    }, 60_000);
  });
});
