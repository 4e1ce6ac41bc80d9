// Tier, tenure and health boundaries, exactly where a CS team would argue about them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH, DEFAULT_TIERS } from '../../server/analytics/defaults.ts';
import { scoreHealth } from '../../server/analytics/health.ts';
import { contractStart, monthsBetween, seatTier, tenureTier } from '../../server/analytics/tiers.ts';
import { daysBetween, windowStart } from '../../server/analytics/usage.ts';

describe('seat tiers by active users', () => {
  it.each([
    [0, null], [1, 'D'], [5, 'D'], [6, 'C'], [10, 'C'], [11, 'B'], [20, 'B'], [21, 'A'], [500, 'A'],
  ])('%i active users → %s', (users, tier) => expect(seatTier(DEFAULT_TIERS, users)).toBe(tier));
});

describe('tenure in whole months since the contract start', () => {
  it.each([
    ['2026-08-20', '2026-11-20', 3, 'a'],
    ['2026-07-21', '2026-11-20', 3, 'a'], // one day short of 4 months
    ['2026-07-20', '2026-11-20', 4, 'b'],
    ['2026-01-31', '2026-02-28', 0, 'a'], // month ends: not yet a full month
    ['2025-11-20', '2026-11-20', 12, 'd'],
    ['2026-03-21', '2026-11-20', 7, 'b'],
    ['2026-03-20', '2026-11-20', 8, 'c'],
  ])('%s → %s is %i months, tier %s', (start, today, months, tier) => {
    expect(monthsBetween(start, today)).toBe(months);
    expect(tenureTier(DEFAULT_TIERS, months)).toBe(tier);
  });
  it('has no tier for a contract that starts in the future', () => expect(tenureTier(DEFAULT_TIERS, monthsBetween('2027-01-01', '2026-11-20'))).toBeNull());
  it('reads ISO dates, timestamps and rejects nonsense', () => {
    expect(contractStart('2025-03-15')).toBe('2025-03-15');
    expect(contractStart('2025-03-15T23:00:00-05:00')).toBe('2025-03-16');
    expect(contractStart('soon')).toBeNull();
    expect(contractStart(null)).toBeNull();
  });
});

describe('windows count today as day one', () => {
  it('a 7-day window ending 2026-11-20 starts 2026-11-14', () => expect(windowStart('2026-11-20', 7)).toBe('2026-11-14'));
  it('across a month end and a leap day', () => {
    expect(windowStart('2028-03-01', 2)).toBe('2028-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe('health colours at the thresholds', () => {
  const inputs = (deployment: number) => ({ deploymentRate: deployment, utilizationRate: null, breadthShare: deployment, daysSinceActive: 0, daysSinceTouch: null, traits: {} });
  it.each([
    // deployment and breadth at x, recency 100 (weights 40/40/20): score = 0.8x·100 + 20
    [0.625, 70, 'green'],
    [0.624, 69.9, 'yellow'],
    [0.25, 40, 'yellow'],
    [0.249, 39.9, 'red'],
  ])('deployment %f → %f %s', (x, score, colour) => expect(scoreHealth(DEFAULT_HEALTH, inputs(x))).toMatchObject({ score, colour }));
  it('is unknown when no component can be measured', () => {
    const onlyTrait = { components: [{ metric: 'trait' as const, weight: 1, trait: 'nps', min: 0, max: 10 }, { metric: 'deployment' as const, weight: 1 }], thresholds: { green: 70, yellow: 40 } };
    expect(scoreHealth(onlyTrait, { ...inputs(0), deploymentRate: null })).toMatchObject({ score: null, colour: null });
    expect(scoreHealth(onlyTrait, { ...inputs(0), deploymentRate: null, traits: { nps: '8' } })).toMatchObject({ score: 80, colour: 'green' });
  });
});
