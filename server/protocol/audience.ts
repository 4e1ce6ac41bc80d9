// Audience rules: a small boolean tree over conditions on a user's profile.
// One schema serves the admin API, the engine and the console's rule builder.
import { z } from 'zod';

const scope = z.enum(['user', 'account']);
const scalar = z.union([z.string().max(256), z.number(), z.boolean()]);

export const featureCondition = z.object({
  type: z.literal('feature'),
  scope,
  feature: z.string().min(1).max(64),
  op: z.enum(['used', 'not_used']),
});

export const traitCondition = z.object({
  type: z.literal('trait'),
  scope,
  key: z.string().min(1).max(256),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'not_exists']),
  value: z.union([scalar, z.array(scalar).max(100)]).optional(),
});

export const condition = z.discriminatedUnion('type', [featureCondition, traitCondition]);

export type Condition = z.infer<typeof condition>;
export type TraitCondition = z.infer<typeof traitCondition>;
export type AudienceRule = Condition | { all: AudienceRule[] } | { any: AudienceRule[] } | { not: AudienceRule };

export const audienceRule: z.ZodType<AudienceRule> = z.lazy(() =>
  z.union([
    condition,
    z.object({ all: z.array(audienceRule).max(50) }).strict(),
    z.object({ any: z.array(audienceRule).max(50) }).strict(),
    z.object({ not: audienceRule }).strict(),
  ]),
);

/** Everyone: the rule a campaign gets when it names no audience. */
export const EVERYONE: AudienceRule = { all: [] };
