// The demo's customers: clinics and their staff, generated deterministically so every
// install shows the same believable data. Pure: no I/O.

export interface DemoAccount {
  id: string;
  name: string;
  industry: string;
  plan: 'starter' | 'growth' | 'pro';
  seats: number;
  contractStart: string;
  /** Whether this clinic uses automated appointment reminders (the feature that predicts renewal). */
  usesReminders: boolean;
  /** Turned reminders on only after the two-way SMS banner reached it, three weeks ago (demo/experiment.ts). */
  adoptedReminders: boolean;
  /** 0..1: how much of the clinic's work happens in the product. */
  engagement: number;
  /**
   * How its last renewal went, as the CRM says, for clinics past their first year: renewed in full
   * or downgraded. Clinics that used reminders then renewed in full about 4× as often, as in the
   * brief's case; the console's "Features that go with success" finds it (renewal = renewed).
   */
  renewal?: 'renewed' | 'downgraded';
}

export interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: string;
  accountId: string;
}

/** mulberry32: a tiny seeded PRNG, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['Maple', 'Harbor', 'Riverside', 'Summit', 'Cedar', 'Oakwood', 'Lakeview', 'Northgate', 'Willow', 'Brookside', 'Hillcrest', 'Bayside'];
const KINDS = [
  { industry: 'dental', noun: 'Dental' },
  { industry: 'physiotherapy', noun: 'Physio' },
  { industry: 'veterinary', noun: 'Vet Clinic' },
];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Keiko', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Ito', 'Novak', 'Okafor', 'Silva', 'Berg', 'Haddad', 'Kowalski', 'Moreau', 'Patel', 'Reyes', 'Schmidt', 'Tanaka'];
const ROLES = ['Practice manager', 'Receptionist', 'Dentist', 'Therapist', 'Assistant'];

export const DEMO_ACCOUNT_COUNT = 36;

export function demoRoster(now: Date): { accounts: DemoAccount[]; users: DemoUser[] } {
  const random = seededRandom(20260101);
  // A stream of its own, so renewals leave every other generated value as it was.
  const renewals = seededRandom(20261207);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const accounts: DemoAccount[] = [];
  const users: DemoUser[] = [];
  for (let i = 0; i < DEMO_ACCOUNT_COUNT; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const place = PLACES[Math.floor(i / KINDS.length) % PLACES.length]!;
    // Seat counts spread across tiers A (21+), B (11–20), C (6–10) and D (1–5).
    const seats = [2, 3, 4, 5, 7, 8, 10, 12, 15, 18, 24, 32][i % 12]!;
    const monthsAgo = Math.floor(random() * 30);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1 + Math.floor(random() * 27)));
    const account: DemoAccount = {
      id: `clinic-${String(i + 1).padStart(3, '0')}`,
      name: `${place} ${kind.noun}`,
      industry: kind.industry,
      plan: seats > 15 ? 'pro' : seats > 6 ? 'growth' : 'starter',
      seats,
      contractStart: start.toISOString().slice(0, 10),
      // About 63% of clinics use reminders, as in the practice-management case in the brief.
      usesReminders: random() < 0.63,
      adoptedReminders: false,
      engagement: 0.2 + random() * 0.8,
    };
    // Engaged clinics with five seats or more took up reminders once the banner pitched them.
    if (!account.usesReminders && account.engagement >= 0.7 && seats >= 5) account.usesReminders = account.adoptedReminders = true;
    const draw = renewals();
    // Clinics that turned reminders on only lately were engaged ones: they renewed in full more often than the rest, less than those on reminders then.
    const renewsInFull = account.adoptedReminders ? 0.6 : account.usesReminders ? 0.92 : 0.23;
    if (monthsAgo >= 12) account.renewal = draw < renewsInFull ? 'renewed' : 'downgraded';
    accounts.push(account);
    const staff = Math.max(1, Math.round(seats * (0.3 + account.engagement * 0.7)));
    for (let u = 0; u < staff; u++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      users.push({
        id: `${account.id}-u${u + 1}`,
        name: `${first} ${last}`,
        email: `${first}.${last}.${u + 1}@${account.id}.example`.toLowerCase(),
        role: u === 0 ? 'Practice manager' : pick(ROLES.slice(1)),
        accountId: account.id,
      });
    }
  }
  return { accounts, users };
}
