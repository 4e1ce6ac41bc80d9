// The decision as a pure function: every rule failing alone rules a campaign out for that rule;
// rules are checked in their order; then priority, recency, one interrupting message at a time.
import { describe, expect, it } from 'vitest';
import { decide, firstFinding, planDecision } from '../../server/engine/decision.ts';
import { globalHoldoutBucket, holdoutBucket } from '../../server/engine/holdout.ts';
import { capsFinding } from '../../server/engine/rules.ts';
import { NEVER_SEEN } from '../../server/engine/visitor-state.ts';
import type { Campaign } from '../../server/protocol/campaign.ts';
import { campaign, hoursAfter, hoursBefore, input, type InputOver, NOW, profile, use } from './engine-fixtures.ts';

const ID = 'subject';
const only = (c: Campaign, over: InputOver = {}) => firstFinding(c, input(over), input(over).state.campaigns.get(c.id) ?? NEVER_SEEN, false);
const shownIds = (campaigns: Campaign[], over: InputOver = {}) => decide(campaigns, input(over)).map((m) => m.campaignId);

describe('each rule failing alone', () => {
  const bucket = holdoutBucket(ID, 'u1');
  const globalBucket = globalHoldoutBucket('u5');
  const cases: [string, Parameters<typeof campaign>[0], InputOver, string][] = [
    ['paused', { status: 'paused' }, {}, 'status'],
    ['draft', { status: 'draft' }, {}, 'status'],
    ['archived', { status: 'archived' }, {}, 'status'],
    ['not started yet', { schedule: { startAt: hoursAfter(1), endAt: null } }, {}, 'schedule'],
    ['already ended', { schedule: { startAt: null, endAt: hoursBefore(1) } }, {}, 'schedule'],
    ['ends exactly now', { schedule: { startAt: null, endAt: NOW } }, {}, 'schedule'],
    ['on another page', { pages: { include: ['/settings/*'], exclude: [] } }, {}, 'page'],
    ['on an excluded page', { pages: { include: [], exclude: ['/home'] } }, {}, 'page'],
    ['outside the audience', { audience: { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'starter' } }, {}, 'audience'],
    ['held out (bucket just below the share)', { holdoutPercent: bucket + 0.01 }, {}, 'holdout'],
    ['in the global holdout', {}, { globalHoldoutPercent: globalBucket + 0.01, profile: profile({ visitorId: 'u5', userId: 'u5' }) }, 'global_holdout'],
    ['dismissed', {}, { states: { [ID]: { dismissedAt: hoursBefore(2) } } }, 'frequency'],
    ['clicked', {}, { states: { [ID]: { clickedAt: hoursBefore(2) } } }, 'frequency'],
    ['completed, when told to stop then', { frequency: { stopAfter: ['completed'] } }, { states: { [ID]: { completedAt: hoursBefore(2) } } }, 'frequency'],
    [
      'feature goal reached after first exposure',
      { goal: { type: 'feature', feature: 'reminders', withinDays: 14 }, frequency: { stopAfter: ['goal'] } },
      { states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T00:00:00.000Z', reachedGoal: 'feature:reminders', goalReachedAt: '2026-11-19T00:00:00.000Z' } } },
      'frequency',
    ],
    [
      'event goal reached on the last day of its window',
      { goal: { type: 'event', event: 'Invoice Sent', withinDays: 2 }, frequency: { stopAfter: ['goal'] } },
      { states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T00:00:00.000Z', reachedGoal: 'event:Invoice Sent', goalReachedAt: '2026-11-19T23:59:59.000Z' } } },
      'frequency',
    ],
    ['snoozed until later', {}, { states: { [ID]: { snoozedUntil: hoursAfter(1) } } }, 'frequency'],
    ['shown as often as allowed', { frequency: { maxShows: 3 } }, { states: { [ID]: { shows: 3 } } }, 'frequency'],
    ['handed out as often as allowed (reserved, not yet rendered)', { frequency: { maxShows: 1 } }, { states: { [ID]: { reservedShows: 1 } } }, 'frequency'],
    ['shown too recently', { frequency: { minIntervalHours: 24 } }, { states: { [ID]: { shows: 1, lastShownAt: hoursBefore(23) } } }, 'frequency'],
    ['enough users of the account saw it', { accountCaps: { maxUsers: 2 } }, { accountCaps: { [ID]: { users: 2 } } }, 'account_caps'],
    ['another user of the account saw it during the cool-off', { accountCaps: { coolOffHours: 48 } }, { accountCaps: { [ID]: { users: 1, lastShownAt: hoursBefore(47), lastVisitorId: 'u2' } } }, 'account_caps'],
    ['another interrupting message took the throttle slot', {}, { throttleHours: 24, throttle: { campaignId: 'other', at: hoursBefore(5) } }, 'throttle'],
  ];

  it('shows the baseline campaign: every rule passes', () => {
    expect(only(campaign({ id: ID }))).toBeNull();
    expect(shownIds([campaign({ id: ID })])).toEqual([ID]);
  });

  it.each(cases)('%s → ruled out by %s', (_name, over, inputOver, rule) => {
    const subject = campaign({ id: ID, ...over });
    expect(only(subject, inputOver)?.rule).toBe(rule);
    expect(shownIds([subject], inputOver)).toEqual([]);
  });
});

describe('where each rule lets a campaign through', () => {
  const bucket = holdoutBucket(ID, 'u1');
  const cases: [string, Parameters<typeof campaign>[0], InputOver][] = [
    ['inside its schedule', { schedule: { startAt: hoursBefore(1), endAt: hoursAfter(1) } }, {}],
    ['starts exactly now', { schedule: { startAt: NOW, endAt: null } }, {}],
    ['the bucket equal to the share is not held out', { holdoutPercent: bucket }, {}],
    ['dismissed, but told to stop only when completed', { frequency: { stopAfter: ['completed'] } }, { states: { [ID]: { dismissedAt: hoursBefore(2) } } }],
    ['a snooze that is over', {}, { states: { [ID]: { snoozedUntil: hoursBefore(1) } } }],
    ['one show left', { frequency: { maxShows: 3 } }, { states: { [ID]: { shows: 2, reservedShows: 2 } } }],
    ['the interval has passed', { frequency: { minIntervalHours: 24 } }, { states: { [ID]: { shows: 1, lastShownAt: hoursBefore(24) } } }],
    ['the feature was used only before first exposure', { goal: { type: 'feature', feature: 'reminders', withinDays: 14 }, frequency: { stopAfter: ['goal'] } }, {
      // Ingest records no goal before the first show; the feature counters say it was used.
      states: { [ID]: { shows: 1, firstShownAt: '2026-11-19T06:00:00.000Z' } },
      profile: profile({ userFeatures: { reminders: use(1, '2026-11-19T00:00:00.000Z') } }),
    }],
    ['the event goal came after its window', { goal: { type: 'event', event: 'Invoice Sent', withinDays: 2 }, frequency: { stopAfter: ['goal'] } }, {
      states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T00:00:00.000Z', reachedGoal: 'event:Invoice Sent', goalReachedAt: '2026-11-20T00:00:00.000Z' } },
    }],
    ['the goal reached was the campaign’s earlier goal', { goal: { type: 'event', event: 'Invoice Sent', withinDays: 14 }, frequency: { stopAfter: ['goal'] } }, {
      states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T00:00:00.000Z', reachedGoal: 'feature:invoices', goalReachedAt: '2026-11-19T00:00:00.000Z' } },
    }],
    ['goal reached, but not told to stop then', { goal: { type: 'event', event: 'Invoice Sent', withinDays: 14 } }, {
      states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T00:00:00.000Z', reachedGoal: 'event:Invoice Sent', goalReachedAt: '2026-11-19T00:00:00.000Z' } },
    }],
    ['this user is already one of the account’s users', { accountCaps: { maxUsers: 2 } }, { accountCaps: { [ID]: { users: 2, visitorCounted: true } } }],
    ['the cool-off started with this same user', { accountCaps: { coolOffHours: 48 } }, { accountCaps: { [ID]: { users: 1, lastShownAt: hoursBefore(1), lastVisitorId: 'u1' } } }],
    ['the cool-off is over', { accountCaps: { coolOffHours: 48 } }, { accountCaps: { [ID]: { users: 1, lastShownAt: hoursBefore(48), lastVisitorId: 'u2' } } }],
    ['no account: account caps do not apply', { accountCaps: { maxUsers: 1 } }, { profile: profile({ accountId: null }), accountCaps: { [ID]: { users: 5 } } }],
    ['the throttle slot is this campaign’s own', {}, { throttleHours: 24, throttle: { campaignId: ID, at: hoursBefore(1) } }],
    ['the throttle period is over', {}, { throttleHours: 24, throttle: { campaignId: 'other', at: hoursBefore(24) } }],
    ['persistent messages are not throttled', { kind: 'banner' }, { throttleHours: 24, throttle: { campaignId: 'other', at: hoursBefore(1) } }],
  ];
  it.each(cases)('%s', (_name, over, inputOver) => {
    expect(only(campaign({ id: ID, ...over }), inputOver)).toBeNull();
  });
});

describe('rule order', () => {
  it('reports the first failing rule in decision order', () => {
    const everythingWrong = campaign({
      id: ID,
      status: 'paused',
      pages: { include: ['/elsewhere'], exclude: [] },
      audience: { any: [] },
      frequency: { maxShows: 1 },
    });
    const over: InputOver = { states: { [ID]: { shows: 1 } } };
    expect(only(everythingWrong, over)?.rule).toBe('status');
    expect(only({ ...everythingWrong, status: 'live' }, over)?.rule).toBe('page');
    expect(only({ ...everythingWrong, status: 'live', pages: { include: [], exclude: [] } }, over)?.rule).toBe('audience');
    expect(only({ ...everythingWrong, status: 'live', pages: { include: [], exclude: [] }, audience: { all: [] } }, over)?.rule).toBe('frequency');
  });

  it('logs a held-out visitor only where the audience matched, and only once', () => {
    // u1 falls at 20.68% for this campaign: a 25% holdout keeps it out.
    const held = campaign({ id: ID, holdoutPercent: 25 });
    expect(planDecision([held], input()).heldOut).toEqual([{ campaignId: ID, reason: 'campaign' }]);
    expect(planDecision([held], input({ states: { [ID]: { heldOutAt: hoursBefore(5) } } })).heldOut).toEqual([]);
    // Outside the audience, not logged: the comparison group must look like the exposed one.
    expect(planDecision([{ ...held, audience: { any: [] } }], input()).heldOut).toEqual([]);
  });

  it('logs the global holdout as such', () => {
    const over: InputOver = { globalHoldoutPercent: 2, profile: profile({ visitorId: 'u5', userId: 'u5' }) };
    expect(planDecision([campaign({ id: ID })], input(over)).heldOut).toEqual([{ campaignId: ID, reason: 'global' }]);
  });

  it('places a visitor in the same holdout bucket every time, and spreads visitors evenly', () => {
    // Pinned: a change to the hash would silently move everyone between groups mid-experiment.
    expect(holdoutBucket(ID, 'u1')).toBe(20.68);
    expect(globalHoldoutBucket('u5')).toBe(1.42);
    const buckets = Array.from({ length: 10_000 }, (_, i) => holdoutBucket('c1', `user-${i}`));
    const heldOut = buckets.filter((b) => b < 20).length;
    expect(heldOut).toBeGreaterThan(1_850);
    expect(heldOut).toBeLessThan(2_150);
    // Independent per campaign: a visitor held out of one is not held out of all.
    const both = Array.from({ length: 10_000 }, (_, i) => holdoutBucket('c1', `user-${i}`) < 20 && holdoutBucket('c2', `user-${i}`) < 20).filter(Boolean).length;
    expect(both).toBeGreaterThan(300);
    expect(both).toBeLessThan(500);
  });
});

describe('priority and what is shown together', () => {
  it('picks the highest priority interrupting message and only one', () => {
    expect(shownIds([campaign({ id: 'low', priority: 10 }), campaign({ id: 'high', priority: 500 })])).toEqual(['high']);
  });
  it('breaks priority ties by the most recently changed campaign', () => {
    const older = campaign({ id: 'older', updatedAt: '2026-11-01T00:00:00.000Z' });
    const newer = campaign({ id: 'newer', updatedAt: '2026-11-02T00:00:00.000Z' });
    expect(shownIds([older, newer])).toEqual(['newer']);
  });
  it('falls back to the next campaign when the first was dismissed', () => {
    const states = { first: { dismissedAt: hoursBefore(1) } };
    expect(shownIds([campaign({ id: 'first', priority: 500 }), campaign({ id: 'second', priority: 10 })], { states })).toEqual(['second']);
  });
  it('shows one interrupting message beside the best persistent message of each kind', () => {
    const campaigns = [
      campaign({ id: 'modal', kind: 'modal', priority: 50 }),
      campaign({ id: 'tooltip', priority: 200 }),
      campaign({ id: 'banner-low', kind: 'banner', priority: 10 }),
      campaign({ id: 'banner-high', kind: 'banner', priority: 20 }),
      campaign({ id: 'checklist', kind: 'checklist', items: [{ id: 'a', label: 'A' }] }),
      campaign({ id: 'launcher', kind: 'launcher', entries: [{ id: 'help', label: 'Help', action: { type: 'url', url: 'https://help.example' } }] }),
    ];
    expect(shownIds(campaigns)).toEqual(['tooltip', 'checklist', 'launcher', 'banner-high']);
  });
  it('keeps an interrupting message already on screen rather than swapping it for a higher one', () => {
    const campaigns = [campaign({ id: 'on-screen', priority: 10 }), campaign({ id: 'new', priority: 900 })];
    expect(shownIds(campaigns, { showing: ['on-screen'], states: { 'on-screen': { shows: 1 } } })).toEqual(['on-screen']);
    // Claiming to show something never handed out changes nothing.
    expect(shownIds(campaigns, { showing: ['on-screen'] })).toEqual(['new']);
  });
  it('continues a capped message on screen without counting another show', () => {
    const capped = campaign({ id: ID, frequency: { maxShows: 1 } });
    const over: InputOver = { showing: [ID], states: { [ID]: { reservedShows: 1 } } };
    const plan = planDecision([capped], input(over));
    expect(plan.interrupting).toEqual([{ campaign: capped, reserve: false }]);
    // A fresh page load (nothing on screen) is a new show, and the cap holds.
    expect(shownIds([capped], { states: { [ID]: { reservedShows: 1 } } })).toEqual([]);
  });
  it('marks a show for reservation only when a cap or the throttle applies', () => {
    const plan = (c: Campaign, over: InputOver = {}) => planDecision([c], input(over));
    expect(plan(campaign({ id: ID })).interrupting[0]!.reserve).toBe(false);
    expect(plan(campaign({ id: ID, frequency: { maxShows: 2 } })).interrupting[0]!.reserve).toBe(true);
    expect(plan(campaign({ id: ID, frequency: { minIntervalHours: 1 } })).interrupting[0]!.reserve).toBe(true);
    expect(plan(campaign({ id: ID, accountCaps: { maxUsers: 3 } })).interrupting[0]!.reserve).toBe(true);
    expect(plan(campaign({ id: ID, accountCaps: { coolOffHours: 3 } })).interrupting[0]!.reserve).toBe(true);
    expect(plan(campaign({ id: ID }), { throttleHours: 24 }).interrupting[0]!.reserve).toBe(true);
    expect(plan(campaign({ id: ID, kind: 'banner' }), { throttleHours: 24 }).persistent[0]!.reserve).toBe(false);
  });
  it('re-checks caps on the state read under lock', () => {
    const capped = campaign({ id: ID, frequency: { maxShows: 1 }, accountCaps: { maxUsers: 1 } });
    const settings = { globalHoldoutPercent: 0, throttleHours: 24 };
    const fresh = { state: { shows: 0, reservedShows: 0, lastShownAt: null, lastReservedAt: null }, account: null, throttle: null };
    expect(capsFinding(capped, fresh, 'u1', settings, NOW)).toBeNull();
    expect(capsFinding(capped, { ...fresh, state: { ...fresh.state, reservedShows: 1 } }, 'u1', settings, NOW)?.rule).toBe('frequency');
    expect(capsFinding(capped, { ...fresh, account: { users: 1, visitorCounted: false, lastShownAt: NOW, lastVisitorId: 'u2' } }, 'u1', settings, NOW)?.rule).toBe('account_caps');
    expect(capsFinding(capped, { ...fresh, throttle: { campaignId: 'other', at: NOW } }, 'u1', settings, NOW)?.rule).toBe('throttle');
  });
});

describe('a tour the user asked for', () => {
  const tour = (over: Parameters<typeof campaign>[0] = {}) =>
    campaign({ id: 'tour', kind: 'tour', priority: 1, steps: [{ id: 's1', content: { title: 'One' } }, { id: 's2', content: { title: 'Two' } }], ...over });
  it('comes first, past the throttle, holdout, page rules and its own frequency', () => {
    const t = tour({ pages: { include: ['/tour-only'], exclude: [] }, holdoutPercent: 90, frequency: { maxShows: 1 } });
    const over: InputOver = { start: 'tour', throttleHours: 24, throttle: { campaignId: 'x', at: NOW }, states: { tour: { reservedShows: 1, dismissedAt: hoursBefore(1) } } };
    expect(shownIds([campaign({ id: 'tip', priority: 999 }), t], over)).toEqual(['tour']);
  });
  it('is not started outside its audience, when not live, or outside its schedule', () => {
    expect(shownIds([tour({ audience: { any: [] } })], { start: 'tour' })).toEqual([]);
    expect(shownIds([tour({ status: 'paused' })], { start: 'tour' })).toEqual([]);
    expect(shownIds([tour({ schedule: { startAt: hoursAfter(1), endAt: null } })], { start: 'tour' })).toEqual([]);
  });
  it('only starts tours', () => {
    expect(planDecision([campaign({ id: 'tip', audience: { any: [] } })], input({ start: 'tip' })).interrupting).toEqual([]);
  });
});
