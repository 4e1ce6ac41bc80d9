// One user's guidance history, for the user page: every campaign decide handed them, they saw,
// were held out of or answered, and what they did with it. It reads the same message state decide
// reads, so what CS sees here is what the decision saw.
import type { Campaign } from '../../protocol/campaign.ts';
import { choiceLabel, type NpsGroup, npsGroup } from '../../engine/survey.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';

interface StateRow {
  campaign_id: string;
  shows: number;
  reserved_shows: number;
  first_shown_at: string | null;
  last_shown_at: string | null;
  last_reserved_at: string | null;
  clicked_at: string | null;
  dismissed_at: string | null;
  completed_at: string | null;
  snoozed_until: string | null;
  tour_step: number | null;
  tour_step_at: string | null;
  tour_done_at: string | null;
  /** A JSON array on SQLite, a text[] on PostgreSQL. */
  items_done: string | string[];
  reached_goal: string | null;
  goal_reached_at: string | null;
  held_out_at: string | null;
  held_out_reason: string | null;
}

interface AnswerRow {
  campaign_id: string;
  score: number | null;
  choice: string | null;
  comment: string | null;
  answered_at: string;
}

export interface UserGuidance {
  campaignId: string;
  /** Null when the campaign was deleted since. */
  name: string | null;
  kind: Campaign['kind'] | null;
  campaignStatus: Campaign['status'] | null;
  /** Shows the SDK reported rendered, and shows decide handed out under a cap (rendered or not). */
  shows: number;
  handedOut: number;
  firstShownAt: string | null;
  lastShownAt: string | null;
  clickedAt: string | null;
  dismissedAt: string | null;
  completedAt: string | null;
  snoozedUntil: string | null;
  /** The last tour step viewed (0-based), and when the tour last ended. */
  tourStep: number | null;
  tourDoneAt: string | null;
  itemsDone: string[];
  goal: { key: string; reachedAt: string } | null;
  heldOut: { at: string; reason: 'campaign' | 'global' } | null;
  answer: { score: number | null; npsGroup: NpsGroup | null; choice: string | null; choiceLabel: string | null; comment: string | null; answeredAt: string } | null;
  /** The latest of every time above: the list is newest first. */
  lastActivityAt: string;
}

const itemsOf = (value: string | string[]): string[] => (Array.isArray(value) ? value : fromJson<string[]>(value));

function latest(...times: (string | null | undefined)[]): string {
  let last = '';
  for (const t of times) if (t && t > last) last = t;
  return last;
}

export async function userGuidance(sql: SqlDb, ws: string, userId: string, campaigns: readonly Campaign[]): Promise<UserGuidance[]> {
  const [states, answers] = await Promise.all([
    sql.all<StateRow>(
      `SELECT campaign_id, shows, reserved_shows, first_shown_at, last_shown_at, last_reserved_at, clicked_at, dismissed_at, completed_at,
         snoozed_until, tour_step, tour_step_at, tour_done_at, items_done, reached_goal, goal_reached_at, held_out_at, held_out_reason
       FROM message_states WHERE workspace_id = ? AND visitor_id = ?`,
      [ws, userId],
    ),
    sql.all<AnswerRow>('SELECT campaign_id, score, choice, comment, answered_at FROM survey_answers WHERE workspace_id = ? AND visitor_id = ?', [ws, userId]),
  ]);
  const byId = new Map(campaigns.map((c) => [c.id, c]));
  const answerOf = new Map(answers.map((a) => [a.campaign_id, a]));
  const ids = new Set([...states.map((s) => s.campaign_id), ...answerOf.keys()]);
  const stateOf = new Map(states.map((s) => [s.campaign_id, s]));

  const rows: UserGuidance[] = [];
  for (const id of ids) {
    const s = stateOf.get(id);
    const a = answerOf.get(id);
    const campaign = byId.get(id);
    // The store ends a tour on any dismissal, not knowing the kind: only a tour has tour progress.
    const tour = campaign?.kind === 'tour' ? s : undefined;
    const score = a?.score === null || a?.score === undefined ? null : Number(a.score);
    const row: UserGuidance = {
      campaignId: id,
      name: campaign?.name ?? null,
      kind: campaign?.kind ?? null,
      campaignStatus: campaign?.status ?? null,
      shows: Number(s?.shows ?? 0),
      handedOut: Number(s?.reserved_shows ?? 0),
      firstShownAt: s?.first_shown_at ?? null,
      lastShownAt: s?.last_shown_at ?? null,
      clickedAt: s?.clicked_at ?? null,
      dismissedAt: s?.dismissed_at ?? null,
      completedAt: s?.completed_at ?? null,
      snoozedUntil: s?.snoozed_until ?? null,
      tourStep: tour?.tour_step === null || tour?.tour_step === undefined ? null : Number(tour.tour_step),
      tourDoneAt: tour?.tour_done_at ?? null,
      itemsDone: s ? itemsOf(s.items_done) : [],
      goal: s?.reached_goal && s.goal_reached_at ? { key: s.reached_goal, reachedAt: s.goal_reached_at } : null,
      heldOut: s?.held_out_at ? { at: s.held_out_at, reason: s.held_out_reason === 'global' ? 'global' : 'campaign' } : null,
      answer: a
        ? { score, npsGroup: score === null ? null : npsGroup(score), choice: a.choice, choiceLabel: choiceLabel(campaign?.question, a.choice), comment: a.comment, answeredAt: a.answered_at }
        : null,
      lastActivityAt: latest(
        s?.last_shown_at, s?.last_reserved_at, s?.clicked_at, s?.dismissed_at, s?.completed_at, tour?.tour_step_at, tour?.tour_done_at,
        s?.goal_reached_at, s?.held_out_at, a?.answered_at,
      ),
    };
    // A row with nothing in it (say, only a goal mark kept for later) is not history.
    if (row.lastActivityAt || row.itemsDone.length) rows.push(row);
  }
  return rows.sort((x, y) => (x.lastActivityAt < y.lastActivityAt ? 1 : x.lastActivityAt > y.lastActivityAt ? -1 : 0));
}
