// Why a campaign list shows no lift yet: the overview and the campaign list word it the same way,
// from the campaign's settings and its measured results.
import { describe, expect, it } from 'vitest';
import { missingLift, noLiftYet } from '../../server/console/views/campaigns/lift-interval.tsx';
import { campaignResults, type ExposedVisitor, type HeldOutVisitor } from '../../server/engine/results.ts';
import { campaign } from '../server/engine-fixtures.ts';

const GOAL = { type: 'feature', feature: 'reminders', withinDays: 14 } as const;
const shown = (visitorId: string): ExposedVisitor => ({ visitorId, accountId: 'a1', firstShownAt: '2026-11-01T00:00:00.000Z', shows: 1, clicked: false, dismissed: false });
const heldOut = (visitorId: string): HeldOutVisitor => ({ visitorId, accountId: 'a2', heldOutAt: '2026-11-01T00:00:00.000Z', reason: 'campaign' });
const converted = new Map([['u1', ['2026-11-02T00:00:00.000Z']]]);

describe('missingLift', () => {
  it('asks for a goal first', () => {
    expect(missingLift(campaign({ holdoutPercent: 20 }), campaignResults(null, { exposed: [shown('u1')], heldOut: [heldOut('u2')] }, converted))).toBe('no goal set');
  });

  it('asks for a holdout when the campaign has none and nobody was held out (not even by the global holdout)', () => {
    const subject = campaign({ goal: GOAL, holdoutPercent: 0 });
    expect(missingLift(subject, campaignResults(GOAL, { exposed: [shown('u1')], heldOut: [] }, converted))).toBe('needs a holdout');
    // The workspace's global holdout gives a campaign without its own a comparison group.
    expect(missingLift(subject, campaignResults(GOAL, { exposed: [shown('u1')], heldOut: [{ ...heldOut('u2'), reason: 'global' }] }, converted))).toBeNull();
  });

  it('waits for both groups when the campaign has a holdout', () => {
    const subject = campaign({ goal: GOAL, holdoutPercent: 20 });
    expect(missingLift(subject, campaignResults(GOAL, { exposed: [], heldOut: [] }, converted))).toBe('waiting for shown and held-out users');
    expect(missingLift(subject, campaignResults(GOAL, { exposed: [shown('u1')], heldOut: [] }, converted))).toBe('waiting for shown and held-out users');
    expect(missingLift(subject, campaignResults(GOAL, { exposed: [shown('u1')], heldOut: [heldOut('u2')] }, converted))).toBeNull();
  });
});

describe('noLiftYet', () => {
  it('says why accounts have no lift when users were held out but no whole account was', () => {
    // u1 and u2 in a1 (u2 held out), so a1 counts as exposed; no account was held out entirely.
    const results = campaignResults(GOAL, { exposed: [shown('u1')], heldOut: [{ ...heldOut('u2'), accountId: 'a1' }] }, converted);
    expect(results.users!.lift.absolute.estimate).not.toBeNull();
    expect(noLiftYet(results.accounts!, 'account')).toBe(
      'No lift per account yet: an account counts as held out only when none of its users saw it, and so far every account had someone who did.',
    );
  });

  it('asks for both groups in the unit it measures', () => {
    const results = campaignResults(GOAL, { exposed: [], heldOut: [] }, converted);
    expect(noLiftYet(results.users!, 'user')).toBe('No lift yet: it needs both users who saw it and users held out.');
    expect(noLiftYet(results.accounts!, 'account')).toBe('No lift yet: it needs both accounts that saw it and accounts held out.');
  });
});
