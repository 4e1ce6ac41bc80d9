// Event retention on SQLite and PostgreSQL: events that arrived before a workspace's retention
// period go, from every slice of the log; newer ones, other workspaces' and the counters stay.
import { describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { DEFAULT_SETTINGS } from '../../server/protocol/workspace.ts';
import { dropExpiredEvents } from '../../server/store/event-retention.ts';
import type { IngestItem } from '../../server/store/store.ts';
import { DAY_1, eachStore, reminder, track } from './fixtures.ts';

const arrived = (item: IngestItem, receivedAt: string): IngestItem => ({ ...item, receivedAt });
const OLD = '2026-08-01T10:00:00.000Z';
const NEW = '2026-11-20T10:00:00.000Z';

eachStore('%s store: event retention', (ctx) => {
  const count = async (ws: string) => Number((await ctx.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE workspace_id = ?', [ws]))!.n);
  const use = (ws: string) => ctx.store.sql.all("SELECT subject_kind, subject_id, count, active_days FROM feature_usage WHERE workspace_id = ? ORDER BY subject_kind, subject_id", [ws]);

  it('drops the events that arrived before the cutoff, across slices, and keeps the rest and the counters', async () => {
    const ws = ctx.ws.id;
    const other = await ctx.store.createWorkspace(`Other ${ws}`);
    // More old events than one slice holds, then new ones.
    const old = Array.from({ length: 20_500 }, (_, i) => arrived(track({ userId: `u${i % 40}` }, { at: DAY_1 }), OLD));
    for (let i = 0; i < old.length; i += 5000) await ctx.store.ingest(ws, old.slice(i, i + 5000));
    await ctx.store.ingest(ws, [arrived(reminder({ groupId: 'acct-1' }, DAY_1), OLD)]);
    await ctx.store.ingest(other.id, [arrived(track({ userId: 'x' }, { at: DAY_1 }), OLD)]);
    await ctx.store.ingest(ws, [arrived(track({ userId: 'u1' }), NEW), arrived(track({ userId: 'u2' }), NEW)]);
    const counters = await use(ws);

    expect(await dropExpiredEvents(ctx.store.sql, ws, '2026-10-01T00:00:00.000Z')).toBe(20_501);
    expect(await count(ws)).toBe(2);
    expect(await count(other.id)).toBe(1);
    expect(await use(ws)).toEqual(counters);
    expect((await ctx.store.loadProfile(ws, { userId: 'u1', accountId: 'acct-1' })).accountFeatures['reminders']?.count).toBe(1);
    expect(await dropExpiredEvents(ctx.store.sql, ws, '2026-10-01T00:00:00.000Z')).toBe(0);
  }, 60_000);

  it('runs with the first analytics refresh of a day, for workspaces that set a retention period', async () => {
    const ws = ctx.ws.id;
    const keeping = await ctx.store.createWorkspace(`Keeping ${ws}`);
    await ctx.store.updateWorkspaceSettings(ws, { ...DEFAULT_SETTINGS, eventRetentionDays: 30 });
    for (const id of [ws, keeping.id]) await ctx.store.ingest(id, [arrived(track(), OLD), arrived(track(), NEW)]);
    // The analytics state is shared by every workspace of the database: move its day back, so this is the day's first run.
    await ctx.store.sql.batch([["UPDATE analytics_state SET swept_day = '2026-01-01' WHERE id = 1"]]);
    const summary = await refreshAnalytics(ctx.store, { now: new Date('2026-11-21T00:00:00.000Z') });
    expect(summary.eventsDropped).toBe(1);
    expect(await count(ws)).toBe(1);
    expect(await count(keeping.id)).toBe(2);
    // Later runs of the same day sweep nothing.
    expect((await refreshAnalytics(ctx.store, { now: new Date('2026-11-21T01:00:00.000Z') })).eventsDropped).toBeUndefined();
  });
});
