// What the engine knows about one visitor when it decides: plain data, loaded by the store.

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
}

/** What a visitor has done with one campaign so far. */
export interface MessageState {
  shows: number;
  lastShownAt: string | null;
  dismissedAt: string | null;
  clickedAt: string | null;
  completedAt: string | null;
}
