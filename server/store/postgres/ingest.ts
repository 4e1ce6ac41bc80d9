// The ingest transaction: event rows and every counter they touch, written together with a
// handful of set-based statements per batch rather than round trips per event.
//
// The common batch — new events whose effects are only counters — is written by one statement
// (the counters as data-modifying CTEs of the events INSERT): one round trip, atomic on its own.
// Any other batch, or one holding an event already stored, takes the transaction below.
import type pg from 'pg';
import { foldEffects } from '../fold-effects.ts';
import type { IngestItem, IngestResult } from '../store.ts';
import { applyEffects, counterParts, countersOnly, Params } from './counters.ts';
import { inTransaction, prepared, retrying } from './transaction.ts';

const UNIQUE_VIOLATION = '23505';

export async function ingest(pool: pg.Pool, ws: string, items: IngestItem[]): Promise<IngestResult> {
  const candidates = firstOfEachMessage(items);
  const effects = foldEffects(candidates);
  if (candidates.length && countersOnly(effects) && (await storedInOneStatement(pool, ws, candidates, effects))) {
    return { accepted: candidates.length, duplicates: items.length - candidates.length };
  }
  return inTransaction(pool, async (tx) => {
    const inserted = await insertEvents(tx, ws, candidates);
    // Only events stored just now have effects: a retried batch changes nothing twice.
    const fresh = candidates.filter((item) => inserted.has(item.event.messageId));
    await applyEffects(tx, ws, foldEffects(fresh));
    return { accepted: fresh.length, duplicates: items.length - fresh.length };
  });
}

/**
 * Writes every event and all their counters in one statement, or nothing: an event already
 * stored fails the whole statement on the unique key (then the caller's transaction sorts the
 * new from the old). Returns whether it wrote.
 */
async function storedInOneStatement(pool: pg.Pool, ws: string, items: IngestItem[], effects: ReturnType<typeof foldEffects>): Promise<boolean> {
  const params = new Params();
  const ctes = [`stored AS (${insertEventsSql(params, ws, items, 'fail')})`];
  counterParts(ws, effects).forEach((part, i) => {
    ctes.push(...(part.ctes?.(params) ?? []), `counter_${i} AS (${part.statement(params)})`);
  });
  try {
    await retrying(() => pool.query(prepared(`WITH ${ctes.join(',\n')} SELECT count(*) FROM stored`, params.values)));
    return true;
  } catch (error) {
    const { code, table } = error as { code?: string; table?: string };
    if (code === UNIQUE_VIOLATION && table === 'events') return false;
    throw error;
  }
}

/** A messageId repeated within the batch is a duplicate of its first occurrence. */
function firstOfEachMessage(items: IngestItem[]): IngestItem[] {
  const seen = new Set<string>();
  return items.filter(({ event }) => !seen.has(event.messageId) && !!seen.add(event.messageId));
}

/** Inserts the events not stored yet; returns their ids. */
async function insertEvents(tx: pg.PoolClient, ws: string, items: IngestItem[]): Promise<Set<string>> {
  const params = new Params();
  const { rows: inserted } = await tx.query<{ message_id: string }>(prepared(insertEventsSql(params, ws, items, 'skip'), params.values));
  return new Set(inserted.map((row) => row.message_id));
}

/**
 * The INSERT of a batch's events, returning their message ids; an event already stored is
 * skipped, or fails the statement. Numbers the events in batch order (recentEvents orders by
 * seq) but inserts them in messageId order: two transactions holding some of the same events
 * then wait for each other instead of deadlocking.
 */
function insertEventsSql(params: Params, ws: string, items: IngestItem[], whenStored: 'skip' | 'fail'): string {
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
  return `INSERT INTO events (seq, workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified)
    SELECT seq, ${params.add(ws)}, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at, features, verified
    FROM (
      -- The sequence bigserial made for events.seq, by name: a regclass constant is resolved once
      -- per statement, pg_get_serial_sequence() once per row.
      SELECT nextval('events_seq_seq') AS seq, e.*
      FROM ROWS FROM (jsonb_to_recordset(${params.add(JSON.stringify(rows))}::jsonb) AS (
        message_id text, type text, user_id text, anonymous_id text, account_id text, name text, properties jsonb, traits jsonb,
        context jsonb, timestamp text, received_at text, features text[], verified boolean
      )) WITH ORDINALITY AS e
      ORDER BY e.ordinality
    ) numbered
    ORDER BY message_id
    ${whenStored === 'skip' ? 'ON CONFLICT (workspace_id, message_id) DO NOTHING' : ''}
    RETURNING message_id`;
}
