// Account rows as GET /api/v1/accounts returns them, in any number, for rendering tests, and the
// tier matrix and rates the server would compute from them.
import type { AccountRates, AccountRow, Overview, TierMatrix } from '../../server/console/api.ts';

const SEATS = ['A', 'B', 'C', 'D'] as const;
const TENURES = ['a', 'b', 'c', 'd'] as const;

export function accountRow(i: number, fields: Partial<AccountRow> = {}): AccountRow {
  const score = (i * 37) % 101;
  const colour = score >= 70 ? 'green' : score >= 40 ? 'yellow' : 'red';
  return {
    accountId: `acct-${i}`,
    name: `Clinic ${i}`,
    journey: 'default',
    stage: ['signed_up', 'onboarded', 'adopted', 'champion'][i % 4]!,
    stageIndex: i % 4,
    users: 5 + (i % 20),
    activeUsers7d: 3 + (i % 10),
    activeUsers30d: 4 + (i % 15),
    seats: 12,
    scores: [],
    nps: null,
    deploymentRate: ((i * 13) % 100) / 100,
    utilizationRate: ((i * 29) % 100) / 100,
    keyFeaturesUsed: ['appointments'],
    keyFeaturesIdle: [],
    lastActiveAt: '2026-11-20T10:00:00.000Z',
    daysSinceActive: 3,
    health: { score, colour, components: [{ metric: 'deployment', label: 'Deployment rate', value: 0.5, score: 50, weight: 1 }] },
    healthVersion: 1,
    seatTier: SEATS[i % 4]!,
    tenureMonths: i % 24,
    tenureFrom: 'contract',
    tenureTier: TENURES[Math.floor(i / 4) % 4]!,
    lastTouchAt: i % 3 ? '2026-11-18T09:00:00.000Z' : null,
    lastTouchChannel: i % 3 ? 'call' : null,
    daysSinceTouch: i % 3 ? 5 : null,
    contact: i % 3 ? 'recent' : 'stale',
    ...fields,
  };
}

export function accountRows(n: number): AccountRow[] {
  return Array.from({ length: n }, (_, i) => accountRow(i));
}

/** GET /api/v1/tier-matrix over these rows. */
export function matrixOf(rows: AccountRow[]): TierMatrix {
  const cells = new Map<string, number>();
  for (const r of rows) cells.set(`${r.seatTier}/${r.tenureTier}`, (cells.get(`${r.seatTier}/${r.tenureTier}`) ?? 0) + 1);
  return {
    seat: [...SEATS, null],
    tenure: [...TENURES],
    cells: [...cells].map(([key, accounts]) => ({ seat: key.split('/')[0]!, tenure: key.split('/')[1]!, accounts })),
    total: rows.length,
  };
}

/** GET /api/v1/account-rates over these rows: lowest health first, those without both rates only counted. */
export function ratesOf(rows: AccountRow[]): AccountRates {
  const sorted = [...rows].sort((a, b) => a.health.score! - b.health.score! || a.accountId.localeCompare(b.accountId));
  const plotted = sorted.filter((r) => r.deploymentRate !== null && r.utilizationRate !== null);
  return {
    total: rows.length,
    unplotted: rows.length - plotted.length,
    accountId: plotted.map((r) => r.accountId),
    name: plotted.map((r) => r.name),
    deployment: plotted.map((r) => r.deploymentRate!),
    utilization: plotted.map((r) => r.utilizationRate!),
    contact: plotted.map((r) => r.contact),
  };
}

/** The parts of the overview the accounts screen reads: funnels (stage names). */
export function overviewOf(rows: AccountRow[]): Overview {
  const stages = ['signed_up', 'onboarded', 'adopted', 'champion'];
  const equation = { customers: rows.length, onboarded: 0, adopted: 0, onboardingRate: null, adoptionRate: null, successfulCustomers: 0 };
  return {
    asOf: '2026-11-23',
    successEquation: equation,
    segments: [],
    funnels: [{ journey: 'default', name: 'Adoption journey', accounts: stages.map((s) => ({ stage: s, name: s.replace('_', ' '), at: 0, reached: 0 })), users: [] }],
    coverage: { periodDays: 30, activeAccounts: rows.length, touchedAccounts: 0, rate: 0 },
    health: { green: 0, yellow: 0, red: 0, unknown: 0 },
    tierMatrix: matrixOf(rows),
    featureAdoption: [],
    alerts: { open: 0, latest: [], byRule: [] },
    nps: { periodDays: 90, summary: null, detractors: [] },
  };
}
