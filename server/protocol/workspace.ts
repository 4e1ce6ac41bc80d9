// Workspace settings a workspace admin can change.
import { z } from 'zod';

export const workspaceSettings = z.object({
  /**
   * Identity verification of identified users' events: `off` (default) accepts any userId;
   * `report` accepts events without a valid token but counts them; `enforce` rejects them.
   */
  identityVerification: z.enum(['off', 'report', 'enforce']).default('off'),
  /** HS256 secrets the customer's backend signs identity tokens with; two allow rotation. */
  verificationSecrets: z.array(z.string().min(32, 'secrets must be at least 32 characters').max(256)).max(2).default([]),
  /** Treat `navigator.globalPrivacyControl` as an opt-out. Default false. */
  honorGlobalPrivacyControl: z.boolean().default(false),
  /** Share of all users (0–50 %) kept from every campaign, to measure the lift of guidance as a whole. Default 0. */
  globalHoldoutPercent: z.number().min(0).max(50).default(0),
  /** At most one interrupting message per user per this many hours; 0 (default) means no throttle. */
  throttleHours: z.number().min(0).max(24 * 30).default(0),
  /**
   * Raw events are deleted this many days after they arrived (30 to 3,650); null (default) keeps
   * them. Adoption, health and journeys live on in the per-day counters ingest keeps.
   */
  eventRetentionDays: z.number().int('a whole number of days').min(30, 'keep events at least 30 days').max(3650).nullable().default(null),
});

export type WorkspaceSettings = z.infer<typeof workspaceSettings>;

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  identityVerification: 'off', verificationSecrets: [], honorGlobalPrivacyControl: false, globalHoldoutPercent: 0, throttleHours: 0, eventRetentionDays: null,
};
