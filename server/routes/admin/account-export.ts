// Everything Uptake holds about one customer account, as one JSON document: what a customer who
// leaves may ask to take with them before its erasure. Its people come with what the account
// knows of them (traits, when seen there); each person's own export has the rest.
import type { AccountRow } from '../../analytics/queries.ts';
import { accountMetrics } from '../../analytics/queries.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';
import { eventRows, type ExportedEvent, exportedEvents } from './exported-events.ts';

export interface AccountExport {
  exportedAt: string;
  accountId: string;
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  metrics: AccountRow | null;
  /** Daily snapshots, oldest first. */
  history: Record<string, unknown>[];
  touches: { id: string; channel: string; note: string; at: string; author: string }[];
  alerts: { id: string; rule: string; message: string; status: string; raisedAt: string; updatedAt: string }[];
  featureUse: { feature: string; uses: number; activeDays: number; firstSeen: string; lastSeen: string }[];
  users: { userId: string; traits: Record<string, unknown>; lastSeen: string }[];
  surveyAnswers: { campaignId: string; userId: string; score: number | null; choice: string | null; comment: string | null; answeredAt: string }[];
  /** Every event sent with the account's id, oldest first. */
  events: ExportedEvent[];
}

/** Null when the workspace has no such account. */
export async function exportAccount(sql: SqlDb, ws: string, accountId: string, now = new Date()): Promise<AccountExport | null> {
  const account = await sql.get<{ traits: unknown; first_seen: string; last_seen: string }>(
    'SELECT traits, first_seen, last_seen FROM accounts WHERE workspace_id = ? AND account_id = ?',
    [ws, accountId],
  );
  if (!account) return null;
  const of = [ws, accountId];
  const [metrics, history, touches, alerts, features, users, answers, rows] = await Promise.all([
    accountMetrics(sql, ws, accountId),
    sql.all<{ day: string; stage: string; health_score: number | null; health_colour: string | null; body: string }>(
      'SELECT day, stage, health_score, health_colour, body FROM account_snapshots WHERE workspace_id = ? AND account_id = ? ORDER BY day',
      of,
    ),
    sql.all<AccountExport['touches'][number]>('SELECT id, channel, note, at, author FROM touches WHERE workspace_id = ? AND account_id = ? ORDER BY at', of),
    sql.all<AccountExport['alerts'][number]>(
      `SELECT id, rule, message, status, raised_at AS "raisedAt", updated_at AS "updatedAt" FROM alerts
       WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? ORDER BY raised_at`,
      of,
    ),
    sql.all<{ feature_key: string; count: number; active_days: number; first_seen: string; last_seen: string }>(
      "SELECT feature_key, count, active_days, first_seen, last_seen FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'account' AND subject_id = ? ORDER BY feature_key",
      of,
    ),
    sql.all<{ user_id: string; traits: unknown; last_seen: string }>(
      `SELECT m.user_id, u.traits, m.last_seen FROM account_users m
       LEFT JOIN users u ON u.workspace_id = m.workspace_id AND u.user_id = m.user_id
       WHERE m.workspace_id = ? AND m.account_id = ? ORDER BY m.user_id`,
      of,
    ),
    sql.all<{ campaign_id: string; visitor_id: string; score: number | null; choice: string | null; comment: string | null; answered_at: string }>(
      'SELECT campaign_id, visitor_id, score, choice, comment, answered_at FROM survey_answers WHERE workspace_id = ? AND account_id = ? ORDER BY answered_at',
      of,
    ),
    eventRows(sql, ws, { accountId }),
  ]);
  return {
    exportedAt: now.toISOString(),
    accountId,
    traits: fromJson<Record<string, unknown>>(account.traits),
    firstSeen: account.first_seen,
    lastSeen: account.last_seen,
    metrics,
    history: history.map((h) => ({ day: h.day, stage: h.stage, healthScore: h.health_score, healthColour: h.health_colour, ...fromJson<Record<string, unknown>>(h.body) })),
    touches,
    alerts,
    featureUse: features.map((f) => ({ feature: f.feature_key, uses: Number(f.count), activeDays: Number(f.active_days), firstSeen: f.first_seen, lastSeen: f.last_seen })),
    users: users.map((u) => ({ userId: u.user_id, traits: u.traits === null ? {} : fromJson<Record<string, unknown>>(u.traits), lastSeen: u.last_seen })),
    surveyAnswers: answers.map((a) => ({
      campaignId: a.campaign_id, userId: a.visitor_id, score: a.score === null ? null : Number(a.score), choice: a.choice, comment: a.comment, answeredAt: a.answered_at,
    })),
    events: exportedEvents(rows),
  };
}
