// Campaigns on SQLite: the current version in `campaigns`, every version in `campaign_versions`.
import type Database from 'better-sqlite3';
import type { Campaign } from '../../protocol/campaign.ts';
import { newId } from '../keys.ts';
import { type CampaignRow, toCampaign } from '../rows.ts';
import type { CampaignVersion, Store } from '../store.ts';

const COLUMNS = 'id, version, status, definition, created_at AS createdAt, updated_at AS updatedAt';

type CampaignQueries = Pick<Store, 'listCampaigns' | 'getCampaign' | 'createCampaign' | 'updateCampaign' | 'campaignVersions'>;

const isCampaign = (c: Campaign | null): c is Campaign => c !== null;

export function campaignQueries(db: Database.Database): CampaignQueries {
  const list = db.prepare(`SELECT ${COLUMNS} FROM campaigns WHERE workspace_id = ? AND (? IS NULL OR status = ?) ORDER BY created_at, id`);
  const get = db.prepare(`SELECT ${COLUMNS} FROM campaigns WHERE workspace_id = ? AND id = ?`);
  const insert = db.prepare('INSERT INTO campaigns (workspace_id, id, version, status, definition, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)');
  const update = db.prepare(`UPDATE campaigns SET version = version + 1, status = ?, definition = ?, updated_at = ?
    WHERE workspace_id = ? AND id = ? AND (? IS NULL OR version = ?) RETURNING ${COLUMNS}`);
  const insertVersion = db.prepare(`INSERT INTO campaign_versions (workspace_id, campaign_id, version, status, definition, change, author, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const versions = db.prepare(`SELECT v.version, v.status, v.definition, v.change, v.author, v.at, c.created_at AS createdAt
    FROM campaign_versions v JOIN campaigns c ON c.workspace_id = v.workspace_id AND c.id = v.campaign_id
    WHERE v.workspace_id = ? AND v.campaign_id = ? ORDER BY v.version DESC`);

  const create = db.transaction((ws: string, id: string, status: string, definition: string, author: string, now: string) => {
    insert.run(ws, id, status, definition, now, now);
    insertVersion.run(ws, id, 1, status, definition, 'created', author, now);
  });
  const save = db.transaction((ws: string, id: string, status: string, definition: string, expected: number | null, change: string, author: string, now: string) => {
    const row = update.get(status, definition, now, ws, id, expected, expected) as CampaignRow | undefined;
    if (row) insertVersion.run(ws, id, row.version, status, definition, change, author, now);
    return row;
  });

  return {
    async listCampaigns(ws, filter = {}) {
      return (list.all(ws, filter.status ?? null, filter.status ?? null) as CampaignRow[]).map(toCampaign).filter(isCampaign);
    },
    async getCampaign(ws, id) {
      const row = get.get(ws, id) as CampaignRow | undefined;
      return row ? toCampaign(row) : null;
    },
    async createCampaign(ws, input, author = 'api') {
      const now = new Date().toISOString();
      const { status, ...definition } = input;
      const id = newId();
      create(ws, id, status, JSON.stringify(definition), author, now);
      return { ...input, id, version: 1, createdAt: now, updatedAt: now };
    },
    async updateCampaign(ws, id, input, { author, expectedVersion, change }) {
      const { status, ...definition } = input;
      const row = save(ws, id, status, JSON.stringify(definition), expectedVersion ?? null, change, author, new Date().toISOString());
      return row ? toCampaign(row) : null;
    },
    async campaignVersions(ws, id) {
      const rows = versions.all(ws, id) as { version: number; status: Campaign['status']; definition: string; change: CampaignVersion['change']; author: string; at: string; createdAt: string }[];
      return rows.flatMap(({ version, status, definition, change, author, at, createdAt }) => {
        const campaign = toCampaign({ id, version, status, definition, createdAt, updatedAt: at });
        return campaign ? [{ version, change, author, at, campaign }] : [];
      });
    },
  };
}
