// Finding a person from a support ticket or an email: users whose id, name or email trait holds
// the text (or, with none, everyone), most recently seen first, with their current account and journey stage. The users
// table has no index on traits, so a search reads the workspace's users, a slice of ids at a time
// with requests let through in between (SQLite answers each statement synchronously): a million
// users take about half a second, without holding anyone else up for long.
import { z } from 'zod';
import { betweenSlices } from '../../store/event-slices.ts';
import { jsonText, likeLiteral, type SqlDb } from '../../store/sql.ts';

/** Without `q`: the most recently seen users. */
export const userSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export interface FoundUser {
  userId: string;
  name: string | null;
  email: string | null;
  lastSeen: string;
  accountId: string | null;
  accountName: string | null;
  stage: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Users read per statement. */
const USER_SLICE = 20_000;

type Match = { user_id: string; name: unknown; email: unknown; last_seen: string };
const newestFirst = (a: Match, b: Match) => (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : a.user_id < b.user_id ? -1 : 1);

/** `slice`: users read per statement (tests make it small to cross slices with a few users). */
export async function searchUsers(sql: SqlDb, ws: string, q: string | undefined, limit: number, slice = USER_SLICE): Promise<FoundUser[]> {
  const like = q ? `%${likeLiteral(q.toLowerCase())}%` : null;
  const name = jsonText(sql.dialect, 'traits', 'name');
  const email = jsonText(sql.dialect, 'traits', 'email');
  let found: Match[] = [];
  for (let after = ''; ; ) {
    // The last id of the next slice, found on the primary key alone; none left: the rest is one slice.
    const edge = await sql.get<{ user_id: string }>(
      `SELECT user_id FROM users WHERE workspace_id = ? AND user_id > ? ORDER BY user_id LIMIT 1 OFFSET ${Math.max(0, Math.floor(slice) - 1)}`,
      [ws, after],
    );
    found.push(
      ...(await sql.all<Match>(
        `SELECT user_id, ${name} AS name, ${email} AS email, last_seen FROM users
         WHERE workspace_id = ? AND user_id > ?${edge ? ' AND user_id <= ?' : ''}
           ${like ? `AND (lower(user_id) LIKE ? ESCAPE '\\' OR lower(${name}) LIKE ? ESCAPE '\\' OR lower(${email}) LIKE ? ESCAPE '\\')` : ''}
         ORDER BY last_seen DESC, user_id LIMIT ?`,
        [ws, after, ...(edge ? [edge.user_id] : []), ...(like ? [like, like, like] : []), limit],
      )),
    );
    if (found.length > limit) found = found.sort(newestFirst).slice(0, limit);
    if (!edge) break;
    after = edge.user_id;
    await betweenSlices();
  }
  found.sort(newestFirst);
  if (!found.length) return [];
  // Where each one is now: their most recent account, its name, and their stage.
  const ids = found.map((u) => u.user_id);
  const marks = ids.map(() => '?').join(', ');
  const [memberships, stages] = await Promise.all([
    sql.all<{ user_id: string; account_id: string; name: string | null }>(
      `SELECT m.user_id, m.account_id, a.name FROM account_users m
       LEFT JOIN account_metrics a ON a.workspace_id = m.workspace_id AND a.account_id = m.account_id
       WHERE m.workspace_id = ? AND m.user_id IN (${marks}) ORDER BY m.last_seen`,
      [ws, ...ids],
    ),
    sql.all<{ user_id: string; stage: string }>(`SELECT user_id, stage FROM user_metrics WHERE workspace_id = ? AND user_id IN (${marks})`, [ws, ...ids]),
  ]);
  // Ordered by last seen: the last one written for a user is their current account.
  const account = new Map(memberships.map((m) => [m.user_id, m]));
  const stage = new Map(stages.map((s) => [s.user_id, s.stage]));
  return found.map((u) => ({
    userId: u.user_id,
    name: text(u.name),
    email: text(u.email),
    lastSeen: u.last_seen,
    accountId: account.get(u.user_id)?.account_id ?? null,
    accountName: account.get(u.user_id)?.name ?? null,
    stage: stage.get(u.user_id) ?? null,
  }));
}
