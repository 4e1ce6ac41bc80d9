// Applies numbered migrations (NNN_name.sql) once each, in order, inside one transaction each.
import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

const migrationsDir = new URL('./migrations/', import.meta.url);

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const pending = readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .filter((f) => !applied.has(Number(f.slice(0, 3))));
  for (const file of pending) {
    const sql = readFileSync(new URL(file, migrationsDir), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        Number(file.slice(0, 3)),
        file,
        new Date().toISOString(),
      );
    })();
  }
  return pending.length;
}
