// "Why doesn't this customer see my campaign?" in words, rule by rule.
import { describe, expect, it } from 'vitest';
import { explainCampaign } from '../../server/engine/explain.ts';
import { campaign, hoursBefore, input, type InputOver, profile, use } from './engine-fixtures.ts';

const ID = 'subject';
const explain = (over: Parameters<typeof campaign>[0] = {}, inputOver: InputOver = {}, others: ReturnType<typeof campaign>[] = []) => {
  const subject = campaign({ id: ID, name: 'Reminders nudge', ...over });
  return explainCampaign(subject, [subject, ...others], input(inputOver));
};
const rule = (explanation: ReturnType<typeof explain>, name: string) => explanation.rules.find((r) => r.rule === name)!;

describe('explain', () => {
  it('lists every rule in decision order, all passing for a visitor who sees the campaign', () => {
    const explanation = explain();
    expect(explanation.rules.map((r) => r.rule)).toEqual(['status', 'schedule', 'page', 'audience', 'holdout', 'global_holdout', 'frequency', 'account_caps', 'throttle', 'priority']);
    expect(explanation.rules.every((r) => r.passed)).toBe(true);
    expect(explanation).toMatchObject({ campaignId: ID, visitorId: 'u1', accountId: 'a1', shown: true });
  });

  it('says which audience condition keeps the customer out', () => {
    const explanation = explain(
      { audience: { all: [{ type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' }, { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' }] } },
      { profile: profile({ accountFeatures: { reminders: use(12) } }) },
    );
    expect(rule(explanation, 'audience')).toEqual({
      rule: 'audience',
      passed: false,
      reason: 'not in the audience',
      conditions: [
        { depth: 0, passed: false, reason: 'all of' },
        { depth: 1, passed: false, reason: 'account has used feature reminders (12 times)' },
        { depth: 1, passed: true, reason: 'account trait plan is "pro" (rule: eq "pro")' },
      ],
    });
    expect(explanation.shown).toBe(false);
  });

  it('gives the holdout bucket against the share', () => {
    // u1 falls at 20.68% for this campaign.
    expect(rule(explain({ holdoutPercent: 25 }), 'holdout')).toEqual({ rule: 'holdout', passed: false, reason: 'held out (20.68% < 25%)' });
    expect(rule(explain({ holdoutPercent: 20 }), 'holdout')).toEqual({ rule: 'holdout', passed: true, reason: 'not held out (20.68% ≥ 20%)' });
    expect(rule(explain(), 'holdout').reason).toBe('no holdout');
  });

  it('counts shows against the limit', () => {
    const explanation = explain({ frequency: { maxShows: 3 } }, { states: { [ID]: { shows: 3 } } });
    expect(rule(explanation, 'frequency')).toEqual({ rule: 'frequency', passed: false, reason: 'shown 3 of max 3 times' });
    expect(rule(explain({ frequency: { maxShows: 3 } }, { states: { [ID]: { shows: 1 } } }), 'frequency').reason).toBe('shown 1 of max 3 times');
    expect(rule(explain({}, { states: { [ID]: { dismissedAt: '2026-11-19T08:00:00.000Z' } } }), 'frequency').reason).toBe('dismissed at 2026-11-19T08:00:00.000Z');
    expect(rule(explain({ frequency: { minIntervalHours: 24 } }, { states: { [ID]: { shows: 1, lastShownAt: hoursBefore(5) } } }), 'frequency').reason).toBe(
      'last shown 5 h ago; needs 24 h between shows',
    );
  });

  it('says which goal was reached and when, for an event goal as for a feature goal', () => {
    const reached = (reachedGoal: string) => ({ states: { [ID]: { shows: 1, firstShownAt: '2026-11-18T08:00:00.000Z', reachedGoal, goalReachedAt: '2026-11-19T08:00:00.000Z' } } });
    expect(rule(explain({ goal: { type: 'event', event: 'Invoice Sent', withinDays: 7 }, frequency: { stopAfter: ['goal'] } }, reached('event:Invoice Sent')), 'frequency')).toEqual({
      rule: 'frequency', passed: false, reason: 'reached the goal (sent event "Invoice Sent" within 7 days of the first show) at 2026-11-19T08:00:00.000Z',
    });
    expect(rule(explain({ goal: { type: 'feature', feature: 'reminders', withinDays: 14 }, frequency: { stopAfter: ['goal'] } }, reached('feature:reminders')), 'frequency').reason).toBe(
      'reached the goal (used feature reminders within 14 days of the first show) at 2026-11-19T08:00:00.000Z',
    );
  });

  it('explains account caps and the throttle', () => {
    expect(rule(explain({ accountCaps: { maxUsers: 2 } }, { accountCaps: { [ID]: { users: 2 } } }), 'account_caps').reason).toBe(
      '2 of max 2 users of account a1 were already shown it',
    );
    expect(rule(explain({ accountCaps: { coolOffHours: 24 } }, { accountCaps: { [ID]: { users: 1, lastShownAt: hoursBefore(3), lastVisitorId: 'u2' } } }), 'account_caps').reason).toBe(
      'another user of account a1 was shown it 3 h ago (cool-off 24 h)',
    );
    const other = campaign({ id: 'other', name: 'Payments tour' });
    const throttled = explain({}, { throttleHours: 24, throttle: { campaignId: 'other', at: hoursBefore(2) } }, [other]);
    expect(rule(throttled, 'throttle')).toEqual({ rule: 'throttle', passed: false, reason: 'another interrupting message (Payments tour) was shown 2 h ago; at most one per 24 h' });
  });

  it('names the campaign that outranks it', () => {
    const rival = campaign({ id: 'rival', name: 'Payments tour', priority: 300 });
    expect(rule(explain({ priority: 100 }, {}, [rival]), 'priority')).toEqual({ rule: 'priority', passed: false, reason: 'outranked by "Payments tour" (priority 300 vs 100)' });
    expect(rule(explain({ priority: 500 }, {}, [rival]), 'priority')).toEqual({ rule: 'priority', passed: true, reason: 'ranks above "Payments tour" (priority 300)' });
    // A rival the visitor cannot see does not compete.
    expect(rule(explain({ priority: 100 }, {}, [{ ...rival, audience: { any: [] } }]), 'priority').passed).toBe(true);
  });

  it('still evaluates every rule of a draft, and reports pages it could not check', () => {
    const explanation = explain({ status: 'draft', pages: { include: ['/demo/*'], exclude: ['/demo/reminders'] } }, { url: undefined });
    expect(rule(explanation, 'status')).toEqual({ rule: 'status', passed: false, reason: 'the campaign is a draft' });
    expect(rule(explanation, 'page')).toEqual({ rule: 'page', passed: true, reason: 'not checked: no url given (shows on /demo/*, not on /demo/reminders)' });
    expect(rule(explain({ pages: { include: ['/demo/*'], exclude: ['/demo/reminders'] } }, { url: 'https://x.example/demo/reminders' }), 'page').reason).toBe(
      'page /demo/reminders is excluded (/demo/reminders)',
    );
  });
});
