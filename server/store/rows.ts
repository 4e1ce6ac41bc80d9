// Row → domain object mappings both stores share: definitions are kept as JSON text.
import { type Campaign, campaignInput } from '../protocol/campaign.ts';
import { DEFAULT_SETTINGS } from '../protocol/workspace.ts';
import type { Workspace } from './store.ts';

export type WorkspaceRow = Omit<Workspace, 'settings'> & { settings: string };

/** Settings added in later versions take their defaults on older rows. */
export const toWorkspace = (row: WorkspaceRow | undefined): Workspace | null =>
  row ? { ...row, settings: { ...DEFAULT_SETTINGS, ...JSON.parse(row.settings) } } : null;

export type CampaignRow = Pick<Campaign, 'id' | 'version' | 'status' | 'createdAt' | 'updatedAt'> & { definition: string };

/**
 * Campaigns already read, by id and version (every save makes a new version and update time):
 * parsing 200 live campaigns through the schema takes ~20 ms, too long to repeat each time the
 * read cache refreshes them. Callers must treat the returned campaigns as read-only.
 */
const readCampaigns = new Map<string, Campaign | null>();

/**
 * Definitions are read through the current schema, so campaigns saved before a field existed
 * get its default. One that no longer parses is left out (and logged) rather than breaking
 * every decision of its workspace.
 */
export function toCampaign(row: CampaignRow): Campaign | null {
  const key = `${row.id}\u0000${row.version}\u0000${row.status}\u0000${row.updatedAt}`;
  const known = readCampaigns.get(key);
  if (known !== undefined) return known;
  const parsed = campaignInput.safeParse({ ...JSON.parse(row.definition), status: row.status });
  let campaign: Campaign | null = null;
  if (parsed.success) campaign = { ...parsed.data, id: row.id, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
  else console.error(`[uptake] campaign ${row.id} v${row.version} cannot be read by this version and is skipped: ${parsed.error.issues[0]?.message}`);
  if (readCampaigns.size >= 5000) readCampaigns.clear();
  readCampaigns.set(key, campaign);
  return campaign;
}
