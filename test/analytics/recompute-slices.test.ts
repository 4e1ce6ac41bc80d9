// A full recompute reads and evaluates a workspace a slice at a time (1,000 users, then 500
// accounts). Stored, it must be exactly what evaluating the whole workspace at once gives: no
// user lost or counted twice at a slice's edge, and every account counting all its users, which
// sit in other user slices.
import { expect, it } from 'vitest';
import { evaluateWorkspace } from '../../server/analytics/evaluate-workspace.ts';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { dayOf } from '../../server/analytics/usage.ts';
import type { IngestItem } from '../../server/store/store.ts';
import { eachStore } from '../store/fixtures.ts';
import { FEATURES, NOW } from './fixture-log.ts';

const ACCOUNTS = 700;
const USERS = 2_100;

/** User i belongs to account i mod 700; users differ in how many features they use, and on how many days. */
function log(): IngestItem[] {
  const items: IngestItem[] = [];
  for (let i = 0; i < USERS; i++) {
    const features = FEATURES.slice(0, (i + Math.floor(i / ACCOUNTS)) % 5).map((f) => f.key);
    for (let day = 0; day < Math.max(1, i % 9); day++) {
      const timestamp = new Date(NOW.getTime() - (day * 3 + (i % 4)) * 86_400_000).toISOString();
      const event = { type: 'track', messageId: `s-${i}-${day}`, userId: `user-${i}`, groupId: `account-${i % ACCOUNTS}`, event: 'use', properties: {}, context: {}, timestamp };
      items.push({ event: event as never, timestamp, receivedAt: NOW.toISOString(), features, verified: null });
    }
    // Every seventh user answered an NPS survey a few days ago: scores travel with accounts too.
    if (i % 7 === 0) {
      const timestamp = new Date(NOW.getTime() - (i % 5) * 86_400_000).toISOString();
      const score = i % 11;
      const comment = score < 7 ? `reason ${i}` : null;
      const event = { type: 'track', messageId: `nps-${i}`, userId: `user-${i}`, groupId: `account-${i % ACCOUNTS}`, event: 'survey_answered', properties: { campaignId: 'nps', score }, context: {}, timestamp };
      items.push({ event: event as never, timestamp, receivedAt: NOW.toISOString(), features: [], verified: null, interaction: { campaignId: 'nps', kind: 'answered', score, choice: null, comment } });
    }
  }
  return items;
}

eachStore('a recompute in slices on %s', (ctx) => {
  it('stores what evaluating the whole workspace at once gives', async () => {
    for (const f of FEATURES) await ctx.store.saveFeature(ctx.ws.id, { ...f, rule: { ...f.rule } });
    await ctx.store.ingest(ctx.ws.id, log());

    const summary = await refreshAnalytics(ctx.store, { now: NOW, full: true, workspaceId: ctx.ws.id });
    expect([summary.users, summary.accounts]).toEqual([USERS, ACCOUNTS]);

    const whole = (await evaluateWorkspace(ctx.store, ctx.ws.id, null, dayOf(NOW)))!;
    const users = await ctx.store.sql.all<{ user_id: string; stage: string; body: string }>('SELECT user_id, stage, body FROM user_metrics WHERE workspace_id = ?', [ctx.ws.id]);
    expect(new Map(users.map((u) => [u.user_id, { stage: u.stage, keyFeaturesUsed: JSON.parse(u.body).keyFeaturesUsed }]))).toEqual(
      new Map([...whole.userMetrics].map(([id, m]) => [id, { stage: m.stage, keyFeaturesUsed: m.keyFeaturesUsed }])),
    );
    const accounts = await ctx.store.sql.all<{ account_id: string; body: string }>('SELECT account_id, body FROM account_metrics WHERE workspace_id = ?', [ctx.ws.id]);
    expect(new Map(accounts.map((a) => [a.account_id, JSON.parse(a.body)]))).toEqual(new Map([...whole.accountMetrics].map(([id, { metrics }]) => [id, metrics])));
    // The accounts span stages, so the comparison covers accounts counting their users.
    expect(new Set(accounts.map((a) => JSON.parse(a.body).stage))).toEqual(new Set(['onboarded', 'adopted']));
    // And every seventh account carries its three answering users' scores.
    expect(accounts.map((a) => JSON.parse(a.body).nps?.responses).filter(Boolean)).toEqual(Array(ACCOUNTS / 7).fill(3));
  });
});
