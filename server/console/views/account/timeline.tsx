// What happened to an account, newest first: CS touches, alerts, and stage and health changes
// read from the daily history.
import type { AccountDetail } from '../../api.ts';
import { formatDateTime, formatDay, humanize } from '../../format.ts';

export interface TimelineEntry {
  /** ISO instant or YYYY-MM-DD day, for ordering. */
  at: string;
  kind: 'touch' | 'alert' | 'stage' | 'health';
  title: string;
  detail?: string;
}

export function buildTimeline(detail: Pick<AccountDetail, 'touches' | 'alerts' | 'history'>, stageName: (stage: string) => string = humanize): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
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
  if (!entries.length) return <p class="empty">Nothing yet: touches you log, alerts and stage or health changes show here.</p>;
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
