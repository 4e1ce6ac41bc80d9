// Hand-computed expectations for stages, health, tiers, deployment/utilization, coverage, the
// success equation, alerts and certification, on SQLite and PostgreSQL alike.
import { beforeEach, expect, it } from 'vitest';
import { definitionStore } from '../../server/analytics/definitions.ts';
import { featureImpact } from '../../server/analytics/feature-impact.ts';
import { loadDefinitions } from '../../server/analytics/definitions.ts';
import { accountMetrics, listAccountMetrics, overview } from '../../server/analytics/queries.ts';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { eachStore } from '../store/fixtures.ts';
import { loadFixture, NOW, YESTERDAY } from './fixture-log.ts';

eachStore('analytics on %s', (ctx) => {
  beforeEach(async () => {
    await loadFixture(ctx.store, ctx.ws.id);
  });

  const refresh = (now = NOW, full = true) => refreshAnalytics(ctx.store, { now, full });
  const account = async (id: string) => (await accountMetrics(ctx.store.sql, ctx.ws.id, id))!;
  const userStage = async (id: string) =>
    (await ctx.store.sql.get<{ stage: string }>('SELECT stage FROM user_metrics WHERE workspace_id = ? AND user_id = ?', [ctx.ws.id, id]))?.stage;

  it('places users on the default journey by breadth and depth', async () => {
    await refresh();
    expect([await userStage('u1'), await userStage('u2'), await userStage('u3'), await userStage('u4')]).toEqual(['champion', 'adopted', 'onboarded', 'onboarded']);
  });

  it('gives decisions the placement of the user and account, once evaluated', async () => {
    expect((await ctx.store.loadProfile(ctx.ws.id, { userId: 'u1' })).analytics).toBeUndefined();
    await refresh();
    expect((await ctx.store.loadProfile(ctx.ws.id, { userId: 'u1' })).analytics).toEqual({
      userStage: 'champion', accountStage: 'adopted', healthColour: 'green', seatTier: 'D', tenureTier: 'd', certifications: {}, score: null,
    });
    expect((await ctx.store.loadProfile(ctx.ws.id, { userId: 'u4', accountId: 'small' })).analytics).toMatchObject({ userStage: 'onboarded', healthColour: 'red', seatTier: null });
  });

  it('places accounts by their own use and by counting their users', async () => {
    await refresh();
    // Big: 4 key features in 30 days and 1+ adopted user → adopted; champion needs 3 adopted users (has 2).
    expect((await account('big')).stage).toBe('adopted');
    expect((await account('small')).stage).toBe('onboarded');
    expect((await account('empty')).stage).toBe('signed_up');
  });

  it('computes active users, deployment, utilization, tiers and contact exactly', async () => {
    await refresh();
    const big = await account('big');
    expect(big).toMatchObject({
      users: 3,
      activeUsers7d: 2, // u3's last event is 11-13 in UTC
      activeUsers30d: 3,
      seats: 4,
      deploymentRate: 0.75,
      utilizationRate: 1, // 4 of 4 key features in 30 days
      seatTier: 'D',
      tenureMonths: 12,
      tenureFrom: 'contract',
      tenureTier: 'd',
      contact: 'stale',
      lastTouchAt: null,
    });
    const small = await account('small');
    expect(small).toMatchObject({ activeUsers30d: 0, seats: null, deploymentRate: null, utilizationRate: 0, seatTier: null, tenureMonths: 2, tenureTier: 'a' });
    const empty = await account('empty');
    expect(empty).toMatchObject({ users: 0, activeUsers30d: 0, seats: 10, deploymentRate: 0, tenureMonths: 4, tenureTier: 'b' });
  });

  it('scores health from its components, leaving out what is unknown', async () => {
    await refresh();
    // Big: deployment 75 ×40 + breadth 100 ×40 + recency 100 ×20 → 90.
    expect((await account('big')).health).toMatchObject({ score: 90, colour: 'green' });
    // Small: no seats, so breadth 0 ×40 + recency (50 days ≥ 30) 0 ×20 over weight 60 → 0.
    const small = (await account('small')).health;
    expect(small).toMatchObject({ score: 0, colour: 'red' });
    expect(small.components.find((c) => c.metric === 'deployment')).toMatchObject({ value: null, score: null });
    // Empty: deployment 0 ×40 + breadth 0 ×40 + recency 10 days → (30−10)/(30−7) = 86.96 ×20 → 17.4.
    expect((await account('empty')).health).toMatchObject({ score: 17.4, colour: 'red' });
  });

  it('compares accounts with and without each feature on adoption and on a trait, from the same counters', async () => {
    await refresh();
    const defs = await loadDefinitions(ctx.store, ctx.ws.id);
    // Big (adopted) used every feature; Small (onboarded) only appointments; Empty nothing.
    const adopted = await featureImpact(ctx.store.sql, ctx.ws.id, defs, { type: 'adopted' });
    expect([adopted.accounts, adopted.reached]).toEqual([3, 1]);
    const appointments = adopted.features.find((f) => f.feature === 'appointments')!;
    expect([appointments.with, appointments.without]).toEqual([{ accounts: 2, reached: 1, rate: 0.5 }, { accounts: 1, reached: 0, rate: 0 }]);
    // Industry is set for Big alone: the others are left out of a trait outcome.
    const dental = await featureImpact(ctx.store.sql, ctx.ws.id, defs, { type: 'trait', key: 'industry', value: 'Dental' });
    expect([dental.accounts, dental.reached]).toEqual([1, 1]);
    expect(dental.traits.find((t) => t.key === 'industry')).toEqual({ key: 'industry', values: ['dental'] });
  });

  it('gives the success equation, funnel and coverage', async () => {
    await ctx.store.sql.batch([
      ["INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, 't1', 'big', 'call', '', '2026-11-01T10:00:00.000Z', 'cs', ?)", [ctx.ws.id, NOW.toISOString()]],
    ]);
    await refresh();
    const o = await overview(ctx.store.sql, ctx.ws.id, await loadDefinitions(ctx.store, ctx.ws.id), '2026-11-20');
    expect(o.successEquation).toEqual({ customers: 3, onboarded: 2, adopted: 1, onboardingRate: 0.6667, adoptionRate: 0.5, successfulCustomers: 1 });
    expect(o.funnels[0]!.accounts.map((s) => [s.stage, s.at, s.reached])).toEqual([
      ['signed_up', 1, 3], ['onboarded', 1, 2], ['adopted', 1, 1], ['champion', 0, 0],
    ]);
    expect(o.funnels[0]!.users.map((s) => s.at)).toEqual([0, 2, 1, 1]);
    // Active accounts: only Big (Small's user is 50 days idle, Empty has none); Big was touched.
    expect(o.coverage).toEqual({ periodDays: 30, activeAccounts: 1, touchedAccounts: 1, rate: 1 });
    expect(o.health).toEqual({ green: 1, yellow: 0, red: 2, unknown: 0 });
    expect((await account('big')).contact).toBe('recent');
    expect(o.featureAdoption.find((f) => f.feature === 'appointments')).toMatchObject({ accounts: 2, users: 4, userRate: 1 });
  });

  it('filters and sorts the accounts list', async () => {
    await refresh();
    const base = { sort: 'health' as const, order: 'asc' as const, limit: 50, offset: 0 };
    expect((await listAccountMetrics(ctx.store.sql, ctx.ws.id, base)).accounts.map((a) => a.accountId)).toEqual(['small', 'empty', 'big']);
    expect((await listAccountMetrics(ctx.store.sql, ctx.ws.id, { ...base, health: ['red'] })).total).toBe(2);
    expect((await listAccountMetrics(ctx.store.sql, ctx.ws.id, { ...base, tenureTier: ['b', 'd'] })).accounts.map((a) => a.accountId).sort()).toEqual(['big', 'empty']);
    expect((await listAccountMetrics(ctx.store.sql, ctx.ws.id, { ...base, q: 'big' })).accounts.map((a) => a.name)).toEqual(['Big Clinic']);
    expect((await listAccountMetrics(ctx.store.sql, ctx.ws.id, { ...base, sort: 'deployment', order: 'desc' })).accounts.map((a) => a.accountId)).toEqual(['big', 'empty', 'small']);
  });

  it('keeps history comparable across a health definition change', async () => {
    await refresh(YESTERDAY);
    await definitionStore(ctx.store.sql).save(ctx.ws.id, 'health', 'default', { components: [{ metric: 'deployment', weight: 50 }, { metric: 'recency', weight: 50, goodDays: 7, badDays: 30 }], thresholds: { green: 80, yellow: 50 } }, 'cs@example.com');
    await refresh(NOW);
    const history = await ctx.store.sql.all<{ day: string; health_score: number; health_version: number }>(
      'SELECT day, health_score, health_version FROM account_snapshots WHERE workspace_id = ? AND account_id = ? ORDER BY day',
      [ctx.ws.id, 'big'],
    );
    // Yesterday under the built-in definition (v0), when Big had used 3 of the 4 key features:
    // 75 ×40 + 75 ×40 + 100 ×20 → 80. Today under v1: 75 ×50 + 100 ×50 → 87.5.
    expect(history.map((h) => [h.day, Number(h.health_score), Number(h.health_version)])).toEqual([
      ['2026-11-19', 80, 0],
      ['2026-11-20', 87.5, 1],
    ]);
    expect((await account('empty')).health).toMatchObject({ score: 43.5, colour: 'red' });
  });

  it('raises alerts when a condition appears and resolves them when it clears', async () => {
    const defs = definitionStore(ctx.store.sql);
    await defs.save(ctx.ws.id, 'alert', 'red', { key: 'red', name: 'Health red', enabled: true, condition: { type: 'health_red' } }, 'cs');
    await defs.save(ctx.ws.id, 'alert', 'untouched', { key: 'untouched', name: 'No touch', enabled: true, condition: { type: 'no_touch', days: 30 } }, 'cs');
    const first = await refresh();
    expect(first.alertsRaised).toBe(5); // red: small, empty; no touch: big, small, empty
    const open = async () =>
      (await ctx.store.sql.all<{ rule: string; subject_id: string; status: string }>(
        "SELECT rule, subject_id, status FROM alerts WHERE workspace_id = ? AND status <> 'resolved' ORDER BY rule, subject_id",
        [ctx.ws.id],
      )).map((a) => `${a.rule}:${a.subject_id}`);
    expect(await open()).toEqual(['red:empty', 'red:small', 'untouched:big', 'untouched:empty', 'untouched:small']);
    // Evaluating again raises nothing new.
    expect((await refresh()).alertsRaised).toBe(0);
    await ctx.store.sql.batch([["INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, 't2', 'small', 'email', '', '2026-11-18T10:00:00.000Z', 'cs', ?)", [ctx.ws.id, NOW.toISOString()]]]);
    await refresh();
    expect(await open()).toEqual(['red:empty', 'red:small', 'untouched:big', 'untouched:empty']);
  });

  it('evaluates a past day without the touches logged for later days', async () => {
    // Big's only touch before is weeks old (stale); the one of the 19th counts from the 19th on.
    await ctx.store.sql.batch([["INSERT INTO touches (workspace_id, id, account_id, channel, note, at, author, created_at) VALUES (?, 't3', 'big', 'call', '', '2026-11-19T10:00:00.000Z', 'cs', ?)", [ctx.ws.id, NOW.toISOString()]]]);
    await refresh(new Date('2026-11-18T23:00:00.000Z'));
    expect((await account('big')).contact).toBe('stale');
    await refresh();
    expect((await account('big')).contact).toBe('recent');
  });

  it('awards certification levels once, with an event per level', async () => {
    await definitionStore(ctx.store.sql).save(ctx.ws.id, 'certification', 'pro', {
      key: 'pro',
      name: 'ClinicFlow Pro',
      levels: [
        { level: 3, name: 'Level 3', requirements: [{ feature: 'appointments' }] },
        { level: 2, name: 'Level 2', requirements: [{ feature: 'appointments', minDays: 5, withinDays: 30 }] },
        { level: 1, name: 'Level 1', requirements: [{ feature: 'reminders', minCount: 3 }] },
      ],
    }, 'cs');
    const summary = await refresh();
    expect(summary.certificationsAwarded).toBe(5); // u1: 3 and 2; u2, u3, u4: 3
    expect((await refresh()).certificationsAwarded).toBe(0);
    const levels = await ctx.store.sql.all<{ user_id: string; level: number }>('SELECT user_id, level FROM certifications WHERE workspace_id = ? ORDER BY user_id, level', [ctx.ws.id]);
    expect(levels.map((l) => `${l.user_id}:${l.level}`)).toEqual(['u1:2', 'u1:3', 'u2:3', 'u3:3', 'u4:3']);
    const events = await ctx.store.sql.all<{ n: number }>("SELECT count(*) AS n FROM events WHERE workspace_id = ? AND name = 'certification_awarded'", [ctx.ws.id]);
    expect(Number(events[0]!.n)).toBe(5);
    const body = JSON.parse((await ctx.store.sql.get<{ body: string }>('SELECT body FROM user_metrics WHERE workspace_id = ? AND user_id = ?', [ctx.ws.id, 'u1']))!.body);
    expect(body.certifications.pro).toMatchObject({ level: 2, levelName: 'Level 2', next: { level: 1, requirements: [{ label: 'Reminders used 3+ times', done: false, have: 1, need: 3 }] } });
  });

  it('re-evaluates only what changed, with the same result as a full recompute', async () => {
    await refresh(NOW, true);
    // u3 books more appointments and patients today: now adopted? No — 2 key features in 30 days.
    await ctx.store.ingest(ctx.ws.id, [
      { event: { type: 'track', messageId: 'late-1', userId: 'u3', groupId: 'big', event: 'x', properties: {}, timestamp: '2026-11-20T09:00:00Z', context: {} } as never, timestamp: '2026-11-20T09:00:00.000Z', receivedAt: NOW.toISOString(), features: ['patients', 'reminders'], verified: null },
    ]);
    const incremental = await refresh(NOW, false);
    // The changed user's account brings all of its users. PostgreSQL also re-reads a margin of
    // earlier sequence numbers (late commits), so it may evaluate more; the result is the same.
    if (ctx.dialect === 'sqlite') expect([incremental.users, incremental.accounts]).toEqual([3, 1]);
    expect(await userStage('u3')).toBe('adopted'); // appointments (11-01), patients, reminders: 3 in 30 days
    const after = await listAccountMetrics(ctx.store.sql, ctx.ws.id, { sort: 'name', order: 'asc', limit: 50, offset: 0 });
    await refresh(NOW, true);
    const full = await listAccountMetrics(ctx.store.sql, ctx.ws.id, { sort: 'name', order: 'asc', limit: 50, offset: 0 });
    expect(after).toEqual(full);
    // Three adopted users and a champion: Big becomes a champion account.
    expect((await account('big')).stage).toBe('champion');
  });
});
