// Runs work in one transaction on one pooled connection, retrying when PostgreSQL aborted it
// only because of a concurrent transaction (deadlock, serialization failure).
import { createHash } from 'node:crypto';
import type pg from 'pg';

const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

const retryable = (error: unknown) => RETRYABLE.has((error as { code?: string }).code ?? '');

/** Runs one statement (atomic on its own), again when a concurrent transaction made it fail. */
export async function retrying<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if (attempt >= ATTEMPTS || !retryable(error)) throw error;
    }
  }
}

export async function inTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      tx.release();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is broken: the pool must not hand it out again.
      const rolledBack = await tx.query('ROLLBACK').then(() => true, () => false);
      tx.release(!rolledBack);
      if (attempt >= ATTEMPTS || !retryable(error)) throw error;
    }
  }
}

const names = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection instead of on every call: ingest's
 * statements are long, and planning them cost more than running them. Named by their text.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) names.set(text, (name = `uptake_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return { name, text, values };
}
