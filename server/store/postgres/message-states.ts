// Message state written by ingest (inside its transaction), mirroring sqlite/message-states.ts:
// what each visitor did with each campaign, survey answers, and moving both from an anonymous
// visitor to the user it became. Rows go in key order so concurrent batches do not deadlock.
import type pg from 'pg';
import { doneSinceShow } from '../../engine/goals.ts';
import { surveyAnsweredData } from '../../engine/survey.ts';
import type { CampaignInput } from '../../protocol/campaign.ts';
import { QUEUE_EVENT_SQL, queuedEventParams } from '../../webhooks/outbox.ts';
import type { AnswerChange, Effects } from '../fold-effects.ts';
import { numberPlaceholders } from '../sql.ts';

// least/greatest ignore NULLs, as the SQLite store's coalesce(min(…)) forms do.
const MERGE_STATE = `
  shows = s.shows + excluded.shows,
  account_id = coalesce(excluded.account_id, s.account_id),
  first_shown_at = least(s.first_shown_at, excluded.first_shown_at),
  last_shown_at = greatest(s.last_shown_at, excluded.last_shown_at),
  dismissed_at = coalesce(s.dismissed_at, excluded.dismissed_at),
  clicked_at = coalesce(s.clicked_at, excluded.clicked_at),
  completed_at = coalesce(s.completed_at, excluded.completed_at),
  snoozed_until = greatest(s.snoozed_until, excluded.snoozed_until),
  tour_step = CASE WHEN excluded.tour_step_at IS NOT NULL AND (s.tour_step_at IS NULL OR excluded.tour_step_at >= s.tour_step_at)
    THEN excluded.tour_step ELSE s.tour_step END,
  tour_step_at = greatest(s.tour_step_at, excluded.tour_step_at),
  tour_done_at = greatest(s.tour_done_at, excluded.tour_done_at),
  items_done = CASE WHEN cardinality(excluded.items_done) = 0 THEN s.items_done
    ELSE ARRAY(SELECT DISTINCT item FROM unnest(s.items_done || excluded.items_done) AS item ORDER BY item) END,
  reached_goal = CASE WHEN excluded.goal_reached_at IS NOT NULL AND (s.goal_reached_at IS NULL OR excluded.goal_reached_at < s.goal_reached_at)
    THEN excluded.reached_goal ELSE s.reached_goal END,
  goal_reached_at = least(s.goal_reached_at, excluded.goal_reached_at),
  reserved_shows = s.reserved_shows + excluded.reserved_shows,
  last_reserved_at = greatest(s.last_reserved_at, excluded.last_reserved_at),
  held_out_reason = CASE WHEN s.held_out_at IS NULL OR excluded.held_out_at < s.held_out_at
    THEN coalesce(excluded.held_out_reason, s.held_out_reason) ELSE s.held_out_reason END,
  held_out_at = least(s.held_out_at, excluded.held_out_at)`;

const STATE_COLUMNS = `account_id, shows, first_shown_at, last_shown_at, dismissed_at, clicked_at, completed_at, snoozed_until,
  tour_step, tour_step_at, tour_done_at, items_done, reached_goal, goal_reached_at, reserved_shows, last_reserved_at, held_out_at, held_out_reason`;

const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export async function writeMessageStates(tx: pg.PoolClient, ws: string, { states, answers }: Pick<Effects, 'states' | 'answers'>): Promise<void> {
  if (states.length) {
    await tx.query(
      `INSERT INTO message_states AS s (workspace_id, campaign_id, visitor_id, account_id, shows, first_shown_at, last_shown_at, dismissed_at,
         clicked_at, completed_at, snoozed_until, tour_step, tour_step_at, tour_done_at, items_done)
       SELECT $1, r."campaignId", r."visitorId", r."accountId", r.shows, r."firstShownAt", r."lastShownAt", r."dismissedAt", r."clickedAt",
         r."completedAt", r."snoozedUntil", r."tourStep", r."tourStepAt", r."tourDoneAt", ARRAY(SELECT jsonb_array_elements_text(r."itemsDone"))
       FROM jsonb_to_recordset($2::jsonb) AS r("campaignId" text, "visitorId" text, "accountId" text, shows integer, "firstShownAt" text,
         "lastShownAt" text, "dismissedAt" text, "clickedAt" text, "completedAt" text, "snoozedUntil" text, "tourStep" integer,
         "tourStepAt" text, "tourDoneAt" text, "itemsDone" jsonb)
       ON CONFLICT (workspace_id, visitor_id, campaign_id) DO UPDATE SET ${MERGE_STATE}`,
      [ws, JSON.stringify(byKey(states, (s) => `${s.visitorId}\u0000${s.campaignId}`))],
    );
  }
  if (answers.length) {
    const { rows: stored } = await tx.query<{ campaignId: string; visitorId: string }>(
      `INSERT INTO survey_answers (workspace_id, campaign_id, visitor_id, account_id, score, choice, comment, answered_at)
       SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb)
         AS r("campaignId" text, "visitorId" text, "accountId" text, score integer, choice text, comment text, at text)
       ON CONFLICT DO NOTHING
       RETURNING campaign_id AS "campaignId", visitor_id AS "visitorId"`,
      [ws, JSON.stringify(byKey(answers, (a) => `${a.campaignId}\u0000${a.visitorId}`))],
    );
    if (stored.length) await announceAnswers(tx, ws, answers, stored);
  }
}

/** A `survey.answered` webhook event for each answer stored for the first time (a retried one is a duplicate). */
async function announceAnswers(tx: pg.PoolClient, ws: string, answers: readonly AnswerChange[], stored: readonly { campaignId: string; visitorId: string }[]): Promise<void> {
  const { rows } = await tx.query<{ id: string; definition: CampaignInput }>(
    'SELECT id, definition::jsonb AS definition FROM campaigns WHERE workspace_id = $1 AND id = ANY($2::text[])',
    [ws, [...new Set(stored.map((s) => s.campaignId))]],
  );
  const campaigns = new Map(rows.map((r) => [r.id, r.definition]));
  const now = new Date().toISOString();
  const queue = numberPlaceholders(QUEUE_EVENT_SQL);
  for (const { campaignId, visitorId } of stored) {
    const answer = answers.find((a) => a.campaignId === campaignId && a.visitorId === visitorId)!;
    await tx.query(queue, queuedEventParams(ws, 'survey.answered', surveyAnsweredData(answer, campaigns.get(campaignId)), now));
  }
}

/**
 * Goals done by visitors already shown the campaign: per visitor and campaign, the earliest at or
 * after the first show, kept unless the same goal is already known earlier.
 */
export async function reachGoals(tx: pg.PoolClient, ws: string, goals: Effects['goals']): Promise<void> {
  if (!goals.length) return;
  await tx.query(
    `WITH reach AS (
       SELECT DISTINCT ON (r."visitorId", r."campaignId") r."visitorId" AS visitor_id, r."campaignId" AS campaign_id, r.goal, r.at
       FROM jsonb_to_recordset($2::jsonb) AS r("campaignId" text, "visitorId" text, goal text, at text)
       JOIN message_states s ON s.workspace_id = $1 AND s.visitor_id = r."visitorId" AND s.campaign_id = r."campaignId"
       WHERE r.at COLLATE "C" >= s.first_shown_at
       ORDER BY r."visitorId", r."campaignId", r.at COLLATE "C"
     )
     UPDATE message_states s SET reached_goal = reach.goal, goal_reached_at = reach.at
     FROM reach WHERE s.workspace_id = $1 AND s.visitor_id = reach.visitor_id AND s.campaign_id = reach.campaign_id
       AND (s.reached_goal IS DISTINCT FROM reach.goal OR s.goal_reached_at > reach.at COLLATE "C")`,
    [ws, JSON.stringify(goals)],
  );
}

const MERGE_MARK = 'ON CONFLICT (workspace_id, visitor_id, goal) DO UPDATE SET first_at = least(m.first_at, excluded.first_at), last_at = greatest(m.last_at, excluded.last_at)';

/** Event goals done: the first and last time per visitor and goal. */
export async function markGoals(tx: pg.PoolClient, ws: string, marks: Effects['marks']): Promise<void> {
  if (!marks.length) return;
  await tx.query(
    `INSERT INTO goal_marks AS m (workspace_id, visitor_id, goal, first_at, last_at)
     SELECT $1, r."visitorId", r.goal, r.first, r.last FROM jsonb_to_recordset($2::jsonb) AS r("visitorId" text, goal text, first text, last text)
     ${MERGE_MARK}`,
    [ws, JSON.stringify(marks)],
  );
}

/** Shows of campaigns with a goal: a goal already done since the first show counts (after marks and usage are written). */
export async function lookBack(tx: pg.PoolClient, ws: string, lookbacks: Effects['lookbacks']): Promise<void> {
  for (const { campaignId, visitorId, goal, feature } of lookbacks) {
    const { rows } = await tx.query<{ shownAt: string | null; first: string | null; last: string | null }>(
      `SELECT s.first_shown_at AS "shownAt", d.first, d.last FROM message_states s
       LEFT JOIN LATERAL (
         SELECT first_seen AS first, last_seen AS last FROM feature_usage
         WHERE $4::text IS NOT NULL AND workspace_id = $1 AND subject_kind = 'user' AND subject_id = $2 AND feature_key = $4
         UNION ALL
         SELECT first_at, last_at FROM goal_marks WHERE $4::text IS NULL AND workspace_id = $1 AND visitor_id = $2 AND goal = $5
       ) d ON true
       WHERE s.workspace_id = $1 AND s.visitor_id = $2 AND s.campaign_id = $3`,
      [ws, visitorId, campaignId, feature, goal],
    );
    const row = rows[0];
    if (!row?.shownAt) continue;
    const at = doneSinceShow(row.first && row.last ? { first: row.first, last: row.last } : undefined, row.shownAt);
    if (at) await reachGoals(tx, ws, [{ campaignId, visitorId, goal, at }]);
  }
}

/** The anonymous visitor's state, answers and goal marks become the user's. */
export async function linkMessageStates(tx: pg.PoolClient, ws: string, anonymousId: string, userId: string): Promise<void> {
  await tx.query(
    `INSERT INTO message_states AS s (workspace_id, campaign_id, visitor_id, ${STATE_COLUMNS})
     SELECT workspace_id, campaign_id, $3, ${STATE_COLUMNS}
     FROM message_states WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY campaign_id
     ON CONFLICT (workspace_id, visitor_id, campaign_id) DO UPDATE SET ${MERGE_STATE}`,
    [ws, anonymousId, userId],
  );
  await tx.query('DELETE FROM message_states WHERE workspace_id = $1 AND visitor_id = $2', [ws, anonymousId]);
  await tx.query(
    `INSERT INTO survey_answers (workspace_id, campaign_id, visitor_id, account_id, score, choice, comment, answered_at)
     SELECT workspace_id, campaign_id, $3, account_id, score, choice, comment, answered_at FROM survey_answers
     WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY campaign_id
     ON CONFLICT DO NOTHING`,
    [ws, anonymousId, userId],
  );
  await tx.query('DELETE FROM survey_answers WHERE workspace_id = $1 AND visitor_id = $2', [ws, anonymousId]);
  await tx.query(
    `INSERT INTO goal_marks AS m (workspace_id, visitor_id, goal, first_at, last_at)
     SELECT workspace_id, $3, goal, first_at, last_at FROM goal_marks WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY goal
     ${MERGE_MARK}`,
    [ws, anonymousId, userId],
  );
  await tx.query('DELETE FROM goal_marks WHERE workspace_id = $1 AND visitor_id = $2', [ws, anonymousId]);
}
