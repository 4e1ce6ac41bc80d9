// The scale-out store: PostgreSQL, shared by any number of stateless server instances. It keeps
// the SQLite store's semantics exactly; see that store for the reference behaviour.
import pg from 'pg';
import { endPool } from './end-pool.ts';
import type { Feature, FeatureInput } from '../../protocol/feature.ts';
import { DEFAULT_SETTINGS } from '../../protocol/workspace.ts';
import { toWorkspace, type WorkspaceRow } from '../rows.ts';
import { newId, newSecretKey, newWriteKey } from '../keys.ts';
import type { Store, Workspace } from '../store.ts';
import { postgresDb } from '../sql.ts';
import { activityQueries } from './activity.ts';
import { campaignQueries } from './campaigns.ts';
import { guidanceQueries } from './guidance.ts';
import { ingest } from './ingest.ts';
import { migrate } from './migrate.ts';
import { profileQueries } from './profiles.ts';

const WORKSPACE_COLUMNS = 'id, name, write_key AS "writeKey", secret_key AS "secretKey", created_at AS "createdAt", settings';



// Counters are bigint; as numbers they stay exact up to 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle connection dropped by the server must not take the process down; the pool replaces it.
  pool.on('error', (error) => console.error(`[uptake] idle PostgreSQL connection closed: ${error.message}`));
  try {
    await migrate(pool);
  } catch (error) {
    await endPool(pool);
    throw error;
  }

  const workspaceBy = (column: 'name' | 'write_key' | 'secret_key') => async (value: string) => {
    const { rows } = await pool.query<WorkspaceRow>(`SELECT ${WORKSPACE_COLUMNS} FROM workspaces WHERE ${column} = $1`, [value]);
    return toWorkspace(rows[0]);
  };

  return {
    dialect: 'postgres',
    sql: postgresDb(pool),
    async close() {
      await endPool(pool);
    },

    async createWorkspace(name) {
      const workspace: Workspace = {
        id: newId(), name, writeKey: newWriteKey(), secretKey: newSecretKey(), createdAt: new Date().toISOString(), settings: DEFAULT_SETTINGS,
      };
      await pool.query('INSERT INTO workspaces (id, name, write_key, secret_key, created_at, settings) VALUES ($1, $2, $3, $4, $5, $6)', [
        workspace.id, workspace.name, workspace.writeKey, workspace.secretKey, workspace.createdAt, JSON.stringify(workspace.settings),
      ]);
      return workspace;
    },
    workspaceByName: workspaceBy('name'),
    workspaceByWriteKey: workspaceBy('write_key'),
    workspaceBySecretKey: workspaceBy('secret_key'),
    async updateWorkspaceSettings(id, settings) {
      const { rows } = await pool.query<WorkspaceRow>(`UPDATE workspaces SET settings = $1 WHERE id = $2 RETURNING ${WORKSPACE_COLUMNS}`, [
        JSON.stringify(settings),
        id,
      ]);
      const workspace = toWorkspace(rows[0]);
      if (!workspace) throw new Error(`no workspace ${id}`);
      return workspace;
    },

    ingest: (ws, items) => ingest(pool, ws, items),

    async listFeatures(ws) {
      const { rows } = await pool.query<{ definition: string; version: number }>(
        `SELECT DISTINCT ON (key) body AS definition, version FROM definitions WHERE workspace_id = $1 AND kind = 'feature'
         ORDER BY key, version DESC`,
        [ws],
      );
      return rows.map((r) => ({ ...JSON.parse(r.definition), version: r.version }) as Feature);
    },
    async saveFeature(ws, input: FeatureInput, author = 'api') {
      const { rows } = await pool.query<{ version: number }>(
        `INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at)
         SELECT $1, 'feature', $2, coalesce(max(version), 0) + 1, $3, $4, $5 FROM definitions WHERE workspace_id = $1 AND kind = 'feature' AND key = $2
         RETURNING version`,
        [ws, input.key, JSON.stringify(input), author, new Date().toISOString()],
      );
      return { ...input, version: rows[0]!.version };
    },

    ...campaignQueries(pool),
    ...guidanceQueries(pool),

    ...profileQueries(pool),
    ...activityQueries(pool),
  };
}
