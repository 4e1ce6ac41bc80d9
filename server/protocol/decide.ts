// POST /v1/decide: what to show on this page view.
import { z } from 'zod';
import type { Anchor, CampaignKind } from './campaign.ts';
import type { MessageContent } from './content.ts';

export const decideRequest = z
  .object({
    writeKey: z.string().max(128).optional(),
    userId: z.string().min(1).max(256).nullish(),
    anonymousId: z.string().min(1).max(256).nullish(),
    accountId: z.string().min(1).max(256).nullish(),
    url: z.string().max(2048),
    locale: z.string().max(64).optional(),
    identityToken: z.string().max(8192).optional(),
  })
  .refine((r) => r.userId != null || r.anonymousId != null, {
    message: 'either userId or anonymousId is required',
    path: ['userId'],
  });

export type DecideRequest = z.infer<typeof decideRequest>;

export interface DecidedMessage {
  campaignId: string;
  version: number;
  kind: CampaignKind;
  anchor?: Anchor;
  content: MessageContent;
}

export interface DecideResponse {
  messages: DecidedMessage[];
}
