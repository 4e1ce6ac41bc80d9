// Throwaway PostgreSQL databases for tests: each suite creates its own and drops it afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server to create test databases on; trust auth on localhost unless UPTAKE_TEST_PG_URL says otherwise. */
export const TEST_PG_URL = process.env['UPTAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_PG_URL} (${(error as Error).message}). The store tests need it: ` +
        'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set UPTAKE_TEST_PG_URL.',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a random name and returns its URL. */
export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `uptake_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a test that failed half-way may still hold connections.
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
