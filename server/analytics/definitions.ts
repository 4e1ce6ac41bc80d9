// Versioned definitions (journeys, health, tiers, measures, certification programs, alert rules)
// kept in the `definitions` table: saving appends a version; the newest one is current.
import { z } from 'zod';
import { alertRuleInput, certificationInput, healthInput, journeyInput, measuresInput, tiersInput, type Versioned } from '../protocol/analytics.ts';
import type { SqlDb } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_HEALTH, DEFAULT_MEASURES, DEFAULT_TIERS } from './defaults.ts';
import type { Definitions } from './evaluate.ts';

/** Each kind with its schema; singletons have one key, "default". */
export const DEFINITION_KINDS = {
  journey: { schema: journeyInput, singleton: false },
  health: { schema: healthInput, singleton: true },
  tiers: { schema: tiersInput, singleton: true },
  measures: { schema: measuresInput, singleton: true },
  certification: { schema: certificationInput, singleton: false },
  alert: { schema: alertRuleInput, singleton: false },
} as const;
export type DefinitionKind = keyof typeof DEFINITION_KINDS;
export type DefinitionOf<K extends DefinitionKind> = z.infer<(typeof DEFINITION_KINDS)[K]['schema']>;

interface Row {
  key: string;
  version: number;
  body: string;
  author: string;
  created_at: string;
}

const toVersioned = <T>(row: Row): Versioned<T> => ({ ...(JSON.parse(row.body) as T), version: row.version, updatedAt: row.created_at, updatedBy: row.author });

export function definitionStore(sql: SqlDb) {
  return {
    async current<K extends DefinitionKind>(ws: string, kind: K): Promise<Versioned<DefinitionOf<K>>[]> {
      const rows = await sql.all<Row>(
        `SELECT key, version, body, author, created_at FROM definitions d WHERE workspace_id = ? AND kind = ?
         AND version = (SELECT max(version) FROM definitions WHERE workspace_id = d.workspace_id AND kind = d.kind AND key = d.key)
         ORDER BY key`,
        [ws, kind],
      );
      // Parsed through the schema so versions saved before a field existed get its default.
      return rows.map((r) => ({ ...toVersioned<DefinitionOf<K>>(r), ...DEFINITION_KINDS[kind].schema.parse(JSON.parse(r.body)) }));
    },
    async history<K extends DefinitionKind>(ws: string, kind: K | 'feature', key: string): Promise<Versioned<DefinitionOf<K>>[]> {
      const rows = await sql.all<Row>(
        'SELECT key, version, body, author, created_at FROM definitions WHERE workspace_id = ? AND kind = ? AND key = ? ORDER BY version DESC',
        [ws, kind, key],
      );
      return rows.map((r) => toVersioned<DefinitionOf<K>>(r));
    },
    /** Appends a version. The body must already be validated by the kind's schema. */
    async save<K extends DefinitionKind>(ws: string, kind: K, key: string, body: DefinitionOf<K>, author: string): Promise<Versioned<DefinitionOf<K>>> {
      const now = new Date().toISOString();
      const [row] = await sql.all<{ version: number }>(
        `INSERT INTO definitions (workspace_id, kind, key, version, body, author, created_at)
         SELECT ?, ?, ?, coalesce(max(version), 0) + 1, ?, ?, ? FROM definitions WHERE workspace_id = ? AND kind = ? AND key = ?
         RETURNING version`,
        [ws, kind, key, JSON.stringify(body), author, now, ws, kind, key],
      );
      return { ...body, version: row!.version, updatedAt: now, updatedBy: author };
    },
  };
}
export type DefinitionStore = ReturnType<typeof definitionStore>;

/** Everything an evaluation needs, with the built-in defaults where the workspace defined nothing. */
export async function loadDefinitions(store: Store, ws: string): Promise<Definitions> {
  const defs = definitionStore(store.sql);
  const [features, journeys, health, tiers, measures, programs, alertRules] = await Promise.all([
    store.listFeatures(ws),
    defs.current(ws, 'journey'),
    defs.current(ws, 'health'),
    defs.current(ws, 'tiers'),
    defs.current(ws, 'measures'),
    defs.current(ws, 'certification'),
    defs.current(ws, 'alert'),
  ]);
  return {
    features,
    journeys,
    health: health[0] ?? { ...DEFAULT_HEALTH, version: 0 },
    tiers: tiers[0] ?? DEFAULT_TIERS,
    measures: measures[0] ?? DEFAULT_MEASURES,
    programs,
    alertRules,
  };
}
