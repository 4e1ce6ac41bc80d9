// Group commit: the writes that arrive in the same turn of the event loop — ingest batches, show
// reservations, holdout logs — share one transaction, so a busy server pays for one WAL commit
// per turn instead of one per request. Each caller is still answered only after the transaction
// holding its writes has committed.
//
// Each write runs in a savepoint of its own: one that throws rolls back alone and fails only its
// caller, and the others commit untouched (no write is ever run twice, so callbacks with side
// effects stay correct). The whole group runs synchronously, so a write's read-check-update
// cannot interleave with another one's.
import type Database from 'better-sqlite3';

interface Job {
  write(): unknown;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A function that runs `write` in the next group transaction and resolves with its result once committed. */
export type GroupCommit = <R>(write: () => R) => Promise<R>;

export function groupCommit(db: Database.Database): GroupCommit {
  let pending: Job[] = [];
  // Nested better-sqlite3 transactions are savepoints.
  const inSavepoint = db.transaction((job: Job) => job.write());
  const writeAll = db.transaction((jobs: Job[]) =>
    jobs.map((job): Outcome => {
      try {
        return { ok: true, value: inSavepoint(job) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  function flush() {
    const jobs = pending;
    pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = writeAll.immediate(jobs);
    } catch (error) {
      // The commit itself failed (say, the file is locked by another process past busy_timeout):
      // nothing of the group was written.
      for (const job of jobs) job.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? jobs[i]!.resolve(outcome.value) : jobs[i]!.reject(outcome.error)));
  }

  return <R>(write: () => R) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ write, resolve: resolve as (result: unknown) => void, reject });
      if (pending.length === 1) setImmediate(flush);
    });
}
