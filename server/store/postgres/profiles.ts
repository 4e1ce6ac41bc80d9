// What a decision reads about one visitor: traits, feature use and message state.
import type pg from 'pg';
import type { FeatureUse, MessageState, Profile, Traits } from '../../engine/profile.ts';
import type { Store, VisitorRef } from '../store.ts';
import { PLACEMENT_COLUMNS, type PlacementRow, toPlacement } from '../../analytics/placement.ts';

const withPlacement = (row: PlacementRow) => {
  const analytics = toPlacement(row);
  return analytics ? { analytics } : {};
};

const featureUse = (kind: 'user' | 'account', subject: string) => `(
  SELECT jsonb_object_agg(feature_key, jsonb_build_object('count', count, 'firstSeen', first_seen, 'lastSeen', last_seen, 'activeDays', active_days))
  FROM feature_usage WHERE workspace_id = $1 AND subject_kind = '${kind}' AND subject_id = ${subject})`;

// One round trip per profile. Without an account named, the user's is the one they were most
// recently seen in.
const LOAD_PROFILE = `
  WITH account AS (
    SELECT coalesce($3::text, (SELECT account_id FROM account_users WHERE workspace_id = $1 AND user_id = $2::text ORDER BY last_seen DESC LIMIT 1)) AS id
  )
  SELECT account.id AS "accountId",
    (SELECT traits FROM users WHERE workspace_id = $1 AND user_id = $2::text) AS "userTraits",
    (SELECT traits FROM accounts WHERE workspace_id = $1 AND account_id = account.id) AS "accountTraits",
    ${featureUse('user', '$2::text')} AS "userFeatures",
    ${featureUse('account', 'account.id')} AS "accountFeatures",
    ${PLACEMENT_COLUMNS}
  FROM account
  LEFT JOIN user_metrics um ON um.workspace_id = $1 AND um.user_id = $2::text
  LEFT JOIN account_metrics am ON am.workspace_id = $1 AND am.account_id = account.id`;

interface ProfileRow extends PlacementRow {
  accountId: string | null;
  userTraits: Traits | null;
  accountTraits: Traits | null;
  userFeatures: Record<string, FeatureUse> | null;
  accountFeatures: Record<string, FeatureUse> | null;
}

export function profileQueries(pool: pg.Pool): Pick<Store, 'loadProfile' | 'messageStates'> {
  return {
    async loadProfile(ws, visitor: VisitorRef): Promise<Profile> {
      const userId = visitor.userId ?? null;
      const { rows } = await pool.query<ProfileRow>(LOAD_PROFILE, [ws, userId || null, visitor.accountId ?? null]);
      const row = rows[0]!;
      return {
        visitorId: userId ?? visitor.anonymousId ?? '',
        userId,
        accountId: row.accountId,
        userTraits: row.userTraits ?? {},
        accountTraits: row.accountTraits ?? {},
        userFeatures: row.userFeatures ?? {},
        accountFeatures: row.accountFeatures ?? {},
        ...withPlacement(row),
      };
    },

    async messageStates(ws, visitorId) {
      const { rows } = await pool.query<MessageState & { campaignId: string }>(
        `SELECT campaign_id AS "campaignId", shows, last_shown_at AS "lastShownAt", dismissed_at AS "dismissedAt",
           clicked_at AS "clickedAt", completed_at AS "completedAt"
         FROM message_states WHERE workspace_id = $1 AND visitor_id = $2`,
        [ws, visitorId],
      );
      return new Map(rows.map(({ campaignId, ...state }) => [campaignId, state]));
    },
  };
}
