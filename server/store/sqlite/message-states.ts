// Message state written by ingest (inside its transaction): what each visitor did with each
// campaign, survey answers, and moving both from an anonymous visitor to the user it became.
import type Database from 'better-sqlite3';
import { doneSinceShow } from '../../engine/goals.ts';
import { surveyAnsweredData } from '../../engine/survey.ts';
import type { CampaignInput } from '../../protocol/campaign.ts';
import { QUEUE_EVENT_SQL, queuedEventParams } from '../../webhooks/outbox.ts';
import type { Effects } from '../fold-effects.ts';

const later = (column: string) => `${column} = nullif(max(coalesce(${column}, ''), coalesce(excluded.${column}, '')), '')`;
const earlier = (column: string) => `${column} = coalesce(min(${column}, excluded.${column}), ${column}, excluded.${column})`;

/**
 * Merging a change (or another visitor's row) into a row: counts add up; the first dismissal,
 * click and completion stay; the latest snooze, tour step and completion count; checklist items
 * done are the union; the earlier goal reached stays.
 */
const MERGE_STATE = `ON CONFLICT DO UPDATE SET
  shows = shows + excluded.shows,
  account_id = coalesce(excluded.account_id, account_id),
  ${earlier('first_shown_at')},
  ${later('last_shown_at')},
  dismissed_at = coalesce(dismissed_at, excluded.dismissed_at),
  clicked_at = coalesce(clicked_at, excluded.clicked_at),
  completed_at = coalesce(completed_at, excluded.completed_at),
  ${later('snoozed_until')},
  tour_step = CASE WHEN excluded.tour_step_at IS NOT NULL AND (tour_step_at IS NULL OR excluded.tour_step_at >= tour_step_at)
    THEN excluded.tour_step ELSE tour_step END,
  ${later('tour_step_at')},
  ${later('tour_done_at')},
  items_done = CASE WHEN excluded.items_done = '[]' THEN items_done ELSE (SELECT json_group_array(value) FROM
    (SELECT value FROM json_each(items_done) UNION SELECT value FROM json_each(excluded.items_done) ORDER BY value)) END,
  reached_goal = CASE WHEN excluded.goal_reached_at IS NOT NULL AND (goal_reached_at IS NULL OR excluded.goal_reached_at < goal_reached_at)
    THEN excluded.reached_goal ELSE reached_goal END,
  ${earlier('goal_reached_at')},
  reserved_shows = reserved_shows + excluded.reserved_shows,
  ${later('last_reserved_at')},
  held_out_reason = CASE WHEN held_out_at IS NULL OR excluded.held_out_at < held_out_at THEN coalesce(excluded.held_out_reason, held_out_reason) ELSE held_out_reason END,
  ${earlier('held_out_at')}`;

const STATE_COLUMNS = `account_id, shows, first_shown_at, last_shown_at, dismissed_at, clicked_at, completed_at, snoozed_until,
  tour_step, tour_step_at, tour_done_at, items_done, reached_goal, goal_reached_at, reserved_shows, last_reserved_at, held_out_at, held_out_reason`;

export function prepareMessageStateWrites(db: Database.Database) {
  const upsertState = db.prepare(`
    INSERT INTO message_states (workspace_id, campaign_id, visitor_id, account_id, shows, first_shown_at, last_shown_at, dismissed_at,
      clicked_at, completed_at, snoozed_until, tour_step, tour_step_at, tour_done_at, items_done)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ${MERGE_STATE}`);
  const insertAnswer = db.prepare(`
    INSERT INTO survey_answers (workspace_id, campaign_id, visitor_id, account_id, score, choice, comment, answered_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  // "AND true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
  const mergeStates = db.prepare(`
    INSERT INTO message_states (workspace_id, campaign_id, visitor_id, ${STATE_COLUMNS})
    SELECT workspace_id, campaign_id, ?, ${STATE_COLUMNS} FROM message_states WHERE workspace_id = ? AND visitor_id = ? AND true
    ${MERGE_STATE}`);
  const dropStates = db.prepare('DELETE FROM message_states WHERE workspace_id = ? AND visitor_id = ?');
  // Only a visitor already shown the campaign, at or after the first show, and earlier than the
  // time kept for the same goal.
  const reachGoal = db.prepare(`UPDATE message_states SET reached_goal = ?, goal_reached_at = ?
    WHERE workspace_id = ? AND visitor_id = ? AND campaign_id = ? AND first_shown_at <= ? AND (reached_goal IS NOT ? OR goal_reached_at > ?)`);
  const moveAnswers = db.prepare(`
    INSERT INTO survey_answers (workspace_id, campaign_id, visitor_id, account_id, score, choice, comment, answered_at)
    SELECT workspace_id, campaign_id, ?, account_id, score, choice, comment, answered_at FROM survey_answers
    WHERE workspace_id = ? AND visitor_id = ? AND true ON CONFLICT DO NOTHING`);
  const dropAnswers = db.prepare('DELETE FROM survey_answers WHERE workspace_id = ? AND visitor_id = ?');
  const campaignDefinition = db.prepare('SELECT definition FROM campaigns WHERE workspace_id = ? AND id = ?').pluck();
  const queueWebhook = db.prepare(QUEUE_EVENT_SQL);
  const MERGE_MARK = 'ON CONFLICT DO UPDATE SET first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)';
  const upsertMark = db.prepare(`INSERT INTO goal_marks (workspace_id, visitor_id, goal, first_at, last_at) VALUES (?, ?, ?, ?, ?) ${MERGE_MARK}`);
  const moveMarks = db.prepare(`INSERT INTO goal_marks (workspace_id, visitor_id, goal, first_at, last_at)
    SELECT workspace_id, ?, goal, first_at, last_at FROM goal_marks WHERE workspace_id = ? AND visitor_id = ? AND true ${MERGE_MARK}`);
  const dropMarks = db.prepare('DELETE FROM goal_marks WHERE workspace_id = ? AND visitor_id = ?');
  const firstShown = db.prepare('SELECT first_shown_at FROM message_states WHERE workspace_id = ? AND visitor_id = ? AND campaign_id = ?').pluck();
  const markOf = db.prepare('SELECT first_at AS first, last_at AS last FROM goal_marks WHERE workspace_id = ? AND visitor_id = ? AND goal = ?');
  const usageOf = db.prepare(`SELECT first_seen AS first, last_seen AS last FROM feature_usage
    WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ? AND feature_key = ?`);

  return {
    write(ws: string, { states, answers }: Pick<Effects, 'states' | 'answers'>) {
      for (const s of states) {
        upsertState.run(
          ws, s.campaignId, s.visitorId, s.accountId, s.shows, s.firstShownAt, s.lastShownAt, s.dismissedAt, s.clickedAt, s.completedAt,
          s.snoozedUntil, s.tourStep, s.tourStepAt, s.tourDoneAt, JSON.stringify(s.itemsDone),
        );
      }
      if (!answers.length) return;
      const now = new Date().toISOString();
      for (const a of answers) {
        // Only a first answer is stored (a retried one is a duplicate), and only it is announced.
        if (!insertAnswer.run(ws, a.campaignId, a.visitorId, a.accountId, a.score, a.choice, a.comment, a.at).changes) continue;
        const definition = campaignDefinition.get(ws, a.campaignId) as string | undefined;
        const campaign = definition ? (JSON.parse(definition) as CampaignInput) : undefined;
        queueWebhook.run(...queuedEventParams(ws, 'survey.answered', surveyAnsweredData(a, campaign), now));
      }
    },
    /** Goals done by visitors shown the campaign; after linking, so a user's row is where it ends up. */
    reachGoals(ws: string, goals: Effects['goals']) {
      let done = '';
      for (const { campaignId, visitorId, goal, at } of goals) {
        // In time order: once one counts, later ones of the same visitor and campaign cannot.
        const key = `${visitorId}\u0000${campaignId}`;
        if (key !== done && reachGoal.run(goal, at, ws, visitorId, campaignId, at, goal, at).changes) done = key;
      }
    },
    /** Event goals done: the first and last time per visitor and goal. */
    markGoals(ws: string, marks: Effects['marks']) {
      for (const m of marks) upsertMark.run(ws, m.visitorId, m.goal, m.first, m.last);
    },
    /** Shows of campaigns with a goal: a goal already done since the first show counts (after marks and usage are written). */
    lookBack(ws: string, lookbacks: Effects['lookbacks']) {
      for (const { campaignId, visitorId, goal, feature } of lookbacks) {
        const shownAt = firstShown.get(ws, visitorId, campaignId) as string | null | undefined;
        if (!shownAt) continue;
        const done = (feature ? usageOf.get(ws, visitorId, feature) : markOf.get(ws, visitorId, goal)) as { first: string; last: string } | undefined;
        const at = doneSinceShow(done, shownAt);
        if (at) reachGoal.run(goal, at, ws, visitorId, campaignId, at, goal, at);
      }
    },
    /** The anonymous visitor's state, answers and goal marks become the user's. */
    link(ws: string, anonymousId: string, userId: string) {
      mergeStates.run(userId, ws, anonymousId);
      dropStates.run(ws, anonymousId);
      moveAnswers.run(userId, ws, anonymousId);
      dropAnswers.run(ws, anonymousId);
      moveMarks.run(userId, ws, anonymousId);
      dropMarks.run(ws, anonymousId);
    },
  };
}
