// What happened to an account, newest first: CS touches, alerts, stage and health changes read
// from the daily history, feature use by day, the messages its users were shown, and what they
// answered when a survey asked (what they think, beside what they do).
import type { AccountDetail } from '../../api.ts';
import { formatDateTime, formatDay, humanize } from '../../format.ts';

export interface TimelineEntry {
  /** ISO instant or YYYY-MM-DD day, for ordering. */
  at: string;
  kind: 'touch' | 'alert' | 'stage' | 'health' | 'use' | 'message' | 'score' | 'answer';
  title: string;
  detail?: string;
}

export interface TimelineNames {
  stage?: (stage: string) => string;
  feature?: (key: string) => string;
  campaign?: (id: string) => string;
  user?: (id: string) => string;
}

export function buildTimeline(
  detail: Pick<AccountDetail, 'touches' | 'alerts' | 'history'> & Partial<Pick<AccountDetail, 'featureUse' | 'messages' | 'choices'>> & { account?: Pick<AccountDetail['account'], 'scores'> },
  stageName: (stage: string) => string = humanize,
  names: Omit<TimelineNames, 'stage'> = {},
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const feature = names.feature ?? humanize;
  const campaign = names.campaign ?? ((id: string) => id);
  const user = names.user ?? ((id: string) => id);
  for (const u of detail.featureUse ?? []) entries.push({ at: u.day, kind: 'use', title: `${feature(u.feature)} used ${u.count}×` });
  for (const m of detail.messages ?? []) {
    const who = user(m.userId);
    if (m.lastShownAt) entries.push({ at: m.lastShownAt, kind: 'message', title: `${who} was shown “${campaign(m.campaignId)}”`, detail: `${m.shows} show${m.shows === 1 ? '' : 's'} in all` });
    if (m.clickedAt) entries.push({ at: m.clickedAt, kind: 'message', title: `${who} clicked “${campaign(m.campaignId)}”` });
    if (m.dismissedAt) entries.push({ at: m.dismissedAt, kind: 'message', title: `${who} dismissed “${campaign(m.campaignId)}”` });
    if (m.completedAt) entries.push({ at: m.completedAt, kind: 'message', title: `${who} completed “${campaign(m.campaignId)}”` });
  }
  for (const s of detail.account?.scores ?? []) {
    entries.push({ at: s.answeredAt, kind: 'score', title: `${user(s.visitorId)} scored ${s.score} out of 10 on “${campaign(s.campaignId)}”`, ...(s.comment ? { detail: s.comment } : {}) });
  }
  for (const a of detail.choices ?? []) {
    entries.push({ at: a.answeredAt, kind: 'answer', title: `${user(a.visitorId)} chose “${a.choiceLabel ?? a.choice}” on “${campaign(a.campaignId)}”`, ...(a.comment ? { detail: a.comment } : {}) });
  }
  for (const t of detail.touches) entries.push({ at: t.at, kind: 'touch', title: `${humanize(t.channel)} by ${t.author}`, ...(t.note ? { detail: t.note } : {}) });
  for (const a of detail.alerts) entries.push({ at: a.raisedAt, kind: 'alert', title: a.message, detail: `${humanize(a.rule)} · ${a.status}` });
  detail.history.forEach((day, i) => {
    const before = detail.history[i - 1];
    if (!before) return;
    if (before.stage !== day.stage) entries.push({ at: day.day, kind: 'stage', title: `Stage: ${stageName(before.stage)} → ${stageName(day.stage)}` });
    if (before.healthColour !== day.healthColour) entries.push({ at: day.day, kind: 'health', title: `Health: ${before.healthColour ?? 'unknown'} → ${day.healthColour ?? 'unknown'}` });
  });
  // Days sort as the start of that day, which is what they mean.
  return entries.sort((a, b) => (b.at > a.at ? 1 : b.at < a.at ? -1 : 0));
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <p class="empty">Nothing yet: feature use, messages shown, touches you log, alerts and stage or health changes show here.</p>;
  return (
    <ol class="timeline">
      {entries.map((e, i) => (
        <li key={i} class={`event event-${e.kind}`}>
          <span class="event-kind">{e.kind}</span>
          <div>
            <strong>{e.title}</strong>
            {e.detail && <p class="note">{e.detail}</p>}
            <time class="muted small" dateTime={e.at}>
              {e.at.length === 10 ? formatDay(e.at) : formatDateTime(e.at)}
            </time>
          </div>
        </li>
      ))}
    </ol>
  );
}
