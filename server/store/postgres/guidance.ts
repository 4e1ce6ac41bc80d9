// Guidance reads and writes on PostgreSQL, mirroring sqlite/guidance.ts. Many server instances
// share the database, so a reservation locks the rows its caps depend on — the visitor's
// throttle row, the visitor's state for the campaign, the account's cap row, always in that
// order — re-reads them, and only then counts the show.
import type pg from 'pg';
import type { FeatureUse, Profile, Traits } from '../../engine/profile.ts';
import type { ExposedVisitor, HeldOutVisitor } from '../../engine/results.ts';
import type { SurveyAnswer } from '../../engine/survey.ts';
import type { AccountCapState, CampaignState, CapSnapshot, ThrottleState } from '../../engine/visitor-state.ts';
import type { ShowReservation, Store } from '../store.ts';
import { type AccountPlacement, placements, type UserPlacement } from '../placements.ts';
import { inTransaction } from './transaction.ts';

type GuidanceQueries = Pick<
  Store,
  'decisionState' | 'reserveShows' | 'recordHoldouts' | 'campaignArms' | 'goalTimes' | 'surveyAnswers' | 'audienceProfiles'
>;

// One round trip: the visitor's campaigns, the account's caps and the visitor's throttle.
const DECISION_STATE = `SELECT
  (SELECT coalesce(jsonb_agg(m), '[]') FROM (
    SELECT campaign_id AS "campaignId", shows, last_shown_at AS "lastShownAt", dismissed_at AS "dismissedAt", clicked_at AS "clickedAt",
      completed_at AS "completedAt", first_shown_at AS "firstShownAt", reserved_shows AS "reservedShows", last_reserved_at AS "lastReservedAt",
      snoozed_until AS "snoozedUntil", tour_step AS "tourStep", tour_step_at AS "tourStepAt", tour_done_at AS "tourDoneAt",
      items_done AS "itemsDone", reached_goal AS "reachedGoal", goal_reached_at AS "goalReachedAt", held_out_at AS "heldOutAt"
    FROM message_states WHERE workspace_id = $1 AND visitor_id = $2) m) AS states,
  (SELECT coalesce(jsonb_agg(a), '[]') FROM (
    SELECT c.campaign_id AS "campaignId", c.users, c.last_shown_at AS "lastShownAt", c.last_visitor_id AS "lastVisitorId",
      EXISTS (SELECT 1 FROM account_cap_users u WHERE u.workspace_id = c.workspace_id AND u.account_id = c.account_id
        AND u.campaign_id = c.campaign_id AND u.visitor_id = $2) AS "visitorCounted"
    FROM account_caps c WHERE c.workspace_id = $1 AND c.account_id = $3) a) AS caps,
  (SELECT jsonb_build_object('campaignId', campaign_id, 'at', shown_at) FROM visitor_throttles
    WHERE workspace_id = $1 AND visitor_id = $2 AND shown_at IS NOT NULL) AS throttle`;

const NOT_ALLOWED = Symbol('a cap is reached');

export function guidanceQueries(pool: pg.Pool): GuidanceQueries {
  /**
   * Each INSERT … ON CONFLICT DO UPDATE creates the row if needed, locks it and returns its latest
   * committed values; the caps are checked on those, and the show counted in one statement.
   */
  async function reserveOne(ws: string, r: ShowReservation, allow: (reservation: ShowReservation, snapshot: CapSnapshot) => boolean): Promise<boolean> {
    try {
      return await inTransaction(pool, async (tx) => {
        let throttle: ThrottleState | null = null;
        if (r.throttled) {
          const { rows } = await tx.query<{ campaignId: string | null; at: string | null }>(
            `INSERT INTO visitor_throttles AS t (workspace_id, visitor_id) VALUES ($1, $2)
             ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET visitor_id = t.visitor_id
             RETURNING campaign_id AS "campaignId", shown_at AS at`,
            [ws, r.visitorId],
          );
          const row = rows[0]!;
          throttle = row.campaignId && row.at ? { campaignId: row.campaignId, at: row.at } : null;
        }
        const { rows: states } = await tx.query<CapSnapshot['state']>(
          `INSERT INTO message_states AS s (workspace_id, campaign_id, visitor_id) VALUES ($1, $2, $3)
           ON CONFLICT (workspace_id, visitor_id, campaign_id) DO UPDATE SET shows = s.shows
           RETURNING shows, reserved_shows AS "reservedShows", last_shown_at AS "lastShownAt", last_reserved_at AS "lastReservedAt"`,
          [ws, r.campaignId, r.visitorId],
        );
        let account: AccountCapState | null = null;
        if (r.accountId) {
          const { rows } = await tx.query<AccountCapState>(
            `INSERT INTO account_caps AS c (workspace_id, account_id, campaign_id) VALUES ($1, $2, $3)
             ON CONFLICT (workspace_id, account_id, campaign_id) DO UPDATE SET users = c.users
             RETURNING users, last_shown_at AS "lastShownAt", last_visitor_id AS "lastVisitorId",
               EXISTS (SELECT 1 FROM account_cap_users u WHERE u.workspace_id = $1 AND u.account_id = $2 AND u.campaign_id = $3
                 AND u.visitor_id = $4) AS "visitorCounted"`,
            [ws, r.accountId, r.campaignId, r.visitorId],
          );
          account = rows[0]!;
        }
        if (!allow(r, { state: states[0]!, account, throttle })) throw NOT_ALLOWED;
        await tx.query(
          `WITH state AS (
             UPDATE message_states SET reserved_shows = reserved_shows + 1, last_reserved_at = greatest(last_reserved_at, $5)
             WHERE workspace_id = $1 AND visitor_id = $3 AND campaign_id = $2
           ), counted AS (
             INSERT INTO account_cap_users (workspace_id, account_id, visitor_id, campaign_id)
             SELECT $1, $4, $3, $2 WHERE $4::text IS NOT NULL ON CONFLICT DO NOTHING RETURNING 1
           ), account AS (
             UPDATE account_caps SET users = users + (SELECT count(*) FROM counted), last_shown_at = $5, last_visitor_id = $3
             WHERE workspace_id = $1 AND account_id = $4 AND campaign_id = $2
           ), throttle AS (
             UPDATE visitor_throttles SET campaign_id = $2, shown_at = $5 WHERE $6 AND workspace_id = $1 AND visitor_id = $3
           )
           SELECT 1`,
          [ws, r.campaignId, r.visitorId, r.accountId, r.at, r.throttled],
        );
        return true;
      });
    } catch (error) {
      // Not allowed: the transaction rolled back, leaving no placeholder rows behind.
      if (error === NOT_ALLOWED) return false;
      throw error;
    }
  }

  return {
    async decisionState(ws, visitorId, accountId) {
      const { rows } = await pool.query<{
        states: (CampaignState & { campaignId: string })[];
        caps: (AccountCapState & { campaignId: string })[];
        throttle: ThrottleState | null;
      }>(DECISION_STATE, [ws, visitorId, accountId]);
      const { states, caps, throttle } = rows[0]!;
      return {
        campaigns: new Map(states.map(({ campaignId, ...state }) => [campaignId, state])),
        accountCaps: new Map(caps.map(({ campaignId, ...cap }) => [campaignId, cap])),
        throttle,
      };
    },

    // One transaction per reservation: each locks only its own rows, so reservations of
    // different decisions cannot wait on each other in opposite orders.
    async reserveShows(ws, reservations, allow) {
      const counted: boolean[] = [];
      for (const r of reservations) counted.push(await reserveOne(ws, r, allow));
      return counted;
    },

    async recordHoldouts(ws, holdouts) {
      if (!holdouts.length) return;
      await pool.query(
        `INSERT INTO message_states AS s (workspace_id, campaign_id, visitor_id, account_id, held_out_at, held_out_reason)
         SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r("campaignId" text, "visitorId" text, "accountId" text, at text, reason text)
         ORDER BY r."visitorId", r."campaignId"
         ON CONFLICT (workspace_id, visitor_id, campaign_id) DO UPDATE SET held_out_at = coalesce(s.held_out_at, excluded.held_out_at),
           held_out_reason = coalesce(s.held_out_reason, excluded.held_out_reason), account_id = coalesce(s.account_id, excluded.account_id)`,
        [ws, JSON.stringify(holdouts.map(({ campaignId, visitorId, accountId, at, reason }) => ({ campaignId, visitorId, accountId, at, reason })))],
      );
    },

    async campaignArms(ws, campaignId) {
      const { rows } = await pool.query<Omit<ExposedVisitor, never> & { heldOutAt: string | null; reason: HeldOutVisitor['reason'] | null }>(
        `SELECT s.visitor_id AS "visitorId",
           coalesce(s.account_id, (SELECT m.account_id FROM account_users m WHERE m.workspace_id = s.workspace_id AND m.user_id = s.visitor_id
             ORDER BY m.last_seen DESC LIMIT 1)) AS "accountId",
           s.shows, coalesce(s.first_shown_at, s.last_shown_at) AS "firstShownAt", s.clicked_at IS NOT NULL AS clicked,
           s.dismissed_at IS NOT NULL AS dismissed, s.held_out_at AS "heldOutAt", s.held_out_reason AS reason
         FROM message_states s WHERE s.workspace_id = $1 AND s.campaign_id = $2 AND (s.shows > 0 OR s.held_out_at IS NOT NULL)
         ORDER BY s.visitor_id`,
        [ws, campaignId],
      );
      const exposed: ExposedVisitor[] = [];
      const heldOut: HeldOutVisitor[] = [];
      for (const { visitorId, accountId, shows, firstShownAt, clicked, dismissed, heldOutAt, reason } of rows) {
        if (shows > 0) exposed.push({ visitorId, accountId, shows, firstShownAt, clicked, dismissed });
        else heldOut.push({ visitorId, accountId, heldOutAt: heldOutAt!, reason: reason ?? 'campaign' });
      }
      return { exposed, heldOut };
    },

    async goalTimes(ws, goal, since) {
      const match = goal.type === 'feature' ? '$3 = ANY(features)' : `type = 'track' AND name = $3`;
      const { rows } = await pool.query<{ visitor: string | null; timestamp: string }>(
        `SELECT coalesce(user_id, anonymous_id) AS visitor, timestamp FROM events WHERE workspace_id = $1 AND timestamp >= $2 AND ${match}
         ORDER BY timestamp`,
        [ws, since, goal.type === 'feature' ? goal.feature : goal.event],
      );
      const times = new Map<string, string[]>();
      for (const { visitor, timestamp } of rows) {
        if (!visitor) continue;
        const list = times.get(visitor);
        if (list) list.push(timestamp);
        else times.set(visitor, [timestamp]);
      }
      return times;
    },

    async surveyAnswers(ws, campaignId) {
      const { rows } = await pool.query<SurveyAnswer>(
        `SELECT visitor_id AS "visitorId", account_id AS "accountId", score, choice, comment, answered_at AS "answeredAt"
         FROM survey_answers WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY answered_at, visitor_id`,
        [ws, campaignId],
      );
      return rows;
    },

    async audienceProfiles(ws) {
      const [users, accounts, memberships, usage, userPlacements, accountPlacements] = await Promise.all([
        pool.query<{ id: string; traits: Traits }>('SELECT user_id AS id, traits FROM users WHERE workspace_id = $1', [ws]),
        pool.query<{ id: string; traits: Traits }>('SELECT account_id AS id, traits FROM accounts WHERE workspace_id = $1', [ws]),
        pool.query<{ userId: string; accountId: string }>(
          'SELECT DISTINCT ON (user_id) user_id AS "userId", account_id AS "accountId" FROM account_users WHERE workspace_id = $1 ORDER BY user_id, last_seen DESC',
          [ws],
        ),
        pool.query<FeatureUse & { kind: 'user' | 'account'; subject: string; feature: string }>(
          `SELECT subject_kind AS kind, subject_id AS subject, feature_key AS feature, count, first_seen AS "firstSeen", last_seen AS "lastSeen",
             active_days AS "activeDays" FROM feature_usage WHERE workspace_id = $1`,
          [ws],
        ),
        pool.query<UserPlacement>('SELECT user_id AS id, stage AS "userStage", body AS "userBody" FROM user_metrics WHERE workspace_id = $1', [ws]),
        pool.query<AccountPlacement>(
          `SELECT account_id AS id, stage AS "accountStage", health_colour AS "healthColour", seat_tier AS "seatTier", tenure_tier AS "tenureTier"
           FROM account_metrics WHERE workspace_id = $1`,
          [ws],
        ),
      ]);
      const placed = placements(userPlacements.rows, accountPlacements.rows);
      const accountTraits = new Map(accounts.rows.map((a) => [a.id, a.traits]));
      const accountOf = new Map(memberships.rows.map((m) => [m.userId, m.accountId]));
      const uses = { user: new Map<string, Record<string, FeatureUse>>(), account: new Map<string, Record<string, FeatureUse>>() };
      for (const { kind, subject, feature, ...use } of usage.rows) {
        let byFeature = uses[kind].get(subject);
        if (!byFeature) uses[kind].set(subject, (byFeature = {}));
        byFeature[feature] = use;
      }
      return users.rows.map(({ id, traits }): Profile => {
        const accountId = accountOf.get(id) ?? null;
        const analytics = placed(id, accountId);
        return {
          visitorId: id,
          userId: id,
          accountId,
          userTraits: traits,
          accountTraits: (accountId && accountTraits.get(accountId)) || {},
          userFeatures: uses.user.get(id) ?? {},
          accountFeatures: (accountId && uses.account.get(accountId)) || {},
          ...(analytics ? { analytics } : {}),
        };
      });
    },
  };
}
