// Synthetic event history for the demo clinics: weeks of realistic use, deterministic.
import type { DemoAccount, DemoUser } from './roster.ts';
import { seededRandom } from './roster.ts';

export const HISTORY_DAYS = 42;

/** Feature events the demo product sends, and how often an active user of each role does them per day. */
const DAILY_ACTIONS: { event: string; perDay: number; onlyIf?: (a: DemoAccount) => boolean }[] = [
  { event: 'Appointment Booked', perDay: 4 },
  { event: 'Patient Added', perDay: 1.2 },
  { event: 'Message Sent', perDay: 1.5 },
  { event: 'Payment Collected', perDay: 2 },
  { event: 'Reminder Scheduled', perDay: 1, onlyIf: (a) => a.usesReminders },
];

export interface HistoryEvent {
  type: 'identify' | 'group' | 'track' | 'page';
  messageId: string;
  timestamp: string;
  userId: string;
  groupId: string;
  event?: string;
  name?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context: { page?: { path: string; url: string }; library: { name: string; version: string } };
}

export const HISTORY_LIBRARY = { name: 'uptake-demo-history', version: '1' };

/**
 * `remindersFrom`: for clinics that took up reminders during the SMS experiment, when each of
 * their users started; the others of those clinics never schedule one.
 */
export function demoHistory(accounts: DemoAccount[], users: DemoUser[], now: Date, remindersFrom: ReadonlyMap<string, number> = new Map()): HistoryEvent[] {
  const random = seededRandom(4242);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const events: HistoryEvent[] = [];
  let n = 0;
  const push = (e: Omit<HistoryEvent, 'messageId' | 'context'> & { path?: string }) => {
    const { path, ...rest } = e;
    events.push({
      ...rest,
      messageId: `demo-${(n++).toString(36)}`,
      context: { library: HISTORY_LIBRARY, ...(path ? { page: { path, url: `https://app.clinicflow.example${path}` } } : {}) },
    });
  };
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

  for (const user of users) {
    const account = byId.get(user.accountId)!;
    const first = new Date(dayStart - HISTORY_DAYS * 86_400_000 + 9 * 3_600_000).toISOString();
    push({ type: 'identify', timestamp: first, userId: user.id, groupId: account.id, traits: { name: user.name, email: user.email, role: user.role } });
    push({
      type: 'group',
      timestamp: first,
      userId: user.id,
      groupId: account.id,
      traits: { name: account.name, industry: account.industry, plan: account.plan, seats: account.seats, contractStart: account.contractStart, ...(account.renewal ? { renewal: account.renewal } : {}) },
    });
    // Not every user of a reminders clinic schedules reminders: usually the manager and one more.
    const startedReminders = remindersFrom.get(user.id);
    const schedulesReminders = account.adoptedReminders
      ? startedReminders !== undefined
      : account.usesReminders && (user.role === 'Practice manager' || random() < 0.3);
    for (let day = HISTORY_DAYS; day >= 1; day--) {
      const weekday = new Date(dayStart - day * 86_400_000).getUTCDay();
      if (weekday === 0 || random() > account.engagement * (weekday === 6 ? 0.3 : 0.9)) continue;
      const base = dayStart - day * 86_400_000 + 8 * 3_600_000;
      let minute = Math.floor(random() * 60);
      const at = () => new Date(base + (minute += 1 + Math.floor(random() * 25)) * 60_000).toISOString();
      push({ type: 'page', timestamp: at(), userId: user.id, groupId: account.id, name: 'Appointments', path: '/appointments' });
      for (const action of DAILY_ACTIONS) {
        if (action.onlyIf && !(action.onlyIf(account) && schedulesReminders)) continue;
        if (action.onlyIf && startedReminders !== undefined && base < startedReminders) continue;
        // A clinic on reminders schedules some every day its schedulers work, however little else they do.
        const count = Math.max(action.onlyIf ? 1 : 0, Math.floor(action.perDay * account.engagement * 2 * random()));
        for (let i = 0; i < count; i++) {
          push({ type: 'track', timestamp: at(), userId: user.id, groupId: account.id, event: action.event, properties: {} });
        }
      }
    }
  }
  return events;
}
