// Limits password guessing: at most 5 failed sign-ins per email from one IP address, and 50 per
// IP address, in any 15 minutes. Failures are rows in the database, so the limit holds across
// server instances and restarts.
import { createHash } from 'node:crypto';
import type { SqlDb } from '../store/sql.ts';

/** How far back failures count. 15 minutes. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 50;

const scope = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

function scopes(email: string, ip: string): [scope: string, limit: number][] {
  return [
    [scope('email+ip', email, ip), MAX_FAILURES_PER_EMAIL_AND_IP],
    [scope('ip', ip), MAX_FAILURES_PER_IP],
  ];
}

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function loginRetryAfter(sql: SqlDb, email: string, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  let wait = 0;
  for (const [key, limit] of scopes(email, ip)) {
    // The limit-th newest failure in the window: once it leaves the window, one more try is allowed.
    const row = await sql.get<{ at: string }>(
      'SELECT at FROM console_login_failures WHERE scope = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?',
      [key, since, limit - 1],
    );
    if (row) wait = Math.max(wait, Math.ceil((Date.parse(row.at) + LOGIN_WINDOW_MS - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordLoginFailure(sql: SqlDb, email: string, ip: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await sql.batch([
    // Rows older than the window never count again.
    ['DELETE FROM console_login_failures WHERE at <= ?', [new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString()]],
    ...scopes(email, ip).map(([key]) => ['INSERT INTO console_login_failures (scope, at) VALUES (?, ?)', [key, at]] as const),
  ]);
}

/** After a successful sign-in the email's count from that address starts again; the address's own count stays. */
export async function clearLoginFailures(sql: SqlDb, email: string, ip: string): Promise<void> {
  await sql.batch([['DELETE FROM console_login_failures WHERE scope = ?', [scopes(email, ip)[0]![0]]]]);
}
