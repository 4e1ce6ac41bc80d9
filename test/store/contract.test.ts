// The Store contract, run against SQLite and PostgreSQL: the same operations must give the same,
// exact results on both.
import { describe, expect, it } from 'vitest';
import { INGEST_PROBLEMS_KEPT, type IngestProblem, type StoredEvent } from '../../server/store/store.ts';
import {
  campaign, DAY_1, DAY_1_LATER, DAY_2, DAY_3, eachStore, feature, group, identify, interaction, page, RECEIVED_AT, reminder, sleep, track,
} from './fixtures.ts';

eachStore('%s store', (ctx) => {
  const profileOf = (userId: string, accountId?: string) => ctx.store.loadProfile(ctx.ws.id, { userId, accountId });
  const statesOf = async (visitorId: string) => Object.fromEntries(await ctx.store.messageStates(ctx.ws.id, visitorId));
  const accounts = (limit = 50, offset = 0) => ctx.store.listAccounts(ctx.ws.id, { limit, offset });

  describe('workspaces', () => {
    it('creates a workspace with prefixed keys and default settings, found by name and by either key', async () => {
      const created = await ctx.store.createWorkspace(`Maple Dental ${ctx.ws.id}`);
      expect(created).toEqual({
        id: expect.any(String),
        name: `Maple Dental ${ctx.ws.id}`,
        writeKey: expect.stringMatching(/^wk_/),
        secretKey: expect.stringMatching(/^sk_/),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        settings: { identityVerification: 'off', verificationSecrets: [], honorGlobalPrivacyControl: false, globalHoldoutPercent: 0, throttleHours: 0, eventRetentionDays: null },
      });
      expect(await ctx.store.workspaceByName(created.name)).toEqual(created);
      expect(await ctx.store.workspaceByWriteKey(created.writeKey)).toEqual(created);
      expect(await ctx.store.workspaceBySecretKey(created.secretKey)).toEqual(created);
    });

    it('finds nothing for an unknown name or key, and does not confuse the two kinds of key', async () => {
      expect(await ctx.store.workspaceByName('nobody')).toBeNull();
      expect(await ctx.store.workspaceByWriteKey('wk_nope')).toBeNull();
      expect(await ctx.store.workspaceBySecretKey(ctx.ws.writeKey)).toBeNull();
      expect(await ctx.store.workspaceByWriteKey(ctx.ws.secretKey)).toBeNull();
    });

    it('refuses a second workspace with the same name', async () => {
      await expect(ctx.store.createWorkspace(ctx.ws.name)).rejects.toThrow();
    });

    it('updates settings and returns the workspace as stored', async () => {
      const settings = { identityVerification: 'enforce' as const, verificationSecrets: ['s'.repeat(32)], honorGlobalPrivacyControl: true, globalHoldoutPercent: 5, throttleHours: 24, eventRetentionDays: 90 };
      const updated = await ctx.store.updateWorkspaceSettings(ctx.ws.id, settings);
      expect(updated).toEqual({ ...ctx.ws, settings });
      expect(await ctx.store.workspaceByWriteKey(ctx.ws.writeKey)).toEqual(updated);
      await expect(ctx.store.updateWorkspaceSettings('no-such-id', settings)).rejects.toThrow('no workspace no-such-id');
    });
  });

  describe('ingest', () => {
    it('counts new events and duplicates, within one batch and across batches', async () => {
      const first = track({ event: 'First' });
      const repeat = { ...track({ event: 'Repeat of the first' }), event: { ...first.event, event: 'Repeat of the first' } };
      const second = track({ event: 'Second' });
      expect(await ctx.store.ingest(ctx.ws.id, [first, second, repeat])).toEqual({ accepted: 2, duplicates: 1 });
      expect(await ctx.store.ingest(ctx.ws.id, [second, track({ event: 'Third' })])).toEqual({ accepted: 1, duplicates: 1 });
      // The first copy of a message is the one kept.
      expect((await ctx.store.recentEvents(ctx.ws.id, 10)).map((e) => e.name)).toEqual(['Third', 'Second', 'First']);
    });

    it('changes nothing when the same batch is retried', async () => {
      const batch = [
        identify({ anonymousId: 'anon-1', traits: { name: 'Ana' } }, { at: DAY_1 }),
        group({ traits: { plan: 'pro' } }, { at: DAY_1 }),
        reminder({ groupId: 'acct-1' }, DAY_2),
        interaction('shown', 'c1', {}, DAY_2),
        interaction('dismissed', 'c1', {}, DAY_3),
      ];
      const snapshot = async () => ({
        events: await ctx.store.recentEvents(ctx.ws.id, 50),
        profile: await profileOf('u1'),
        states: await statesOf('u1'),
        accounts: await accounts(),
      });
      expect(await ctx.store.ingest(ctx.ws.id, batch)).toEqual({ accepted: 5, duplicates: 0 });
      const before = await snapshot();
      expect(await ctx.store.ingest(ctx.ws.id, batch)).toEqual({ accepted: 0, duplicates: 5 });
      expect(await snapshot()).toEqual(before);
    });

    it('counts feature use once when plain tracking is retried whole or in part', async () => {
      const first = reminder({ groupId: 'acct-1' }, DAY_1);
      const second = reminder({ groupId: 'acct-1' }, DAY_2);
      expect(await ctx.store.ingest(ctx.ws.id, [first])).toEqual({ accepted: 1, duplicates: 0 });
      const once = await profileOf('u1');
      expect(await ctx.store.ingest(ctx.ws.id, [first])).toEqual({ accepted: 0, duplicates: 1 });
      expect(await profileOf('u1')).toEqual(once);
      // A retry holding an event already stored and a new one counts only the new one.
      expect(await ctx.store.ingest(ctx.ws.id, [first, second])).toEqual({ accepted: 1, duplicates: 1 });
      const { userFeatures, accountFeatures } = await profileOf('u1');
      expect(userFeatures['reminders']).toMatchObject({ count: 2, activeDays: 2 });
      expect(accountFeatures['reminders']).toMatchObject({ count: 2, activeDays: 2 });
      expect((await ctx.store.recentEvents(ctx.ws.id, 10)).length).toBe(2);
    });

    it('merges traits over earlier ones: a null deletes a key, nested objects merge', async () => {
      await ctx.store.ingest(ctx.ws.id, [identify({ traits: { name: 'Ana', plan: 'free', prefs: { theme: 'dark', lang: 'en' } } }, { at: DAY_1 })]);
      await ctx.store.ingest(ctx.ws.id, [identify({ traits: { plan: 'pro', name: null, prefs: { lang: null, tz: 'UTC' } } }, { at: DAY_2 })]);
      await ctx.store.ingest(ctx.ws.id, [group({ traits: { name: 'Maple', seats: 4 } }, { at: DAY_1 })]);
      await ctx.store.ingest(ctx.ws.id, [group({ traits: { seats: null, tier: 2 } }, { at: DAY_2 }), track({ groupId: 'acct-1' }, { at: DAY_3 })]);
      const profile = await profileOf('u1');
      expect(profile.userTraits).toEqual({ plan: 'pro', prefs: { theme: 'dark', tz: 'UTC' } });
      expect(profile.accountTraits).toEqual({ name: 'Maple', tier: 2 });
    });

    it('records who belongs to which account, and when each was first and last seen', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        group({ userId: 'u1', groupId: 'acct-1' }, { at: DAY_2 }),
        track({ userId: 'u2', groupId: 'acct-1' }, { at: DAY_1 }),
        track({ userId: 'u1', groupId: 'acct-1' }, { at: DAY_3 }),
        track({ userId: 'u3' }, { at: DAY_3 }),
      ]);
      expect((await accounts()).items).toEqual([
        { id: 'acct-1', traits: {}, users: 2, firstSeen: DAY_1, lastSeen: DAY_3, featuresUsed: [] },
      ]);
    });

    it('counts feature use per user and per account, with distinct active days', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        reminder({ groupId: 'acct-1' }, DAY_1),
        reminder({ groupId: 'acct-1' }, DAY_1_LATER),
        reminder({ userId: 'u2', groupId: 'acct-1' }, DAY_2),
        track({ groupId: 'acct-1' }, { at: DAY_3 }),
      ]);
      let profile = await profileOf('u1', 'acct-1');
      expect(profile.userFeatures).toEqual({ reminders: { count: 2, firstSeen: DAY_1, lastSeen: DAY_1_LATER, activeDays: 1 } });
      expect(profile.accountFeatures).toEqual({ reminders: { count: 3, firstSeen: DAY_1, lastSeen: DAY_2, activeDays: 2 } });
      // A later batch with an earlier event moves firstSeen back; a known day adds no active day.
      await ctx.store.ingest(ctx.ws.id, [reminder({ groupId: 'acct-1' }, '2026-11-17T08:00:00.000Z'), reminder({ groupId: 'acct-1' }, DAY_2)]);
      profile = await profileOf('u1', 'acct-1');
      expect(profile.userFeatures['reminders']).toEqual({ count: 4, firstSeen: '2026-11-17T08:00:00.000Z', lastSeen: DAY_2, activeDays: 3 });
      expect(profile.accountFeatures['reminders']).toEqual({ count: 5, firstSeen: '2026-11-17T08:00:00.000Z', lastSeen: DAY_2, activeDays: 3 });
    });

    it('keeps message state per visitor: shows add up, the first click, dismissal and completion stay', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        interaction('shown', 'c1', {}, DAY_1),
        interaction('shown', 'c1', {}, DAY_3),
        interaction('shown', 'c1', {}, DAY_2),
        interaction('completed', 'c2', {}, DAY_2),
        interaction('shown', 'c1', { userId: null, anonymousId: 'anon-1' }, DAY_1),
      ]);
      await ctx.store.ingest(ctx.ws.id, [interaction('clicked', 'c1', {}, DAY_2), interaction('dismissed', 'c1', {}, DAY_3)]);
      await ctx.store.ingest(ctx.ws.id, [interaction('clicked', 'c1', {}, DAY_3), interaction('dismissed', 'c1', {}, DAY_1), interaction('shown', 'c2', {}, DAY_1)]);
      expect(await statesOf('u1')).toEqual({
        c1: { shows: 3, lastShownAt: DAY_3, clickedAt: DAY_2, dismissedAt: DAY_3, completedAt: null },
        c2: { shows: 1, lastShownAt: DAY_1, clickedAt: null, dismissedAt: null, completedAt: DAY_2 },
      });
      expect(await statesOf('anon-1')).toEqual({ c1: { shows: 1, lastShownAt: DAY_1, clickedAt: null, dismissedAt: null, completedAt: null } });
      expect(await statesOf('nobody')).toEqual({});
    });
  });

  describe('linking an anonymous visitor on identify', () => {
    const anon = { userId: null, anonymousId: 'anon-7' };

    it('gives the user the visitor’s events, feature use and message state, once', async () => {
      await ctx.store.ingest(ctx.ws.id, [interaction('shown', 'c2', { userId: 'u9' }, DAY_1), interaction('clicked', 'c3', { userId: 'u9' }, DAY_1)]);
      await ctx.store.ingest(ctx.ws.id, [
        reminder({ ...anon, groupId: 'acct-1' }, DAY_1),
        reminder(anon, DAY_2),
        interaction('dismissed', 'c1', anon, DAY_2),
        interaction('shown', 'c2', anon, DAY_2),
        interaction('dismissed', 'c3', anon, DAY_2),
        track({ userId: null, anonymousId: 'anon-other' }, { at: DAY_2 }),
      ]);
      expect(await ctx.store.ingest(ctx.ws.id, [identify({ userId: 'u9', anonymousId: 'anon-7' }, { at: DAY_3 })])).toEqual({ accepted: 1, duplicates: 0 });

      const profile = await profileOf('u9');
      expect(profile.userFeatures).toEqual({ reminders: { count: 2, firstSeen: DAY_1, lastSeen: DAY_2, activeDays: 2 } });
      expect(await statesOf('u9')).toEqual({
        c1: { shows: 0, lastShownAt: null, clickedAt: null, dismissedAt: DAY_2, completedAt: null },
        c2: { shows: 2, lastShownAt: DAY_2, clickedAt: null, dismissedAt: null, completedAt: null },
        c3: { shows: 0, lastShownAt: null, clickedAt: DAY_1, dismissedAt: DAY_2, completedAt: null },
      });
      expect(await statesOf('anon-7')).toEqual({});
      const events = await ctx.store.recentEvents(ctx.ws.id, 50);
      expect(events.filter((e) => e.anonymousId === 'anon-7').map((e) => e.userId)).toEqual(Array(6).fill('u9'));
      expect(events.find((e) => e.anonymousId === 'anon-other')?.userId).toBeNull();
      // The account counted its use when it happened; linking does not count it again.
      expect((await ctx.store.loadProfile(ctx.ws.id, { accountId: 'acct-1' })).accountFeatures['reminders']?.count).toBe(1);

      await ctx.store.ingest(ctx.ws.id, [identify({ userId: 'u9', anonymousId: 'anon-7' }, { at: DAY_3 })]);
      expect((await profileOf('u9')).userFeatures).toEqual(profile.userFeatures);
    });

    it('links the visitor’s earlier events in the same batch', async () => {
      await ctx.store.ingest(ctx.ws.id, [reminder(anon, DAY_1), interaction('shown', 'c1', anon, DAY_1), identify({ userId: 'u9', anonymousId: 'anon-7' }, { at: DAY_2 })]);
      expect((await profileOf('u9')).userFeatures).toEqual({ reminders: { count: 1, firstSeen: DAY_1, lastSeen: DAY_1, activeDays: 1 } });
      expect(await statesOf('u9')).toEqual({ c1: { shows: 1, lastShownAt: DAY_1, clickedAt: null, dismissedAt: null, completedAt: null } });
    });
  });

  describe('recentEvents', () => {
    it('returns the latest events first, in the shape stored', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        identify({ anonymousId: 'anon-1', traits: { name: 'Ana' } }, { at: DAY_1 }),
        group({ traits: { name: 'Maple' } }, { at: DAY_1, verified: false }),
        track({ event: 'Reminder Scheduled', groupId: 'acct-1', properties: { minutes: 30, tags: ['a'], nested: { ok: true } } }, { at: DAY_2, features: ['reminders', 'alerts'], verified: true }),
      ]);
      await ctx.store.ingest(ctx.ws.id, [page({ userId: null, anonymousId: 'anon-2', name: 'Settings', properties: { path: '/settings' } }, { at: DAY_3 })]);
      const base = { anonymousId: null, accountId: null, name: null, properties: {}, receivedAt: RECEIVED_AT, features: [], verified: null };
      const events = await ctx.store.recentEvents(ctx.ws.id, 10);
      expect(events).toEqual([
        { ...base, messageId: expect.any(String), type: 'page', userId: null, anonymousId: 'anon-2', name: 'Settings', properties: { path: '/settings' }, timestamp: DAY_3 },
        {
          ...base, messageId: expect.any(String), type: 'track', userId: 'u1', accountId: 'acct-1', name: 'Reminder Scheduled',
          properties: { minutes: 30, tags: ['a'], nested: { ok: true } }, timestamp: DAY_2, features: ['reminders', 'alerts'], verified: true,
        },
        { ...base, messageId: expect.any(String), type: 'group', userId: 'u1', accountId: 'acct-1', timestamp: DAY_1, verified: false },
        { ...base, messageId: expect.any(String), type: 'identify', userId: 'u1', anonymousId: 'anon-1', timestamp: DAY_1 },
      ] satisfies StoredEvent[]);
      expect(await ctx.store.recentEvents(ctx.ws.id, 2)).toEqual(events.slice(0, 2));
    });

    it('orders events as they arrived, whatever their ids', async () => {
      const ids = Array.from({ length: 500 }, (_, i) => `${(i * 7919) % 500}-${i}`);
      await ctx.store.ingest(ctx.ws.id, ids.map((messageId) => track({ messageId })));
      expect((await ctx.store.recentEvents(ctx.ws.id, 1000)).map((e) => e.messageId)).toEqual(ids.reverse());
    });

    it('keeps to one visitor when asked: by user id or anonymous id', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        track({ event: 'A', userId: 'u1' }),
        track({ event: 'B', userId: 'u2' }),
        page({ userId: null, anonymousId: 'anon-9', name: 'C' }),
        track({ event: 'D', userId: 'u1' }),
      ]);
      expect((await ctx.store.recentEvents(ctx.ws.id, 10, 'u1')).map((e) => e.name)).toEqual(['D', 'A']);
      expect((await ctx.store.recentEvents(ctx.ws.id, 1, 'u1')).map((e) => e.name)).toEqual(['D']);
      expect((await ctx.store.recentEvents(ctx.ws.id, 10, 'anon-9')).map((e) => e.name)).toEqual(['C']);
      expect(await ctx.store.recentEvents(ctx.ws.id, 10, 'nobody')).toEqual([]);
    });
  });

  describe('ingest problems', () => {
    const problem = (n: number): IngestProblem => ({
      at: DAY_3, code: 'invalid_event', message: `batch[${n}].timestamp: not a date`, path: `batch[${n}].timestamp`, visitor: n % 2 ? 'u1' : null, event: n % 2 ? 'track Clicked' : null,
    });

    it('lists the latest first, keeps the latest 200 of a workspace, and only its own', async () => {
      const other = await ctx.store.createWorkspace(`Problems elsewhere ${ctx.ws.id}`);
      await ctx.store.recordIngestProblems(other.id, [problem(-1)]);
      for (let start = 0; start < 230; start += 20) {
        await ctx.store.recordIngestProblems(ctx.ws.id, Array.from({ length: 20 }, (_, i) => problem(start + i)));
      }
      const kept = await ctx.store.ingestProblems(ctx.ws.id, 500);
      expect(kept).toHaveLength(INGEST_PROBLEMS_KEPT);
      expect(kept[0]).toEqual(problem(239));
      expect(kept.at(-1)).toEqual(problem(40));
      expect(await ctx.store.ingestProblems(ctx.ws.id, 3)).toEqual([problem(239), problem(238), problem(237)]);
      expect(await ctx.store.ingestProblems(other.id, 10)).toEqual([problem(-1)]);
    });
  });

  describe('features', () => {
    it('versions each save and lists features by key', async () => {
      expect(await ctx.store.saveFeature(ctx.ws.id, feature('zeta'))).toEqual({ ...feature('zeta'), version: 1 });
      await ctx.store.saveFeature(ctx.ws.id, feature('alpha'));
      expect(await ctx.store.saveFeature(ctx.ws.id, feature('zeta', 'Zeta, renamed'))).toEqual({ ...feature('zeta', 'Zeta, renamed'), version: 2 });
      expect(await ctx.store.listFeatures(ctx.ws.id)).toEqual([
        { ...feature('alpha'), version: 1 },
        { ...feature('zeta', 'Zeta, renamed'), version: 2 },
      ]);
    });
  });

  describe('campaigns', () => {
    it('lists campaigns oldest first, optionally by status', async () => {
      const draft = await ctx.store.createCampaign(ctx.ws.id, campaign('Draft'));
      await sleep(3);
      const live = await ctx.store.createCampaign(ctx.ws.id, campaign('Live', 'live'));
      await sleep(3);
      const paused = await ctx.store.createCampaign(ctx.ws.id, campaign('Paused', 'paused'));
      expect(live).toEqual({ ...campaign('Live', 'live'), id: expect.any(String), version: 1, createdAt: expect.any(String), updatedAt: live.createdAt });
      expect(await ctx.store.listCampaigns(ctx.ws.id)).toEqual([draft, live, paused]);
      expect(await ctx.store.listCampaigns(ctx.ws.id, { status: 'live' })).toEqual([live]);
      expect(await ctx.store.listCampaigns(ctx.ws.id, { status: 'archived' })).toEqual([]);
    });
  });

  describe('loadProfile', () => {
    it('takes the account the user was most recently seen in when none is given', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        group({ groupId: 'acct-1', traits: { name: 'One' } }, { at: DAY_1 }),
        group({ groupId: 'acct-2', traits: { name: 'Two' } }, { at: DAY_2 }),
        identify({ traits: { name: 'Ana' } }, { at: DAY_1 }),
      ]);
      expect(await profileOf('u1')).toEqual({
        visitorId: 'u1', userId: 'u1', accountId: 'acct-2', userTraits: { name: 'Ana' }, accountTraits: { name: 'Two' }, userFeatures: {}, accountFeatures: {},
      });
      expect((await profileOf('u1', 'acct-1')).accountTraits).toEqual({ name: 'One' });
    });

    it('describes an unknown or anonymous visitor with empty data', async () => {
      const empty = { userTraits: {}, accountTraits: {}, userFeatures: {}, accountFeatures: {} };
      expect(await ctx.store.loadProfile(ctx.ws.id, { anonymousId: 'anon-1' })).toEqual({ visitorId: 'anon-1', userId: null, accountId: null, ...empty });
      expect(await ctx.store.loadProfile(ctx.ws.id, { userId: 'u-new', anonymousId: 'anon-1' })).toEqual({ visitorId: 'u-new', userId: 'u-new', accountId: null, ...empty });
      expect(await ctx.store.loadProfile(ctx.ws.id, {})).toEqual({ visitorId: '', userId: null, accountId: null, ...empty });
    });
  });

  describe('listAccounts', () => {
    it('pages accounts by last seen, then id, with member counts and sorted features', async () => {
      await ctx.store.ingest(ctx.ws.id, [
        track({ groupId: 'acct-b' }, { at: DAY_2, features: ['zeta', 'alpha'] }),
        track({ userId: 'u2', groupId: 'acct-b' }, { at: DAY_1 }),
        track({ groupId: 'acct-a' }, { at: DAY_2, features: ['mid'] }),
        group({ groupId: 'acct-c', traits: { name: 'C' } }, { at: DAY_3 }),
        group({ groupId: 'acct-d' }, { at: DAY_1 }),
      ]);
      const page1 = await accounts(2, 0);
      expect(page1).toEqual({
        total: 4,
        items: [
          { id: 'acct-c', traits: { name: 'C' }, users: 1, firstSeen: DAY_3, lastSeen: DAY_3, featuresUsed: [] },
          { id: 'acct-a', traits: {}, users: 1, firstSeen: DAY_2, lastSeen: DAY_2, featuresUsed: ['mid'] },
        ],
      });
      expect(await accounts(2, 2)).toEqual({
        total: 4,
        items: [
          { id: 'acct-b', traits: {}, users: 2, firstSeen: DAY_1, lastSeen: DAY_2, featuresUsed: ['alpha', 'zeta'] },
          { id: 'acct-d', traits: {}, users: 1, firstSeen: DAY_1, lastSeen: DAY_1, featuresUsed: [] },
        ],
      });
      expect(await accounts(2, 4)).toEqual({ total: 4, items: [] });
    });
  });

  describe('tenant isolation', () => {
    it('never shows one workspace another’s data, even with the same message and user ids', async () => {
      const other = await ctx.store.createWorkspace(`Other ${ctx.ws.id}`);
      const batch = [identify({ traits: { tenant: 'first' } }), reminder({ groupId: 'acct-1' }), interaction('shown', 'c1')];
      expect(await ctx.store.ingest(ctx.ws.id, batch)).toEqual({ accepted: 3, duplicates: 0 });
      expect(await ctx.store.ingest(other.id, batch)).toEqual({ accepted: 3, duplicates: 0 });
      await ctx.store.ingest(other.id, [identify({ traits: { tenant: 'other' } }), group({ groupId: 'acct-2' })]);
      await ctx.store.saveFeature(other.id, feature('reminders'));
      await ctx.store.createCampaign(other.id, campaign('Other’s'));

      expect(await ctx.store.recentEvents(ctx.ws.id, 50)).toHaveLength(3);
      expect((await profileOf('u1')).userTraits).toEqual({ tenant: 'first' });
      expect((await profileOf('u1', 'acct-1')).accountFeatures['reminders']?.count).toBe(1);
      expect((await statesOf('u1'))['c1']?.shows).toBe(1);
      expect((await accounts()).items.map((a) => a.id)).toEqual(['acct-1']);
      expect(await ctx.store.listFeatures(ctx.ws.id)).toEqual([]);
      expect(await ctx.store.listCampaigns(ctx.ws.id)).toEqual([]);
      expect(await ctx.store.recentEvents(other.id, 50)).toHaveLength(5);
    });
  });
});
