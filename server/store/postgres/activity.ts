// What the console reads across a workspace: the latest events and the accounts seen.
import type pg from 'pg';
import type { AccountSummary, Store, StoredEvent } from '../store.ts';

export function activityQueries(pool: pg.Pool): Pick<Store, 'recentEvents' | 'listAccounts'> {
  return {
    async recentEvents(ws, limit) {
      const { rows } = await pool.query<StoredEvent>(
        `SELECT message_id AS "messageId", type, user_id AS "userId", anonymous_id AS "anonymousId", account_id AS "accountId",
           name, properties, timestamp, received_at AS "receivedAt", features, verified
         FROM events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT $2`,
        [ws, limit],
      );
      return rows;
    },

    async listAccounts(ws, { limit, offset }) {
      const [{ rows: counted }, { rows }] = await Promise.all([
        pool.query<{ total: number }>('SELECT count(*) AS total FROM accounts WHERE workspace_id = $1', [ws]),
        pool.query<AccountSummary>(
          `SELECT a.account_id AS id, a.traits, a.first_seen AS "firstSeen", a.last_seen AS "lastSeen",
             (SELECT count(*) FROM account_users m WHERE m.workspace_id = a.workspace_id AND m.account_id = a.account_id) AS users,
             ARRAY(SELECT feature_key FROM feature_usage f
               WHERE f.workspace_id = a.workspace_id AND f.subject_kind = 'account' AND f.subject_id = a.account_id) AS "featuresUsed"
           FROM accounts a WHERE a.workspace_id = $1 ORDER BY a.last_seen DESC, a.account_id LIMIT $2 OFFSET $3`,
          [ws, limit, offset],
        ),
      ]);
      // Sorted here rather than in SQL so the order is JavaScript's, as in the SQLite store.
      return { total: counted[0]!.total, items: rows.map((row) => ({ ...row, featuresUsed: row.featuresUsed.sort() })) };
    },
  };
}
