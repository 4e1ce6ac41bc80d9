// The embedded store: one SQLite file in WAL mode, created on first start.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Feature, FeatureInput } from '../../protocol/feature.ts';
import type { MessageState, Profile } from '../../engine/profile.ts';
import { DEFAULT_SETTINGS } from '../../protocol/workspace.ts';
import { toWorkspace, type WorkspaceRow } from '../rows.ts';
import { newId, newSecretKey, newWriteKey } from '../keys.ts';
import { type AccountSummary, INGEST_PROBLEMS_KEPT, type IngestProblem, RECENT_SCAN, type Store, type StoredEvent, type VisitorRef, type Workspace } from '../store.ts';
import { sqliteDb } from '../sql.ts';
import { PLACEMENT_COLUMNS, type PlacementRow, toPlacement } from '../../analytics/placement.ts';
import { campaignQueries } from './campaigns.ts';
import { startCheckpointer } from './checkpointer.ts';
import { groupCommit } from './group-commit.ts';
import { guidanceQueries } from './guidance.ts';
import { prepareIngest } from './ingest.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';
import { migrate } from './migrate.ts';

const WORKSPACE_COLUMNS = 'id, name, write_key AS writeKey, secret_key AS secretKey, created_at AS createdAt, settings';


export interface SqliteOptions {
  /** Run WAL checkpoints in a worker thread instead of inside commits (servers and the CLI). */
  backgroundCheckpoints?: boolean;
}

export function openSqliteStore(file: string, options: SqliteOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  // Checkpoints are where NORMAL pays for an fsync. A server leaves them to a worker thread; else
  // doing them every ~40 MB of WAL instead of every 4 MB keeps that cost off most commits.
  const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(file) : null;
  db.pragma(checkpointer ? 'wal_autocheckpoint = 0' : 'wal_autocheckpoint = 10000');
  db.pragma('busy_timeout = 5000');
  // Decide reads a handful of rows per visitor from tables with millions of rows: reading the
  // file through a memory map and a 64 MB page cache spares a system call per B-tree page.
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  migrate(db);
  refreshPlannerStatistics(db);

  // Each statement is compiled once and reused: preparing costs more than running.
  const statements = new Map<string, Database.Statement>();
  const sql = (text: string): Database.Statement => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return statement;
  };

  const writeEvents = prepareIngest(db);
  const commit = groupCommit(db);
  const workspaceBy = (column: string) =>
    sql(`SELECT ${WORKSPACE_COLUMNS} FROM workspaces WHERE ${column} = ?`);
  const byName = workspaceBy('name');
  const byWriteKey = workspaceBy('write_key');
  const bySecretKey = workspaceBy('secret_key');
  const featureUse = (kind: 'user' | 'account', subject: string) => `(
    SELECT json_group_object(feature_key, json_object('count', count, 'firstSeen', first_seen, 'lastSeen', last_seen, 'activeDays', active_days))
    FROM feature_usage WHERE workspace_id = v.ws AND subject_kind = '${kind}' AND subject_id = ${subject})`;
  // One statement per profile (each statement costs more than the B-tree lookups inside it).
  // Without an account named, the user's is the one they were most recently seen in.
  const loadProfile = sql(`
    WITH v AS (
      SELECT p.ws, p.uid, coalesce(p.given, (SELECT account_id FROM account_users WHERE workspace_id = p.ws AND user_id = p.uid ORDER BY last_seen DESC LIMIT 1)) AS aid
      FROM (SELECT ? AS ws, ? AS uid, ? AS given) p
    )
    SELECT v.aid AS accountId,
      (SELECT traits FROM users WHERE workspace_id = v.ws AND user_id = v.uid) AS userTraits,
      (SELECT traits FROM accounts WHERE workspace_id = v.ws AND account_id = v.aid) AS accountTraits,
      ${featureUse('user', 'v.uid')} AS userFeatures,
      ${featureUse('account', 'v.aid')} AS accountFeatures,
      ${PLACEMENT_COLUMNS}
    FROM v
    LEFT JOIN user_metrics um ON um.workspace_id = v.ws AND um.user_id = v.uid
    LEFT JOIN account_metrics am ON am.workspace_id = v.ws AND am.account_id = v.aid`);
  type ProfileRow = PlacementRow & { accountId: string | null; userTraits: string | null; accountTraits: string | null; userFeatures: string | null; accountFeatures: string | null };
  const parsed = (json: string | null) => (json ? JSON.parse(json) : {});

  return {
    dialect: 'sqlite',
    sql: sqliteDb(db),
    async close() {
      await checkpointer?.stop();
      db.close();
    },

    async createWorkspace(name) {
      const workspace: Workspace = {
        id: newId(), name, writeKey: newWriteKey(), secretKey: newSecretKey(), createdAt: new Date().toISOString(), settings: DEFAULT_SETTINGS,
      };
      sql('INSERT INTO workspaces (id, name, write_key, secret_key, created_at, settings) VALUES (?, ?, ?, ?, ?, ?)').run(
        workspace.id, workspace.name, workspace.writeKey, workspace.secretKey, workspace.createdAt, JSON.stringify(workspace.settings),
      );
      return workspace;
    },
    async workspaceByName(name) {
      return toWorkspace(byName.get(name) as WorkspaceRow | undefined);
    },
    async workspaceByWriteKey(key) {
      return toWorkspace(byWriteKey.get(key) as WorkspaceRow | undefined);
    },
    async workspaceBySecretKey(key) {
      return toWorkspace(bySecretKey.get(key) as WorkspaceRow | undefined);
    },
    async updateWorkspaceSettings(id, settings) {
      const row = sql(`UPDATE workspaces SET settings = ? WHERE id = ? RETURNING ${WORKSPACE_COLUMNS}`).get(JSON.stringify(settings), id) as WorkspaceRow | undefined;
      const workspace = toWorkspace(row);
      if (!workspace) throw new Error(`no workspace ${id}`);
      return workspace;
    },

    ingest(ws, items) {
      return commit(() => writeEvents(ws, items));
    },
    async recentEvents(ws, limit, visitor) {
      const columns = `message_id AS messageId, type, user_id AS userId, anonymous_id AS anonymousId, account_id AS accountId,
                  name, properties, timestamp, received_at AS receivedAt, features, verified`;
      const rows = (
        visitor === undefined
          ? sql(`SELECT ${columns} FROM events WHERE workspace_id = ? ORDER BY seq DESC LIMIT ?`).all(ws, limit)
          : sql(`SELECT ${columns} FROM (SELECT * FROM events WHERE workspace_id = ? ORDER BY seq DESC LIMIT ${RECENT_SCAN})
                 WHERE user_id = ? OR anonymous_id = ? ORDER BY seq DESC LIMIT ?`).all(ws, visitor, visitor, limit)
      ) as (Omit<StoredEvent, 'properties' | 'features' | 'verified'> & { properties: string; features: string; verified: number | null })[];
      return rows.map((r) => ({
        ...r,
        properties: JSON.parse(r.properties),
        features: r.features ? r.features.split(',') : [],
        verified: r.verified === null ? null : r.verified === 1,
      }));
    },
    async recordIngestProblems(ws, problems) {
      if (!problems.length) return;
      await commit(() => {
        const insert = sql('INSERT INTO ingest_problems (workspace_id, at, code, message, path, visitor, event) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const p of problems) insert.run(ws, p.at, p.code, p.message, p.path, p.visitor, p.event);
        sql(`DELETE FROM ingest_problems WHERE workspace_id = ? AND seq <= (
               SELECT seq FROM ingest_problems WHERE workspace_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ${INGEST_PROBLEMS_KEPT})`).run(ws, ws);
      });
    },
    async ingestProblems(ws, limit) {
      return sql('SELECT at, code, message, path, visitor, event FROM ingest_problems WHERE workspace_id = ? ORDER BY seq DESC LIMIT ?').all(ws, limit) as IngestProblem[];
    },

    async listFeatures(ws) {
      const rows = sql(`SELECT body AS definition, version FROM definitions d WHERE workspace_id = ? AND kind = 'feature'
                  AND version = (SELECT max(version) FROM definitions WHERE workspace_id = d.workspace_id AND kind = d.kind AND key = d.key)
                  ORDER BY key`).all(ws) as {
        definition: string;
        version: number;
      }[];
      return rows.map((r) => ({ ...JSON.parse(r.definition), version: r.version }) as Feature);
    },
    async saveFeature(ws, input: FeatureInput, author = 'api') {
      const row = sql(`INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at)
                  SELECT ?, 'feature', ?, coalesce(max(version), 0) + 1, ?, ?, ? FROM definitions WHERE workspace_id = ? AND kind = 'feature' AND key = ?
                  RETURNING version`)
        .get(ws, input.key, JSON.stringify(input), author, new Date().toISOString(), ws, input.key) as { version: number };
      return { ...input, version: row.version };
    },

    ...campaignQueries(db),
    ...guidanceQueries(db, commit),

    async loadProfile(ws, visitor: VisitorRef): Promise<Profile> {
      const userId = visitor.userId ?? null;
      const row = loadProfile.get(ws, userId || null, visitor.accountId ?? null) as ProfileRow;
      const analytics = toPlacement(row);
      return {
        visitorId: userId ?? visitor.anonymousId ?? '',
        userId,
        accountId: row.accountId,
        userTraits: parsed(row.userTraits),
        accountTraits: parsed(row.accountTraits),
        userFeatures: parsed(row.userFeatures),
        accountFeatures: parsed(row.accountFeatures),
        ...(analytics ? { analytics } : {}),
      };
    },
    async messageStates(ws, visitorId) {
      const rows = sql(`SELECT campaign_id AS campaignId, shows, last_shown_at AS lastShownAt, dismissed_at AS dismissedAt,
                  clicked_at AS clickedAt, completed_at AS completedAt FROM message_states WHERE workspace_id = ? AND visitor_id = ?`)
        .all(ws, visitorId) as (MessageState & { campaignId: string })[];
      return new Map(rows.map(({ campaignId, ...state }) => [campaignId, state]));
    },

    async listAccounts(ws, { limit, offset }) {
      const total = sql('SELECT count(*) FROM accounts WHERE workspace_id = ?').pluck().get(ws) as number;
      const rows = sql(`SELECT a.account_id AS id, a.traits, a.first_seen AS firstSeen, a.last_seen AS lastSeen,
                    (SELECT count(*) FROM account_users m WHERE m.workspace_id = a.workspace_id AND m.account_id = a.account_id) AS users,
                    (SELECT group_concat(feature_key) FROM feature_usage f
                      WHERE f.workspace_id = a.workspace_id AND f.subject_kind = 'account' AND f.subject_id = a.account_id) AS features
                  FROM accounts a WHERE a.workspace_id = ? ORDER BY a.last_seen DESC, a.account_id LIMIT ? OFFSET ?`)
        .all(ws, limit, offset) as (Omit<AccountSummary, 'traits' | 'featuresUsed'> & { traits: string; features: string | null })[];
      return {
        total,
        items: rows.map(({ traits, features, ...row }) => ({
          ...row,
          traits: JSON.parse(traits),
          featuresUsed: features ? features.split(',').sort() : [],
        })),
      };
    },
  };
}
