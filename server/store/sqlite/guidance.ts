// Guidance reads and writes on SQLite: what a decision needs about a visitor, reserving capped
// shows, logging holdouts, and the raw material of results, survey answers and estimates.
// better-sqlite3 runs a transaction on the process's one connection without yielding, so a
// reservation's read-check-write cannot interleave with another one.
import type Database from 'better-sqlite3';
import type { FeatureUse, Profile, Traits } from '../../engine/profile.ts';
import type { ExposedVisitor, HeldOutVisitor } from '../../engine/results.ts';
import type { SurveyAnswer } from '../../engine/survey.ts';
import type { AccountCapState, CampaignState, CapSnapshot, ThrottleState } from '../../engine/visitor-state.ts';
import { NO_ACCOUNT_SHOWS } from '../../engine/visitor-state.ts';
import type { ShowReservation, Store } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';
import { type AccountPlacement, placements, type UserPlacement } from '../placements.ts';

type GuidanceQueries = Pick<
  Store,
  'decisionState' | 'reserveShows' | 'recordHoldouts' | 'campaignArms' | 'goalTimes' | 'surveyAnswers' | 'audienceProfiles'
>;

const STATE = `campaign_id AS campaignId, shows, last_shown_at AS lastShownAt, dismissed_at AS dismissedAt, clicked_at AS clickedAt,
  completed_at AS completedAt, first_shown_at AS firstShownAt, reserved_shows AS reservedShows, last_reserved_at AS lastReservedAt,
  snoozed_until AS snoozedUntil, tour_step AS tourStep, tour_step_at AS tourStepAt, tour_done_at AS tourDoneAt,
  items_done AS itemsDone, reached_goal AS reachedGoal, goal_reached_at AS goalReachedAt, held_out_at AS heldOutAt`;

const ACCOUNT_CAP = `c.campaign_id AS campaignId, c.users, c.last_shown_at AS lastShownAt, c.last_visitor_id AS lastVisitorId,
  EXISTS (SELECT 1 FROM account_cap_users u WHERE u.workspace_id = c.workspace_id AND u.account_id = c.account_id
    AND u.campaign_id = c.campaign_id AND u.visitor_id = ?) AS visitorCounted`;

type AccountCapRow = Omit<AccountCapState, 'visitorCounted'> & { campaignId: string; visitorCounted: number };
const toAccountCap = ({ campaignId: _id, visitorCounted, ...row }: AccountCapRow): AccountCapState => ({ visitorCounted: visitorCounted === 1, ...row });

export function guidanceQueries(db: Database.Database, commit: GroupCommit): GuidanceQueries {
  const states = db.prepare(`SELECT ${STATE} FROM message_states WHERE workspace_id = ? AND visitor_id = ?`);
  const accountCaps = db.prepare(`SELECT ${ACCOUNT_CAP} FROM account_caps c WHERE c.workspace_id = ? AND c.account_id = ?`);
  const throttle = db.prepare('SELECT campaign_id AS campaignId, shown_at AS at FROM visitor_throttles WHERE workspace_id = ? AND visitor_id = ? AND shown_at IS NOT NULL');

  const stateForCap = db.prepare(`SELECT shows, reserved_shows AS reservedShows, last_shown_at AS lastShownAt, last_reserved_at AS lastReservedAt
    FROM message_states WHERE workspace_id = ? AND visitor_id = ? AND campaign_id = ?`);
  const accountCap = db.prepare(`SELECT ${ACCOUNT_CAP} FROM account_caps c WHERE c.workspace_id = ? AND c.account_id = ? AND c.campaign_id = ?`);
  const reserveState = db.prepare(`INSERT INTO message_states (workspace_id, campaign_id, visitor_id, reserved_shows, last_reserved_at) VALUES (?, ?, ?, 1, ?)
    ON CONFLICT DO UPDATE SET reserved_shows = reserved_shows + 1, last_reserved_at = max(coalesce(last_reserved_at, ''), excluded.last_reserved_at)`);
  const countAccountUser = db.prepare('INSERT INTO account_cap_users (workspace_id, account_id, visitor_id, campaign_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const reserveAccount = db.prepare(`INSERT INTO account_caps (workspace_id, account_id, campaign_id, users, last_shown_at, last_visitor_id) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET users = users + excluded.users, last_shown_at = excluded.last_shown_at, last_visitor_id = excluded.last_visitor_id`);
  const takeThrottle = db.prepare(`INSERT INTO visitor_throttles (workspace_id, visitor_id, campaign_id, shown_at) VALUES (?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET campaign_id = excluded.campaign_id, shown_at = excluded.shown_at`);
  const holdout = db.prepare(`INSERT INTO message_states (workspace_id, campaign_id, visitor_id, account_id, held_out_at, held_out_reason) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET held_out_at = coalesce(held_out_at, excluded.held_out_at),
      held_out_reason = coalesce(held_out_reason, excluded.held_out_reason), account_id = coalesce(account_id, excluded.account_id)`);

  const reserve = (ws: string, r: ShowReservation, allow: (reservation: ShowReservation, snapshot: CapSnapshot) => boolean): boolean => {
    let account: AccountCapState | null = null;
    if (r.accountId) {
      const row = accountCap.get(r.visitorId, ws, r.accountId, r.campaignId) as AccountCapRow | undefined;
      account = row ? toAccountCap(row) : NO_ACCOUNT_SHOWS;
    }
    const snapshot: CapSnapshot = {
      state: (stateForCap.get(ws, r.visitorId, r.campaignId) as CapSnapshot['state'] | undefined) ?? { shows: 0, reservedShows: 0, lastShownAt: null, lastReservedAt: null },
      account,
      throttle: r.throttled ? ((throttle.get(ws, r.visitorId) as ThrottleState | undefined) ?? null) : null,
    };
    if (!allow(r, snapshot)) return false;
    reserveState.run(ws, r.campaignId, r.visitorId, r.at);
    if (r.accountId) {
      const newUser = countAccountUser.run(ws, r.accountId, r.visitorId, r.campaignId).changes;
      reserveAccount.run(ws, r.accountId, r.campaignId, newUser, r.at, r.visitorId);
    }
    if (r.throttled) takeThrottle.run(ws, r.visitorId, r.campaignId, r.at);
    return true;
  };

  const arms = db.prepare(`SELECT s.visitor_id AS visitorId,
      coalesce(s.account_id, (SELECT m.account_id FROM account_users m WHERE m.workspace_id = s.workspace_id AND m.user_id = s.visitor_id
        ORDER BY m.last_seen DESC LIMIT 1)) AS accountId,
      s.shows, coalesce(s.first_shown_at, s.last_shown_at) AS firstShownAt, s.clicked_at IS NOT NULL AS clicked,
      s.dismissed_at IS NOT NULL AS dismissed, s.held_out_at AS heldOutAt, s.held_out_reason AS reason
    FROM message_states s WHERE s.workspace_id = ? AND s.campaign_id = ? AND (s.shows > 0 OR s.held_out_at IS NOT NULL)
    ORDER BY s.visitor_id`);
  const goalBy = {
    feature: db.prepare(`SELECT coalesce(user_id, anonymous_id) AS visitor, timestamp FROM events
      WHERE workspace_id = ? AND timestamp >= ? AND instr(',' || features || ',', ',' || ? || ',') > 0 ORDER BY timestamp`),
    event: db.prepare(`SELECT coalesce(user_id, anonymous_id) AS visitor, timestamp FROM events
      WHERE workspace_id = ? AND timestamp >= ? AND type = 'track' AND name = ? ORDER BY timestamp`),
  };
  const answers = db.prepare(`SELECT visitor_id AS visitorId, account_id AS accountId, score, choice, comment, answered_at AS answeredAt
    FROM survey_answers WHERE workspace_id = ? AND campaign_id = ? ORDER BY answered_at, visitor_id`);

  const everyUser = db.prepare('SELECT user_id AS id, traits FROM users WHERE workspace_id = ?');
  const everyAccount = db.prepare('SELECT account_id AS id, traits FROM accounts WHERE workspace_id = ?');
  const memberships = db.prepare('SELECT user_id AS userId, account_id AS accountId FROM account_users WHERE workspace_id = ? ORDER BY user_id, last_seen DESC');
  const usage = db.prepare(`SELECT subject_kind AS kind, subject_id AS subject, feature_key AS feature, count, first_seen AS firstSeen,
    last_seen AS lastSeen, active_days AS activeDays FROM feature_usage WHERE workspace_id = ?`);
  const userPlacements = db.prepare('SELECT user_id AS id, stage AS userStage, body AS userBody FROM user_metrics WHERE workspace_id = ?');
  const accountPlacements = db.prepare(`SELECT account_id AS id, stage AS accountStage, health_colour AS healthColour, seat_tier AS seatTier,
    tenure_tier AS tenureTier FROM account_metrics WHERE workspace_id = ?`);

  return {
    async decisionState(ws, visitorId, accountId) {
      const rows = states.all(ws, visitorId) as (Omit<CampaignState, 'itemsDone'> & { campaignId: string; itemsDone: string })[];
      const caps = accountId ? (accountCaps.all(visitorId, ws, accountId) as AccountCapRow[]) : [];
      return {
        campaigns: new Map(rows.map(({ campaignId, itemsDone, ...state }) => [campaignId, { itemsDone: JSON.parse(itemsDone), ...state }])),
        accountCaps: new Map(caps.map((row) => [row.campaignId, toAccountCap(row)])),
        throttle: (throttle.get(ws, visitorId) as ThrottleState | undefined) ?? null,
      };
    },
    async reserveShows(ws, reservations, allow) {
      // One decision's reservations run together inside one group transaction.
      return reservations.length ? commit(() => reservations.map((r) => reserve(ws, r, allow))) : [];
    },
    async recordHoldouts(ws, holdouts) {
      if (!holdouts.length) return;
      await commit(() => {
        for (const h of holdouts) holdout.run(ws, h.campaignId, h.visitorId, h.accountId, h.at, h.reason);
      });
    },
    async campaignArms(ws, campaignId) {
      const rows = arms.all(ws, campaignId) as (Omit<ExposedVisitor, 'clicked' | 'dismissed'> & { clicked: number; dismissed: number; heldOutAt: string | null; reason: HeldOutVisitor['reason'] | null })[];
      const exposed: ExposedVisitor[] = [];
      const heldOut: HeldOutVisitor[] = [];
      for (const { visitorId, accountId, shows, firstShownAt, clicked, dismissed, heldOutAt, reason } of rows) {
        if (shows > 0) exposed.push({ visitorId, accountId, shows, firstShownAt, clicked: clicked === 1, dismissed: dismissed === 1 });
        else heldOut.push({ visitorId, accountId, heldOutAt: heldOutAt!, reason: reason ?? 'campaign' });
      }
      return { exposed, heldOut };
    },
    async goalTimes(ws, goal, since) {
      const rows = goalBy[goal.type].all(ws, since, goal.type === 'feature' ? goal.feature : goal.event) as { visitor: string | null; timestamp: string }[];
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
      return answers.all(ws, campaignId) as SurveyAnswer[];
    },
    async audienceProfiles(ws) {
      const accountTraits = new Map((everyAccount.all(ws) as { id: string; traits: string }[]).map((a) => [a.id, JSON.parse(a.traits) as Traits]));
      const accountOf = new Map<string, string>();
      for (const { userId, accountId } of memberships.all(ws) as { userId: string; accountId: string }[]) {
        if (!accountOf.has(userId)) accountOf.set(userId, accountId);
      }
      const uses = { user: new Map<string, Record<string, FeatureUse>>(), account: new Map<string, Record<string, FeatureUse>>() };
      for (const { kind, subject, feature, ...use } of usage.all(ws) as (FeatureUse & { kind: 'user' | 'account'; subject: string; feature: string })[]) {
        let byFeature = uses[kind].get(subject);
        if (!byFeature) uses[kind].set(subject, (byFeature = {}));
        byFeature[feature] = use;
      }
      const placed = placements(userPlacements.all(ws) as UserPlacement[], accountPlacements.all(ws) as AccountPlacement[]);
      return (everyUser.all(ws) as { id: string; traits: string }[]).map(({ id, traits }): Profile => {
        const accountId = accountOf.get(id) ?? null;
        const analytics = placed(id, accountId);
        return {
          visitorId: id,
          userId: id,
          accountId,
          userTraits: JSON.parse(traits),
          accountTraits: (accountId && accountTraits.get(accountId)) || {},
          userFeatures: uses.user.get(id) ?? {},
          accountFeatures: (accountId && uses.account.get(accountId)) || {},
          ...(analytics ? { analytics } : {}),
        };
      });
    },
  };
}
