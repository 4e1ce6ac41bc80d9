// The ingest transaction: event rows and every counter they touch, written together with a
// handful of set-based statements per batch rather than round trips per event.
import type pg from 'pg';
import { foldEffects } from '../fold-effects.ts';
import type { IngestItem, IngestResult } from '../store.ts';
import { applyEffects } from './counters.ts';
import { inTransaction } from './transaction.ts';

export async function ingest(pool: pg.Pool, ws: string, items: IngestItem[]): Promise<IngestResult> {
  const candidates = firstOfEachMessage(items);
  return inTransaction(pool, async (tx) => {
    const inserted = await insertEvents(tx, ws, candidates);
    // Only events stored just now have effects: a retried batch changes nothing twice.
    const fresh = candidates.filter((item) => inserted.has(item.event.messageId));
    await applyEffects(tx, ws, foldEffects(fresh));
    return { accepted: fresh.length, duplicates: items.length - fresh.length };
  });
}

/** A messageId repeated within the batch is a duplicate of its first occurrence. */
function firstOfEachMessage(items: IngestItem[]): IngestItem[] {
  const seen = new Set<string>();
  return items.filter(({ event }) => !seen.has(event.messageId) && !!seen.add(event.messageId));
}

/**
 * Numbers the events in batch order (recentEvents orders by seq) but inserts them in messageId
 * order: two transactions holding some of the same events then wait for each other instead of
 * deadlocking. Returns the ids that were new.
 */
async function insertEvents(tx: pg.PoolClient, ws: string, items: IngestItem[]): Promise<Set<string>> {
  const rows = items.map(({ event, timestamp, receivedAt, features, verified }) => ({
    message_id: event.messageId,
    type: event.type,
    user_id: event.userId ?? null,
    anonymous_id: event.anonymousId ?? null,
    account_id: event.groupId ?? null,
    name: event.type === 'track' ? event.event : event.type === 'page' ? (event.name ?? null) : null,
    properties: event.type === 'track' || event.type === 'page' ? event.properties : {},
    traits: event.type === 'identify' || event.type === 'group' ? event.traits : {},
    context: event.context,
    timestamp,
    received_at: receivedAt,
    features,
    verified,
  }));
  const { rows: inserted } = await tx.query<{ message_id: string }>(
    `INSERT INTO events (seq, workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified)
     SELECT seq, $1, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified
     FROM (
       SELECT nextval(pg_get_serial_sequence('events', 'seq')) AS seq, e.*
       FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (
         message_id text, type text, user_id text, anonymous_id text, account_id text, name text, properties jsonb, traits jsonb,
         context jsonb, timestamp text, received_at text, features text[], verified boolean
       )) WITH ORDINALITY AS e
       ORDER BY e.ordinality
     ) numbered
     ORDER BY message_id
     ON CONFLICT (workspace_id, message_id) DO NOTHING
     RETURNING message_id`,
    [ws, JSON.stringify(rows)],
  );
  return new Set(inserted.map((row) => row.message_id));
}
