// Console sessions. The cookie carries a random 32-byte token; the database keeps only its
// SHA-256, so reading the table does not let anyone sign in. A session lasts 12 hours from its
// last use and never more than 7 days from sign-in.
import { createHash, randomBytes } from 'node:crypto';
import type { ConsoleRole } from '../protocol/console-auth.ts';
import { toWorkspace, type WorkspaceRow } from '../store/rows.ts';
import type { SqlDb, Statement } from '../store/sql.ts';
import type { Workspace } from '../store/store.ts';

/** The current time; tests pass their own to move it. */
export type Clock = () => Date;

/** A session ends after this long without a request. 12 hours. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** …and this long after sign-in whatever happens. 7 days. */
export const SESSION_MAX_MS = 7 * 86_400_000;
/** Extending the expiry is a write: do it at most once a minute per session. */
const EXTEND_STEP_MS = 60_000;

export interface ConsoleSession {
  /** SHA-256 of the token: the row's id. */
  id: string;
  workspace: Workspace;
  user: { id: string; email: string; role: ConsoleRole };
  csrfToken: string;
  expiresAt: string;
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens are 32 random bytes as base64url; anything else is refused before a query. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export async function startSession(
  sql: SqlDb,
  who: { workspaceId: string; userId: string; userAgent: string },
  now: Date,
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sessionId(token);
  const at = now.toISOString();
  await sql.batch([
    // Expired rows of every workspace go whenever somebody signs in; the index makes it cheap.
    ['DELETE FROM console_sessions WHERE expires_at <= ?', [at]],
    [
      'INSERT INTO console_sessions (id, workspace_id, user_id, csrf_token, created_at, expires_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [id, who.workspaceId, who.userId, csrfToken, at, new Date(now.getTime() + SESSION_IDLE_MS).toISOString(), who.userAgent.slice(0, 300)],
    ],
  ]);
  return { token, csrfToken, id };
}

type SessionRow = WorkspaceRow & { sessionId: string; csrfToken: string; createdAt_: string; expiresAt: string; userId: string; email: string; role: ConsoleRole };

/** The live session behind a cookie token, extending its expiry; null when unknown, expired or its user is disabled. */
export async function findSession(sql: SqlDb, token: string, now: Date): Promise<ConsoleSession | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const at = now.toISOString();
  const row = await sql.get<SessionRow>(
    `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.created_at AS "createdAt_", s.expires_at AS "expiresAt",
            u.id AS "userId", u.email, u.role,
            w.id, w.name, w.write_key AS "writeKey", w.secret_key AS "secretKey", w.created_at AS "createdAt", w.settings
     FROM console_sessions s
     JOIN console_users u ON u.workspace_id = s.workspace_id AND u.id = s.user_id AND u.disabled = 0
     JOIN workspaces w ON w.id = s.workspace_id
     WHERE s.id = ? AND s.expires_at > ?`,
    [sessionId(token), at],
  );
  if (!row) return null;
  const idleEnd = now.getTime() + SESSION_IDLE_MS;
  const hardEnd = Date.parse(row.createdAt_) + SESSION_MAX_MS;
  let expiresAt = row.expiresAt;
  if (Date.parse(expiresAt) < Math.min(idleEnd - EXTEND_STEP_MS, hardEnd)) {
    expiresAt = new Date(Math.min(idleEnd, hardEnd)).toISOString();
    await sql.batch([['UPDATE console_sessions SET expires_at = ? WHERE id = ?', [expiresAt, row.sessionId]]]);
  }
  const { sessionId: id, csrfToken, userId, email, role, createdAt_: _signedInAt, expiresAt: _old, ...workspace } = row;
  return { id, workspace: toWorkspace(workspace)!, user: { id: userId, email, role }, csrfToken, expiresAt };
}

export async function endSession(sql: SqlDb, id: string): Promise<void> {
  await sql.batch([['DELETE FROM console_sessions WHERE id = ?', [id]]]);
}

/** Ends every session of one user, except `exceptId`. */
export function endSessionsOf(workspaceId: string, userId: string, exceptId?: string): Statement {
  return exceptId
    ? ['DELETE FROM console_sessions WHERE workspace_id = ? AND user_id = ? AND id <> ?', [workspaceId, userId, exceptId]]
    : ['DELETE FROM console_sessions WHERE workspace_id = ? AND user_id = ?', [workspaceId, userId]];
}
