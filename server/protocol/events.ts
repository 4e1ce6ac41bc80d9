// Wire format of tracked events. Follows the Segment Spec envelope so pipelines that
// already speak it can forward to Uptake unchanged.
import { z } from 'zod';

/** Largest serialized event accepted, in bytes (Segment's limit). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Largest request body accepted on /v1/batch, in bytes. */
export const MAX_BATCH_BYTES = 500 * 1024;
/** Most events in one batch. */
export const MAX_BATCH_EVENTS = 500;

const id = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const isoDate = z.iso.datetime({ offset: true, message: 'expected ISO-8601 date' });
const dict = z.record(z.string().max(256), z.json()).default({});

const context = z
  .object({
    page: z
      .object({
        url: z.string().max(2048).optional(),
        path: z.string().max(2048).optional(),
        referrer: z.string().max(2048).optional(),
        title: z.string().max(1024).optional(),
        search: z.string().max(2048).optional(),
      })
      .optional(),
    locale: z.string().max(64).optional(),
    timezone: z.string().max(64).optional(),
    screen: z.object({ width: z.number(), height: z.number(), density: z.number().optional() }).optional(),
    userAgent: z.string().max(1024).optional(),
    library: z.object({ name: z.string().max(64), version: z.string().max(32) }).optional(),
  })
  .catchall(z.json())
  .default({});

const envelope = {
  messageId: z.string().min(1, 'must not be empty').max(128),
  timestamp: isoDate,
  sentAt: isoDate.optional(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  groupId: id.nullish(),
  context,
};

export const eventSchema = z
  .discriminatedUnion('type', [
    z.object({ ...envelope, type: z.literal('identify'), traits: dict }),
    z.object({ ...envelope, type: z.literal('group'), groupId: id, traits: dict }),
    z.object({ ...envelope, type: z.literal('track'), event: z.string().min(1).max(256), properties: dict }),
    z.object({ ...envelope, type: z.literal('page'), name: z.string().max(256).nullish(), properties: dict }),
  ])
  .refine((e) => e.userId != null || e.anonymousId != null, {
    message: 'either userId or anonymousId is required',
    path: ['userId'],
  });

export type TrackedEvent = z.infer<typeof eventSchema>;
export type EventType = TrackedEvent['type'];

/** The body of POST /v1/batch before each event is validated on its own. */
export const batchEnvelopeSchema = z.object({
  writeKey: z.string().max(128).optional(),
  sentAt: isoDate.optional(),
  /** Identity tokens by userId, for workspaces with identity verification on. */
  identityTokens: z.record(z.string().max(256), z.string().max(8192)).optional(),
  /** Events the browser dropped since its last report because its stored queue was full. */
  dropped: z.number().int().min(0).max(1_000_000).optional(),
  batch: z.array(z.unknown()).min(1, 'must contain at least one event').max(MAX_BATCH_EVENTS),
});
export type BatchEnvelope = z.infer<typeof batchEnvelopeSchema>;

export interface RejectedEvent {
  index: number;
  code: string;
  message: string;
  path: string;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
  /** Accepted without a valid identity token (identity verification in `report` mode). */
  unverified?: number;
}

/** Names of the events the guide runtime reports about messages it shows. */
export const MESSAGE_EVENTS = {
  shown: 'message_shown',
  clicked: 'message_clicked',
  dismissed: 'message_dismissed',
  completed: 'message_completed',
  snoozed: 'message_snoozed',
  anchorMissing: 'anchor_missing',
  tourStepViewed: 'tour_step_viewed',
  tourCompleted: 'tour_completed',
  checklistItemCompleted: 'checklist_item_completed',
  surveyAnswered: 'survey_answered',
  certificationAwarded: 'certification_awarded',
} as const;

export type MessageEventName = (typeof MESSAGE_EVENTS)[keyof typeof MESSAGE_EVENTS];
