// What the user and account exports share: their events, every field JSON parsed and oldest
// first (the log is read a slice at a time, store/event-slices.ts), and the download's name.
import { forEachEventSlice } from '../../store/event-slices.ts';
import { fromJson, type SqlDb } from '../../store/sql.ts';

export interface EventRow {
  seq: number | string;
  message_id: string;
  type: string;
  user_id: string | null;
  anonymous_id: string | null;
  account_id: string | null;
  name: string | null;
  properties: unknown;
  traits: unknown;
  context: unknown;
  timestamp: string;
  received_at: string;
}

export interface ExportedEvent {
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  accountId: string | null;
  properties: unknown;
  traits: unknown;
  context: unknown;
  timestamp: string;
  receivedAt: string;
}

const COLUMNS = 'seq, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at';

/** A user's or an account's events, in log order. */
export async function eventRows(sql: SqlDb, ws: string, subject: { userIds: readonly string[] } | { accountId: string }): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  await forEachEventSlice(sql, ws, subject, async (where, params) => {
    rows.push(...(await sql.all<EventRow>(`SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY seq`, params)));
  });
  return rows;
}

/** Events sent under an anonymous id and never claimed by an identify (the events_anonymous index serves it). */
export function unclaimedEventRows(sql: SqlDb, ws: string, anonymousId: string): Promise<EventRow[]> {
  return sql.all<EventRow>(`SELECT ${COLUMNS} FROM events WHERE workspace_id = ? AND anonymous_id = ? AND user_id IS NULL`, [ws, anonymousId]);
}

export function exportedEvents(rows: EventRow[]): ExportedEvent[] {
  return [...rows]
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((e) => ({
      messageId: e.message_id, type: e.type, event: e.name, userId: e.user_id, anonymousId: e.anonymous_id, accountId: e.account_id,
      properties: fromJson(e.properties), traits: fromJson(e.traits), context: fromJson(e.context), timestamp: e.timestamp, receivedAt: e.received_at,
    }));
}

/** `user-ana_silva.json`: a file name any system accepts, whatever the id holds. */
export const exportFileName = (kind: 'user' | 'account', id: string): string => `${kind}-${id.replace(/[^\w.-]+/g, '_').slice(0, 100)}.json`;
