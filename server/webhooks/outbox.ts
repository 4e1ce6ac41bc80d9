// The outbox: an event becomes one pending delivery row per subscribed webhook, written in the
// caller's own transaction, so an alert or certification and its webhook deliveries are stored
// together or not at all. The deliverer sends them later, off the request path.
import type { WebhookEnvelope, WebhookEventType } from '../protocol/webhook.ts';
import { newId } from '../store/keys.ts';
import type { SqlDb, Statement } from '../store/sql.ts';

/** Sorts before every real time: an unclaimed row. */
export const UNLOCKED = '1970-01-01T00:00:00.000Z';

const COLUMNS = 'workspace_id, webhook_id, event_id, type, body, status, attempts, next_attempt_at, locked_until, created_at, updated_at';

/** The JSON text sent for an event; built once so every webhook and every retry gets the same bytes. */
export function envelopeBody(workspaceId: string, id: string, type: WebhookEventType, data: Record<string, unknown>, createdAt: string): string {
  const envelope: WebhookEnvelope = { id, type, createdAt, workspaceId, data };
  return JSON.stringify(envelope);
}

/**
 * Queues one event for every enabled webhook of the workspace subscribed to its type (or to "*").
 * Reusing an event id queues nothing new, so a caller with a natural id may retry freely.
 * Parameters: `queuedEventParams`.
 */
export const QUEUE_EVENT_SQL = `INSERT INTO webhook_deliveries (${COLUMNS})
  SELECT w.workspace_id, w.id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), 'pending', 0, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT)
  FROM webhooks w
  WHERE w.workspace_id = ? AND w.enabled = 1
    AND EXISTS (SELECT 1 FROM webhook_subscriptions s
                WHERE s.workspace_id = w.workspace_id AND s.webhook_id = w.id AND s.event_type IN (?, '*'))
  ON CONFLICT DO NOTHING`;

type QueuedType = Exclude<WebhookEventType, 'webhook.test'>;

export function queuedEventParams(workspaceId: string, type: QueuedType, data: Record<string, unknown>, now: string, eventId: string = newId()): unknown[] {
  const body = envelopeBody(workspaceId, eventId, type, data, now);
  return [eventId, type, body, now, UNLOCKED, now, now, workspaceId, type];
}

/** `QUEUE_EVENT_SQL` as statements to run inside the same `sql.batch` as the write that caused the event. */
export function webhookEvent(workspaceId: string, type: QueuedType, data: Record<string, unknown>, now: string, eventId: string = newId()): Statement[] {
  return [[QUEUE_EVENT_SQL, queuedEventParams(workspaceId, type, data, now, eventId)]];
}

/** Queues an event on its own, when there is no surrounding write; resolves to its id and how many webhooks get it. */
export async function emitWebhookEvent(
  sql: SqlDb,
  workspaceId: string,
  type: QueuedType,
  data: Record<string, unknown>,
  now: string,
  eventId: string = newId(),
): Promise<{ eventId: string; deliveries: number }> {
  const [deliveries = 0] = await sql.batch(webhookEvent(workspaceId, type, data, now, eventId));
  return { eventId, deliveries };
}

/** Queues a `webhook.test` event for one webhook, whatever it subscribes to; resolves to the event id. */
export async function queueTestEvent(sql: SqlDb, workspaceId: string, webhookId: string, now: string): Promise<string> {
  const eventId = newId();
  const body = envelopeBody(workspaceId, eventId, 'webhook.test', { webhookId, message: 'This is a test event from Uptake.' }, now);
  await sql.batch([
    [`INSERT INTO webhook_deliveries (${COLUMNS}) VALUES (?, ?, ?, 'webhook.test', ?, 'pending', 0, ?, ?, ?, ?)`, [workspaceId, webhookId, eventId, body, now, UNLOCKED, now, now]],
  ]);
  return eventId;
}
