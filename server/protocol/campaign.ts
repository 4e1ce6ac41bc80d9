// Campaign definitions as the admin API accepts them and the store keeps them.
import { z } from 'zod';
import { audienceRule, EVERYONE } from './audience.ts';
import { messageContent } from './content.ts';

export const campaignKind = z.enum(['tooltip']);
export const campaignStatus = z.enum(['draft', 'live', 'paused', 'archived']);

export const anchor = z.object({
  selector: z.string().min(1).max(512),
  placement: z.enum(['top', 'bottom', 'left', 'right', 'top-start', 'bottom-start', 'right-start', 'left-start']).default('right'),
});

const pathPattern = z.string().min(1).max(512).regex(/^\//, 'page patterns are paths starting with "/", e.g. /settings/*');

/** Pages the campaign may appear on; no includes means every page. */
export const pageRules = z.object({
  include: z.array(pathPattern).max(50).default([]),
  exclude: z.array(pathPattern).max(50).default([]),
});

/** When a user stops seeing a campaign. Defaults: no show limit, stop once dismissed or clicked. */
export const frequency = z.object({
  maxShows: z.number().int().min(1).max(1000).nullable().default(null),
  stopAfter: z.array(z.enum(['dismissed', 'clicked', 'completed'])).default(['dismissed', 'clicked']),
});

export const campaignInput = z.object({
  name: z.string().min(1).max(200),
  kind: campaignKind,
  status: campaignStatus.default('draft'),
  priority: z.number().int().min(0).max(1000).default(100),
  audience: audienceRule.default(EVERYONE),
  pages: pageRules.default({ include: [], exclude: [] }),
  anchor: anchor.optional(),
  content: messageContent,
  frequency: frequency.default({ maxShows: null, stopAfter: ['dismissed', 'clicked'] }),
}).refine((c) => c.kind !== 'tooltip' || c.anchor !== undefined, {
  message: 'a tooltip needs an anchor',
  path: ['anchor'],
});

export type CampaignInput = z.infer<typeof campaignInput>;
export type CampaignKind = z.infer<typeof campaignKind>;
export type CampaignStatus = z.infer<typeof campaignStatus>;
export type Anchor = z.infer<typeof anchor>;
export type Frequency = z.infer<typeof frequency>;
export type PageRules = z.infer<typeof pageRules>;

export interface Campaign extends CampaignInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
