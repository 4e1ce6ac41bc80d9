// The alert feed on SQLite and PostgreSQL: every alert comes with the name of what it is about,
// read in the feed's one query: an account's name, or the name in a campaign's current definition.
import { expect, it } from 'vitest';
import { alertFeed } from '../../server/analytics/alert-feed.ts';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { loadFixture, NOW } from '../analytics/fixture-log.ts';
import { campaign, eachStore } from './fixtures.ts';

eachStore('the alert feed on %s', (ctx) => {
  let raised = 0;
  const raise = (subjectKind: 'account' | 'campaign', subjectId: string, message: string, rule = 'rule', status = 'open') =>
    ctx.store.sql.batch([[
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
      [ctx.ws.id, `alert-${++raised}`, rule, `finding-${raised}`, subjectKind, subjectId, message, status, `2026-11-20T10:00:0${raised}.000Z`, NOW.toISOString()],
    ]]);
  const names = async () => (await alertFeed(ctx.store.sql, ctx.ws.id, { status: 'all' }, 50, 0)).alerts.map((a) => [a.subjectKind, a.subjectId, a.subjectName]);

  it('names accounts and campaigns, and leaves the name null for a campaign that no longer exists', async () => {
    await loadFixture(ctx.store, ctx.ws.id);
    await refreshAnalytics(ctx.store, { now: NOW, full: true });
    const reminders = await ctx.store.createCampaign(ctx.ws.id, campaign('Turn on reminders'));
    await raise('account', 'big', 'health is red');
    await raise('campaign', reminders.id, 'anchor #save missing 12 times in 24 h');
    await raise('campaign', 'gone', 'anchor #old missing 5 times in 24 h');
    expect(await names()).toEqual([
      ['campaign', 'gone', null],
      ['campaign', reminders.id, 'Turn on reminders'],
      ['account', 'big', 'Big Clinic'],
    ]);
  });

  it('follows a renamed campaign, and never takes a name from another workspace’s campaign with the same id', async () => {
    const reminders = await ctx.store.createCampaign(ctx.ws.id, campaign('Turn on reminders'));
    await ctx.store.updateCampaign(ctx.ws.id, reminders.id, campaign('Reminders: the 4× renewal nudge'), { author: 'cs', change: 'updated' });
    await raise('campaign', reminders.id, 'anchor #save missing 12 times in 24 h');
    expect(await names()).toEqual([['campaign', reminders.id, 'Reminders: the 4× renewal nudge']]);
    const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
    await ctx.store.sql.batch([[
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, 'x', 'rule', 'f', 'campaign', ?, 'anchor missing', '{}', 'open', ?, ?)`,
      [other.id, reminders.id, NOW.toISOString(), NOW.toISOString()],
    ]]);
    expect((await alertFeed(ctx.store.sql, other.id, { status: 'all' }, 50, 0)).alerts.map((a) => a.subjectName)).toEqual([null]);
  });

  it('narrows to one rule, and counts each rule\'s alerts of the status whichever rule is picked', async () => {
    await raise('account', 'a1', 'no CS touch for 61 days', 'no-touch');
    await raise('account', 'a2', 'Ana answered 3 out of 10', 'low-score');
    await raise('account', 'a3', 'no CS touch for 70 days', 'no-touch');
    await raise('account', 'a4', 'no CS touch for 90 days', 'no-touch', 'resolved');
    const feed = await alertFeed(ctx.store.sql, ctx.ws.id, { status: 'unresolved', rule: 'no-touch' }, 1, 0);
    expect(feed.total).toBe(2);
    expect(feed.alerts.map((a) => a.subjectId)).toEqual(['a3']);
    expect(feed.rules).toEqual([{ rule: 'no-touch', count: 2 }, { rule: 'low-score', count: 1 }]);
    expect((await alertFeed(ctx.store.sql, ctx.ws.id, { status: 'resolved', rule: 'low-score' }, 50, 0))).toMatchObject({ total: 0, alerts: [], rules: [{ rule: 'no-touch', count: 1 }] });
  });
});
