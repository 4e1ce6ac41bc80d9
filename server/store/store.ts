// The storage contract. Every method is async so the SQLite and PostgreSQL stores are
// interchangeable; routes depend on this interface only.
import type { Campaign, CampaignInput, Goal } from '../protocol/campaign.ts';
import type { Arms } from '../engine/results.ts';
import type { SurveyAnswer } from '../engine/survey.ts';
import type { CapSnapshot, DecisionState } from '../engine/visitor-state.ts';
import type { TrackedEvent } from '../protocol/events.ts';
import type { Feature, FeatureInput } from '../protocol/feature.ts';
import type { WorkspaceSettings } from '../protocol/workspace.ts';
import type { MessageState, Profile, Traits } from '../engine/profile.ts';
import type { SqlDb } from './sql.ts';

export interface Workspace {
  id: string;
  name: string;
  writeKey: string;
  secretKey: string;
  createdAt: string;
  settings: WorkspaceSettings;
}

export type Interaction = 'shown' | 'clicked' | 'dismissed' | 'completed';

/** What a message event reported, with the properties each kind needs. */
export type MessageInteraction =
  | { campaignId: string; kind: Interaction }
  | { campaignId: string; kind: 'snoozed'; days: number }
  | { campaignId: string; kind: 'tour_step'; step: number }
  | { campaignId: string; kind: 'tour_completed' }
  | { campaignId: string; kind: 'item_completed'; itemId: string }
  | { campaignId: string; kind: 'answered'; score: number | null; choice: string | null; comment: string | null };

/** A live campaign whose goal an event does; `goal` is the goal's key ("event:Invoice Sent"). */
export interface GoalHit {
  campaignId: string;
  goal: string;
}

/** One validated event plus what the engine derived from it, ready to be written. */
export interface IngestItem {
  event: TrackedEvent;
  /** Event time after clock-skew correction. */
  timestamp: string;
  receivedAt: string;
  /** Feature keys this event counts as a use of. */
  features: string[];
  interaction?: MessageInteraction;
  /** Live and paused campaigns whose goal this event does (recorded for visitors already shown them). */
  goals?: GoalHit[];
  /** On a show of a campaign with a goal: that goal, to look back for (engine/goals.ts goalLookback). */
  lookback?: { goal: string; feature: string | null };
  /** Identity verification outcome: true/false when checked, null when not applicable. */
  verified: boolean | null;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

export interface VisitorRef {
  userId?: string | null | undefined;
  anonymousId?: string | null | undefined;
  accountId?: string | null | undefined;
}

export interface AccountSummary {
  id: string;
  traits: Traits;
  users: number;
  firstSeen: string;
  lastSeen: string;
  featuresUsed: string[];
}

export interface StoredEvent {
  messageId: string;
  type: TrackedEvent['type'];
  userId: string | null;
  anonymousId: string | null;
  accountId: string | null;
  name: string | null;
  properties: Traits;
  timestamp: string;
  receivedAt: string;
  features: string[];
  verified: boolean | null;
}

/**
 * A visitor filter on the latest events looks this far back, so a visitor with no events costs a
 * bounded read instead of a scan of every event (the list is for watching tracking arrive).
 */
export const RECENT_SCAN = 10_000;

export const INGEST_PROBLEMS_KEPT = 200;

/** Something wrong with what a browser sent, kept so a product team can see why events are missing. */
export interface IngestProblem {
  at: string;
  /** The rejection code the SDK got back (invalid_event, token_expired…), or queue_overflow. */
  code: string;
  message: string;
  /** Where in the batch, e.g. batch[3].timestamp. */
  path: string | null;
  /** The userId, else anonymousId, when the event named one. */
  visitor: string | null;
  /** The event's type and name when readable ("track Report Exported"). */
  event: string | null;
}

export interface CampaignChange {
  author: string;
  /** Refuse the change unless the campaign is still at this version (optimistic locking). */
  expectedVersion?: number | undefined;
  /** What the change was: edited, published, paused, archived. */
  change: 'updated' | 'published' | 'paused' | 'archived';
}

export interface CampaignVersion {
  version: number;
  change: 'created' | CampaignChange['change'];
  author: string;
  at: string;
  campaign: Campaign;
}

export interface ShowReservation {
  campaignId: string;
  visitorId: string;
  /** The account whose caps apply, or null when the campaign has none or the visitor has no account. */
  accountId: string | null;
  /** Takes the visitor's throttle slot: an interrupting message while the workspace sets a throttle. */
  throttled: boolean;
  at: string;
}

export interface HoldoutRecord {
  campaignId: string;
  visitorId: string;
  accountId: string | null;
  reason: 'campaign' | 'global';
  at: string;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Portable SQL access for modules that keep their own tables (analytics, webhooks). */
  readonly sql: SqlDb;
  close(): Promise<void>;

  createWorkspace(name: string): Promise<Workspace>;
  workspaceByName(name: string): Promise<Workspace | null>;
  workspaceByWriteKey(writeKey: string): Promise<Workspace | null>;
  workspaceBySecretKey(secretKey: string): Promise<Workspace | null>;
  updateWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings): Promise<Workspace>;

  /**
   * Writes events and every counter they touch in one transaction; duplicates (same messageId)
   * change nothing. An identify carrying both ids links the anonymous visitor's earlier events,
   * feature use and message state to the user.
   */
  ingest(workspaceId: string, items: IngestItem[]): Promise<IngestResult>;
  /** Newest first; with `visitor`, only that user's or anonymous visitor's, among the latest RECENT_SCAN events. */
  recentEvents(workspaceId: string, limit: number, visitor?: string): Promise<StoredEvent[]>;
  /** Keeps problems with what browsers sent; only the latest INGEST_PROBLEMS_KEPT of a workspace stay. */
  recordIngestProblems(workspaceId: string, problems: IngestProblem[]): Promise<void>;
  /** Newest first. */
  ingestProblems(workspaceId: string, limit: number): Promise<IngestProblem[]>;

  listFeatures(workspaceId: string): Promise<Feature[]>;
  /** Stores a new version of the feature; `author` is who saved it (console user or "api"). */
  saveFeature(workspaceId: string, input: FeatureInput, author?: string): Promise<Feature>;

  listCampaigns(workspaceId: string, filter?: { status?: Campaign['status'] }): Promise<Campaign[]>;
  // Guidance: campaigns with version history, decision state, atomic caps, holdouts, results.
  // (sqlite/guidance.ts and postgres/guidance.ts)
  getCampaign(workspaceId: string, id: string): Promise<Campaign | null>;
  /** `author`: who saved it (console user or "api"); every save is kept in campaignVersions. */
  createCampaign(workspaceId: string, input: CampaignInput, author?: string): Promise<Campaign>;
  /** A new version; null when there is no such campaign or it is no longer at `expectedVersion`. */
  updateCampaign(workspaceId: string, id: string, input: CampaignInput, change: CampaignChange): Promise<Campaign | null>;
  campaignVersions(workspaceId: string, id: string): Promise<CampaignVersion[]>;
  decisionState(workspaceId: string, visitorId: string, accountId: string | null): Promise<DecisionState>;
  /**
   * Counts shows under their campaigns' caps, in order: `allow` sees each one's state read under
   * lock (after the earlier ones were counted) and says whether to count it. Two concurrent
   * reservations for the same visitor or account never both pass a cap of 1. Resolves to which
   * were counted.
   */
  reserveShows(workspaceId: string, reservations: ShowReservation[], allow: (reservation: ShowReservation, snapshot: CapSnapshot) => boolean): Promise<boolean[]>;
  /** Logs visitors kept from campaigns by a holdout; the first time per campaign counts. */
  recordHoldouts(workspaceId: string, holdouts: HoldoutRecord[]): Promise<void>;
  campaignArms(workspaceId: string, campaignId: string): Promise<Arms>;
  /** When each visitor did the goal since `since`, by visitorId, in time order. */
  goalTimes(workspaceId: string, goal: Goal, since: string): Promise<Map<string, string[]>>;
  surveyAnswers(workspaceId: string, campaignId: string): Promise<SurveyAnswer[]>;
  /** Every identified user as the decision would see them (account = their most recent). */
  audienceProfiles(workspaceId: string): Promise<Profile[]>;

  loadProfile(workspaceId: string, visitor: VisitorRef): Promise<Profile>;
  messageStates(workspaceId: string, visitorId: string): Promise<Map<string, MessageState>>;

  listAccounts(workspaceId: string, page: { limit: number; offset: number }): Promise<Page<AccountSummary>>;
}
