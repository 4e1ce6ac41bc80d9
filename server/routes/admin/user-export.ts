// Everything Uptake holds about one person, as one JSON document: for a request of access or
// portability, and to check what an erasure would remove. Events come from the log a slice at a
// time (store/event-slices.ts), with those sent under their anonymous ids before they signed in.
import type { Campaign } from '../../protocol/campaign.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';
import { forEachEventSlice } from '../../store/event-slices.ts';
import { type UserGuidance, userGuidance } from './user-guidance.ts';

interface EventRow {
  seq: number | string;
  message_id: string;
  type: string;
  anonymous_id: string | null;
  account_id: string | null;
  name: string | null;
  properties: unknown;
  traits: unknown;
  context: unknown;
  timestamp: string;
  received_at: string;
}

const EVENT_COLUMNS = 'seq, message_id, type, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at';

export interface UserExport {
  exportedAt: string;
  userId: string;
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  accounts: { accountId: string; lastSeen: string }[];
  journey: { journey: string; stage: string } | null;
  featureUse: { feature: string; uses: number; activeDays: number; firstSeen: string; lastSeen: string }[];
  certifications: { program: string; level: number; name: string; awardedAt: string }[];
  guidance: UserGuidance[];
  /** Oldest first, as they were logged. */
  events: { messageId: string; type: string; event: string | null; anonymousId: string | null; accountId: string | null; properties: unknown; traits: unknown; context: unknown; timestamp: string; receivedAt: string }[];
}

const toEvent = (e: EventRow): UserExport['events'][number] => ({
  messageId: e.message_id, type: e.type, event: e.name, anonymousId: e.anonymous_id, accountId: e.account_id,
  properties: fromJson(e.properties), traits: fromJson(e.traits), context: fromJson(e.context), timestamp: e.timestamp, receivedAt: e.received_at,
});

/** Null when the workspace has no such user. */
export async function exportUser(sql: SqlDb, ws: string, userId: string, campaigns: readonly Campaign[], now = new Date()): Promise<UserExport | null> {
  const user = await sql.get<{ traits: unknown; first_seen: string; last_seen: string }>('SELECT traits, first_seen, last_seen FROM users WHERE workspace_id = ? AND user_id = ?', [ws, userId]);
  if (!user) return null;
  const [accounts, metrics, features, awards, guidance] = await Promise.all([
    sql.all<{ account_id: string; last_seen: string }>('SELECT account_id, last_seen FROM account_users WHERE workspace_id = ? AND user_id = ? ORDER BY last_seen DESC', [ws, userId]),
    sql.get<{ journey: string; stage: string }>('SELECT journey, stage FROM user_metrics WHERE workspace_id = ? AND user_id = ?', [ws, userId]),
    sql.all<{ feature_key: string; count: number; active_days: number; first_seen: string; last_seen: string }>(
      "SELECT feature_key, count, active_days, first_seen, last_seen FROM feature_usage WHERE workspace_id = ? AND subject_kind = 'user' AND subject_id = ? ORDER BY feature_key",
      [ws, userId],
    ),
    sql.all<{ program: string; level: number; name: string; awarded_at: string }>(
      'SELECT program, level, name, awarded_at FROM certifications WHERE workspace_id = ? AND user_id = ? ORDER BY awarded_at, program, level DESC',
      [ws, userId],
    ),
    userGuidance(sql, ws, userId, campaigns),
  ]);

  const rows: EventRow[] = [];
  const anonymousIds = new Set<string>();
  await forEachEventSlice(sql, ws, { userIds: [userId] }, async (where, params) => {
    for (const row of await sql.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where}`, params)) {
      if (row.anonymous_id) anonymousIds.add(row.anonymous_id);
      rows.push(row);
    }
  });
  // Sent under an anonymous id of theirs and never claimed by an identify: theirs too.
  for (const anonymousId of anonymousIds) {
    rows.push(...(await sql.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL`, [ws, anonymousId])));
  }
  const events = rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toEvent);

  return {
    exportedAt: now.toISOString(),
    userId,
    traits: fromJson<Record<string, unknown>>(user.traits),
    firstSeen: user.first_seen,
    lastSeen: user.last_seen,
    accounts: accounts.map((a) => ({ accountId: a.account_id, lastSeen: a.last_seen })),
    journey: metrics ? { journey: metrics.journey, stage: metrics.stage } : null,
    featureUse: features.map((f) => ({ feature: f.feature_key, uses: Number(f.count), activeDays: Number(f.active_days), firstSeen: f.first_seen, lastSeen: f.last_seen })),
    certifications: awards.map((a) => ({ program: a.program, level: Number(a.level), name: a.name, awardedAt: a.awarded_at })),
    guidance,
    events,
  };
}
