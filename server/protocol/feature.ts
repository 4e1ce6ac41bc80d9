// Feature definitions: a named capability of the host product and how it is detected.
import { z } from 'zod';
import { cssSelector } from './selector.ts';

export const featureRule = z.discriminatedUnion('type', [
  /** A `track` call with this event name counts as a use. */
  z.object({ type: z.literal('event'), event: z.string().min(1).max(256) }),
  /** No-code: a click on an element matching this CSS selector (the SDK reports it). */
  z.object({ type: z.literal('click'), selector: cssSelector }),
  /** No-code: a visit to a page whose path matches this pattern (`*` = anything). */
  z.object({ type: z.literal('url'), pattern: z.string().min(1).max(512).regex(/^\//, 'URL patterns are paths starting with "/"') }),
]);

/** The event the SDK sends when a no-code rule matches; `properties.feature` names the feature. */
export const FEATURE_USED_EVENT = 'Feature Used';

/** What GET /v1/config tells the SDK. */
export interface SdkConfig {
  features: { key: string; rule: NoCodeRule }[];
  honorGlobalPrivacyControl: boolean;
}

export const featureInput = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, "_" or "-", at most 64'),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  /** Key features count toward breadth in journeys and health. */
  isKey: z.boolean().default(false),
  rule: featureRule,
});

export type FeatureInput = z.infer<typeof featureInput>;
export type FeatureRule = z.infer<typeof featureRule>;
export type NoCodeRule = Exclude<FeatureRule, { type: 'event' }>;
export interface Feature extends FeatureInput {
  version: number;
}
