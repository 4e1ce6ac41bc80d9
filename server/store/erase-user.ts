// Erasing a user, for a person's request to be forgotten. Everything that names or follows the
// person goes: traits, memberships, feature use, metrics, certifications, guidance state, survey
// answers, problems logged with their id, and the alerts and webhook deliveries that quote them.
// Their events lose every id and detail (user, anonymous id, properties, traits, context) but
// stay, with their account and the features they counted: the account's feature use is the
// customer's record, not the person's, and must not change retroactively (its deployment does
// count one user fewer: they are gone). The event ids stay
// too, so a browser retrying an old batch is still told "duplicate" and brings nothing back.
//
// The event log is scanned a slice at a time (event-slices.ts), each slice its own transaction; the
// rows keyed by the person go in one transaction at the end, the user row last, so an erasure cut
// short can simply be asked for again.
import { jsonText, likeLiteral, type SqlDb, type Statement } from './sql.ts';
import { forEachEventSlice } from './event-slices.ts';

export interface Erasure {
  userId: string;
  /** Events stripped of the person's ids and details. */
  events: number;
  /** Anonymous ids the person used before they were identified, erased with them. */
  anonymousIds: number;
  /** Accounts they belonged to; each is evaluated again without them. */
  accounts: string[];
}

const DEIDENTIFY = "user_id = NULL, anonymous_id = NULL, properties = '{}', traits = '{}', context = '{}'";

/** Null when the workspace has no such user. */
export async function eraseUser(sql: SqlDb, ws: string, userId: string): Promise<Erasure | null> {
  const known = await sql.get('SELECT 1 AS x FROM users WHERE workspace_id = ? AND user_id = ?', [ws, userId]);
  if (!known) return null;
  const accounts = (await sql.all<{ account_id: string }>('SELECT account_id FROM account_users WHERE workspace_id = ? AND user_id = ?', [ws, userId])).map((a) => a.account_id);

  const anonymousIds = new Set<string>();
  let events = 0;
  await forEachEventSlice(sql, ws, { userId }, async (where, params) => {
    const used = await sql.all<{ anonymous_id: string }>(`SELECT DISTINCT anonymous_id FROM events WHERE ${where} AND anonymous_id IS NOT NULL`, params);
    for (const { anonymous_id } of used) anonymousIds.add(anonymous_id);
    const [changed = 0] = await sql.batch([[`UPDATE events SET ${DEIDENTIFY} WHERE ${where}`, params]]);
    events += changed;
  });
  // Events sent under an anonymous id of theirs and never claimed by an identify.
  for (const anonymousId of anonymousIds) {
    const [changed = 0] = await sql.batch([[`UPDATE events SET ${DEIDENTIFY} WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL`, [ws, anonymousId]]]);
    events += changed;
  }

  const byVisitor = (visitor: string): Statement[] => [
    ['DELETE FROM message_states WHERE workspace_id = ? AND visitor_id = ?', [ws, visitor]],
    ['DELETE FROM goal_marks WHERE workspace_id = ? AND visitor_id = ?', [ws, visitor]],
    ['DELETE FROM visitor_throttles WHERE workspace_id = ? AND visitor_id = ?', [ws, visitor]],
    ['DELETE FROM survey_answers WHERE workspace_id = ? AND visitor_id = ?', [ws, visitor]],
    ['DELETE FROM account_cap_users WHERE workspace_id = ? AND visitor_id = ?', [ws, visitor]],
    // The cap's count of users stays: the person was shown the message, and caps hold.
    ['UPDATE account_caps SET last_visitor_id = NULL WHERE workspace_id = ? AND last_visitor_id = ?', [ws, visitor]],
    ["DELETE FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ?", [ws, visitor]],
    ["DELETE FROM feature_days WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ?", [ws, visitor]],
    ['DELETE FROM ingest_problems WHERE workspace_id = ? AND visitor = ?', [ws, visitor]],
    [`DELETE FROM alerts WHERE workspace_id = ? AND ${jsonText(sql.dialect, 'details', 'visitor')} = ?`, [ws, visitor]],
    // Deliveries whose payload names them (survey answers, alerts quoting them), sent or not.
    ["DELETE FROM webhook_deliveries WHERE workspace_id = ? AND body LIKE ? ESCAPE '\\'", [ws, `%${likeLiteral(JSON.stringify(visitor))}%`]],
  ];
  await sql.batch([
    ...[userId, ...anonymousIds].flatMap(byVisitor),
    ["DELETE FROM alerts WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ?", [ws, userId]],
    ['DELETE FROM user_metrics WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
    ['DELETE FROM certifications WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
    ['DELETE FROM account_users WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
    ...accounts.map((accountId): Statement => ['INSERT INTO analytics_dirty (workspace_id, kind, subject_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [ws, 'account', accountId]]),
    ['DELETE FROM users WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
  ]);
  return { userId, events, anonymousIds: anonymousIds.size, accounts };
}
