// The alert feed on SQLite and PostgreSQL: every alert comes with the name of what it is about,
// read in the feed's one query: an account's name, or the name in a campaign's current definition.
import { expect, it } from 'vitest';
import { alertFeed } from '../../server/analytics/alert-feed.ts';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { loadFixture, NOW } from '../analytics/fixture-log.ts';
import { campaign, eachStore } from './fixtures.ts';

eachStore('the alert feed on %s', (ctx) => {
  let raised = 0;
  const raise = (subjectKind: 'account' | 'campaign', subjectId: string, message: string) =>
    ctx.store.sql.batch([[
      `INSERT INTO alerts (workspace_id, id, rule, finding, subject_kind, subject_id, message, details, status, raised_at, updated_at)
       VALUES (?, ?, 'rule', ?, ?, ?, ?, '{}', 'open', ?, ?)`,
      [ctx.ws.id, `alert-${++raised}`, `finding-${raised}`, subjectKind, subjectId, message, `2026-11-20T10:00:0${raised}.000Z`, NOW.toISOString()],
    ]]);
  const names = async () => (await alertFeed(ctx.store.sql, ctx.ws.id, 'all', 50, 0)).alerts.map((a) => [a.subjectKind, a.subjectId, a.subjectName]);

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
    expect((await alertFeed(ctx.store.sql, other.id, 'all', 50, 0)).alerts.map((a) => a.subjectName)).toEqual([null]);
  });
});
