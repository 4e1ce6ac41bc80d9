import { describe, expect, it } from 'vitest';
import { correctedTime } from '../../server/engine/clock.ts';
import { decide } from '../../server/engine/decision.ts';
import { deviceFromUserAgent } from '../../server/engine/device.ts';
import { evaluateAudience, matchesAudience, mayMatchAudience, type PageView } from '../../server/engine/targeting.ts';
import { type AudienceRule, audienceRule } from '../../server/protocol/audience.ts';
import { analytics, campaign, input, NOW, PAGE, profile, use } from './engine-fixtures.ts';

const view: PageView = { now: NOW, url: 'https://app.example/settings/billing?tab=1', device: 'mobile', locale: 'pt-BR' };

describe('audience rules', () => {
  const placed = profile({
    analytics: analytics(),
    userFeatures: { reminders: use(4, '2026-11-10T12:00:00.000Z') },
    accountFeatures: { appointments: use(3), reminders: use(9, '2026-11-18T12:00:00.000Z') },
  });
  const cases: [string, AudienceRule, boolean][] = [
    ['everyone', { all: [] }, true],
    ['nobody (empty any)', { any: [] }, false],
    ['account used a feature it used', { type: 'feature', scope: 'account', feature: 'appointments', op: 'used' }, true],
    ['account has not used a feature it used', { type: 'feature', scope: 'account', feature: 'appointments', op: 'not_used' }, false],
    ['account has not used payments', { type: 'feature', scope: 'account', feature: 'payments', op: 'not_used' }, true],
    ['user used a feature only the account used', { type: 'feature', scope: 'user', feature: 'appointments', op: 'used' }, false],
    ['used at least 4 times (exactly 4)', { type: 'feature', scope: 'user', feature: 'reminders', op: 'count_gte', value: 4 }, true],
    ['used at least 5 times (4)', { type: 'feature', scope: 'user', feature: 'reminders', op: 'count_gte', value: 5 }, false],
    ['last used at least 10 days ago (10 days)', { type: 'feature', scope: 'user', feature: 'reminders', op: 'days_since_gte', value: 10 }, true],
    ['last used at least 11 days ago (10 days)', { type: 'feature', scope: 'user', feature: 'reminders', op: 'days_since_gte', value: 11 }, false],
    ['account used within 2 days (2 days)', { type: 'feature', scope: 'account', feature: 'reminders', op: 'days_since_lte', value: 2 }, true],
    ['account used within 1 day (2 days)', { type: 'feature', scope: 'account', feature: 'reminders', op: 'days_since_lte', value: 1 }, false],
    ['never used is not "lapsed"', { type: 'feature', scope: 'user', feature: 'payments', op: 'days_since_gte', value: 0 }, false],
    ['trait equals', { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }, true],
    ['trait not equals', { type: 'trait', scope: 'account', key: 'plan', op: 'neq', value: 'pro' }, false],
    ['trait in list', { type: 'trait', scope: 'user', key: 'role', op: 'in', value: ['Dentist', 'Receptionist'] }, true],
    ['number greater than', { type: 'trait', scope: 'account', key: 'seats', op: 'gt', value: 10 }, true],
    ['number at most', { type: 'trait', scope: 'account', key: 'seats', op: 'lte', value: 11 }, false],
    ['comparing a string trait as a number', { type: 'trait', scope: 'account', key: 'plan', op: 'gt', value: 1 }, false],
    ['trait exists', { type: 'trait', scope: 'account', key: 'seats', op: 'exists' }, true],
    ['missing trait does not exist', { type: 'trait', scope: 'account', key: 'industry', op: 'not_exists' }, true],
    ['user stage in list', { type: 'stage', scope: 'user', in: ['onboarded', 'adopted'] }, true],
    ['account stage not in list', { type: 'stage', scope: 'account', in: ['champion'] }, false],
    ['health colour', { type: 'health', in: ['yellow', 'red'] }, true],
    ['health colour not in list', { type: 'health', in: ['green'] }, false],
    ['seat tier', { type: 'seat_tier', in: ['A', 'B'] }, true],
    ['tenure tier', { type: 'tenure_tier', in: ['a'] }, false],
    ['certification at least 2 (has 2)', { type: 'certification', program: 'scheduling', op: 'at_least', level: 2 }, true],
    ['certification at least 1 (has 2; 1 is highest)', { type: 'certification', program: 'scheduling', op: 'at_least', level: 1 }, false],
    ['certification below 1 (has 2)', { type: 'certification', program: 'scheduling', op: 'below', level: 1 }, true],
    ['certification below 2 (has 2)', { type: 'certification', program: 'scheduling', op: 'below', level: 2 }, false],
    ['no level in a program never started', { type: 'certification', program: 'billing', op: 'none' }, true],
    ['no level in a program with a level', { type: 'certification', program: 'scheduling', op: 'none' }, false],
    ['page pattern', { type: 'page', pattern: '/settings/*' }, true],
    ['no survey score yet', { type: 'score', op: 'none' }, true],
    ['a promoter before any score', { type: 'score', op: 'gte', value: 9 }, false],
    ['page pattern elsewhere', { type: 'page', pattern: '/reports/*' }, false],
    ['device', { type: 'device', in: ['mobile', 'tablet'] }, true],
    ['device not in list', { type: 'device', in: ['desktop'] }, false],
    ['language covers the regional locale', { type: 'locale', in: ['pt'] }, true],
    ['a regional locale does not cover another', { type: 'locale', in: ['pt-PT', 'fr'] }, false],
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
    expect(audienceRule.parse(rule)).toEqual(rule);
    expect(matchesAudience(rule, placed, view)).toBe(expected);
  });

  it('compares the latest survey score: promoters at least 9, detractors at most 6', () => {
    const scored = (score: number) => profile({ analytics: analytics({ score: { score, answeredAt: '2026-11-10T09:00:00.000Z' } }) });
    const promoter: AudienceRule = { type: 'score', op: 'gte', value: 9 };
    const detractor: AudienceRule = { type: 'score', op: 'lte', value: 6 };
    const none: AudienceRule = { type: 'score', op: 'none' };
    expect([9, 10, 8, 6, 0].map((s) => [matchesAudience(promoter, scored(s), view), matchesAudience(detractor, scored(s), view), matchesAudience(none, scored(s), view)])).toEqual([
      [true, false, false],
      [true, false, false],
      [false, false, false],
      [false, true, false],
      [false, true, false],
    ]);
  });

  it('matches no placement condition, nor its negation, before analytics has placed the user', () => {
    const unplaced = profile();
    for (const rule of [
      { type: 'stage', scope: 'user', in: ['onboarded'] },
      { type: 'health', in: ['green', 'yellow', 'red'] },
      { type: 'seat_tier', in: ['A', 'B', 'C', 'D'] },
      { type: 'tenure_tier', in: ['a', 'b', 'c', 'd'] },
      { type: 'certification', program: 'scheduling', op: 'none' },
      { type: 'certification', program: 'scheduling', op: 'below', level: 1 },
      { type: 'score', op: 'none' },
    ] as AudienceRule[]) {
      expect(matchesAudience(rule, unplaced, view)).toBe(false);
    }
  });

  it('treats page-view conditions as unknown without a page view: no in decide, maybe in an estimate', () => {
    const noView: PageView = { now: NOW };
    const mobile: AudienceRule = { type: 'device', in: ['mobile'] };
    expect(evaluateAudience(mobile, profile(), noView)).toBeUndefined();
    expect(matchesAudience(mobile, profile(), noView)).toBe(false);
    expect(mayMatchAudience(mobile, profile(), noView)).toBe(true);
    // Unknown stays unknown under not, and any/all follow three-valued logic.
    expect(evaluateAudience({ not: mobile }, profile(), noView)).toBeUndefined();
    expect(evaluateAudience({ all: [mobile, { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'free' }] }, profile(), noView)).toBe(false);
    expect(evaluateAudience({ any: [mobile, { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }] }, profile(), noView)).toBe(true);
  });

  it.each([
    [{ type: 'feature', scope: 'user', feature: 'x', op: 'count_gte' }, 'value'],
    [{ type: 'certification', program: 'p', op: 'at_least' }, 'level'],
    [{ type: 'score', op: 'gte' }, 'value'],
    [{ type: 'score', op: 'lte', value: 11 }, 'value'],
    [{ type: 'page', pattern: 'settings' }, 'pattern'],
    [{ type: 'device', in: ['watch'] }, 'in'],
    [{ type: 'locale', in: ['Portuguese'] }, 'in'],
    [{ type: 'stage', scope: 'team', in: ['x'] }, 'scope'],
    [{ type: 'health', in: [] }, 'in'],
  ])('refuses the malformed condition %j at "%s"', (rule, field) => {
    const parsed = audienceRule.safeParse(rule);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toContain(field);
  });
});

describe('device from the User-Agent', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 13; SM-X700) Chrome/120.0 Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'tablet'],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36', 'desktop'],
  ])('%s → %s', (ua, device) => expect(deviceFromUserAgent(ua)).toBe(device));
  it('knows nothing without a User-Agent', () => expect(deviceFromUserAgent(undefined)).toBeUndefined());
});

describe('page rules', () => {
  it.each([
    ['no rules: every page', [], [], 'https://app.example/anything', true],
    ['an exact path', ['/demo/appointments'], [], 'https://app.example/demo/appointments?x=1', true],
    ['a trailing slash is the same page', ['/demo/appointments'], [], 'https://app.example/demo/appointments/', true],
    ['a wildcard', ['/demo/*'], [], 'https://app.example/demo/patients', true],
    ['outside the include', ['/demo/*'], [], 'https://app.example/settings', false],
    ['an exclusion wins over an include', ['/demo/*'], ['/demo/reminders'], 'https://app.example/demo/reminders', false],
    ['dots are literal', ['/a.b'], [], 'https://app.example/axb', false],
  ])('%s', (_name, include, exclude, url, shown) => {
    expect(decide([campaign({ pages: { include, exclude } })], input({ url }))).toHaveLength(shown ? 1 : 0);
  });
  it('uses the page view the decision is for', () => expect(decide([campaign()], input({ url: PAGE }))).toHaveLength(1));
});

describe('clock-skew correction', () => {
  it('keeps the gap between event and send, anchored at receipt', () => {
    expect(correctedTime('2030-01-01T10:00:00Z', '2030-01-01T10:05:00Z', Date.parse('2026-11-23T09:00:00.000Z'))).toBe(Date.parse('2026-11-23T08:55:00.000Z'));
  });
  it('trusts the timestamp when nothing says when it was sent', () => {
    expect(correctedTime('2026-11-20T10:00:00+02:00', undefined, Date.parse('2026-11-23T09:00:00Z'))).toBe(Date.parse('2026-11-20T08:00:00.000Z'));
  });
});
