// SQLite's group commit: writes issued in the same turn share one transaction, a write that fails
// loses nothing of its neighbours', and nobody is answered before the commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../server/store/sqlite/group-commit.ts';

describe('SQLite group commit', () => {
  let dir: string;
  let db: Database.Database;
  let reader: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-group-commit-'));
    db = new Database(join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY)');
    reader = new Database(join(dir, 'db.sqlite'), { readonly: true });
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: string) => () => db.prepare('INSERT INTO rows (id) VALUES (?)').run(id).changes;
  const stored = () => reader.prepare('SELECT id FROM rows ORDER BY id').pluck().all();

  it('commits writes of the same turn together and answers each after the commit', async () => {
    const commit = groupCommit(db);
    const seenByReader: unknown[][] = [];
    const writes = ['a', 'b', 'c'].map((id) => commit(insert(id)).then((changes) => (seenByReader.push(stored()), changes)));
    expect(stored()).toEqual([]); // nothing is written before the turn ends
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    // Every caller, when answered, could already read all three rows from another connection.
    expect(seenByReader).toEqual([['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']]);
  });

  it('fails only the write that threw; its neighbours commit and nothing of it remains', async () => {
    const commit = groupCommit(db);
    const failing = commit(() => {
      insert('half')();
      throw new Error('bad request');
    });
    const results = await Promise.allSettled([commit(insert('a')), failing, commit(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad request'));
    expect(stored()).toEqual(['a', 'b']);
  });

  it('runs each write once, even when a neighbour fails', async () => {
    const commit = groupCommit(db);
    let runs = 0;
    await Promise.allSettled([
      commit(() => {
        runs++;
        return insert('a')();
      }),
      commit(insert('a')), // duplicate primary key: throws
    ]);
    expect(runs).toBe(1);
    expect(stored()).toEqual(['a']);
  });

  it('rejects every caller of a group whose commit cannot take the write lock', async () => {
    const other = new Database(join(dir, 'db.sqlite'));
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      const commit = groupCommit(db);
      const results = await Promise.allSettled([commit(insert('a')), commit(insert('b'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(stored()).toEqual([]);
  });
});
