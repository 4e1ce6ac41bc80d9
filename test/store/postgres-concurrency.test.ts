// Several server instances share one PostgreSQL database: they start at the same time, and the
// same events can reach it in two transactions at once (an SDK retrying a batch whose response
// was lost, tabs flushing one queue). Each event must still be stored, and counted, exactly once.
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestItem, IngestResult, Store } from '../../server/store/store.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import { createTempDatabase } from '../postgres.ts';
import { group, identify, interaction, makePostgres, type PostgresUnderTest, sleep, snapshot, track } from './fixtures.ts';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const ACCOUNTS = ['acct-1', 'acct-2'];
const everyone = { users: USERS, anonymous: [], accounts: ACCOUNTS };

/** Events whose effects do not depend on the order they are applied in. */
function traffic(count: number): IngestItem[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.parse('2026-11-01T00:00:00.000Z') + (i % 7) * 86_400_000 + i * 1000).toISOString();
    const userId = USERS[i % USERS.length]!;
    const groupId = ACCOUNTS[i % ACCOUNTS.length]!;
    if (i % 10 === 0) return identify({ userId, traits: { name: userId } }, { at });
    if (i % 10 === 1) return group({ userId, groupId, traits: { name: groupId } }, { at });
    if (i % 10 === 2) return interaction('shown', `c${i % 3}`, { userId }, at);
    return track({ userId, groupId, event: 'Reminder Scheduled' }, { at, features: i % 2 ? ['reminders'] : ['reminders', 'alerts'] });
  });
}

describe('PostgreSQL store under concurrent ingest', () => {
  let postgres: PostgresUnderTest | undefined;
  let store: Store;
  beforeAll(async () => {
    postgres = await makePostgres();
    store = postgres.store;
  });
  afterAll(() => postgres?.cleanup());

  /**
   * Starts the calls together: a lock on the events table holds every transaction back until
   * all of them are waiting, so their inserts really overlap.
   */
  async function together(calls: (() => Promise<IngestResult>)[]): Promise<IngestResult[]> {
    const gate = new pg.Client({ connectionString: postgres!.url });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE events IN SHARE MODE');
      const results = Promise.all(calls.map((call) => call()));
      for (let waiting = 0; waiting < calls.length; await sleep(5)) {
        const { rows } = await gate.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'events'::regclass AND NOT granted`);
        waiting = rows[0]!.n;
      }
      await gate.query('COMMIT');
      return await results;
    } finally {
      await gate.end();
    }
  }

  /** Races the batches, then checks the totals and the state against one plain ingest. */
  async function race(name: string, events: IngestItem[], batches: IngestItem[][]) {
    const ws = await store.createWorkspace(`${name} (raced)`);
    const reference = await store.createWorkspace(`${name} (reference)`);
    const results = await together(batches.map((batch) => () => store.ingest(ws.id, batch)));
    const sent = batches.reduce((sum, batch) => sum + batch.length, 0);
    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(events.length);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(sent - events.length);
    await store.ingest(reference.id, events);
    expect(await stateOf(ws.id)).toEqual(await stateOf(reference.id));
  }

  // Which transaction stored an event decides its place in recentEvents, so events compare as a set.
  async function stateOf(ws: string) {
    const state = await snapshot(store, ws, everyone);
    return { ...state, events: state.events.sort((a, b) => (a.messageId < b.messageId ? -1 : 1)) };
  }

  it('stores each event once when the same batch arrives twice at the same time', async () => {
    const events = traffic(200);
    await race('same batch', events, [events, events]);
  });

  it('stores each event once when overlapping batches race in opposite orders', async () => {
    // Inserted in batch order, opposite orders would deadlock: each transaction holding rows the
    // other waits for.
    const events = traffic(120);
    await race('opposite orders', events, [events, [...events].reverse(), events.slice(0, 60), events.slice(30).reverse()]);
  });
});

describe('PostgreSQL store started by several instances at once', () => {
  it('migrates a fresh database exactly once', async () => {
    const database = await createTempDatabase();
    try {
      const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore(database.url)));
      await Promise.all(stores.map((store) => store.close()));
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT name FROM schema_migrations ORDER BY version');
      await client.end();
      // Every migration file applied, each exactly once, in order.
      const files = readdirSync(new URL('../../server/store/postgres/migrations/', import.meta.url)).filter((f) => /^\d{3}_/.test(f)).sort();
      expect(files.length).toBeGreaterThan(2);
      expect(rows.map((row) => row.name)).toEqual(files);
    } finally {
      await database.drop();
    }
  });
});
