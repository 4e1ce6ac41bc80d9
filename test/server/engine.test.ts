import { describe, expect, it } from 'vitest';
import { decide, withinFrequency } from '../../server/engine/decision.ts';
import type { MessageState, Profile } from '../../server/engine/profile.ts';
import { matchesAudience } from '../../server/engine/targeting.ts';
import { correctTimestamp } from '../../server/engine/clock.ts';
import type { AudienceRule } from '../../server/protocol/audience.ts';
import type { Campaign } from '../../server/protocol/campaign.ts';

const use = { count: 3, firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-20T00:00:00Z', activeDays: 2 };

const profile = (over: Partial<Profile> = {}): Profile => ({
  visitorId: 'u1',
  userId: 'u1',
  accountId: 'a1',
  userTraits: { role: 'Receptionist' },
  accountTraits: { plan: 'pro', seats: 12 },
  userFeatures: {},
  accountFeatures: { appointments: use },
  ...over,
});

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c1',
  version: 1,
  name: 'c',
  kind: 'tooltip',
  status: 'live',
  priority: 100,
  audience: { all: [] },
  pages: { include: [], exclude: [] },
  anchor: { selector: '#x', placement: 'right' },
  content: { title: 't', body: [], buttons: [] },
  frequency: { maxShows: null, stopAfter: ['dismissed', 'clicked'] },
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

const PAGE = 'https://app.example/home';

const state = (over: Partial<MessageState> = {}): MessageState => ({ shows: 0, lastShownAt: null, dismissedAt: null, clickedAt: null, completedAt: null, ...over });

describe('audience rules', () => {
  const cases: [string, AudienceRule, boolean][] = [
    ['everyone', { all: [] }, true],
    ['nobody (empty any)', { any: [] }, false],
    ['account used a feature it used', { type: 'feature', scope: 'account', feature: 'appointments', op: 'used' }, true],
    ['account has not used a feature it used', { type: 'feature', scope: 'account', feature: 'appointments', op: 'not_used' }, false],
    ['account has not used reminders', { type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' }, true],
    ['user used a feature only the account used', { type: 'feature', scope: 'user', feature: 'appointments', op: 'used' }, false],
    ['trait equals', { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }, true],
    ['trait not equals', { type: 'trait', scope: 'account', key: 'plan', op: 'neq', value: 'pro' }, false],
    ['trait in list', { type: 'trait', scope: 'user', key: 'role', op: 'in', value: ['Dentist', 'Receptionist'] }, true],
    ['number greater than', { type: 'trait', scope: 'account', key: 'seats', op: 'gt', value: 10 }, true],
    ['number at most', { type: 'trait', scope: 'account', key: 'seats', op: 'lte', value: 11 }, false],
    ['comparing a string trait as a number', { type: 'trait', scope: 'account', key: 'plan', op: 'gt', value: 1 }, false],
    ['trait exists', { type: 'trait', scope: 'account', key: 'seats', op: 'exists' }, true],
    ['missing trait does not exist', { type: 'trait', scope: 'account', key: 'industry', op: 'not_exists' }, true],
    ['not', { not: { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' } }, false],
    [
      'all of a true and a false',
      { all: [{ type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }, { type: 'feature', scope: 'account', feature: 'appointments', op: 'not_used' }] },
      false,
    ],
    [
      'any of a true and a false',
      { any: [{ type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }, { type: 'feature', scope: 'account', feature: 'appointments', op: 'not_used' }] },
      true,
    ],
  ];
  it.each(cases)('%s', (_name, rule, expected) => {
    expect(matchesAudience(rule, profile())).toBe(expected);
  });
});

describe('frequency', () => {
  it('allows a message never shown', () => expect(withinFrequency(campaign())).toBe(true));
  it('stops at the show limit', () => {
    const limited = campaign({ frequency: { maxShows: 2, stopAfter: [] } });
    expect(withinFrequency(limited, state({ shows: 1 }))).toBe(true);
    expect(withinFrequency(limited, state({ shows: 2 }))).toBe(false);
  });
  it('stops after dismissal only when the campaign says so', () => {
    expect(withinFrequency(campaign(), state({ dismissedAt: '2026-11-20T00:00:00Z' }))).toBe(false);
    expect(withinFrequency(campaign({ frequency: { maxShows: null, stopAfter: ['completed'] } }), state({ dismissedAt: '2026-11-20T00:00:00Z' }))).toBe(true);
  });
});

describe('decide', () => {
  it('picks the highest priority interrupting message and only one', () => {
    const low = campaign({ id: 'low', priority: 10 });
    const high = campaign({ id: 'high', priority: 500 });
    expect(decide([low, high], profile(), new Map(), PAGE).map((m) => m.campaignId)).toEqual(['high']);
  });
  it('breaks priority ties by the most recently changed campaign', () => {
    const older = campaign({ id: 'older', updatedAt: '2026-11-01T00:00:00Z' });
    const newer = campaign({ id: 'newer', updatedAt: '2026-11-02T00:00:00Z' });
    expect(decide([older, newer], profile(), new Map(), PAGE)[0]!.campaignId).toBe('newer');
  });
  it('falls back to the next campaign when the first was dismissed', () => {
    const first = campaign({ id: 'first', priority: 500 });
    const second = campaign({ id: 'second', priority: 10 });
    const states = new Map([['first', state({ dismissedAt: '2026-11-20T00:00:00Z' })]]);
    expect(decide([first, second], profile(), states, PAGE)[0]!.campaignId).toBe('second');
  });
  it('skips campaigns that are not live or whose audience does not match', () => {
    const paused = campaign({ id: 'paused', status: 'paused' });
    const proOnly = campaign({ id: 'starter', audience: { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'starter' } });
    expect(decide([paused, proOnly], profile(), new Map(), PAGE)).toEqual([]);
  });
});

describe('page rules', () => {
  const rules = (include: string[], exclude: string[] = []) => campaign({ pages: { include, exclude } });
  it.each([
    ['no rules: every page', [], [], 'https://app.example/anything', true],
    ['an exact path', ['/demo/appointments'], [], 'https://app.example/demo/appointments?x=1', true],
    ['a trailing slash is the same page', ['/demo/appointments'], [], 'https://app.example/demo/appointments/', true],
    ['a wildcard', ['/demo/*'], [], 'https://app.example/demo/patients', true],
    ['outside the include', ['/demo/*'], [], 'https://app.example/settings', false],
    ['an exclusion wins over an include', ['/demo/*'], ['/demo/reminders'], 'https://app.example/demo/reminders', false],
    ['dots are literal', ['/a.b'], [], 'https://app.example/axb', false],
  ])('%s', (_name, include, exclude, url, shown) => {
    expect(decide([rules(include, exclude)], profile(), new Map(), url)).toHaveLength(shown ? 1 : 0);
  });
});

describe('clock-skew correction', () => {
  it('keeps the gap between event and send, anchored at receipt', () => {
    expect(correctTimestamp('2030-01-01T10:00:00Z', '2030-01-01T10:05:00Z', '2026-11-23T09:00:00.000Z')).toBe('2026-11-23T08:55:00.000Z');
  });
  it('trusts the timestamp when nothing says when it was sent', () => {
    expect(correctTimestamp('2026-11-20T10:00:00+02:00', undefined, '2026-11-23T09:00:00Z')).toBe('2026-11-20T08:00:00.000Z');
  });
});
