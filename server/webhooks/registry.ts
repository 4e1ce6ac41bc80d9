// The webhooks a workspace registered. Every query names the workspace: tenants never meet.
import type { DeliveriesQuery, Webhook, WebhookDelivery, WebhookInput, WebhookPatch, WebhookWithSecret } from '../protocol/webhook.ts';
import { newId } from '../store/keys.ts';
import type { Page } from '../store/store.ts';
import type { SqlDb, Statement } from '../store/sql.ts';
import { newSigningSecret } from './signature.ts';

/** Each webhook multiplies outgoing traffic; this many per workspace is plenty. */
export const MAX_WEBHOOKS = 20;

const WEBHOOK_COLUMNS = 'id, url, description, format, enabled, created_at AS "createdAt", updated_at AS "updatedAt"';

type WebhookRow = Omit<Webhook, 'enabled' | 'events'> & { enabled: number };

async function subscriptions(sql: SqlDb, workspaceId: string, webhookId?: string): Promise<Map<string, string[]>> {
  const rows = await sql.all<{ webhookId: string; eventType: string }>(
    `SELECT webhook_id AS "webhookId", event_type AS "eventType" FROM webhook_subscriptions
     WHERE workspace_id = ?${webhookId ? ' AND webhook_id = ?' : ''} ORDER BY event_type`,
    webhookId ? [workspaceId, webhookId] : [workspaceId],
  );
  const byWebhook = new Map<string, string[]>();
  for (const row of rows) byWebhook.set(row.webhookId, [...(byWebhook.get(row.webhookId) ?? []), row.eventType]);
  return byWebhook;
}

const toWebhook = (row: WebhookRow, events: string[] = []): Webhook => ({ ...row, enabled: row.enabled === 1, events });

/** Replaces the subscriptions; writes none for a webhook deleted meanwhile. */
const subscribe = (workspaceId: string, webhookId: string, events: readonly string[]): Statement[] => [
  ['DELETE FROM webhook_subscriptions WHERE workspace_id = ? AND webhook_id = ?', [workspaceId, webhookId]],
  ...events.map((type): Statement => [
    `INSERT INTO webhook_subscriptions (workspace_id, webhook_id, event_type)
     SELECT w.workspace_id, w.id, CAST(? AS TEXT) FROM webhooks w WHERE w.workspace_id = ? AND w.id = ?`,
    [type, workspaceId, webhookId],
  ]),
];

export async function countWebhooks(sql: SqlDb, workspaceId: string): Promise<number> {
  const row = await sql.get<{ n: number }>('SELECT count(*) AS n FROM webhooks WHERE workspace_id = ?', [workspaceId]);
  return Number(row?.n ?? 0);
}

/** `format` defaults to the signed JSON envelope. */
export async function createWebhook(sql: SqlDb, workspaceId: string, input: Omit<WebhookInput, 'format'> & Partial<Pick<WebhookInput, 'format'>>, now: string): Promise<WebhookWithSecret> {
  const webhook: WebhookWithSecret = {
    id: newId(), url: input.url, events: [...input.events].sort(), description: input.description, format: input.format ?? 'json', enabled: true, createdAt: now, updatedAt: now,
    secret: newSigningSecret(),
  };
  await sql.batch([
    [
      'INSERT INTO webhooks (workspace_id, id, url, description, format, secret, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
      [workspaceId, webhook.id, webhook.url, webhook.description, webhook.format, webhook.secret, now, now],
    ],
    ...subscribe(workspaceId, webhook.id, webhook.events),
  ]);
  return webhook;
}

export async function listWebhooks(sql: SqlDb, workspaceId: string): Promise<Webhook[]> {
  const rows = await sql.all<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE workspace_id = ? ORDER BY created_at, id`, [workspaceId]);
  const events = await subscriptions(sql, workspaceId);
  return rows.map((row) => toWebhook(row, events.get(row.id)));
}

export async function getWebhook(sql: SqlDb, workspaceId: string, id: string): Promise<Webhook | null> {
  const row = await sql.get<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE workspace_id = ? AND id = ?`, [workspaceId, id]);
  return row ? toWebhook(row, (await subscriptions(sql, workspaceId, id)).get(id)) : null;
}

/** Applies a patch; null when the workspace has no such webhook. Carries the secret only when rotated. */
export async function updateWebhook(sql: SqlDb, workspaceId: string, id: string, patch: WebhookPatch, now: string): Promise<Webhook | WebhookWithSecret | null> {
  const current = await getWebhook(sql, workspaceId, id);
  if (!current) return null;
  const { rotateSecret, ...changes } = patch;
  const next: Webhook = { ...current, ...changes, events: changes.events ? [...changes.events].sort() : current.events, updatedAt: now };
  const secret = rotateSecret ? newSigningSecret() : null;
  const [changed] = await sql.batch([
    [
      'UPDATE webhooks SET url = ?, description = ?, format = ?, enabled = ?, secret = COALESCE(?, secret), updated_at = ? WHERE workspace_id = ? AND id = ?',
      [next.url, next.description, next.format, next.enabled ? 1 : 0, secret, now, workspaceId, id],
    ],
    ...(changes.events ? subscribe(workspaceId, id, next.events) : []),
  ]);
  // Deleted between the read and the write.
  if (!changed) return null;
  return secret ? { ...next, secret } : next;
}

/** Removes the webhook, its subscriptions and its delivery log; false when there was none. */
export async function deleteWebhook(sql: SqlDb, workspaceId: string, id: string): Promise<boolean> {
  const [, , removed] = await sql.batch([
    ['DELETE FROM webhook_deliveries WHERE workspace_id = ? AND webhook_id = ?', [workspaceId, id]],
    ['DELETE FROM webhook_subscriptions WHERE workspace_id = ? AND webhook_id = ?', [workspaceId, id]],
    ['DELETE FROM webhooks WHERE workspace_id = ? AND id = ?', [workspaceId, id]],
  ]);
  return removed === 1;
}

type DeliveryRow = Omit<WebhookDelivery, 'nextAttemptAt'> & { nextAttemptAt: string };

/** The delivery log of one webhook, newest first. */
export async function listDeliveries(sql: SqlDb, workspaceId: string, webhookId: string, query: DeliveriesQuery): Promise<Page<WebhookDelivery>> {
  const where = `workspace_id = ? AND webhook_id = ?${query.status ? ' AND status = ?' : ''}`;
  const params = query.status ? [workspaceId, webhookId, query.status] : [workspaceId, webhookId];
  const total = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE ${where}`, params);
  const rows = await sql.all<DeliveryRow>(
    `SELECT event_id AS "eventId", type, status, attempts, last_status AS "lastStatus", last_error AS "lastError",
            next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt", created_at AS "createdAt"
     FROM webhook_deliveries WHERE ${where}
     ORDER BY created_at DESC, event_id DESC LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset],
  );
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((row) => ({ ...row, nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null })),
  };
}
