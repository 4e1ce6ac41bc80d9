// Analytics definitions: journeys, health score, tiers and measures, certification programs and
// alert rules. Each is versioned data a CS team edits through the admin API, never code.
import { z } from 'zod';

const key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, "_" or "-", at most 64');
const name = z.string().min(1).max(200);
const days = z.number().int().min(1).max(3650);
const scalar = z.union([z.string().max(256), z.number(), z.boolean()]);

/** A feature used at all, or on ≥ minDays distinct days, or ≥ minCount times — in the last withinDays days, or ever. */
export const featureDepth = z
  .object({
    feature: key,
    minDays: z.number().int().min(1).max(3650).optional(),
    minCount: z.number().int().min(1).max(1_000_000).optional(),
    withinDays: days.optional(),
  })
  .refine((d) => !d.minDays || !d.withinDays || d.minDays <= d.withinDays, {
    message: 'minDays cannot exceed withinDays',
    path: ['minDays'],
  });

export const criterion = z.union([
  /** Breadth: used at least `atLeast` of these features (or of the key features). */
  z.object({ breadth: z.object({ features: z.union([z.literal('key'), z.array(key).min(1).max(100)]), atLeast: z.number().int().min(1).max(100), withinDays: days.optional() }).strict() }).strict(),
  /** Depth of one feature. */
  z.object({ depth: featureDepth }).strict(),
  /** Active (used any feature) on at least this many distinct days. */
  z.object({ activeDays: z.object({ atLeast: z.number().int().min(1).max(3650), withinDays: days }).strict() }).strict(),
  /** Accounts only: at least this many of the account's users reached this stage (or a later one). */
  z.object({ users: z.object({ stage: key, atLeast: z.number().int().min(1).max(100_000) }).strict() }).strict(),
]);

export const stage = z.object({
  key,
  name,
  /** What a user needs to reach the stage (all must hold, and every earlier stage too). */
  user: z.array(criterion).max(20).default([]),
  /** What an account needs; may count users. */
  account: z.array(criterion).max(20).default([]),
});

export const journeyInput = z
  .object({
    key,
    name,
    /** Accounts whose trait equals one of the values follow this journey; null = the default journey. */
    segment: z.object({ trait: z.string().min(1).max(256), values: z.array(scalar).min(1).max(100) }).nullable().default(null),
    stages: z.array(stage).min(2).max(10),
    /** The "wow moment" and sustained-use stages of the success equation. */
    onboardedStage: key,
    adoptedStage: key,
  })
  .superRefine((j, ctx) => {
    const keys = j.stages.map((s) => s.key);
    keys.forEach((k, i) => keys.indexOf(k) !== i && ctx.addIssue({ code: 'custom', path: ['stages', i, 'key'], message: `stage "${k}" appears twice` }));
    for (const field of ['onboardedStage', 'adoptedStage'] as const) {
      if (!keys.includes(j[field])) ctx.addIssue({ code: 'custom', path: [field], message: `no stage "${j[field]}" in this journey` });
    }
    if (keys.indexOf(j.adoptedStage) < keys.indexOf(j.onboardedStage)) {
      ctx.addIssue({ code: 'custom', path: ['adoptedStage'], message: 'the adopted stage must come after the onboarded stage' });
    }
    if (j.stages[0]!.user.length || j.stages[0]!.account.length) {
      ctx.addIssue({ code: 'custom', path: ['stages', 0], message: 'the first stage is where everyone starts: it has no criteria' });
    }
    j.stages.forEach((s, i) =>
      s.account.forEach((c, k) => {
        if (!('users' in c)) return;
        const at = keys.indexOf(c.users.stage);
        if (at < 0) ctx.addIssue({ code: 'custom', path: ['stages', i, 'account', k, 'users', 'stage'], message: `no stage "${c.users.stage}" in this journey` });
      }),
    );
    j.stages.forEach((s, i) =>
      s.user.forEach((c, k) => {
        if ('users' in c) ctx.addIssue({ code: 'custom', path: ['stages', i, 'user', k], message: 'only account criteria can count users' });
      }),
    );
  });


export const healthComponent = z.discriminatedUnion('metric', [
  z.object({ metric: z.literal('deployment'), weight: z.number().positive().max(100) }),
  z.object({ metric: z.literal('utilization'), weight: z.number().positive().max(100) }),
  z.object({ metric: z.literal('breadth'), weight: z.number().positive().max(100) }),
  z.object({ metric: z.literal('recency'), weight: z.number().positive().max(100), goodDays: z.number().min(0).max(3650).default(7), badDays: z.number().min(1).max(3650).default(30) }),
  z.object({ metric: z.literal('touch'), weight: z.number().positive().max(100), goodDays: z.number().min(0).max(3650).default(30), badDays: z.number().min(1).max(3650).default(90) }),
  z.object({ metric: z.literal('trait'), weight: z.number().positive().max(100), trait: z.string().min(1).max(256), min: z.number(), max: z.number() }),
]);

export const healthInput = z
  .object({
    components: z.array(healthComponent).min(2, 'use 2 or 3 components: more dilute the signal').max(3, 'use 2 or 3 components: more dilute the signal'),
    /** Score (0–100) at or above `green` is green, at or above `yellow` is yellow, else red. */
    thresholds: z.object({ green: z.number().min(0).max(100), yellow: z.number().min(0).max(100) }),
  })
  .superRefine((h, ctx) => {
    if (h.thresholds.yellow >= h.thresholds.green) ctx.addIssue({ code: 'custom', path: ['thresholds', 'yellow'], message: 'yellow must be below green' });
    h.components.forEach((c, i) => {
      if ((c.metric === 'recency' || c.metric === 'touch') && c.goodDays >= c.badDays) ctx.addIssue({ code: 'custom', path: ['components', i, 'badDays'], message: 'goodDays must be fewer than badDays' });
      if (c.metric === 'trait' && c.min >= c.max) ctx.addIssue({ code: 'custom', path: ['components', i, 'max'], message: 'max must be above min' });
    });
    const metrics = h.components.map((c) => (c.metric === 'trait' ? `trait:${c.trait}` : c.metric));
    metrics.forEach((m, i) => metrics.indexOf(m) !== i && ctx.addIssue({ code: 'custom', path: ['components', i, 'metric'], message: `${m} is used twice` }));
  });

const tierName = z.string().min(1).max(16);

export const tiersInput = z
  .object({
    /** By active users in the last 30 days, highest first, e.g. A 21+, B 11–20, C 6–10, D 1–5. */
    seat: z.array(z.object({ name: tierName, min: z.number().int().min(0) })).min(1).max(10),
    /** By whole months since the contract start, e.g. a 0–3, b 4–7, c 8–11, d 12+. */
    tenure: z.array(z.object({ name: tierName, minMonths: z.number().int().min(0) })).min(1).max(10),
  })
  .superRefine((t, ctx) => {
    const seat = t.seat.map((s) => s.min);
    if (seat.some((m, i) => i > 0 && m >= seat[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['seat'], message: 'list seat tiers from the most active users down, each with a lower minimum' });
    const tenure = t.tenure.map((s) => s.minMonths);
    if (tenure.some((m, i) => i > 0 && m <= tenure[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['tenure'], message: 'list tenure tiers from the newest up, each with a higher minimum' });
    if (tenure[0] !== 0) ctx.addIssue({ code: 'custom', path: ['tenure', 0, 'minMonths'], message: 'the first tenure tier starts at 0 months' });
  });

export const measuresInput = z.object({
  /** Account trait holding the number of seats purchased. */
  seatsTrait: z.string().min(1).max(256).default('seats'),
  /** Account trait holding the contract start date (ISO). Without it, tenure counts from the account's first event. */
  contractStartTrait: z.string().min(1).max(256).default('contractStart'),
  /** A user is active when seen within this many days. */
  activeDays: days.default(30),
  /**
   * Utilization rate: `key_features` = share of the key features the account used in the window;
   * `active_days` = active days per active user per week ÷ targetDaysPerWeek.
   */
  utilization: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('key_features'), withinDays: days.default(30) }),
      z.object({ type: z.literal('active_days'), withinDays: days.default(28), targetDaysPerWeek: z.number().min(1).max(7).default(5) }),
    ])
    .default({ type: 'key_features', withinDays: 30 }),
  /** A CS touch within this many days makes the account's contact "recent". */
  contactRecentDays: days.default(30),
  /** Contact coverage: share of active accounts touched in this many days. */
  coverageDays: days.default(30),
});

export const requirement = z.union([featureDepth, z.object({ checklist: z.string().min(1).max(64) }).strict()]);

export const certificationInput = z
  .object({
    key,
    name,
    /** From the entry level to the highest, e.g. Level 3, Level 2, Level 1 (1 is highest). */
    levels: z.array(z.object({ level: z.number().int().min(1).max(10), name, requirements: z.array(requirement).min(1).max(20) })).min(1).max(10),
  })
  .superRefine((p, ctx) => {
    p.levels.forEach((l, i) => {
      if (i > 0 && l.level >= p.levels[i - 1]!.level) ctx.addIssue({ code: 'custom', path: ['levels', i, 'level'], message: 'list levels from the entry level down to 1, each number lower than the one before' });
    });
  });

/** How far back an account's survey scores are kept with its metrics (and low_score rules look). */
export const SCORE_WINDOW_DAYS = 90;

export const alertRuleInput = z.object({
  key,
  name,
  enabled: z.boolean().default(true),
  condition: z.discriminatedUnion('type', [
    z.object({ type: z.literal('health_red') }),
    z.object({ type: z.literal('stage_regressed') }),
    z.object({ type: z.literal('key_feature_unused'), days }),
    z.object({ type: z.literal('deployment_below'), rate: z.number().min(0).max(1) }),
    z.object({ type: z.literal('no_touch'), days }),
    z.object({
      type: z.literal('low_score'),
      /** Answers of this score or lower raise it: 6 and below are NPS detractors. */
      maxScore: z.number().int().min(0).max(9).default(6),
      withinDays: z.number().int().min(1).max(SCORE_WINDOW_DAYS).default(30),
    }),
    z.object({
      type: z.literal('anchor_failing'),
      count: z.number().int().min(1).max(100_000),
      withinHours: z.number().int().min(1).max(24 * 30).default(24),
      /** Also pause the live campaign, so nobody else meets a message pointing at nothing. */
      pause: z.boolean().default(false),
    }),
  ]),
});

/** Acknowledging many alerts at once: every open alert of one rule (by the rule's key). */
export const acknowledgeAlertsInput = z.strictObject({ rule: key });

export const touchInput = z.object({
  channel: z.enum(['call', 'meeting', 'chat', 'email', 'other']),
  note: z.string().max(5000).default(''),
  at: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date' }).optional(),
});

export type Criterion = z.infer<typeof criterion>;
export type FeatureDepth = z.infer<typeof featureDepth>;
export type Stage = z.infer<typeof stage>;
export type JourneyInput = z.infer<typeof journeyInput>;
export type HealthInput = z.infer<typeof healthInput>;
export type HealthComponent = z.infer<typeof healthComponent>;
export type TiersInput = z.infer<typeof tiersInput>;
export type MeasuresInput = z.infer<typeof measuresInput>;
export type CertificationInput = z.infer<typeof certificationInput>;
export type Requirement = z.infer<typeof requirement>;
export type AlertRuleInput = z.infer<typeof alertRuleInput>;
export type TouchInput = z.infer<typeof touchInput>;

/** A stored definition: the body plus its version and who saved it when. */
export type Versioned<T> = T & { version: number; updatedAt: string; updatedBy: string };
