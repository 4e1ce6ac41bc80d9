// The demo's two-way SMS banner as an experiment that has run for three weeks, so the console
// opens on measured lift instead of empty results: launched to the staff of clinics without
// reminders, a fifth of them held out by the campaign's own holdout buckets (the ones decide uses,
// so explain agrees), and the engaged clinics among them turning reminders on afterwards, more
// often where staff saw the banner. Results are computed from these events like any others.
import { holdoutBucket, isHeldOut } from '../server/engine/holdout.ts';
import type { HoldoutRecord } from '../server/store/store.ts';
import { type HistoryEvent, HISTORY_LIBRARY } from './history.ts';
import { type DemoAccount, type DemoUser, seededRandom } from './roster.ts';

export const EXPERIMENT_STARTED_DAYS_AGO = 21;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface Experiment {
  /** Exposed staff opening Messages and seeing the banner, and each adopter's first reminder. */
  events: HistoryEvent[];
  /** Staff the holdout kept from the banner, as decide logs them. */
  holdouts: HoldoutRecord[];
  /** When each user who took up reminders during the experiment scheduled the first one (ms). */
  remindersFrom: Map<string, number>;
}

export function smsBannerExperiment(campaign: { id: string; holdoutPercent: number }, accounts: DemoAccount[], users: DemoUser[], now: Date): Experiment {
  const random = seededRandom(2121);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const launch = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - EXPERIMENT_STARTED_DAYS_AGO * DAY_MS + 9 * HOUR_MS;
  const experiment: Experiment = { events: [], holdouts: [], remindersFrom: new Map() };
  let n = 0;
  const push = (user: DemoUser, at: number, event: Pick<HistoryEvent, 'type' | 'event' | 'name' | 'properties'>, path?: string) =>
    experiment.events.push({
      ...event,
      messageId: `demo-sms-${(n++).toString(36)}`,
      timestamp: new Date(at).toISOString(),
      userId: user.id,
      groupId: user.accountId,
      context: { library: HISTORY_LIBRARY, ...(path ? { page: { path, url: `https://app.clinicflow.example${path}` } } : {}) },
    });

  const adopt = (user: DemoUser, after: number) => {
    const from = after + (2 + Math.floor(random() * 6)) * DAY_MS + Math.floor(random() * 8 * 60) * 60_000;
    experiment.remindersFrom.set(user.id, from);
    push(user, from, { type: 'track', event: 'Reminder Scheduled', properties: {} });
  };

  for (const account of accounts) {
    // The banner's audience: clinics that had not used reminders when it went live.
    if (account.usesReminders && !account.adoptedReminders) continue;
    const staff = users.filter((u) => u.accountId === account.id);
    const heldOut = new Set<string>();
    for (const user of staff) {
      // Everyone opens Messages on launch day or the next morning, before any clinic adopts.
      const seenAt = launch + Math.floor(random() * 24 * 60) * 60_000;
      if (isHeldOut(holdoutBucket(campaign.id, user.id), campaign.holdoutPercent)) {
        heldOut.add(user.id);
        experiment.holdouts.push({ campaignId: campaign.id, visitorId: user.id, accountId: account.id, reason: 'campaign', at: new Date(seenAt).toISOString() });
        continue;
      }
      push(user, seenAt, { type: 'page', name: 'Messages' }, '/messages');
      push(user, seenAt + 2_000, { type: 'track', event: 'message_shown', properties: { campaignId: campaign.id } });
      if (random() < 0.3) push(user, seenAt + 9_000, { type: 'track', event: 'message_clicked', properties: { campaignId: campaign.id, buttonId: 'setup' } });
    }
    if (!account.adoptedReminders) continue;
    // Where the banner was seen, the practice manager and most staff take reminders up; a few of
    // the held-out staff find them anyway. A clinic whose every pitch missed still adopts
    // through its manager, as the roster says.
    for (const user of staff) {
      const seen = !heldOut.has(user.id);
      if (random() < (seen ? (user.role === 'Practice manager' ? 1 : 0.8) : 0.15)) adopt(user, launch);
    }
    if (!staff.some((u) => experiment.remindersFrom.has(u.id))) adopt(staff[0]!, launch);
  }
  return experiment;
}
