// Webhooks: customers register URLs; alert, certification and survey events are POSTed to them, signed.
import { z } from 'zod';

/** Events a webhook can subscribe to. `webhook.test` is sent only on request, to one webhook. */
/** `user.erased` and `account.erased` pass an erasure on to the systems that got the data (GDPR art. 19). */
export const WEBHOOK_EVENT_TYPES = ['alert.raised', 'alert.resolved', 'certification.awarded', 'survey.answered', 'user.erased', 'account.erased'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | 'webhook.test';

/** Subscribes to every event type, including ones added later. */
export const ALL_EVENTS = '*';

/**
 * http(s) only, no credentials in the URL. Private and loopback hosts are allowed on purpose:
 * self-hosted installs legitimately deliver to services on the same machine or network.
 */
export const webhookUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid URL; expected e.g. https://example.com/uptake-webhook' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `webhook URLs must use http:// or https://, not "${url.protocol}"` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password; verify requests with the signing secret instead' });
    }
  });

export const webhookEvents = z
  .array(z.enum([...WEBHOOK_EVENT_TYPES, ALL_EVENTS], { error: `expected one of ${[...WEBHOOK_EVENT_TYPES, ALL_EVENTS].map((t) => `"${t}"`).join(', ')}` }))
  .min(1, 'subscribe to at least one event type, or ["*"] for all')
  .refine((events) => new Set(events).size === events.length, 'lists an event type twice')
  .refine((events) => !events.includes(ALL_EVENTS) || events.length === 1, '"*" already means every event; send it alone');

/**
 * `json`: the signed envelope below. `slack`: `{"text": …}`, one line saying what happened with a
 * link to the console, for a Slack (or Mattermost) incoming webhook URL.
 */
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const webhookFormat = z.enum(WEBHOOK_FORMATS, { error: 'expected "json" (the signed envelope) or "slack" (a line of text for an incoming webhook)' });

export const webhookInput = z.strictObject({
  url: webhookUrl,
  events: webhookEvents,
  description: z.string().max(500).default(''),
  format: webhookFormat.default('json'),
});

/** PATCH: change any field, pause (`enabled: false`) or resume, or issue a new signing secret. */
export const webhookPatch = z
  .strictObject({
    url: webhookUrl.optional(),
    events: webhookEvents.optional(),
    description: z.string().max(500).optional(),
    format: webhookFormat.optional(),
    enabled: z.boolean().optional(),
    /** The old secret stops working at once; the response shows the new one, once. */
    rotateSecret: z.literal(true).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one of url, events, description, format, enabled, rotateSecret');

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(DELIVERY_STATUSES).optional(),
});

export type WebhookInput = z.infer<typeof webhookInput>;
export type WebhookPatch = z.infer<typeof webhookPatch>;
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  description: string;
  format: WebhookFormat;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Only the create and rotate responses carry the secret; it is never shown again. */
export type WebhookWithSecret = Webhook & { secret: string };

/** One event on its way to one webhook: the delivery log row. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt, or null when it got no response. */
  lastStatus: number | null;
  /** Why the last attempt failed (e.g. "timed out after 5000 ms"), or null. */
  lastError: string | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The JSON body POSTed to the webhook URL. `id` is the same on every retry. */
export interface WebhookEnvelope<Data = Record<string, unknown>> {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  workspaceId: string;
  data: Data;
}
