// Results statistics against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { group, lift, wilson, Z_95 } from '../../server/engine/lift.ts';
import { campaignResults, convertedWithin } from '../../server/engine/results.ts';
import { choiceCounts, npsSummary } from '../../server/engine/survey.ts';

describe('lift with 95% confidence intervals (two proportions)', () => {
  it('uses z = 1.959963984540054, the 97.5th percentile of the standard normal', () => {
    expect(Z_95).toBe(1.959963984540054);
  });

  it('bounds one rate with Wilson’s score interval', () => {
    // Newcombe (1998), single-proportion examples: 81/263 → 0.2553 to 0.3662; 0/20 → 0 to 0.1611.
    const [low, high] = wilson(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 20)[0]).toBe(0);
    expect(wilson(0, 20)[1]).toBeCloseTo(0.1611, 4);
  });

  // Newcombe, "Interval estimation for the difference between independent proportions",
  // Statistics in Medicine 17 (1998), table II, method 10 (score interval, no continuity correction).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])('%i of %i exposed against %i of %i held out: the absolute lift lies in [%f, %f]', (x1, n1, x2, n2, low, high) => {
    const result = lift(group(n1, x1), group(n2, x2));
    expect(result.absolute.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(result.absolute.low).toBeCloseTo(low, 4);
    expect(result.absolute.high).toBeCloseTo(high, 4);
    expect(result.significant).toBe(low > 0 || high < 0);
  });

  it('gives the relative lift on the log of the ratio', () => {
    // ln(1.5) = 0.4054651 ± 1.959964 · √(1/30 − 1/100 + 1/20 − 1/100) = ± 1.959964 · 0.2516611
    // → exp(−0.0877812) − 1 = −0.0840392, exp(0.8987114) − 1 = 1.4564369
    const result = lift(group(100, 30), group(100, 20));
    expect(result.relative.estimate).toBeCloseTo(0.5, 12);
    expect(result.relative.low).toBeCloseTo(-0.08403917067763411, 12);
    expect(result.relative.high).toBeCloseTo(1.4564369217235686, 12);
    expect(result.significant).toBe(false);
  });

  it('proves nothing from one held-out account that did not convert', () => {
    // 6 of 16 accounts shown converted, the only held-out one did not: the textbook interval
    // (0.375 ± 0.237) would call that a lift; the held-out rate could be anything up to 79 %.
    const result = lift(group(16, 6), group(1, 0));
    expect(result.absolute.estimate).toBe(0.375);
    expect(result.absolute.low!).toBeLessThan(0);
    expect(result.significant).toBe(false);
  });

  it('gives no interval it cannot honestly give', () => {
    expect(lift(group(0, 0), group(10, 2))).toEqual({ absolute: { estimate: null, low: null, high: null }, relative: { estimate: null, low: null, high: null }, significant: false });
    // Nobody converted among held-out users: no relative lift.
    const none = lift(group(10, 3), group(10, 0));
    expect(none.relative).toEqual({ estimate: null, low: null, high: null });
    expect(none.absolute.estimate).toBeCloseTo(0.3, 12);
    // Everyone converted in both groups: no difference seen, and five of each cannot rule much out.
    const all = lift(group(5, 5), group(5, 5)).absolute;
    expect(all.estimate).toBe(0);
    expect(all.low).toBeCloseTo(-0.4345, 4);
    expect(all.high).toBeCloseTo(0.4345, 4);
  });

  it('reports rates', () => {
    expect(group(8, 2)).toEqual({ users: 8, converted: 2, rate: 0.25 });
    expect(group(0, 0).rate).toBeNull();
  });
});

describe('campaign results', () => {
  const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
  const exposed = (visitorId: string, accountId: string | null, day: number, extra: { shows?: number; clicked?: boolean; dismissed?: boolean } = {}) => ({
    visitorId, accountId, firstShownAt: at(day), shows: extra.shows ?? 1, clicked: extra.clicked ?? false, dismissed: extra.dismissed ?? false,
  });
  const heldOut = (visitorId: string, accountId: string | null, day: number, reason: 'campaign' | 'global' = 'campaign') => ({ visitorId, accountId, heldOutAt: at(day), reason });
  const goal = { type: 'feature' as const, feature: 'reminders', withinDays: 7 };

  it('counts a conversion only within the window after first exposure', () => {
    expect(convertedWithin([at(5)], at(1), 7)).toBe(true);
    expect(convertedWithin([at(8)], at(1), 7)).toBe(false); // exactly 7 days later: outside
    expect(convertedWithin([at(1)], at(2), 7)).toBe(false); // before exposure
    expect(convertedWithin(undefined, at(2), 7)).toBe(false);
  });

  it('compares exposed and held-out users, and accounts', () => {
    const arms = {
      exposed: [
        exposed('u1', 'a1', 1, { shows: 3, clicked: true }),
        exposed('u2', 'a1', 2, { dismissed: true }),
        exposed('u3', 'a2', 3),
        exposed('u4', null, 3),
      ],
      heldOut: [heldOut('u5', 'a3', 1), heldOut('u6', 'a3', 2, 'global'), heldOut('u7', 'a1', 2)],
    };
    const goalTimes = new Map([
      ['u1', [at(3)]], // converted
      ['u2', [at(1)]], // used before exposure: not converted
      ['u4', [at(9)]], // converted
      ['u5', [at(20)]], // too late
      ['u6', [at(4)]], // converted
    ]);
    const results = campaignResults(goal, arms, goalTimes);
    expect(results).toMatchObject({
      exposures: 6,
      uniqueUsers: 4,
      clicks: 1,
      dismissals: 1,
      heldOut: { users: 3, byCampaignHoldout: 2, byGlobalHoldout: 1 },
      goal: { ...goal, description: 'used feature reminders within 7 days' },
      users: { exposed: { users: 4, converted: 2, rate: 0.5 }, heldOut: { users: 3, converted: 1, rate: 1 / 3 } },
    });
    expect(results.users!.lift.absolute.estimate).toBeCloseTo(0.5 - 1 / 3, 12);
    expect(results.perAccount).toEqual([
      { accountId: 'a1', exposed: { users: 2, converted: 1, rate: 0.5 }, heldOut: { users: 1, converted: 0, rate: 0 } },
      { accountId: 'a2', exposed: { users: 1, converted: 0, rate: 0 }, heldOut: { users: 0, converted: 0, rate: null } },
      { accountId: 'a3', exposed: { users: 0, converted: 0, rate: null }, heldOut: { users: 2, converted: 1, rate: 0.5 } },
    ]);
    // Accounts: a1 and a2 exposed (a1 converted); a3 held out entirely (converted).
    expect(results.accounts).toMatchObject({ exposed: { users: 2, converted: 1 }, heldOut: { users: 1, converted: 1 } });
  });

  it('still counts exposures without a goal', () => {
    const results = campaignResults(null, { exposed: [exposed('u1', 'a1', 1, { shows: 2 })], heldOut: [] }, new Map());
    expect(results).toMatchObject({ exposures: 2, uniqueUsers: 1, goal: null, users: null, accounts: null, perAccount: [] });
  });
});

describe('survey summaries', () => {
  it('scores NPS as % promoters − % detractors', () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 2 detractors (0, 6): (3 − 2) / 7 = 14.3
    expect(npsSummary([10, 9, 8, 7, 6, 0, 10])).toEqual({ responses: 7, promoters: 3, passives: 2, detractors: 2, score: 14.3 });
    expect(npsSummary([0, 1])).toMatchObject({ score: -100 });
    expect(npsSummary([])).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, score: null });
  });
  it('counts single-choice answers per option', () => {
    const answer = (choice: string | null) => ({ visitorId: 'v', accountId: null, score: null, choice, comment: null, answeredAt: '' });
    expect(choiceCounts([answer('a'), answer('b'), answer('a'), answer(null)])).toEqual({ a: 2, b: 1 });
  });
});
