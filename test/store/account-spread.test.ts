// The accounts screen's charts on SQLite and PostgreSQL, over the hand-computed fixture (see
// test/analytics/fixture-log.ts): Big (seat tier D, tenure d, green, 75% / 100%), Small (no
// seats, tenure a, red) and Empty (no active users, tenure b, red, 0% / 0%).
import { expect, it } from 'vitest';
import { accountRates, tierMatrix } from '../../server/analytics/account-spread.ts';
import type { AccountSelection } from '../../server/analytics/account-selection.ts';
import { DEFAULT_TIERS } from '../../server/analytics/defaults.ts';
import { listAccountMetrics } from '../../server/analytics/queries.ts';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { loadFixture, NOW } from '../analytics/fixture-log.ts';
import { eachStore } from './fixtures.ts';

eachStore('account charts on %s', (ctx) => {
  const evaluated = async () => {
    await loadFixture(ctx.store, ctx.ws.id);
    await refreshAnalytics(ctx.store, { now: NOW, full: true });
  };
  const matrix = (selection: AccountSelection) => tierMatrix(ctx.store.sql, ctx.ws.id, DEFAULT_TIERS, selection);
  const listed = async (selection: AccountSelection) => (await listAccountMetrics(ctx.store.sql, ctx.ws.id, { ...selection, sort: 'health', order: 'asc', limit: 50, offset: 0 })).total;
  const cellsOf = (m: Awaited<ReturnType<typeof matrix>>) => m.cells.map((c) => `${c.seat ?? '-'}/${c.tenure}:${c.accounts}`).sort();

  it('counts accounts per seat × tenure cell, and the cells add up to what the list shows under the same filters', async () => {
    await evaluated();
    const all = await matrix({});
    expect(all).toMatchObject({ seat: ['A', 'B', 'C', 'D', null], tenure: ['a', 'b', 'c', 'd'], total: 3 });
    expect(cellsOf(all)).toEqual(['-/a:1', '-/b:1', 'D/d:1']);
    for (const selection of [{ health: ['red' as const] }, { contact: ['stale' as const] }, { q: 'clinic', tenureTier: ['a', 'd'] }, { stage: ['no-such-stage'] }]) {
      expect((await matrix(selection)).total).toBe(await listed(selection));
    }
    expect(cellsOf(await matrix({ health: ['red'] }))).toEqual(['-/a:1', '-/b:1']);
    expect(await matrix({ q: 'nobody' })).toMatchObject({ cells: [], total: 0 });
  });

  it('gives every account’s rates, lowest health first, and only counts those missing a rate', async () => {
    await evaluated();
    // Small has no seats trait, so no deployment rate.
    expect(await accountRates(ctx.store.sql, ctx.ws.id, {})).toEqual({
      total: 3,
      unplotted: 1,
      accountId: ['empty', 'big'],
      name: ['Empty Clinic', 'Big Clinic'],
      deployment: [0, 0.75],
      utilization: [0, 1],
      contact: ['stale', 'stale'],
    });
    expect(await accountRates(ctx.store.sql, ctx.ws.id, { health: ['green'] })).toMatchObject({ total: 1, unplotted: 0, accountId: ['big'] });
  });

  it('shows a workspace nothing of another’s accounts', async () => {
    await evaluated();
    const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
    expect((await tierMatrix(ctx.store.sql, other.id, DEFAULT_TIERS, {})).total).toBe(0);
    expect((await accountRates(ctx.store.sql, other.id, {})).total).toBe(0);
  });
});
