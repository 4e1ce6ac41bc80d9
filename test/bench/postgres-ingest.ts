// PostgreSQL ingest against the floor it cannot beat: a bare `pg` multi-row INSERT of the same
// rows into a table shaped like `events`, with no counters, in the same run.
import pg from 'pg';
import { eventSchema } from '../../server/protocol/events.ts';
import { endPool } from '../../server/store/postgres/end-pool.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import type { IngestItem } from '../../server/store/store.ts';
import { createTempDatabase } from '../postgres.ts';
import { rounds } from './rounds.ts';

const BATCHES = Number(process.env.BENCH_PG_BATCHES ?? 400);
const SIZE = 20;
const CONCURRENCY = 4;

let seq = 0;
function item(): IngestItem {
  seq++;
  const event = eventSchema.parse({
    type: 'track',
    messageId: `pg-${seq}`,
    timestamp: new Date(Date.now() - (seq % 86_400) * 1000).toISOString(),
    userId: `user-${seq % 5000}`,
    groupId: `acct-${seq % 200}`,
    event: 'Appointment Booked',
    properties: { source: 'bench' },
    context: { page: { path: '/demo/appointments' }, library: { name: 'bench', version: '1' } },
  });
  return { event, timestamp: event.timestamp, receivedAt: new Date().toISOString(), features: seq % 3 ? [] : ['appointments'], verified: null };
}

async function inParallel(batches: IngestItem[][], run: (batch: IngestItem[]) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < batches.length) await run(batches[next++]!);
  }));
  return (batches.length * SIZE) / ((performance.now() - started) / 1000);
}

export async function benchPostgresIngest(): Promise<{ store: number; bare: number }> {
  const db = await createTempDatabase();
  const store = await openPostgresStore(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: CONCURRENCY });
  try {
    const ws = await store.createWorkspace('bench');
    await pool.query(`CREATE TABLE bare_events (seq bigserial PRIMARY KEY, workspace_id text NOT NULL, message_id text NOT NULL, type text NOT NULL,
      user_id text, anonymous_id text, account_id text, name text, properties jsonb NOT NULL, traits jsonb NOT NULL, context jsonb NOT NULL,
      timestamp text NOT NULL, received_at text NOT NULL, UNIQUE (workspace_id, message_id))`);
    const make = () => Array.from({ length: BATCHES }, () => Array.from({ length: SIZE }, item));
    const bareInsert = (batch: IngestItem[]) => {
      const values: unknown[] = [];
      const rows = batch.map(({ event, timestamp, receivedAt }, i) => {
        const e = event as Extract<typeof event, { type: 'track' }>;
        values.push(ws.id, e.messageId, e.type, e.userId, e.anonymousId ?? null, e.groupId, e.event, JSON.stringify(e.properties), '{}', JSON.stringify(e.context), timestamp, receivedAt);
        return `(${Array.from({ length: 12 }, (_, j) => `$${i * 12 + j + 1}`).join(', ')})`;
      });
      return pool.query(`INSERT INTO bare_events (workspace_id, message_id, type, user_id, anonymous_id, account_id, name, properties, traits, context, timestamp, received_at)
        VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, values);
    };
    const eventsPerSecond = async (run: (batch: IngestItem[]) => Promise<unknown>) => ({ rps: await inParallel(make(), run), p99: 0 });
    const [bare, viaStore] = await rounds([() => eventsPerSecond(bareInsert), () => eventsPerSecond((batch) => store.ingest(ws.id, batch))]);
    return { store: viaStore.rps, bare: bare.rps };
  } finally {
    await endPool(pool);
    await store.close();
    await db.drop();
  }
}
