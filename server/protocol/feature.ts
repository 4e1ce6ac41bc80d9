// Feature definitions: a named capability of the host product and how it is detected.
import { z } from 'zod';

export const featureRule = z.discriminatedUnion('type', [
  /** A `track` call with this event name counts as a use. */
  z.object({ type: z.literal('event'), event: z.string().min(1).max(256) }),
]);

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
export interface Feature extends FeatureInput {
  version: number;
}
