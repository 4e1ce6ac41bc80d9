// Campaigns on PostgreSQL: the current version in `campaigns`, every version in `campaign_versions`.
import type pg from 'pg';
import type { Campaign } from '../../protocol/campaign.ts';
import { newId } from '../keys.ts';
import { type CampaignRow, toCampaign } from '../rows.ts';
import type { CampaignVersion, Store } from '../store.ts';
import { inTransaction } from './transaction.ts';

const COLUMNS = 'id, version, status, definition, created_at AS "createdAt", updated_at AS "updatedAt"';
const INSERT_VERSION = `INSERT INTO campaign_versions (workspace_id, campaign_id, version, status, definition, change, author, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

type CampaignQueries = Pick<Store, 'listCampaigns' | 'getCampaign' | 'createCampaign' | 'updateCampaign' | 'campaignVersions'>;

const isCampaign = (c: Campaign | null): c is Campaign => c !== null;

export function campaignQueries(pool: pg.Pool): CampaignQueries {
  return {
    async listCampaigns(ws, filter = {}) {
      const { rows } = await pool.query<CampaignRow>(
        `SELECT ${COLUMNS} FROM campaigns WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at, id`,
        [ws, filter.status ?? null],
      );
      return rows.map(toCampaign).filter(isCampaign);
    },
    async getCampaign(ws, id) {
      const { rows } = await pool.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE workspace_id = $1 AND id = $2`, [ws, id]);
      return rows[0] ? toCampaign(rows[0]) : null;
    },
    async createCampaign(ws, input, author = 'api') {
      const now = new Date().toISOString();
      const { status, ...rest } = input;
      const definition = JSON.stringify(rest);
      const id = newId();
      await inTransaction(pool, async (tx) => {
        await tx.query('INSERT INTO campaigns (workspace_id, id, version, status, definition, created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $5, $5)', [
          ws, id, status, definition, now,
        ]);
        await tx.query(INSERT_VERSION, [ws, id, 1, status, definition, 'created', author, now]);
      });
      return { ...input, id, version: 1, createdAt: now, updatedAt: now };
    },
    async updateCampaign(ws, id, input, { author, expectedVersion, change }) {
      const { status, ...rest } = input;
      const definition = JSON.stringify(rest);
      const now = new Date().toISOString();
      const row = await inTransaction(pool, async (tx) => {
        const { rows } = await tx.query<CampaignRow>(
          `UPDATE campaigns SET version = version + 1, status = $1, definition = $2, updated_at = $3
           WHERE workspace_id = $4 AND id = $5 AND ($6::integer IS NULL OR version = $6) RETURNING ${COLUMNS}`,
          [status, definition, now, ws, id, expectedVersion ?? null],
        );
        if (rows[0]) await tx.query(INSERT_VERSION, [ws, id, rows[0].version, status, definition, change, author, now]);
        return rows[0];
      });
      return row ? toCampaign(row) : null;
    },
    async campaignVersions(ws, id) {
      const { rows } = await pool.query<{ version: number; status: Campaign['status']; definition: string; change: CampaignVersion['change']; author: string; at: string; createdAt: string }>(
        `SELECT v.version, v.status, v.definition, v.change, v.author, v.at, c.created_at AS "createdAt"
         FROM campaign_versions v JOIN campaigns c ON c.workspace_id = v.workspace_id AND c.id = v.campaign_id
         WHERE v.workspace_id = $1 AND v.campaign_id = $2 ORDER BY v.version DESC`,
        [ws, id],
      );
      return rows.flatMap(({ version, status, definition, change, author, at, createdAt }) => {
        const campaign = toCampaign({ id, version, status, definition, createdAt, updatedAt: at });
        return campaign ? [{ version, change, author, at, campaign }] : [];
      });
    },
  };
}
