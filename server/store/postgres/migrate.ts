// Applies numbered migrations (NNN_name.sql) once each, in order. Several server instances may
// start at once against one database: an advisory lock lets one migrate while the others wait,
// then find nothing left to do.
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { inTransaction } from './transaction.ts';

const migrationsDir = new URL('./migrations/', import.meta.url);
/** Any constant works; it only has to be the same in every instance. ("uptake" in ASCII.) */
const MIGRATION_LOCK = 0x757074616b65;

export async function migrate(pool: pg.Pool): Promise<number> {
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  // One transaction for all pending files: DDL is transactional here, so a failed migration
  // leaves the schema exactly as it was.
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const pending = files.filter((f) => !applied.has(Number(f.slice(0, 3))));
    for (const file of pending) {
      await tx.query(readFileSync(new URL(file, migrationsDir), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        Number(file.slice(0, 3)),
        file,
        new Date().toISOString(),
      ]);
    }
    return pending.length;
  });
}
