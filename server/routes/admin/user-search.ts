// Finding a person from a support ticket or an email: users whose id, name or email trait holds
// the text, most recently seen first, with their current account and journey stage. The users
// table has no index on traits, so a search reads the workspace's users once; 200,000 take a
// fraction of a second, which a search box can afford (the API has no faster path to offer).
import { z } from 'zod';
import { jsonText, likeLiteral, type SqlDb } from '../../store/sql.ts';

export const userSearchQuery = z.object({
  q: z.string().trim().min(1, 'type part of a user id, name or email').max(200),
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

export async function searchUsers(sql: SqlDb, ws: string, q: string, limit: number): Promise<FoundUser[]> {
  const like = `%${likeLiteral(q.toLowerCase())}%`;
  const name = jsonText(sql.dialect, 'traits', 'name');
  const email = jsonText(sql.dialect, 'traits', 'email');
  const found = await sql.all<{ user_id: string; name: unknown; email: unknown; last_seen: string }>(
    `SELECT user_id, ${name} AS name, ${email} AS email, last_seen FROM users
     WHERE workspace_id = ? AND (lower(user_id) LIKE ? ESCAPE '\\' OR lower(${name}) LIKE ? ESCAPE '\\' OR lower(${email}) LIKE ? ESCAPE '\\')
     ORDER BY last_seen DESC, user_id LIMIT ?`,
    [ws, like, like, like, limit],
  );
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
