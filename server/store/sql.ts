// One small SQL surface both databases implement, so modules whose queries are plain portable
// SQL (analytics, webhooks…) are written once. Placeholders are `?`; the PostgreSQL adapter
// numbers them. Times are ISO-8601 text and JSON is text in both databases.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { inTransaction } from './postgres/transaction.ts';

export type Statement = readonly [sql: string, params?: readonly unknown[]];

export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Visits rows as arrays, streaming where the database allows: for reads of millions of rows. */
  each(sql: string, params: readonly unknown[], visit: (row: unknown[]) => void): Promise<void>;
  /** Runs the statements in one transaction, in order; resolves to the rows each changed. */
  batch(statements: readonly Statement[]): Promise<number[]>;
}

/**
 * An aggregate gathering each group's rows into one JSON array of arrays. Reading one row per
 * subject instead of one per counter: a row handed to JavaScript costs far more than its bytes.
 */
export function jsonRows(dialect: SqlDb['dialect'], columns: readonly string[]): string {
  return dialect === 'sqlite' ? `json_group_array(json_array(${columns.join(', ')}))` : `json_agg(json_build_array(${columns.join(', ')}))`;
}

/** A top-level text field of a column holding JSON as text, e.g. a campaign's name inside its definition. `field` is ours, never input. */
export function jsonText(dialect: SqlDb['dialect'], column: string, field: string): string {
  return dialect === 'sqlite' ? `json_extract(${column}, '$.${field}')` : `(${column}::json ->> '${field}')`;
}

/** `text` inside a LIKE pattern (with `ESCAPE '\\'`), matched literally. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A JSON value as read: SQLite returns the text, PostgreSQL's driver the parsed value. */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** `?` → `$1, $2…` (our SQL never holds a literal question mark). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function sqliteDb(db: Database.Database): SqlDb {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const run = db.transaction((statements: readonly Statement[]) =>
    statements.map(([sql, params = []]) => prepare(sql).run(...params).changes),
  );
  return {
    dialect: 'sqlite',
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return prepare(sql).raw(false).all(...params) as T[];
    },
    async get<T>(sql: string, params: readonly unknown[] = []) {
      return prepare(sql).raw(false).get(...params) as T | undefined;
    },
    async each(sql, params, visit) {
      for (const row of prepare(sql).raw(true).iterate(...params)) visit(row as unknown[]);
    },
    async batch(statements) {
      return run(statements);
    },
  };
}

export function postgresDb(pool: pg.Pool): SqlDb {
  const text = new Map<string, string>();
  const numbered = (sql: string) => {
    let out = text.get(sql);
    if (out === undefined) text.set(sql, (out = numberPlaceholders(sql)));
    return out;
  };
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(numbered(sql), params as unknown[])).rows as T[];
    },
    async get<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(numbered(sql), params as unknown[])).rows[0] as T | undefined;
    },
    async each(sql, params, visit) {
      const { rows } = await pool.query({ text: numbered(sql), values: params as unknown[], rowMode: 'array' });
      for (const row of rows) visit(row as unknown[]);
    },
    batch(statements) {
      return inTransaction(pool, async (tx) => {
        const changed: number[] = [];
        for (const [sql, params = []] of statements) changed.push((await tx.query(numbered(sql), params as unknown[])).rowCount ?? 0);
        return changed;
      });
    },
  };
}
