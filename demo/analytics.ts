// The demo's analytics definitions and CS history, created through the admin API like a CS team
// would: a journey for veterinary clinics beside the default one, a 3-part health score, a
// certification program, alert rules, and a few months of logged CS touches.
import type { DemoAccount } from './roster.ts';
import { seededRandom } from './roster.ts';

export const DEMO_VET_JOURNEY = {
  key: 'veterinary',
  name: 'Veterinary clinics',
  segment: { trait: 'industry', values: ['veterinary'] },
  stages: [
    { key: 'signed_up', name: 'Signed up' },
    { key: 'onboarded', name: 'First visit booked', user: [{ depth: { feature: 'appointments' } }], account: [{ depth: { feature: 'appointments' } }] },
    {
      key: 'adopted',
      name: 'Runs the front desk',
      user: [{ breadth: { features: ['appointments', 'patients', 'payments'], atLeast: 2, withinDays: 30 } }],
      account: [{ depth: { feature: 'appointments', minDays: 8, withinDays: 30 } }, { users: { stage: 'adopted', atLeast: 2 } }],
    },
    {
      key: 'champion',
      name: 'Reminders on autopilot',
      user: [{ depth: { feature: 'reminders', minDays: 4, withinDays: 30 } }],
      account: [{ depth: { feature: 'reminders', minDays: 10, withinDays: 30 } }, { users: { stage: 'adopted', atLeast: 3 } }],
    },
  ],
  onboardedStage: 'onboarded',
  adoptedStage: 'adopted',
};

export const DEMO_HEALTH = {
  components: [
    { metric: 'deployment', weight: 40 },
    { metric: 'breadth', weight: 35 },
    { metric: 'touch', weight: 25, goodDays: 30, badDays: 90 },
  ],
  thresholds: { green: 65, yellow: 40 },
};

export const DEMO_CERTIFICATION = {
  key: 'clinicflow-certified',
  name: 'ClinicFlow Certified',
  levels: [
    { level: 3, name: 'Level 3 · Front desk', requirements: [{ feature: 'appointments', minDays: 2 }] },
    { level: 2, name: 'Level 2 · Practice pro', requirements: [{ feature: 'appointments', minDays: 5, withinDays: 30 }, { feature: 'patients' }] },
    { level: 1, name: 'Level 1 · Automation expert', requirements: [{ feature: 'reminders', minCount: 10 }, { feature: 'payments', minDays: 3 }] },
  ],
};

export const DEMO_ALERT_RULES = [
  { key: 'health-red', name: 'Health turned red', condition: { type: 'health_red' } },
  { key: 'stage-dropped', name: 'Journey stage went back', condition: { type: 'stage_regressed' } },
  { key: 'no-touch', name: 'No CS touch for 60 days', condition: { type: 'no_touch', days: 60 } },
  { key: 'low-deployment', name: 'Fewer than a third of seats active', condition: { type: 'deployment_below', rate: 0.33 } },
  { key: 'low-score', name: 'A user scored us 6 or less', condition: { type: 'low_score', maxScore: 6, withinDays: 30 } },
  { key: 'anchor-broken', name: 'A message cannot find its anchor', condition: { type: 'anchor_failing', count: 5, withinHours: 24 } },
];

const CHANNELS = ['call', 'meeting', 'email', 'chat'] as const;
const NOTES = ['Quarterly business review', 'Onboarding check-in', 'Renewal conversation', 'Walked through reminders setup', 'Answered billing questions'];

type Call = (path: string, method: string, body: unknown) => Promise<unknown>;

export async function defineDemoAnalytics(call: Call): Promise<void> {
  await call('/api/v1/measures', 'PUT', { contractStartTrait: 'contractStart' });
  await call('/api/v1/journeys/veterinary', 'PUT', DEMO_VET_JOURNEY);
  await call('/api/v1/health', 'PUT', DEMO_HEALTH);
  await call(`/api/v1/certifications/${DEMO_CERTIFICATION.key}`, 'PUT', DEMO_CERTIFICATION);
  for (const rule of DEMO_ALERT_RULES) await call(`/api/v1/alert-rules/${rule.key}`, 'PUT', rule);
}

export interface DemoTouch {
  accountId: string;
  channel: (typeof CHANNELS)[number];
  note: string;
  at: string;
}

/** CS touched about half the clinics over the last months, the engaged ones more often: a realistic coverage gap. Oldest first. */
export function demoTouches(accounts: readonly DemoAccount[], now: Date): DemoTouch[] {
  const random = seededRandom(7);
  const touches: DemoTouch[] = [];
  for (const account of accounts) {
    if (random() > 0.35 + account.engagement * 0.4) continue;
    const daysAgo = Math.floor(random() * 80);
    const at = new Date(now.getTime() - daysAgo * 86_400_000 - Math.floor(random() * 8) * 3_600_000).toISOString();
    touches.push({ accountId: account.id, channel: CHANNELS[Math.floor(random() * CHANNELS.length)]!, note: NOTES[Math.floor(random() * NOTES.length)]!, at });
  }
  return touches.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
