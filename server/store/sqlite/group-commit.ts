// Group commit: ingest requests that arrive in the same turn of the event loop share one
// transaction, so a busy server pays for one WAL commit per turn instead of one per request.
// Each caller is still answered only after the transaction holding its events has committed.
import type Database from 'better-sqlite3';

interface Job<A, R> {
  args: A;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export function groupCommit<A, R>(db: Database.Database, write: (args: A) => R): (args: A) => Promise<R> {
  let pending: Job<A, R>[] = [];
  const writeAll = db.transaction((jobs: Job<A, R>[]) => jobs.map((job) => write(job.args)));
  const writeOne = db.transaction((args: A) => write(args));

  function flush() {
    const jobs = pending;
    pending = [];
    let results: R[];
    try {
      results = writeAll(jobs);
    } catch {
      // Something in the group failed and the whole transaction rolled back; retry each job
      // alone so one bad request cannot fail its neighbours.
      for (const job of jobs) {
        try {
          job.resolve(writeOne(job.args));
        } catch (error) {
          job.reject(error);
        }
      }
      return;
    }
    jobs.forEach((job, i) => job.resolve(results[i]!));
  }

  return (args: A) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ args, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
    });
}
