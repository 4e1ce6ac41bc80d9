// Everything Uptake holds about one person, as one JSON document: for a request of access or
// portability, and to check what an erasure would remove. Its events include those sent under
// their anonymous ids before they signed in.
import type { Campaign } from '../../protocol/campaign.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';
import { eventRows, type ExportedEvent, exportedEvents, unclaimedEventRows } from './exported-events.ts';
import { type UserGuidance, userGuidance } from './user-guidance.ts';

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
  events: ExportedEvent[];
}

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

  const rows = await eventRows(sql, ws, { userIds: [userId] });
  // Sent under an anonymous id of theirs and never claimed by an identify: theirs too.
  for (const anonymousId of new Set(rows.flatMap((r) => (r.anonymous_id ? [r.anonymous_id] : [])))) rows.push(...(await unclaimedEventRows(sql, ws, anonymousId)));
  const events = exportedEvents(rows);

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
