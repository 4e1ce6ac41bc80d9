// The storage contract. Every method is async so the SQLite and PostgreSQL stores are
// interchangeable; routes depend on this interface only.
import type { Campaign, CampaignInput } from '../protocol/campaign.ts';
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

/** One validated event plus what the engine derived from it, ready to be written. */
export interface IngestItem {
  event: TrackedEvent;
  /** Event time after clock-skew correction. */
  timestamp: string;
  receivedAt: string;
  /** Feature keys this event counts as a use of. */
  features: string[];
  interaction?: { campaignId: string; kind: Interaction };
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
  recentEvents(workspaceId: string, limit: number): Promise<StoredEvent[]>;

  listFeatures(workspaceId: string): Promise<Feature[]>;
  /** Stores a new version of the feature; `author` is who saved it (console user or "api"). */
  saveFeature(workspaceId: string, input: FeatureInput, author?: string): Promise<Feature>;

  listCampaigns(workspaceId: string, filter?: { status?: Campaign['status'] }): Promise<Campaign[]>;
  createCampaign(workspaceId: string, input: CampaignInput): Promise<Campaign>;

  loadProfile(workspaceId: string, visitor: VisitorRef): Promise<Profile>;
  messageStates(workspaceId: string, visitorId: string): Promise<Map<string, MessageState>>;

  listAccounts(workspaceId: string, page: { limit: number; offset: number }): Promise<Page<AccountSummary>>;
}
