// PostgreSQL ingest against the floor it cannot beat: a bare `pg` multi-row INSERT of the same
// rows into a table shaped like `events`, with no counters, in the same run. Two kinds of batch:
// the SDK's (one browser: one user and account, the time moving on), and a harder one where
// each of the 20 events is another user in another account, with times out of order, so every
// event changes its own user, account, membership and feature rows.
import pg from 'pg';
import { eventSchema } from '../../server/protocol/events.ts';
import { endPool } from '../../server/store/postgres/end-pool.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import type { IngestItem } from '../../server/store/store.ts';
import { createTempDatabase } from '../postgres.ts';
import { rounds } from './rounds.ts';

const BATCHES = Number(process.env.BENCH_PG_BATCHES ?? 1500);
const SIZE = 20;
const CONCURRENCY = 4;

export type BatchShape = 'browser' | 'scattered';

let seq = 0;
let browser = 0;
function item(shape: BatchShape): IngestItem {
  seq++;
  const who = shape === 'browser' ? browser : seq;
  const event = eventSchema.parse({
    type: 'track',
    messageId: `pg-${seq}`,
    timestamp: (shape === 'browser' ? new Date() : new Date(Date.now() - (seq % 86_400) * 1000)).toISOString(),
    userId: `user-${who % 5000}`,
    groupId: `acct-${who % 200}`,
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

export async function benchPostgresIngest(): Promise<Record<BatchShape, { store: number; bare: number }>> {
  const db = await createTempDatabase();
  const store = await openPostgresStore(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: CONCURRENCY });
  try {
    const ws = await store.createWorkspace('bench');
    await pool.query(`CREATE TABLE bare_events (seq bigserial PRIMARY KEY, workspace_id text NOT NULL, message_id text NOT NULL, type text NOT NULL,
      user_id text, anonymous_id text, account_id text, name text, properties jsonb NOT NULL, traits jsonb NOT NULL, context jsonb NOT NULL,
      timestamp text NOT NULL, received_at text NOT NULL, UNIQUE (workspace_id, message_id))`);
    const make = (shape: BatchShape) => Array.from({ length: BATCHES }, () => (browser++, Array.from({ length: SIZE }, () => item(shape))));
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
    const viaStore = (batch: IngestItem[]) => store.ingest(ws.id, batch);
    const eventsPerSecond = async (shape: BatchShape, run: (batch: IngestItem[]) => Promise<unknown>) => ({ rps: await inParallel(make(shape), run), p99: 0 });
    const [bareBrowser, storeBrowser, bareScattered, storeScattered] = await rounds([
      () => eventsPerSecond('browser', bareInsert),
      () => eventsPerSecond('browser', viaStore),
      () => eventsPerSecond('scattered', bareInsert),
      () => eventsPerSecond('scattered', viaStore),
    ]);
    return { browser: { store: storeBrowser.rps, bare: bareBrowser.rps }, scattered: { store: storeScattered.rps, bare: bareScattered.rps } };
  } finally {
    await endPool(pool);
    await store.close();
    await db.drop();
  }
}
