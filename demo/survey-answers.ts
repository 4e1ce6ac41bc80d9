// The demo's NPS survey as clinics using reminders (its audience) answered it over the last three
// weeks: engaged clinics mostly promoters, the least engaged detractors who say why. An account's
// page then shows what its people think beside what they do, and the low-score alert rule has
// something to raise. Each clinic's last one or two staff answered, so its first ones are still
// asked (the decide tests ask as them).
import { NPS_STARTED_DAYS_AGO } from './campaigns.ts';
import { type HistoryEvent, HISTORY_LIBRARY } from './history.ts';
import { type DemoAccount, type DemoUser, seededRandom } from './roster.ts';

const DAY_MS = 86_400_000;

const REASONS = {
  low: ['Booking a recall takes too many clicks', 'The calendar is slow on Monday mornings', 'We never know when SMS credits run out', 'Hard to find last year’s invoices'],
  middle: ['Does the job; reports could be clearer', 'Good, but the mobile view needs work'],
  high: ['Reminders cut our no-shows in half', 'The front desk runs on it', 'Patients love the two-way SMS'],
};

export function npsAnswers(campaign: { id: string }, accounts: readonly DemoAccount[], users: readonly DemoUser[], now: Date): HistoryEvent[] {
  const random = seededRandom(4242);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const events: HistoryEvent[] = [];
  let n = 0;
  for (const account of accounts) {
    if (!account.usesReminders) continue;
    const staff = users.filter((u) => u.accountId === account.id);
    const answering = staff.slice(3).slice(-(1 + Math.floor(random() * 2)));
    for (const user of answering) {
      const at = now.getTime() - Math.floor(1 + random() * (NPS_STARTED_DAYS_AGO - 2)) * DAY_MS - Math.floor(random() * 8 * 3_600_000);
      const score = Math.max(0, Math.min(10, Math.round(3 + account.engagement * 7 + (random() - 0.5) * 4)));
      const reasons = score <= 6 ? REASONS.low : score <= 8 ? REASONS.middle : REASONS.high;
      const comment = random() < 0.7 ? pick(reasons) : undefined;
      const event = (offset: number, name: string, properties: Record<string, unknown>): HistoryEvent => ({
        type: 'track',
        messageId: `demo-nps-${(n++).toString(36)}`,
        timestamp: new Date(at + offset).toISOString(),
        userId: user.id,
        groupId: account.id,
        event: name,
        properties: { campaignId: campaign.id, ...properties },
        context: { library: HISTORY_LIBRARY, page: { path: '/messages', url: 'https://app.clinicflow.example/messages' } },
      });
      events.push(event(0, 'message_shown', {}), event(20_000, 'survey_answered', { score, ...(comment ? { comment } : {}) }));
    }
  }
  return events;
}
