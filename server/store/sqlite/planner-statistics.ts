// Planner statistics without re-planning. better-sqlite3 builds SQLite with SQLITE_ENABLE_STAT4,
// so ANALYZE also stores samples of each index's keys. A statement whose parameter is compared
// with a sampled index is marked to be planned again whenever that parameter is bound: every run
// of a prepared ingest or decide statement was parsed and planned anew (a point lookup on
// message_states cost 14 µs instead of 4). Our lookups are by key, where the per-index averages
// of sqlite_stat1 choose as well, so the samples are dropped after each refresh.
import type Database from 'better-sqlite3';

export function refreshPlannerStatistics(db: Database.Database): void {
  // Where statistics are missing or stale (cheap; SQLite's advice for long-lived connections).
  db.pragma('optimize=0x10002');
  const sampled = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'").get();
  if (!sampled) return;
  db.exec('DELETE FROM sqlite_stat4');
  // Makes the planner read the statistics tables again, now without samples.
  db.exec('ANALYZE sqlite_schema');
}
