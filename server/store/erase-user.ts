// Erasing a user, for a person's request to be forgotten. Everything that names or follows the
// person goes: traits, memberships, feature use, metrics, certifications, guidance state, survey
// answers, problems logged with their id, and the alerts and webhook deliveries that quote them.
// Their events lose every id and detail (user, anonymous id, properties, traits, context) but
// stay, with their account and the features they counted: the account's feature use is the
// customer's record, not the person's, and must not change retroactively (its deployment does
// count one user fewer: they are gone). The event ids stay too, so a browser retrying an old
// batch is still told "duplicate" and brings nothing back.
//
// The event log is scanned a slice at a time (event-slices.ts), each slice its own transaction,
// for up to 200 people at once (an account's); the rows keyed by them go in one transaction at the
// end, the user rows last, so an erasure cut short can simply be asked for again.
import { jsonText, likeLiteral, type SqlDb, type Statement } from './sql.ts';
import { webhookEvent } from '../webhooks/outbox.ts';
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
  const [erased] = await eraseUsers(sql, ws, [userId]);
  return erased ?? null;
}

/** Users per pass over the log: a pass reads each slice once for all of them. */
const USERS_PER_PASS = 200;

/** Erases each of the users the workspace has (unknown ids are skipped), sharing passes over the log. */
export async function eraseUsers(sql: SqlDb, ws: string, userIds: readonly string[]): Promise<Erasure[]> {
  const erased: Erasure[] = [];
  for (let i = 0; i < userIds.length; i += USERS_PER_PASS) erased.push(...(await erasePass(sql, ws, userIds.slice(i, i + USERS_PER_PASS))));
  return erased;
}

async function erasePass(sql: SqlDb, ws: string, candidates: readonly string[]): Promise<Erasure[]> {
  const marks = candidates.map(() => '?').join(', ');
  const known = await sql.all<{ user_id: string }>(`SELECT user_id FROM users WHERE workspace_id = ? AND user_id IN (${marks})`, [ws, ...candidates]);
  if (!known.length) return [];
  const userIds = known.map((u) => u.user_id);
  const memberships = await sql.all<{ user_id: string; account_id: string }>(
    `SELECT user_id, account_id FROM account_users WHERE workspace_id = ? AND user_id IN (${marks}) ORDER BY account_id`,
    [ws, ...candidates],
  );
  const person = new Map(userIds.map((id) => [id, { userId: id, events: 0, anonymousIds: new Set<string>(), accounts: [] as string[] }]));
  for (const m of memberships) person.get(m.user_id)?.accounts.push(m.account_id);

  await forEachEventSlice(sql, ws, { userIds }, async (where, params) => {
    const used = await sql.all<{ user_id: string; anonymous_id: string | null; n: number | string }>(
      `SELECT user_id, anonymous_id, count(*) AS n FROM events WHERE ${where} GROUP BY user_id, anonymous_id`,
      params,
    );
    for (const row of used) {
      const p = person.get(row.user_id)!;
      p.events += Number(row.n);
      if (row.anonymous_id) p.anonymousIds.add(row.anonymous_id);
    }
    if (used.length) await sql.batch([[`UPDATE events SET ${DEIDENTIFY} WHERE ${where}`, params]]);
  });
  // Events sent under an anonymous id of theirs and never claimed by an identify.
  for (const p of person.values()) {
    for (const anonymousId of p.anonymousIds) {
      const [changed = 0] = await sql.batch([[`UPDATE events SET ${DEIDENTIFY} WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL`, [ws, anonymousId]]]);
      p.events += changed;
    }
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
  const accounts = new Set(memberships.map((m) => m.account_id));
  const now = new Date().toISOString();
  await sql.batch([
    ...[...person.values()].flatMap((p) => [p.userId, ...p.anonymousIds]).flatMap(byVisitor),
    ...userIds.flatMap((userId): Statement[] => [
      ["DELETE FROM alerts WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ?", [ws, userId]],
      ['DELETE FROM user_metrics WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
      ['DELETE FROM certifications WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
      ['DELETE FROM account_users WHERE workspace_id = ? AND user_id = ?', [ws, userId]],
    ]),
    ...[...accounts].map((accountId): Statement => ['INSERT INTO analytics_dirty (workspace_id, kind, subject_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [ws, 'account', accountId]]),
    ...userIds.map((userId): Statement => ['DELETE FROM users WHERE workspace_id = ? AND user_id = ?', [ws, userId]]),
    // Told to the systems the data went to, which must erase it too; queued after the deletions
    // above, so this announcement is the one delivery that still names them.
    ...userIds.flatMap((userId) => webhookEvent(ws, 'user.erased', { userId, erasedAt: now }, now)),
  ]);
  return [...person.values()].map((p) => ({ userId: p.userId, events: p.events, anonymousIds: p.anonymousIds.size, accounts: p.accounts }));
}
