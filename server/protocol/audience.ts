// Audience rules: a small boolean tree over conditions on a user's profile and the page view.
// One schema serves the admin API, the engine, the audience estimate and the console's rule builder.
import { z } from 'zod';

const scope = z.enum(['user', 'account']);
const scalar = z.union([z.string().max(256), z.number(), z.boolean()]);
const key = z.string().min(1).max(64);
const keys = z.array(z.string().min(1).max(64)).min(1, 'name at least one value').max(50);

/**
 * Use of a feature by the user or by anyone in the account: `used`, `not_used`,
 * `count_gte` (used at least `value` times), `days_since_gte` / `days_since_lte` (last used at
 * least / at most `value` days ago; never used matches neither).
 */
export const featureCondition = z
  .object({
    type: z.literal('feature'),
    scope,
    feature: key,
    op: z.enum(['used', 'not_used', 'count_gte', 'days_since_gte', 'days_since_lte']),
    value: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((c) => c.op === 'used' || c.op === 'not_used' || c.value !== undefined, {
    message: 'this operator compares with a number: add "value"',
    path: ['value'],
  });

export const traitCondition = z.object({
  type: z.literal('trait'),
  scope,
  key: z.string().min(1).max(256),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'not_exists']),
  value: z.union([scalar, z.array(scalar).max(100)]).optional(),
});

/** Adoption-journey stage of the user or the account, by stage key. */
export const stageCondition = z.object({ type: z.literal('stage'), scope, in: keys });
export const healthCondition = z.object({ type: z.literal('health'), in: z.array(z.enum(['green', 'yellow', 'red'])).min(1).max(3) });
/** Seat tier (A 21+, B 11–20, C 6–10, D 1–5) and tenure tier (a 0–3 months … d 12+) of the account. */
export const seatTierCondition = z.object({ type: z.literal('seat_tier'), in: keys });
export const tenureTierCondition = z.object({ type: z.literal('tenure_tier'), in: keys });

/**
 * The user's level in a certification program; level 1 is the highest. `at_least` 2 means level
 * 2 or 1; `below` 2 means level 3 or none yet; `none` means no level yet.
 */
export const certificationCondition = z
  .object({
    type: z.literal('certification'),
    program: key,
    op: z.enum(['at_least', 'below', 'none']),
    level: z.number().int().min(1).max(20).optional(),
  })
  .refine((c) => c.op === 'none' || c.level !== undefined, { message: 'name the level to compare with', path: ['level'] });

/**
 * The user's latest 0–10 survey score (NPS) of the last 90 days: `gte` 9 are promoters, `lte` 6
 * detractors; `none` means no score in that time.
 */
export const scoreCondition = z
  .object({ type: z.literal('score'), op: z.enum(['gte', 'lte', 'none']), value: z.number().int().min(0).max(10).optional() })
  .refine((c) => c.op === 'none' || c.value !== undefined, { message: 'name the score to compare with (0–10)', path: ['value'] });

/** The page being viewed: a path pattern as in page rules (`*` matches anything). */
export const pageCondition = z.object({
  type: z.literal('page'),
  pattern: z.string().min(1).max(512).regex(/^\//, 'page patterns are paths starting with "/", e.g. /settings/*'),
});
export const deviceCondition = z.object({ type: z.literal('device'), in: z.array(z.enum(['desktop', 'tablet', 'mobile'])).min(1).max(3) });
/** The browser's language: "pt" matches pt, pt-BR, pt-PT; "pt-BR" only pt-BR. */
export const localeCondition = z.object({
  type: z.literal('locale'),
  in: z.array(z.string().regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale tags look like "fr" or "pt-BR"')).min(1).max(50),
});

export const condition = z.discriminatedUnion('type', [
  featureCondition,
  traitCondition,
  stageCondition,
  healthCondition,
  seatTierCondition,
  tenureTierCondition,
  certificationCondition,
  scoreCondition,
  pageCondition,
  deviceCondition,
  localeCondition,
]);

export type Condition = z.infer<typeof condition>;
export type FeatureCondition = z.infer<typeof featureCondition>;
export type TraitCondition = z.infer<typeof traitCondition>;
export type CertificationCondition = z.infer<typeof certificationCondition>;
export type ScoreCondition = z.infer<typeof scoreCondition>;
export type AudienceRule = Condition | { all: AudienceRule[] } | { any: AudienceRule[] } | { not: AudienceRule };

/** Conditions on the page view rather than the person: known at decide time only. */
export const PAGE_VIEW_CONDITIONS: ReadonlySet<Condition['type']> = new Set(['page', 'device', 'locale']);

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

/** POST /api/v1/audiences/estimate */
export const estimateRequest = z.object({ audience: audienceRule });
