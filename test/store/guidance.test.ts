// The guidance part of the Store contract, run against SQLite and PostgreSQL: campaign versions,
// decision state from every kind of interaction, atomic reservations under caps and the
// throttle, holdouts, survey answers, results inputs and audience profiles.
import { describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../server/analytics/refresh.ts';
import { capsFinding } from '../../server/engine/rules.ts';
import type { CapSnapshot } from '../../server/engine/visitor-state.ts';
import { campaignInput } from '../../server/protocol/campaign.ts';
import { eventSchema } from '../../server/protocol/events.ts';
import type { IngestItem, ShowReservation } from '../../server/store/store.ts';
import { userGuidance } from '../../server/routes/admin/user-guidance.ts';
import { claimDeliveries } from '../../server/webhooks/claims.ts';
import { createWebhook, listDeliveries } from '../../server/webhooks/registry.ts';
import { loadFixture, NOW } from '../analytics/fixture-log.ts';
import { campaign, DAY_1, DAY_2, DAY_3, eachStore, group, identify, interaction, message, RECEIVED_AT, reminder, track } from './fixtures.ts';

let goals = 0;

/** A tracked event that does campaign `campaignId`'s goal, as the ingest route marks it. */
function goalEvent(campaignId: string, goal: string, fields: Record<string, unknown> = {}, at = DAY_3): IngestItem {
  const event = eventSchema.parse({ type: 'track', messageId: `goal-${++goals}`, timestamp: at, userId: 'u1', groupId: 'acct-1', event: 'Invoice Sent', properties: {}, ...fields });
  return { event, timestamp: at, receivedAt: RECEIVED_AT, features: [], verified: null, goals: [{ campaignId, goal }] };
}

eachStore('%s store: guidance', (ctx) => {
  const stateOf = async (visitorId: string, campaignId: string, accountId: string | null = null) =>
    (await ctx.store.decisionState(ctx.ws.id, visitorId, accountId)).campaigns.get(campaignId);

  describe('campaign versions', () => {
    it('keeps every version with who saved it, what changed and when', async () => {
      const created = await ctx.store.createCampaign(ctx.ws.id, campaign('Nudge'), 'ana@clinicflow.example');
      const edited = await ctx.store.updateCampaign(ctx.ws.id, created.id, { ...campaign('Nudge, shorter'), status: 'draft' }, { author: 'ben@clinicflow.example', change: 'updated' });
      expect(edited).toMatchObject({ id: created.id, version: 2, name: 'Nudge, shorter', status: 'draft', createdAt: created.createdAt });
      const published = await ctx.store.updateCampaign(ctx.ws.id, created.id, { ...edited!, status: 'live' }, { author: 'api', change: 'published', expectedVersion: 2 });
      expect(published).toMatchObject({ version: 3, status: 'live' });
      expect(await ctx.store.getCampaign(ctx.ws.id, created.id)).toEqual(published);

      const versions = await ctx.store.campaignVersions(ctx.ws.id, created.id);
      expect(versions.map(({ version, change, author, campaign: c }) => [version, change, author, c.name, c.status])).toEqual([
        [3, 'published', 'api', 'Nudge, shorter', 'live'],
        [2, 'updated', 'ben@clinicflow.example', 'Nudge, shorter', 'draft'],
        [1, 'created', 'ana@clinicflow.example', 'Nudge', 'draft'],
      ]);
      expect(versions[2]!.campaign).toEqual(created);
    });

    it('refuses a change made against an older version, and finds nothing for another workspace', async () => {
      const created = await ctx.store.createCampaign(ctx.ws.id, campaign('Nudge'));
      await ctx.store.updateCampaign(ctx.ws.id, created.id, campaign('Edit A'), { author: 'a', change: 'updated', expectedVersion: 1 });
      expect(await ctx.store.updateCampaign(ctx.ws.id, created.id, campaign('Edit B'), { author: 'b', change: 'updated', expectedVersion: 1 })).toBeNull();
      expect((await ctx.store.getCampaign(ctx.ws.id, created.id))?.name).toBe('Edit A');
      const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
      expect(await ctx.store.getCampaign(other.id, created.id)).toBeNull();
      expect(await ctx.store.updateCampaign(other.id, created.id, campaign('Hijack'), { author: 'x', change: 'updated' })).toBeNull();
      expect(await ctx.store.campaignVersions(other.id, created.id)).toEqual([]);
    });

    it('reads a campaign stored before the newer fields existed, with their defaults', async () => {
      const legacy = { name: 'Old tooltip', kind: 'tooltip', priority: 100, audience: { all: [] }, pages: { include: [], exclude: [] },
        anchor: { selector: '#x', placement: 'right' }, content: { title: 'Hi', body: [], buttons: [] }, frequency: { maxShows: null, stopAfter: ['dismissed'] } };
      await ctx.store.sql.batch([[
        'INSERT INTO campaigns (workspace_id, id, version, status, definition, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)',
        [ctx.ws.id, 'legacy', 'live', JSON.stringify(legacy), DAY_1, DAY_1],
      ]]);
      const [read] = await ctx.store.listCampaigns(ctx.ws.id, { status: 'live' });
      expect(read).toMatchObject({
        id: 'legacy', name: 'Old tooltip', holdoutPercent: 0, goal: null, schedule: { startAt: null, endAt: null },
        frequency: { maxShows: null, minIntervalHours: 0, stopAfter: ['dismissed'] }, accountCaps: { maxUsers: null, coolOffHours: 0 },
      });
    });
  });

  describe('decision state from interactions', () => {
    it('records shows, the account, snoozes, tour progress, items done and completion', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        interaction('shown', 'c1', { groupId: 'acct-1' }, DAY_2),
        interaction('shown', 'c1', { groupId: 'acct-1' }, DAY_1),
        message('message_snoozed', { campaignId: 'c1', days: 7 }, {}, DAY_2),
        message('tour_step_viewed', { campaignId: 't1', stepId: 'b', stepIndex: 1 }, {}, DAY_1),
        message('checklist_item_completed', { campaignId: 'k1', itemId: 'invite' }, {}, DAY_1),
      ]);
      await ctx.store.ingest(ctx.ws.id, [
        message('tour_step_viewed', { campaignId: 't1', stepId: 'a', stepIndex: 0 }, {}, '2026-11-17T09:00:00.000Z'), // older: ignored
        message('checklist_item_completed', { campaignId: 'k1', itemId: 'book' }, {}, DAY_2),
        message('checklist_item_completed', { campaignId: 'k1', itemId: 'invite' }, {}, DAY_3),
        message('message_snoozed', { campaignId: 'c1', days: 1 }, {}, DAY_3), // ends earlier than the first snooze
        message('tour_completed', { campaignId: 't1' }, {}, DAY_3),
      ]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ shows: 2, firstShownAt: DAY_1, lastShownAt: DAY_2, snoozedUntil: '2026-11-26T09:00:00.000Z' });
      expect(await stateOf('u1', 't1')).toMatchObject({ tourStep: 1, tourStepAt: DAY_1, tourDoneAt: DAY_3, completedAt: DAY_3 });
      expect(await stateOf('u1', 'k1')).toMatchObject({ itemsDone: ['book', 'invite'], shows: 0 });
      // The account of the show is kept for results per account.
      expect((await ctx.store.campaignArms(ctx.ws.id, 'c1')).exposed).toEqual([
        { visitorId: 'u1', accountId: 'acct-1', firstShownAt: DAY_1, shows: 2, clicked: false, dismissed: false },
      ]);
    });

    it('resumes a tour at the step viewed last, after a completion too', async () => {
      await ctx.store.ingest(ctx.ws.id, [message('tour_step_viewed', { campaignId: 't1', stepIndex: 2 }, {}, DAY_1), message('tour_completed', { campaignId: 't1' }, {}, DAY_2)]);
      await ctx.store.ingest(ctx.ws.id, [message('tour_step_viewed', { campaignId: 't1', stepIndex: 0 }, {}, DAY_3)]);
      expect(await stateOf('u1', 't1')).toMatchObject({ tourStep: 0, tourStepAt: DAY_3, tourDoneAt: DAY_2 });
    });

    it('ends a tour at its latest dismissal, keeping the first one for the stop rules', async () => {
      await ctx.store.ingest(ctx.ws.id, [message('tour_step_viewed', { campaignId: 't1', stepIndex: 1 }, {}, DAY_1), message('message_dismissed', { campaignId: 't1' }, {}, DAY_1)]);
      await ctx.store.ingest(ctx.ws.id, [message('tour_step_viewed', { campaignId: 't1', stepIndex: 0 }, {}, DAY_2), message('message_dismissed', { campaignId: 't1' }, {}, DAY_3)]);
      expect(await stateOf('u1', 't1')).toMatchObject({ tourStep: 0, tourStepAt: DAY_2, dismissedAt: DAY_1, tourDoneAt: DAY_3 });
    });

    it('records the first time a visitor shown the campaign did its goal since the first show', async () => {
      const HOUR_AFTER_DAY_1 = '2026-11-18T10:00:00.000Z';
      // Before any show, and for a visitor never shown it: nothing (and no state made up).
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'event:Invoice Sent', {}, DAY_1), goalEvent('c1', 'event:Invoice Sent', { userId: 'u2' }, DAY_2)]);
      expect(await stateOf('u2', 'c1')).toBeUndefined();
      // Shown in the same batch as a goal done just before the show and one just after.
      await ctx.store.ingest(ctx.ws.id, [
        goalEvent('c1', 'event:Invoice Sent', {}, '2026-11-18T08:00:00.000Z'),
        interaction('shown', 'c1', {}, DAY_1),
        goalEvent('c1', 'event:Invoice Sent', {}, DAY_2),
        goalEvent('c1', 'event:Invoice Sent', {}, HOUR_AFTER_DAY_1),
      ]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ firstShownAt: DAY_1, reachedGoal: 'event:Invoice Sent', goalReachedAt: HOUR_AFTER_DAY_1 });
      // Later ones change nothing; a different goal (the campaign's goal was changed) takes over.
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'event:Invoice Sent', {}, DAY_3)]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ reachedGoal: 'event:Invoice Sent', goalReachedAt: HOUR_AFTER_DAY_1 });
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'feature:invoices', {}, DAY_3)]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ reachedGoal: 'feature:invoices', goalReachedAt: DAY_3 });
    });

    it('counts a goal done before its show reached the server (another tab, a browser back online)', async () => {
      const shown = (campaignId: string, lookback: IngestItem['lookback'], fields: Record<string, unknown> = {}) => ({ ...interaction('shown', campaignId, fields, DAY_1), lookback });
      const EVENT_GOAL = { goal: 'event:Invoice Sent', feature: null };
      const FEATURE_GOAL = { goal: 'feature:reminders', feature: 'reminders' };
      // The goals arrive first: an event goal (twice), and a use of the goal feature.
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'event:Invoice Sent', {}, DAY_3), goalEvent('c1', 'event:Invoice Sent', {}, DAY_2), reminder({}, DAY_2)]);
      expect(await stateOf('u1', 'c1')).toBeUndefined();
      // Then the shows from a day earlier: each looks back at what was done since.
      await ctx.store.ingest(ctx.ws.id, [shown('c1', EVENT_GOAL), shown('c2', FEATURE_GOAL)]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ firstShownAt: DAY_1, reachedGoal: 'event:Invoice Sent', goalReachedAt: DAY_2 });
      expect(await stateOf('u1', 'c2')).toMatchObject({ firstShownAt: DAY_1, reachedGoal: 'feature:reminders', goalReachedAt: DAY_2 });
      // A goal done only before the show does not count; u2 did it on day 1, was shown on day 2.
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'event:Invoice Sent', { userId: 'u2' }, DAY_1)]);
      await ctx.store.ingest(ctx.ws.id, [{ ...interaction('shown', 'c1', { userId: 'u2' }, DAY_2), lookback: EVENT_GOAL }]);
      expect(await stateOf('u2', 'c1')).toMatchObject({ firstShownAt: DAY_2, reachedGoal: null, goalReachedAt: null });
      // An anonymous visitor's marks follow them when they turn out to be a user.
      const anon = { userId: null, anonymousId: 'anon-5' };
      await ctx.store.ingest(ctx.ws.id, [goalEvent('c1', 'event:Invoice Sent', anon, DAY_2), identify({ userId: 'u3', anonymousId: 'anon-5' }, { at: DAY_2 })]);
      await ctx.store.ingest(ctx.ws.id, [{ ...interaction('shown', 'c1', { userId: 'u3' }, DAY_1), lookback: EVENT_GOAL }]);
      expect(await stateOf('u3', 'c1')).toMatchObject({ reachedGoal: 'event:Invoice Sent', goalReachedAt: DAY_2 });
    });

    it('keeps an anonymous visitor’s goal reached when they turn out to be a user', async () => {
      const anon = { userId: null, anonymousId: 'anon-9' };
      await ctx.store.ingest(ctx.ws.id, [interaction('shown', 'c1', anon, DAY_1), goalEvent('c1', 'event:Invoice Sent', anon, DAY_2)]);
      expect(await stateOf('anon-9', 'c1')).toMatchObject({ reachedGoal: 'event:Invoice Sent', goalReachedAt: DAY_2 });
      await ctx.store.ingest(ctx.ws.id, [identify({ userId: 'u1', anonymousId: 'anon-9' }, { at: DAY_3 }), goalEvent('c1', 'event:Invoice Sent', {}, DAY_3)]);
      expect(await stateOf('u1', 'c1')).toMatchObject({ firstShownAt: DAY_1, reachedGoal: 'event:Invoice Sent', goalReachedAt: DAY_2 });
    });

    it('moves an anonymous visitor’s state and survey answer to the user, merging with theirs', async () => {
      const anon = { userId: null, anonymousId: 'anon-3' };
      await ctx.store.ingest(ctx.ws.id, [
        message('checklist_item_completed', { campaignId: 'k1', itemId: 'book' }, {}, DAY_1),
        message('tour_step_viewed', { campaignId: 't1', stepIndex: 0 }, {}, DAY_1),
      ]);
      await ctx.store.ingest(ctx.ws.id, [
        message('checklist_item_completed', { campaignId: 'k1', itemId: 'invite' }, anon, DAY_2),
        message('tour_step_viewed', { campaignId: 't1', stepIndex: 3 }, anon, DAY_2),
        message('message_snoozed', { campaignId: 'c1', days: 2 }, anon, DAY_2),
        message('survey_answered', { campaignId: 's1', score: 4 }, anon, DAY_2),
      ]);
      await ctx.store.ingest(ctx.ws.id, [identify({ userId: 'u1', anonymousId: 'anon-3' }, { at: DAY_3 })]);
      expect(await stateOf('u1', 'k1')).toMatchObject({ itemsDone: ['book', 'invite'] });
      expect(await stateOf('u1', 't1')).toMatchObject({ tourStep: 3, tourStepAt: DAY_2 });
      expect(await stateOf('u1', 'c1')).toMatchObject({ snoozedUntil: '2026-11-21T09:00:00.000Z' });
      expect((await ctx.store.decisionState(ctx.ws.id, 'anon-3', null)).campaigns.size).toBe(0);
      expect(await ctx.store.surveyAnswers(ctx.ws.id, 's1')).toEqual([{ visitorId: 'u1', accountId: 'acct-1', score: 4, choice: null, comment: null, answeredAt: DAY_2 }]);
    });
  });

  describe('survey answers', () => {
    it('keeps one answer per user and survey: the first', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        message('survey_answered', { campaignId: 's1', score: 9, comment: 'Reminders saved us hours' }, {}, DAY_1),
        message('survey_answered', { campaignId: 's1', score: 2 }, { userId: 'u2', groupId: 'acct-2' }, DAY_2),
      ]);
      await ctx.store.ingest(ctx.ws.id, [message('survey_answered', { campaignId: 's1', score: 0, comment: 'changed my mind' }, {}, DAY_3)]);
      await ctx.store.ingest(ctx.ws.id, [message('survey_answered', { campaignId: 's2', choice: 'sms' }, {}, DAY_3)]);
      expect(await ctx.store.surveyAnswers(ctx.ws.id, 's1')).toEqual([
        { visitorId: 'u1', accountId: 'acct-1', score: 9, choice: null, comment: 'Reminders saved us hours', answeredAt: DAY_1 },
        { visitorId: 'u2', accountId: 'acct-2', score: 2, choice: null, comment: null, answeredAt: DAY_2 },
      ]);
      expect(await ctx.store.surveyAnswers(ctx.ws.id, 's2')).toEqual([{ visitorId: 'u1', accountId: 'acct-1', score: null, choice: 'sms', comment: null, answeredAt: DAY_3 }]);
      const other = await ctx.store.createWorkspace(`Other answers ${ctx.ws.id}`);
      expect(await ctx.store.surveyAnswers(other.id, 's1')).toEqual([]);
    });

    it('announces each first answer to survey.answered webhooks, with the survey name and NPS group or option label', async () => {
      const nps = await ctx.store.createCampaign(ctx.ws.id, campaignInput.parse({ name: 'NPS, November', kind: 'survey', status: 'live', content: { title: 'How likely…?' }, question: { type: 'nps' } }));
      const choice = await ctx.store.createCampaign(ctx.ws.id, campaignInput.parse({
        name: 'Reminder channel', kind: 'survey', status: 'live', content: { title: 'Which channel?' }, question: { type: 'choice', options: [{ id: 'sms', label: 'Text message' }, { id: 'email', label: 'Email' }] },
      }));
      const hook = await createWebhook(ctx.store.sql, ctx.ws.id, { url: 'https://hooks.example/nps', events: ['survey.answered'], description: '' }, DAY_1);
      const other = await ctx.store.createWorkspace(`Other announcements ${ctx.ws.id}`);
      const theirs = await createWebhook(ctx.store.sql, other.id, { url: 'https://hooks.example/theirs', events: ['*'], description: '' }, DAY_1);
      const detractor = message('survey_answered', { campaignId: nps.id, score: 3, comment: 'Too many clicks' }, {}, DAY_2);
      await ctx.store.ingest(ctx.ws.id, [detractor, message('survey_answered', { campaignId: choice.id, choice: 'sms' }, { userId: 'u2', groupId: null }, DAY_2)]);
      // The same batch again (a retry) and a second answer of the same user announce nothing.
      await ctx.store.ingest(ctx.ws.id, [detractor, message('survey_answered', { campaignId: nps.id, score: 10 }, {}, DAY_3)]);

      const bodies = async (ws: string, webhookId: string) => {
        const { items } = await listDeliveries(ctx.store.sql, ws, webhookId, { limit: 50, offset: 0 });
        const claimed = await claimDeliveries(ctx.store.sql, items.map((d) => ({ workspaceId: ws, webhookId, eventId: d.eventId })), 'test', '2099-01-01T00:00:00.000Z', '2099-01-01T00:01:00.000Z');
        return claimed.map((d) => JSON.parse(d.body)).sort((a, b) => a.data.visitorId.localeCompare(b.data.visitorId));
      };
      const announced = await bodies(ctx.ws.id, hook.id);
      expect(announced.map((b) => b.data)).toEqual([
        { campaignId: nps.id, campaignName: 'NPS, November', visitorId: 'u1', accountId: 'acct-1', score: 3, npsGroup: 'detractor', choice: null, choiceLabel: null, comment: 'Too many clicks', answeredAt: DAY_2 },
        { campaignId: choice.id, campaignName: 'Reminder channel', visitorId: 'u2', accountId: null, score: null, npsGroup: null, choice: 'sms', choiceLabel: 'Text message', comment: null, answeredAt: DAY_2 },
      ]);
      expect(announced.every((b) => b.type === 'survey.answered' && b.workspaceId === ctx.ws.id)).toBe(true);
      expect(await bodies(other.id, theirs.id)).toEqual([]);
    });
  });

  describe('reserving shows under caps', () => {
    const settings = { globalHoldoutPercent: 0, throttleHours: 24 };
    const capped = { ...campaignInput.parse({ name: 'c', kind: 'tooltip', status: 'live', anchor: { selector: '#x' }, content: {}, frequency: { maxShows: 1 }, accountCaps: { maxUsers: 2, coolOffHours: 0 } }), id: 'c1', version: 1, createdAt: DAY_1, updatedAt: DAY_1 };
    const reservation = (over: Partial<ShowReservation> = {}): ShowReservation => ({ campaignId: 'c1', visitorId: 'u1', accountId: 'acct-1', throttled: true, at: DAY_3, ...over });
    const reserve = (over: Partial<ShowReservation> = {}) => {
      const r = reservation(over);
      const seen: CapSnapshot[] = [];
      const campaign = { ...capped, id: r.campaignId };
      return ctx.store
        .reserveShows(ctx.ws.id, [r], (_r, snapshot) => (seen.push(snapshot), capsFinding(campaign, snapshot, r.visitorId, settings, r.at) === null))
        .then(([ok]) => ({ ok, seen: seen[0]! }));
    };

    it('counts a show once: a cap of 1 allows exactly one', async () => {
      const first = await reserve();
      expect(first).toEqual({ ok: true, seen: { state: { shows: 0, reservedShows: 0, lastShownAt: null, lastReservedAt: null }, account: { users: 0, visitorCounted: false, lastShownAt: null, lastVisitorId: null }, throttle: null } });
      const second = await reserve();
      expect(second.ok).toBe(false);
      expect(second.seen).toEqual({
        state: { shows: 0, reservedShows: 1, lastShownAt: null, lastReservedAt: DAY_3 },
        account: { users: 1, visitorCounted: true, lastShownAt: DAY_3, lastVisitorId: 'u1' },
        throttle: { campaignId: 'c1', at: DAY_3 },
      });
      const state = await ctx.store.decisionState(ctx.ws.id, 'u1', 'acct-1');
      expect(state.campaigns.get('c1')).toMatchObject({ shows: 0, reservedShows: 1, lastReservedAt: DAY_3 });
      expect(state.accountCaps.get('c1')).toEqual({ users: 1, visitorCounted: true, lastShownAt: DAY_3, lastVisitorId: 'u1' });
      expect(state.throttle).toEqual({ campaignId: 'c1', at: DAY_3 });
    });

    it('holds an account to its number of users', async () => {
      expect((await reserve({ visitorId: 'u1' })).ok).toBe(true);
      expect((await reserve({ visitorId: 'u2' })).ok).toBe(true);
      expect((await reserve({ visitorId: 'u3' })).ok).toBe(false);
      expect((await reserve({ visitorId: 'u3', accountId: 'acct-2' })).ok).toBe(true);
      expect((await ctx.store.decisionState(ctx.ws.id, 'u3', 'acct-1')).accountCaps.get('c1')).toEqual({ users: 2, visitorCounted: false, lastShownAt: DAY_3, lastVisitorId: 'u2' });
    });

    it('changes nothing when the caps say no', async () => {
      const refused = await ctx.store.reserveShows(ctx.ws.id, [reservation()], () => false);
      expect(refused).toEqual([false]);
      const state = await ctx.store.decisionState(ctx.ws.id, 'u1', 'acct-1');
      expect(state).toEqual({ campaigns: new Map(), accountCaps: new Map(), throttle: null });
    });

    it('reserves several shows in order, each seeing the ones before it', async () => {
      const seen: CapSnapshot[] = [];
      const counted = await ctx.store.reserveShows(ctx.ws.id, [reservation(), reservation(), reservation({ campaignId: 'c2' })], (r, snapshot) => {
        seen.push(snapshot);
        return capsFinding({ ...capped, id: r.campaignId }, snapshot, r.visitorId, settings, r.at) === null;
      });
      // The second is refused: the first took the only show of c1. c2 is refused by the throttle c1 took.
      expect(counted).toEqual([true, false, false]);
      expect(seen[1]!.state.reservedShows).toBe(1);
      expect(seen[2]!.throttle).toEqual({ campaignId: 'c1', at: DAY_3 });
      expect(await ctx.store.reserveShows(ctx.ws.id, [], () => true)).toEqual([]);
    });

    it('leaves the throttle alone for persistent messages', async () => {
      expect((await reserve({ throttled: false })).ok).toBe(true);
      expect((await ctx.store.decisionState(ctx.ws.id, 'u1', 'acct-1')).throttle).toBeNull();
    });

    it('gives exactly one of many concurrent reservations for the same visitor', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => reserve()));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await stateOf('u1', 'c1'))?.reservedShows).toBe(1);
    });

    it('gives exactly maxUsers of many concurrent reservations across an account', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve({ visitorId: `u${i}` })));
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect((await ctx.store.decisionState(ctx.ws.id, 'nobody', 'acct-1')).accountCaps.get('c1')?.users).toBe(2);
    });
  });

  describe("a user's guidance history (the user page)", () => {
    it('lists every campaign handed out, shown, held out or answered, newest first, with what the user did', async () => {
      const tooltip = await ctx.store.createCampaign(ctx.ws.id, campaign('Reminders tooltip', 'live'));
      const checklist = await ctx.store.createCampaign(ctx.ws.id, campaignInput.parse({
        name: 'Get started', kind: 'checklist', status: 'live', content: { title: 'Get started' },
        items: [{ id: 'invite', label: 'Invite', feature: 'invites' }, { id: 'book', label: 'Book', feature: 'appointments' }],
      }));
      const survey = await ctx.store.createCampaign(ctx.ws.id, campaignInput.parse({
        name: 'Channel', kind: 'survey', status: 'paused', content: { title: 'How do you remind patients?' },
        question: { type: 'choice', options: [{ id: 'sms', label: 'Text message' }, { id: 'call', label: 'Phone call' }] },
      }));
      await ctx.store.ingest(ctx.ws.id, [
        interaction('shown', tooltip.id, {}, DAY_1),
        interaction('shown', tooltip.id, {}, DAY_2),
        interaction('dismissed', tooltip.id, {}, DAY_2),
        message('checklist_item_completed', { campaignId: checklist.id, itemId: 'invite' }, {}, DAY_1),
        message('survey_answered', { campaignId: survey.id, choice: 'sms', comment: 'cheaper' }, {}, DAY_3),
        interaction('shown', 'deleted-campaign', {}, DAY_1),
        interaction('shown', tooltip.id, { userId: 'u2' }, DAY_3),
      ]);
      await ctx.store.recordHoldouts(ctx.ws.id, [{ campaignId: 'held', visitorId: 'u1', accountId: 'acct-1', reason: 'global', at: '2026-11-19T12:00:00.000Z' }]);
      const empty = { shows: 0, handedOut: 0, firstShownAt: null, lastShownAt: null, clickedAt: null, dismissedAt: null, completedAt: null, snoozedUntil: null,
        tourStep: null, tourDoneAt: null, itemsDone: [], goal: null, heldOut: null, answer: null };
      const rows = await userGuidance(ctx.store.sql, ctx.ws.id, 'u1', await ctx.store.listCampaigns(ctx.ws.id));
      expect(rows).toEqual([
        { ...empty, campaignId: survey.id, name: 'Channel', kind: 'survey', campaignStatus: 'paused', lastActivityAt: DAY_3,
          answer: { score: null, npsGroup: null, choice: 'sms', choiceLabel: 'Text message', comment: 'cheaper', answeredAt: DAY_3 } },
        { ...empty, campaignId: 'held', name: null, kind: null, campaignStatus: null, lastActivityAt: '2026-11-19T12:00:00.000Z',
          heldOut: { at: '2026-11-19T12:00:00.000Z', reason: 'global' } },
        { ...empty, campaignId: tooltip.id, name: 'Reminders tooltip', kind: 'tooltip', campaignStatus: 'live', lastActivityAt: DAY_2,
          shows: 2, firstShownAt: DAY_1, lastShownAt: DAY_2, dismissedAt: DAY_2 },
        { ...empty, campaignId: checklist.id, name: 'Get started', kind: 'checklist', campaignStatus: 'live', lastActivityAt: '', itemsDone: ['invite'] },
        { ...empty, campaignId: 'deleted-campaign', name: null, kind: null, campaignStatus: null, lastActivityAt: DAY_1, shows: 1, firstShownAt: DAY_1, lastShownAt: DAY_1 },
      ].sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : 0)));
      expect(await userGuidance(ctx.store.sql, ctx.ws.id, 'nobody', [])).toEqual([]);
      const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
      expect(await userGuidance(ctx.store.sql, other.id, 'u1', [])).toEqual([]);
    });
  });

  describe('holdouts and results', () => {
    it('logs a holdout once, with its account, and keeps the first time', async () => {
      await ctx.store.recordHoldouts(ctx.ws.id, [{ campaignId: 'c1', visitorId: 'u7', accountId: 'acct-2', reason: 'campaign', at: DAY_1 }]);
      await ctx.store.recordHoldouts(ctx.ws.id, [{ campaignId: 'c1', visitorId: 'u7', accountId: 'acct-3', reason: 'global', at: DAY_2 }]);
      expect(await stateOf('u7', 'c1')).toMatchObject({ heldOutAt: DAY_1, shows: 0 });
      expect(await ctx.store.campaignArms(ctx.ws.id, 'c1')).toEqual({ exposed: [], heldOut: [{ visitorId: 'u7', accountId: 'acct-2', heldOutAt: DAY_1, reason: 'campaign' }] });
    });

    it('hands over exposures, reactions and goal times for results', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        group({ userId: 'u2', groupId: 'acct-9' }, { at: DAY_1 }),
        interaction('shown', 'c1', { userId: 'u1', groupId: 'acct-1' }, DAY_1),
        interaction('clicked', 'c1', { userId: 'u1', groupId: 'acct-1' }, DAY_1),
        interaction('shown', 'c1', { userId: 'u2', groupId: null }, DAY_2),
        interaction('dismissed', 'c1', { userId: 'u2', groupId: null }, DAY_2),
        reminder({ userId: 'u1' }, DAY_2),
        reminder({ userId: 'u2' }, DAY_1),
        reminder({ userId: null, anonymousId: 'anon-1' }, DAY_3),
        track({ userId: 'u3', event: 'Plan Upgraded' }, { at: DAY_3 }),
      ]);
      await ctx.store.recordHoldouts(ctx.ws.id, [{ campaignId: 'c1', visitorId: 'u3', accountId: null, reason: 'global', at: DAY_1 }]);
      expect(await ctx.store.campaignArms(ctx.ws.id, 'c1')).toEqual({
        exposed: [
          { visitorId: 'u1', accountId: 'acct-1', firstShownAt: DAY_1, shows: 1, clicked: true, dismissed: false },
          // No account on the show: the user's most recent one.
          { visitorId: 'u2', accountId: 'acct-9', firstShownAt: DAY_2, shows: 1, clicked: false, dismissed: true },
        ],
        heldOut: [{ visitorId: 'u3', accountId: null, heldOutAt: DAY_1, reason: 'global' }],
      });
      const features = await ctx.store.goalTimes(ctx.ws.id, { type: 'feature', feature: 'reminders', withinDays: 7 }, DAY_1);
      expect(Object.fromEntries(features)).toEqual({ u1: [DAY_2], u2: [DAY_1], 'anon-1': [DAY_3] });
      expect(Object.fromEntries(await ctx.store.goalTimes(ctx.ws.id, { type: 'feature', feature: 'reminders', withinDays: 7 }, DAY_2))).toEqual({ u1: [DAY_2], 'anon-1': [DAY_3] });
      expect(Object.fromEntries(await ctx.store.goalTimes(ctx.ws.id, { type: 'event', event: 'Plan Upgraded', withinDays: 7 }, DAY_1))).toEqual({ u3: [DAY_3] });
    });
  });

  describe('audience profiles', () => {
    it('gives every identified user with their most recent account and both sides’ feature use', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        identify({ userId: 'u1', traits: { role: 'Dentist' } }, { at: DAY_1 }),
        group({ userId: 'u1', groupId: 'acct-1', traits: { plan: 'pro' } }, { at: DAY_1 }),
        group({ userId: 'u1', groupId: 'acct-2', traits: { plan: 'starter' } }, { at: DAY_2 }),
        reminder({ userId: 'u2', groupId: 'acct-2' }, DAY_2),
        track({ userId: null, anonymousId: 'anon-1' }, { at: DAY_2 }),
      ]);
      const profiles = (await ctx.store.audienceProfiles(ctx.ws.id)).sort((a, b) => (a.visitorId < b.visitorId ? -1 : 1));
      const reminders = { count: 1, firstSeen: DAY_2, lastSeen: DAY_2, activeDays: 1 };
      expect(profiles).toEqual([
        { visitorId: 'u1', userId: 'u1', accountId: 'acct-2', userTraits: { role: 'Dentist' }, accountTraits: { plan: 'starter' }, userFeatures: {}, accountFeatures: { reminders } },
        { visitorId: 'u2', userId: 'u2', accountId: 'acct-2', userTraits: {}, accountTraits: { plan: 'starter' }, userFeatures: { reminders }, accountFeatures: { reminders } },
      ]);
      expect(await ctx.store.audienceProfiles((await ctx.store.createWorkspace(`Empty ${ctx.ws.id}`)).id)).toEqual([]);
    });

    it('places each user as a decision would, once analytics has evaluated them', async () => {
      await loadFixture(ctx.store, ctx.ws.id);
      await refreshAnalytics(ctx.store, { now: NOW, full: true });
      const profiles = await ctx.store.audienceProfiles(ctx.ws.id);
      expect(profiles.length).toBeGreaterThan(2);
      expect(profiles.some((p) => p.analytics?.userStage)).toBe(true);
      for (const profile of profiles) {
        const decided = await ctx.store.loadProfile(ctx.ws.id, { userId: profile.userId });
        expect(profile).toEqual({ ...decided, ...(decided.analytics ? {} : { analytics: undefined }) });
      }
    });
  });
});
