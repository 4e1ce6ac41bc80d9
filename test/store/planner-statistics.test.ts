// Opening the SQLite store keeps the planner's per-index statistics but drops STAT4's key samples:
// with samples, SQLite plans a prepared statement again every time a parameter is bound, which
// made each run of an ingest or decide statement pay for parsing and planning.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';
import { track } from './fixtures.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'uptake-stats-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

it('keeps sqlite_stat1 and empties sqlite_stat4 when a store opens an analyzed file', async () => {
  const file = join(dir, 'uptake.db');
  const store = openSqliteStore(file);
  const workspace = await store.createWorkspace('Acme');
  await store.ingest(workspace.id, Array.from({ length: 50 }, (_, i) => track({ userId: `u${i % 7}` }, { features: ['reports'] })));
  await store.close();

  // What an earlier version (or an operator's ANALYZE) leaves in the file: samples included.
  const analyzed = new Database(file);
  analyzed.exec('ANALYZE');
  expect(count(analyzed, 'sqlite_stat4')).toBeGreaterThan(0);
  analyzed.close();

  await openSqliteStore(file).close();
  const reopened = new Database(file, { readonly: true });
  try {
    expect(count(reopened, 'sqlite_stat4')).toBe(0);
    expect(count(reopened, 'sqlite_stat1')).toBeGreaterThan(0);
  } finally {
    reopened.close();
  }
});
