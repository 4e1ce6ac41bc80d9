// Properties of the analytics over random event logs, on a real SQLite store: more use never
// lowers breadth, evaluation is deterministic, and incremental refreshes end where a full
// recompute does.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import type { IngestItem, Store } from '../../server/store/store.ts';
import { makeSqlite, type StoreUnderTest } from '../store/fixtures.ts';
import { FEATURES, NOW } from './fixture-log.ts';

const use = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
  account: fc.constantFrom('a1', 'a2', null),
  feature: fc.constantFrom(...FEATURES.map((f) => f.key)),
  daysAgo: fc.integer({ min: 0, max: 45 }),
  hour: fc.integer({ min: 0, max: 23 }),
});
type Use = typeof use extends fc.Arbitrary<infer T> ? T : never;

let n = 0;
function items(uses: Use[]): IngestItem[] {
  return uses.map((u) => {
    const timestamp = new Date(Date.parse(NOW.toISOString()) - u.daysAgo * 86_400_000 - u.hour * 3_600_000).toISOString();
    const event = { type: 'track', messageId: `p-${++n}`, userId: u.user, ...(u.account ? { groupId: u.account } : {}), event: u.feature, properties: {}, timestamp, context: {} };
    return { event: event as never, timestamp, receivedAt: NOW.toISOString(), features: [u.feature], verified: null };
  });
}

describe('analytics properties', () => {
  let subject: StoreUnderTest;
  let store: Store;
  beforeAll(async () => {
    subject = await makeSqlite();
    store = subject.store;
  });
  afterAll(() => subject.cleanup());

  const workspace = async () => {
    const ws = await store.createWorkspace(`Property ${++n}`);
    for (const f of FEATURES) await store.saveFeature(ws.id, { ...f, rule: { ...f.rule } });
    return ws.id;
  };
  const snapshot = async (ws: string) => ({
    users: await store.sql.all('SELECT user_id, account_id, journey, stage, stage_index, body FROM user_metrics WHERE workspace_id = ? ORDER BY user_id', [ws]),
    accounts: await store.sql.all('SELECT account_id, stage, health_score, health_colour, seat_tier, tenure_tier, body FROM account_metrics WHERE workspace_id = ? ORDER BY account_id', [ws]),
  });
  const breadth = async (ws: string) =>
    Object.fromEntries(
      (await store.sql.all<{ user_id: string; body: string }>('SELECT user_id, body FROM user_metrics WHERE workspace_id = ?', [ws])).map((r) => [r.user_id, JSON.parse(r.body).keyFeaturesUsed.length]),
    );

  it('adding events never lowers breadth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(use, { minLength: 1, maxLength: 30 }), fc.array(use, { maxLength: 30 }), async (first, more) => {
        const ws = await workspace();
        await store.ingest(ws, items(first));
        await refreshAnalytics(store, { now: NOW, full: true, workspaceId: ws });
        const before = await breadth(ws);
        await store.ingest(ws, items(more));
        await refreshAnalytics(store, { now: NOW, full: false });
        const after = await breadth(ws);
        for (const [user, b] of Object.entries(before)) expect(after[user]).toBeGreaterThanOrEqual(b);
      }),
      { numRuns: 25 },
    );
  });

  it('evaluating the same events twice gives the same stages and health', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(use, { minLength: 1, maxLength: 40 }), async (log) => {
        const ws = await workspace();
        await store.ingest(ws, items(log));
        await refreshAnalytics(store, { now: NOW, full: true, workspaceId: ws });
        const once = await snapshot(ws);
        await refreshAnalytics(store, { now: NOW, full: true, workspaceId: ws });
        expect(await snapshot(ws)).toEqual(once);
      }),
      { numRuns: 20 },
    );
  });

  it('incremental refreshes after each batch equal a full recompute', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(use, { minLength: 1, maxLength: 15 }), { minLength: 2, maxLength: 6 }), async (batches) => {
        const ws = await workspace();
        await refreshAnalytics(store, { now: NOW, full: true, workspaceId: ws });
        for (const batch of batches) {
          await store.ingest(ws, items(batch));
          await refreshAnalytics(store, { now: NOW, full: false });
        }
        const incremental = await snapshot(ws);
        await refreshAnalytics(store, { now: NOW, full: true, workspaceId: ws });
        expect(incremental).toEqual(await snapshot(ws));
      }),
      { numRuns: 60 },
    );
  });
});
