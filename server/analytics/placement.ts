// Where analytics placed a visitor, for audience rules and the certification badge: read from the
// metrics tables the refresher writes (plain data, so the decision engine stays pure).
import type { ProfileAnalytics } from '../engine/profile.ts';

export interface PlacementRow {
  userStage: string | null;
  userBody: string | null;
  accountStage: string | null;
  healthColour: string | null;
  seatTier: string | null;
  tenureTier: string | null;
}

/** Undefined when neither the user nor the account has been evaluated yet. */
export function toPlacement(row: PlacementRow | undefined): ProfileAnalytics | undefined {
  if (!row || (row.userStage === null && row.accountStage === null)) return undefined;
  const body = row.userBody ? (JSON.parse(row.userBody) as Partial<Pick<ProfileAnalytics, 'certifications' | 'score'>>) : {};
  return {
    userStage: row.userStage,
    accountStage: row.accountStage,
    healthColour: (row.healthColour as ProfileAnalytics['healthColour']) ?? null,
    seatTier: row.seatTier,
    tenureTier: row.tenureTier,
    certifications: body.certifications ?? {},
    score: body.score ?? null,
  };
}

/** Columns for a SELECT over `user_metrics um` and `account_metrics am` (outer-joined by the caller). */
export const PLACEMENT_COLUMNS = `um.stage AS "userStage", um.body AS "userBody", am.stage AS "accountStage",
  am.health_colour AS "healthColour", am.seat_tier AS "seatTier", am.tenure_tier AS "tenureTier"`;
