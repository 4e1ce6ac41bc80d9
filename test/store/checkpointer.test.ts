// A server's SQLite store checkpoints the WAL from a worker thread: commits on the event loop only
// append to the WAL, and what they wrote still reaches the database file within a moment.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'uptake-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The workspaces in the database file alone, as if the WAL were lost. */
function workspacesInMainFile(file: string): string[] {
  const copy = join(dir, 'copy.db');
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare('SELECT name FROM workspaces ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
}

it('copies committed writes into the database file in the background, not inside commits', async () => {
  const file = join(dir, 'uptake.db');
  const store = openSqliteStore(file, { backgroundCheckpoints: true });
  try {
    expect(await store.sql.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 0 });
    await store.createWorkspace('Acme');
    await store.createWorkspace('Globex');
    await expect.poll(() => workspacesInMainFile(file), { timeout: 5000, interval: 100 }).toEqual(['Acme', 'Globex']);
  } finally {
    await store.close();
  }
});

it('keeps SQLite’s own checkpoints when no worker runs them', async () => {
  const store = openSqliteStore(join(dir, 'plain.db'));
  try {
    expect(await store.sql.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 10000 });
  } finally {
    await store.close();
  }
});
