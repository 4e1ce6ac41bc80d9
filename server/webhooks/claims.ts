// The deliverer's side of the outbox: find due deliveries, claim them so that no other server
// instance sends the same attempt, and record each attempt's outcome.
import type { WebhookFormat } from '../protocol/webhook.ts';
import type { SqlDb, Statement } from '../store/sql.ts';
import { UNLOCKED } from './outbox.ts';
import type { SendOutcome } from './send.ts';

export interface DeliveryKey {
  workspaceId: string;
  webhookId: string;
  eventId: string;
}

export interface ClaimedDelivery extends DeliveryKey {
  url: string;
  secret: string;
  format: WebhookFormat;
  /** The envelope as queued; a "slack" webhook is sent it rewritten (slack.ts). */
  body: string;
  /** Including the attempt about to be made. */
  attempts: number;
}

const KEY = 'workspace_id = ? AND webhook_id = ? AND event_id = ?';
const keyParams = (d: DeliveryKey) => [d.workspaceId, d.webhookId, d.eventId];

/**
 * Due deliveries of enabled webhooks, oldest first, at most `perWebhook` of each webhook so that a
 * backlog at one receiver cannot crowd out the others.
 */
export function dueDeliveries(sql: SqlDb, now: string, { limit, perWebhook }: { limit: number; perWebhook: number }): Promise<DeliveryKey[]> {
  return sql.all<DeliveryKey>(
    `SELECT workspace_id AS "workspaceId", webhook_id AS "webhookId", event_id AS "eventId" FROM (
       SELECT d.workspace_id, d.webhook_id, d.event_id, d.next_attempt_at,
              ROW_NUMBER() OVER (PARTITION BY d.workspace_id, d.webhook_id ORDER BY d.next_attempt_at, d.event_id) AS nth
       FROM webhook_deliveries d
       JOIN webhooks w ON w.workspace_id = d.workspace_id AND w.id = d.webhook_id AND w.enabled = 1
       WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND d.locked_until < ?
     ) due
     WHERE nth <= ? ORDER BY next_attempt_at, event_id LIMIT ?`,
    [now, now, perWebhook, limit],
  );
}

/**
 * Claims what it can of `candidates` under the token `claim` until `lockedUntil`, counting the
 * attempt, and returns the claimed rows. Each claim is a conditional UPDATE: a row another instance
 * claimed first no longer matches (on PostgreSQL the UPDATE waits for that instance's commit and
 * then re-checks), so it changes nothing here and is left to its holder.
 */
export async function claimDeliveries(sql: SqlDb, candidates: readonly DeliveryKey[], claim: string, now: string, lockedUntil: string): Promise<ClaimedDelivery[]> {
  if (!candidates.length) return [];
  // Locking rows in one order in every instance keeps two claimers from deadlocking.
  const sortKey = (d: DeliveryKey) => keyParams(d).join('\u0000');
  const ordered = [...candidates].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const changed = await sql.batch(
    ordered.map((d): Statement => [
      `UPDATE webhook_deliveries SET locked_until = ?, claim = ?, attempts = attempts + 1, updated_at = ?
       WHERE ${KEY} AND status = 'pending' AND next_attempt_at <= ? AND locked_until < ?`,
      [lockedUntil, claim, now, ...keyParams(d), now, now],
    ]),
  );
  if (!changed.some(Boolean)) return [];
  return sql.all<ClaimedDelivery>(
    `SELECT d.workspace_id AS "workspaceId", d.webhook_id AS "webhookId", d.event_id AS "eventId", w.url, w.secret, w.format, d.body, d.attempts
     FROM webhook_deliveries d JOIN webhooks w ON w.workspace_id = d.workspace_id AND w.id = d.webhook_id
     WHERE d.claim = ? ORDER BY d.next_attempt_at, d.event_id`,
    [claim],
  );
}

/**
 * Records one attempt. `retryAt` null means no attempt is left: the delivery fails for good.
 * Only the claim's holder may record, so a late answer after the lock expired changes nothing.
 */
export function recordAttempt(sql: SqlDb, delivery: DeliveryKey, claim: string, outcome: SendOutcome, now: string, retryAt: string | null): Promise<number[]> {
  const status = outcome.delivered ? 'delivered' : retryAt ? 'pending' : 'failed';
  return sql.batch([
    [
      `UPDATE webhook_deliveries
       SET status = ?, next_attempt_at = ?, locked_until = ?, claim = NULL, last_status = ?, last_error = ?, delivered_at = ?, updated_at = ?
       WHERE ${KEY} AND claim = ?`,
      [
        status, retryAt ?? now, UNLOCKED, outcome.status, outcome.delivered ? null : outcome.error, outcome.delivered ? now : null, now,
        ...keyParams(delivery), claim,
      ],
    ],
  ]);
}

/** Drops delivered and failed deliveries last touched before `before`; pending ones stay. */
export async function pruneDeliveries(sql: SqlDb, before: string): Promise<number> {
  const [removed = 0] = await sql.batch([["DELETE FROM webhook_deliveries WHERE status <> 'pending' AND updated_at < ?", [before]]]);
  return removed;
}
