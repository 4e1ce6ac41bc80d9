// The ingest write: event rows and every counter they touch, inside the caller's transaction.
// Events are inserted one by one (the unique key tells which are new); their side effects are
// first folded per user, account and feature-day, so a batch of 20 events from one user costs
// one user upsert, not twenty.
import type Database from 'better-sqlite3';
import type { IngestItem, IngestResult } from '../store.ts';
import { foldEffects } from '../fold-effects.ts';
import { prepareMessageStateWrites } from './message-states.ts';

export function prepareIngest(db: Database.Database): (workspaceId: string, items: IngestItem[]) => IngestResult {
  const insertEvent = db.prepare(`
    INSERT INTO events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified)
    VALUES (@ws, @messageId, @type, @userId, @anonymousId, @accountId, @name, @properties, @traits, @context, @timestamp, @receivedAt, @features, @verified)
    ON CONFLICT (workspace_id, message_id) DO NOTHING`);
  // json_patch merges new traits over old ones (RFC 7396), so a partial identify keeps the rest;
  // a new row gets the patch applied to nothing, so null values never get stored.
  const upsertSubject = (table: 'users' | 'accounts', column: 'user_id' | 'account_id') =>
    db.prepare(`
      INSERT INTO ${table} (workspace_id, ${column}, traits, first_seen, last_seen) VALUES (@ws, @id, json_patch('{}', @traits), @first, @last)
      ON CONFLICT (workspace_id, ${column}) DO UPDATE SET
        traits = json_patch(traits, @traits),
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen)`);
  const upsertUser = upsertSubject('users', 'user_id');
  const upsertAccount = upsertSubject('accounts', 'account_id');
  const upsertMember = db.prepare(`
    INSERT INTO account_users (workspace_id, account_id, user_id, last_seen) VALUES (?, ?, ?, ?)
    ON CONFLICT (workspace_id, account_id, user_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`);
  const insertDay = db.prepare(`
    INSERT INTO feature_days (workspace_id, subject_kind, subject_id, feature_key, day, count) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET count = count + excluded.count
    RETURNING count`).pluck();
  const upsertUsage = db.prepare(`
    INSERT INTO feature_usage (workspace_id, subject_kind, subject_id, feature_key, count, first_seen, last_seen, active_days)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (workspace_id, subject_kind, subject_id, feature_key) DO UPDATE SET
      count = count + excluded.count,
      first_seen = min(first_seen, excluded.first_seen),
      last_seen = max(last_seen, excluded.last_seen),
      active_days = active_days + excluded.active_days`);
  const messageStates = prepareMessageStateWrites(db);

  // Linking an anonymous visitor to the user it turned out to be.
  const anonymousUses = db.prepare(`
    SELECT timestamp, features FROM events
    WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL AND features != ''`);
  const claimEvents = db.prepare('UPDATE events SET user_id = ? WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL');

  function countUses(ws: string, kind: 'user' | 'account', subject: string, feature: string, days: Map<string, { count: number; first: string; last: string }>) {
    let count = 0;
    let newDays = 0;
    let first = '';
    let last = '';
    for (const [day, use] of days) {
      // A day is new when its count is exactly what this batch added.
      if (insertDay.get(ws, kind, subject, feature, day, use.count) === use.count) newDays++;
      count += use.count;
      if (!first || use.first < first) first = use.first;
      if (use.last > last) last = use.last;
    }
    upsertUsage.run(ws, kind, subject, feature, count, first, last, newDays);
  }

  return (ws: string, items: IngestItem[]): IngestResult => {
    const fresh: IngestItem[] = [];
    for (const item of items) {
      const { event } = item;
      const inserted = insertEvent.run({
        ws,
        messageId: event.messageId,
        type: event.type,
        userId: event.userId ?? null,
        anonymousId: event.anonymousId ?? null,
        accountId: event.groupId ?? null,
        name: event.type === 'track' ? event.event : event.type === 'page' ? (event.name ?? null) : null,
        properties: JSON.stringify(event.type === 'track' || event.type === 'page' ? event.properties : {}),
        traits: JSON.stringify(event.type === 'identify' || event.type === 'group' ? event.traits : {}),
        context: JSON.stringify(event.context),
        timestamp: item.timestamp,
        receivedAt: item.receivedAt,
        features: item.features.join(','),
        verified: item.verified === null ? null : Number(item.verified),
      }).changes;
      if (inserted) fresh.push(item);
    }

    const effects = foldEffects(fresh);
    // Interactions and goal marks first: an anonymous visitor's must exist before linking moves them.
    messageStates.write(ws, effects);
    messageStates.markGoals(ws, effects.marks);
    for (const u of effects.users.values()) upsertUser.run({ ws, id: u.id, traits: JSON.stringify(u.traits), first: u.first, last: u.last });
    for (const a of effects.accounts.values()) upsertAccount.run({ ws, id: a.id, traits: JSON.stringify(a.traits), first: a.first, last: a.last });
    for (const m of effects.members.values()) upsertMember.run(ws, m.accountId, m.userId, m.last);
    for (const use of effects.uses.values()) countUses(ws, use.kind, use.subject, use.feature, use.days);
    for (const { anonymousId, userId } of effects.links) {
      for (const row of anonymousUses.all(ws, anonymousId) as { timestamp: string; features: string }[]) {
        const days = new Map([[row.timestamp.slice(0, 10), { count: 1, first: row.timestamp, last: row.timestamp }]]);
        for (const feature of row.features.split(',')) countUses(ws, 'user', userId, feature, days);
      }
      claimEvents.run(userId, ws, anonymousId);
      messageStates.link(ws, anonymousId, userId);
    }
    messageStates.reachGoals(ws, effects.goals);
    messageStates.lookBack(ws, effects.lookbacks);
    return { accepted: fresh.length, duplicates: items.length - fresh.length };
  };
}
