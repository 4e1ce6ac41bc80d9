// The ingest transaction: event rows and every counter they touch, written together.
import type Database from 'better-sqlite3';
import type { IngestItem, IngestResult } from '../store.ts';

type Subject = 'user' | 'account';

export function prepareIngest(db: Database.Database): (workspaceId: string, items: IngestItem[]) => IngestResult {
  const insertEvent = db.prepare(`
    INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified)
    VALUES (@ws, @messageId, @type, @userId, @anonymousId, @accountId, @name, @properties, @traits, @context, @timestamp, @receivedAt, @features, @verified)
    ON CONFLICT (workspace_id, message_id) DO NOTHING`);
  // json_patch merges new traits over old ones (RFC 7396), so a partial identify keeps the rest.
  const upsertUser = db.prepare(`
    INSERT INTO users (workspace_id, user_id, traits, first_seen, last_seen) VALUES (?, ?, json(?), ?, ?)
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET
      traits = json_patch(traits, excluded.traits),
      first_seen = min(first_seen, excluded.first_seen),
      last_seen = max(last_seen, excluded.last_seen)`);
  const upsertAccount = db.prepare(`
    INSERT INTO accounts (workspace_id, account_id, traits, first_seen, last_seen) VALUES (?, ?, json(?), ?, ?)
    ON CONFLICT (workspace_id, account_id) DO UPDATE SET
      traits = json_patch(traits, excluded.traits),
      first_seen = min(first_seen, excluded.first_seen),
      last_seen = max(last_seen, excluded.last_seen)`);
  const upsertMember = db.prepare(`
    INSERT INTO account_users (workspace_id, account_id, user_id, last_seen) VALUES (?, ?, ?, ?)
    ON CONFLICT (workspace_id, account_id, user_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`);
  const insertDay = db.prepare(`
    INSERT INTO feature_days (workspace_id, subject_kind, subject_id, feature_key, day) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING`);
  const upsertUsage = db.prepare(`
    INSERT INTO feature_usage (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?)
    ON CONFLICT (workspace_id, subject_kind, subject_id, feature_key) DO UPDATE SET
      count = count + 1,
      first_seen = min(first_seen, excluded.first_seen),
      last_seen = max(last_seen, excluded.last_seen),
      active_days = active_days + excluded.active_days`);
  const recordInteraction = {
    shown: db.prepare(`
      INSERT INTO message_states (workspace_id, campaign_id, visitor_id, shows, last_shown_at) VALUES (?, ?, ?, 1, ?)
      ON CONFLICT DO UPDATE SET shows = shows + 1, last_shown_at = max(coalesce(last_shown_at, ''), excluded.last_shown_at)`),
    clicked: db.prepare(`
      INSERT INTO message_states (workspace_id, campaign_id, visitor_id, clicked_at) VALUES (?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET clicked_at = coalesce(clicked_at, excluded.clicked_at)`),
    dismissed: db.prepare(`
      INSERT INTO message_states (workspace_id, campaign_id, visitor_id, dismissed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET dismissed_at = coalesce(dismissed_at, excluded.dismissed_at)`),
    completed: db.prepare(`
      INSERT INTO message_states (workspace_id, campaign_id, visitor_id, completed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET completed_at = coalesce(completed_at, excluded.completed_at)`),
  };

  // Linking an anonymous visitor to the user it turned out to be.
  const anonymousUses = db.prepare(`
    SELECT timestamp, features FROM events
    WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL AND features != ''`);
  const claimEvents = db.prepare('UPDATE events SET user_id = ? WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL');
  const mergeStates = db.prepare(`
    INSERT INTO message_states (workspace_id, campaign_id, visitor_id, shows, last_shown_at, dismissed_at, clicked_at, completed_at)
    SELECT workspace_id, campaign_id, ?, shows, last_shown_at, dismissed_at, clicked_at, completed_at
    FROM message_states WHERE workspace_id = ? AND visitor_id = ? AND true
    ON CONFLICT DO UPDATE SET
      shows = shows + excluded.shows,
      last_shown_at = max(coalesce(last_shown_at, ''), coalesce(excluded.last_shown_at, '')),
      dismissed_at = coalesce(dismissed_at, excluded.dismissed_at),
      clicked_at = coalesce(clicked_at, excluded.clicked_at),
      completed_at = coalesce(completed_at, excluded.completed_at)`);
  const dropStates = db.prepare('DELETE FROM message_states WHERE workspace_id = ? AND visitor_id = ?');

  function linkAnonymous(ws: string, anonymousId: string, userId: string) {
    for (const row of anonymousUses.all(ws, anonymousId) as { timestamp: string; features: string }[]) {
      for (const feature of row.features.split(',')) countUse(ws, 'user', userId, feature, row.timestamp);
    }
    claimEvents.run(userId, ws, anonymousId);
    mergeStates.run(userId, ws, anonymousId);
    dropStates.run(ws, anonymousId);
  }

  function countUse(ws: string, kind: Subject, subject: string, feature: string, at: string) {
    const newDay = insertDay.run(ws, kind, subject, feature, at.slice(0, 10)).changes;
    upsertUsage.run(ws, kind, subject, feature, at, at, newDay);
  }

  return db.transaction((ws: string, items: IngestItem[]): IngestResult => {
    let accepted = 0;
    let duplicates = 0;
    for (const item of items) {
      const { event, timestamp: at } = item;
      const userId = event.userId ?? null;
      const accountId = event.groupId ?? null;
      const traits = event.type === 'identify' || event.type === 'group' ? event.traits : {};
      const inserted = insertEvent.run({
        ws,
        messageId: event.messageId,
        type: event.type,
        userId,
        anonymousId: event.anonymousId ?? null,
        accountId,
        name: event.type === 'track' ? event.event : event.type === 'page' ? (event.name ?? null) : null,
        properties: JSON.stringify(event.type === 'track' || event.type === 'page' ? event.properties : {}),
        traits: JSON.stringify(traits),
        context: JSON.stringify(event.context),
        timestamp: at,
        receivedAt: item.receivedAt,
        features: item.features.join(','),
        verified: item.verified === null ? null : Number(item.verified),
      }).changes;
      if (!inserted) {
        duplicates++;
        continue;
      }
      accepted++;
      if (event.type === 'identify' && userId && event.anonymousId) linkAnonymous(ws, event.anonymousId, userId);
      if (userId) upsertUser.run(ws, userId, JSON.stringify(event.type === 'identify' ? traits : {}), at, at);
      if (accountId) {
        upsertAccount.run(ws, accountId, JSON.stringify(event.type === 'group' ? traits : {}), at, at);
        if (userId) upsertMember.run(ws, accountId, userId, at);
      }
      for (const feature of item.features) {
        if (userId) countUse(ws, 'user', userId, feature, at);
        if (accountId) countUse(ws, 'account', accountId, feature, at);
      }
      const visitorId = userId ?? event.anonymousId;
      if (item.interaction && visitorId) {
        recordInteraction[item.interaction.kind].run(ws, item.interaction.campaignId, visitorId, at);
      }
    }
    return { accepted, duplicates };
  });
}
