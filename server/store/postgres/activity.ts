// What the console reads across a workspace: the latest events and the accounts seen.
import type pg from 'pg';
import { type AccountSummary, INGEST_PROBLEMS_KEPT, type IngestProblem, RECENT_SCAN, type Store, type StoredEvent } from '../store.ts';

export function activityQueries(pool: pg.Pool): Pick<Store, 'recentEvents' | 'recordIngestProblems' | 'ingestProblems' | 'listAccounts'> {
  return {
    async recentEvents(ws, limit, visitor) {
      const columns = `message_id AS "messageId", type, user_id AS "userId", anonymous_id AS "anonymousId", account_id AS "accountId",
           name, properties, timestamp, received_at AS "receivedAt", features, verified`;
      const { rows } =
        visitor === undefined
          ? await pool.query<StoredEvent>(`SELECT ${columns} FROM events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT $2`, [ws, limit])
          : await pool.query<StoredEvent>(
              `SELECT ${columns} FROM (SELECT * FROM events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT ${RECENT_SCAN}) latest
               WHERE user_id = $2 OR anonymous_id = $2 ORDER BY seq DESC LIMIT $3`,
              [ws, visitor, limit],
            );
      return rows;
    },

    async recordIngestProblems(ws, problems) {
      if (!problems.length) return;
      const values = problems.flatMap((p) => [ws, p.at, p.code, p.message, p.path, p.visitor, p.event]);
      const rows = problems.map((_, i) => `(${Array.from({ length: 7 }, (_, j) => `$${i * 7 + j + 1}`).join(', ')})`);
      // One statement: the new rows, then all but the latest kept of this workspace go.
      await pool.query(
        `WITH added AS (
           INSERT INTO ingest_problems (workspace_id, at, code, message, path, visitor, event) VALUES ${rows.join(', ')} RETURNING seq
         )
         DELETE FROM ingest_problems WHERE workspace_id = $1 AND seq <= (
           SELECT seq FROM ingest_problems WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1 OFFSET ${Math.max(0, INGEST_PROBLEMS_KEPT - problems.length)})`,
        values,
      );
    },

    async ingestProblems(ws, limit) {
      const { rows } = await pool.query<IngestProblem>(
        'SELECT at, code, message, path, visitor, event FROM ingest_problems WHERE workspace_id = $1 ORDER BY seq DESC LIMIT $2',
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
