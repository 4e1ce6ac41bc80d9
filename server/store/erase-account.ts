// Erasing an account, when a customer leaves and their contract asks for their data to go. Its
// people who belong to no other account are erased as users (erase-user.ts); people who also
// work in another account (a consultant, a group practice) keep their user data and lose this
// membership. Then everything about the account goes: traits, metrics, daily history, CS
// touches, alerts, caps, feature use, survey answers given there, and webhook deliveries that
// name it. Its events stay as bare tombstones (message id, type, name, time) so a retried old
// batch is still a duplicate; a remaining person's events keep only their user id and the
// features they counted, which their own counters hold.
import { eraseUsers } from './erase-user.ts';
import { webhookEvent } from '../webhooks/outbox.ts';
import { forEachEventSlice } from './event-slices.ts';
import { likeLiteral, type SqlDb, type Statement } from './sql.ts';

export interface AccountErasure {
  accountId: string;
  /** Its people who belonged to no other account, erased with it. */
  usersErased: string[];
  /** Its people who also belong to another account: only this membership went. */
  usersUnlinked: string[];
  /** Events stripped of the account (and of everything else but a remaining person's id and features). */
  events: number;
}

/** Null when the workspace has no such account. */
export async function eraseAccount(sql: SqlDb, ws: string, accountId: string): Promise<AccountErasure | null> {
  const known = await sql.get('SELECT 1 AS x FROM accounts WHERE workspace_id = ? AND account_id = ?', [ws, accountId]);
  if (!known) return null;
  const members = await sql.all<{ user_id: string; elsewhere: number | boolean }>(
    `SELECT m.user_id, EXISTS (SELECT 1 FROM account_users o WHERE o.workspace_id = m.workspace_id AND o.user_id = m.user_id AND o.account_id <> m.account_id) AS elsewhere
     FROM account_users m WHERE m.workspace_id = ? AND m.account_id = ? ORDER BY m.user_id`,
    [ws, accountId],
  );
  const usersUnlinked = members.filter((m) => Number(m.elsewhere)).map((m) => m.user_id);
  const usersErased = (await eraseUsers(sql, ws, members.filter((m) => !Number(m.elsewhere)).map((m) => m.user_id))).map((e) => e.userId);

  // Empty features: the account's counters go below, and an erased person has none left.
  const noFeatures = sql.dialect === 'sqlite' ? "''" : "'{}'";
  let events = 0;
  await forEachEventSlice(sql, ws, { accountId }, async (where, params) => {
    const [changed = 0] = await sql.batch([[
      `UPDATE events SET account_id = NULL, properties = '{}', traits = '{}', context = '{}',
         anonymous_id = CASE WHEN user_id IS NULL THEN NULL ELSE anonymous_id END,
         features = CASE WHEN user_id IS NULL THEN ${noFeatures} ELSE features END
       WHERE ${where}`,
      params,
    ]]);
    events += changed;
  });

  const now = new Date().toISOString();
  const account = (table: string, column = 'account_id'): Statement => [`DELETE FROM ${table} WHERE workspace_id = ? AND ${column} = ?`, [ws, accountId]];
  await sql.batch([
    ...usersUnlinked.map((userId): Statement => ['INSERT INTO analytics_dirty (workspace_id, kind, subject_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [ws, 'user', userId]]),
    ['UPDATE message_states SET account_id = NULL WHERE workspace_id = ? AND account_id = ?', [ws, accountId]],
    ['UPDATE certifications SET account_id = NULL WHERE workspace_id = ? AND account_id = ?', [ws, accountId]],
    ['UPDATE user_metrics SET account_id = NULL WHERE workspace_id = ? AND account_id = ?', [ws, accountId]],
    account('account_users'),
    account('survey_answers'),
    account('touches'),
    account('account_caps'),
    account('account_cap_users'),
    account('account_snapshots'),
    account('account_metrics'),
    ["DELETE FROM alerts WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ?", [ws, accountId]],
    ["DELETE FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ?", [ws, accountId]],
    ["DELETE FROM feature_days WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ?", [ws, accountId]],
    ["DELETE FROM analytics_dirty WHERE workspace_id = ? AND kind = 'account' AND subject_id = ?", [ws, accountId]],
    ["DELETE FROM webhook_deliveries WHERE workspace_id = ? AND body LIKE ? ESCAPE '\\'", [ws, `%${likeLiteral(JSON.stringify(accountId))}%`]],
    account('accounts'),
    // Told to the systems the data went to, which must erase it too (the last delivery naming it).
    ...webhookEvent(ws, 'account.erased', { accountId, usersErased, erasedAt: now }, now),
  ]);
  return { accountId, usersErased, usersUnlinked, events };
}
