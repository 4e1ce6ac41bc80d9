// Row → domain object mappings both stores share: definitions are kept as JSON text.
import type { Campaign } from '../protocol/campaign.ts';
import { DEFAULT_SETTINGS } from '../protocol/workspace.ts';
import type { Workspace } from './store.ts';

export type WorkspaceRow = Omit<Workspace, 'settings'> & { settings: string };

/** Settings added in later versions take their defaults on older rows. */
export const toWorkspace = (row: WorkspaceRow | undefined): Workspace | null =>
  row ? { ...row, settings: { ...DEFAULT_SETTINGS, ...JSON.parse(row.settings) } } : null;

export type CampaignRow = Pick<Campaign, 'id' | 'version' | 'status' | 'createdAt' | 'updatedAt'> & { definition: string };

export const toCampaign = (row: CampaignRow): Campaign => ({
  ...JSON.parse(row.definition),
  id: row.id,
  version: row.version,
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
