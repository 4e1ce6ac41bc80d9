// What the store knows about one visitor's history with campaigns, as the decision reads it.
import type { WorkspaceSettings } from '../protocol/workspace.ts';
import type { MessageState, Profile } from './profile.ts';
import type { PageView } from './targeting.ts';

/** One visitor and one campaign: interactions reported by the SDK plus shows reserved by decide. */
export interface CampaignState extends MessageState {
  firstShownAt: string | null;
  /** Shows handed out by decide under a cap (reserved atomically, before the SDK renders). */
  reservedShows: number;
  lastReservedAt: string | null;
  snoozedUntil: string | null;
  /** Last tour step viewed (0-based) and when. */
  tourStep: number | null;
  tourStepAt: string | null;
  /** When the tour last ended (completed, dismissed or closed by a button): later, it starts over. */
  tourDoneAt: string | null;
  /** Checklist items whose completion the SDK reported (items also complete by feature use). */
  itemsDone: string[];
  /** The campaign's goal (its key) first done at or after the first show, and when; see goals.ts. */
  reachedGoal: string | null;
  goalReachedAt: string | null;
  /** When the visitor was first kept from this campaign by a holdout, if ever. */
  heldOutAt: string | null;
}

/** One account and one campaign with account caps. */
export interface AccountCapState {
  /** Distinct users of the account handed the campaign so far. */
  users: number;
  /** Whether this visitor is one of them. */
  visitorCounted: boolean;
  lastShownAt: string | null;
  lastVisitorId: string | null;
}

/** The last interrupting message handed to the visitor under the workspace throttle. */
export interface ThrottleState {
  campaignId: string;
  at: string;
}

export interface DecisionState {
  campaigns: ReadonlyMap<string, CampaignState>;
  accountCaps: ReadonlyMap<string, AccountCapState>;
  throttle: ThrottleState | null;
}

/** What a reservation re-reads under lock before it counts a show. */
export interface CapSnapshot {
  state: Pick<CampaignState, 'shows' | 'reservedShows' | 'lastShownAt' | 'lastReservedAt'>;
  account: AccountCapState | null;
  throttle: ThrottleState | null;
}

export type GuidanceSettings = Pick<WorkspaceSettings, 'globalHoldoutPercent' | 'throttleHours'>;

/** Everything one decision needs besides the campaigns. */
export interface DecisionInput {
  profile: Profile;
  view: PageView;
  state: DecisionState;
  settings: GuidanceSettings;
  /** Campaigns already on screen in this page. */
  showing?: ReadonlySet<string>;
  /** A tour the user asked to start. */
  start?: string | undefined;
}

export const NEVER_SEEN: CampaignState = {
  shows: 0,
  lastShownAt: null,
  dismissedAt: null,
  clickedAt: null,
  completedAt: null,
  firstShownAt: null,
  reservedShows: 0,
  lastReservedAt: null,
  snoozedUntil: null,
  tourStep: null,
  tourStepAt: null,
  tourDoneAt: null,
  itemsDone: [],
  reachedGoal: null,
  goalReachedAt: null,
  heldOutAt: null,
};

export const NO_ACCOUNT_SHOWS: AccountCapState = { users: 0, visitorCounted: false, lastShownAt: null, lastVisitorId: null };

export const EMPTY_STATE: DecisionState = { campaigns: new Map(), accountCaps: new Map(), throttle: null };
