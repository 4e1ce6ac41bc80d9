// What the engine knows about one visitor when it decides: plain data, loaded by the store.
import type { CertificationProgress } from '../protocol/decide.ts';

export interface FeatureUse {
  count: number;
  firstSeen: string;
  lastSeen: string;
  activeDays: number;
}

export type Traits = Record<string, unknown>;

export interface Profile {
  /** userId when identified, otherwise the anonymous id: whom message state belongs to. */
  visitorId: string;
  userId: string | null;
  accountId: string | null;
  userTraits: Traits;
  accountTraits: Traits;
  userFeatures: Record<string, FeatureUse>;
  accountFeatures: Record<string, FeatureUse>;
  /** Where analytics last placed the user and account; absent until they were first evaluated. */
  analytics?: ProfileAnalytics;
}

export type HealthColour = 'green' | 'yellow' | 'red';

/** A user's latest 0–10 survey score (NPS) of the last 90 days, as analytics keeps it. */
export interface LatestScore {
  score: number;
  answeredAt: string;
}

export interface ProfileAnalytics {
  userStage: string | null;
  accountStage: string | null;
  healthColour: HealthColour | null;
  seatTier: string | null;
  tenureTier: string | null;
  /** By certification program key: the user's level and what the next one needs. */
  certifications: Record<string, CertificationProgress>;
  score: LatestScore | null;
}

/** What a visitor has done with one campaign so far. */
export interface MessageState {
  shows: number;
  lastShownAt: string | null;
  dismissedAt: string | null;
  clickedAt: string | null;
  completedAt: string | null;
}
