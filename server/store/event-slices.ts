// A user's or an account's events, found by scanning the log in slices of `seq`. The log has no
// index by user or account (one more B-tree for every event ingested, to serve a request that
// comes once in a customer's life), so exporting or erasing reads it a slice at a time, each
// slice a short statement: 2,000,000 events take well under a second and never hold the database
// for long.
import type { SqlDb } from './sql.ts';

/** Events per slice. */
export const EVENT_SLICE = 20_000;

/**
 * Lets requests waiting on the event loop run between two slices: SQLite runs each statement
 * synchronously, so without it a scan of the whole log would hold the server for its whole length.
 */
export const betweenSlices = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Calls `visit` for each slice of the log with a WHERE clause for the events of the users (a few
 * hundred at most: each is a parameter) or of the account in it, and its parameters, in log order.
 */
export async function forEachEventSlice(
  sql: SqlDb,
  ws: string,
  subject: { userIds: readonly string[] } | { accountId: string },
  visit: (where: string, params: unknown[]) => Promise<void>,
): Promise<void> {
  const [column, ids] = 'userIds' in subject ? ['user_id', subject.userIds] : ['account_id', [subject.accountId]];
  const match = ids.length === 1 ? `${column} = ?` : `${column} IN (${ids.map(() => '?').join(', ')})`;
  // The log's last seq (over every workspace: the primary key answers at once).
  const top = Number((await sql.get<{ seq: number | string | null }>('SELECT max(seq) AS seq FROM events'))?.seq ?? 0);
  // A slice is a range of SQLite's rowid; `+` keeps its planner from scanning the workspace's
  // message-id index instead. PostgreSQL's (workspace_id, seq) index serves the range as written.
  const where = `${sql.dialect === 'sqlite' ? '+workspace_id' : 'workspace_id'} = ? AND ${match} AND seq > ? AND seq <= ?`;
  for (let from = 0; from < top; from += EVENT_SLICE) {
    await visit(where, [ws, ...ids, from, from + EVENT_SLICE]);
    await betweenSlices();
  }
}
