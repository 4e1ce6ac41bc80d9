// Event retention: a workspace that keeps raw events N days has older ones deleted, once a day.
// Adoption, health, journeys and certification are computed from the per-day counters ingest
// keeps, so they stay whole; what goes is the detail of each event (properties, context) and the
// log the console's event list, exports and campaign goal look-backs read.
//
// The log is read a slice of `seq` at a time (event-slices.ts). Arrival order is seq order, so the
// sweep stops at the first slice holding an event of the workspace still within its days.
import { jsonText, type SqlDb } from './sql.ts';
import { betweenSlices } from './event-slices.ts';

/** Smaller than a reading slice: deleting a row costs more than reading it, and requests wait meanwhile. */
const DELETE_SLICE = 5_000;

/** Deletes the workspace's events that arrived before `cutoff`; resolves to how many went. */
export async function dropExpiredEvents(sql: SqlDb, ws: string, cutoff: string): Promise<number> {
  const bounds = await sql.get<{ low: number | string | null; high: number | string | null }>('SELECT min(seq) AS low, max(seq) AS high FROM events');
  const [low, high] = [Number(bounds?.low ?? 0), Number(bounds?.high ?? 0)];
  // `+` keeps SQLite's planner on the rowid range (see event-slices.ts).
  const inSlice = `${sql.dialect === 'sqlite' ? '+workspace_id' : 'workspace_id'} = ? AND seq > ? AND seq <= ?`;
  let dropped = 0;
  for (let from = low - 1; from < high; from += DELETE_SLICE) {
    const range = [ws, from, from + DELETE_SLICE];
    const [n = 0] = await sql.batch([[`DELETE FROM events WHERE ${inSlice} AND received_at < ?`, [...range, cutoff]]]);
    dropped += n;
    if (await sql.get(`SELECT 1 AS kept FROM events WHERE ${inSlice} AND received_at >= ? LIMIT 1`, [...range, cutoff])) break;
    await betweenSlices();
  }
  return dropped;
}

/** The daily sweep: every workspace with a retention period drops what is past it. Resolves to the events dropped. */
export async function sweepExpiredEvents(sql: SqlDb, now: Date): Promise<number> {
  const keeping = await sql.all<{ id: string; days: number | string | null }>(
    `SELECT id, ${jsonText(sql.dialect, 'settings', 'eventRetentionDays')} AS days FROM workspaces`,
  );
  let dropped = 0;
  for (const { id, days } of keeping) {
    if (days === null || !Number(days)) continue;
    dropped += await dropExpiredEvents(sql, id, new Date(now.getTime() - Number(days) * 86_400_000).toISOString());
  }
  return dropped;
}
