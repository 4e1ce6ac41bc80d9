// Console users of a workspace. Every query names the workspace, except the sign-in lookup,
// which starts from an email and returns the workspaces it has a login in.
import type { ConsoleRole, ConsoleUser, ConsoleUserInput, ConsoleUserPatch } from '../protocol/console-auth.ts';
import { newId } from '../store/keys.ts';
import type { SqlDb } from '../store/sql.ts';
import { endSessionsOf } from './sessions.ts';

const USER_COLUMNS = 'id, email, role, created_at AS "createdAt", last_login_at AS "lastLoginAt", disabled';

type UserRow = Omit<ConsoleUser, 'disabled'> & { disabled: number };

const toUser = (row: UserRow): ConsoleUser => ({ ...row, disabled: row.disabled === 1 });

/** The new user, or null when the workspace already has a user with this email. */
export async function createConsoleUser(sql: SqlDb, workspaceId: string, input: ConsoleUserInput, passwordHash: string, now: string): Promise<ConsoleUser | null> {
  const user: ConsoleUser = { id: newId(), email: input.email, role: input.role, createdAt: now, lastLoginAt: null, disabled: false };
  const [created] = await sql.batch([
    [
      `INSERT INTO console_users (workspace_id, id, email, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT DO NOTHING`,
      [workspaceId, user.id, user.email, user.role, passwordHash, now],
    ],
  ]);
  return created ? user : null;
}

export async function listConsoleUsers(sql: SqlDb, workspaceId: string): Promise<ConsoleUser[]> {
  const rows = await sql.all<UserRow>(`SELECT ${USER_COLUMNS} FROM console_users WHERE workspace_id = ? ORDER BY email`, [workspaceId]);
  return rows.map(toUser);
}

export async function getConsoleUser(sql: SqlDb, workspaceId: string, id: string): Promise<ConsoleUser | null> {
  const row = await sql.get<UserRow>(`SELECT ${USER_COLUMNS} FROM console_users WHERE workspace_id = ? AND id = ?`, [workspaceId, id]);
  return row ? toUser(row) : null;
}

export interface LoginCandidate {
  workspaceId: string;
  workspaceName: string;
  userId: string;
  email: string;
  role: ConsoleRole;
  passwordHash: string;
}

/** The enabled logins with this (lowercase) email, in one named workspace or in all. */
export async function loginCandidates(sql: SqlDb, email: string, workspaceName?: string): Promise<LoginCandidate[]> {
  return sql.all<LoginCandidate>(
    `SELECT u.workspace_id AS "workspaceId", w.name AS "workspaceName", u.id AS "userId", u.email, u.role, u.password_hash AS "passwordHash"
     FROM console_users u JOIN workspaces w ON w.id = u.workspace_id
     WHERE u.email = ? AND u.disabled = 0${workspaceName === undefined ? '' : ' AND w.name = ?'}
     ORDER BY w.name`,
    workspaceName === undefined ? [email] : [email, workspaceName],
  );
}

export async function passwordHashOf(sql: SqlDb, workspaceId: string, id: string): Promise<string | null> {
  const row = await sql.get<{ hash: string }>('SELECT password_hash AS hash FROM console_users WHERE workspace_id = ? AND id = ?', [workspaceId, id]);
  return row?.hash ?? null;
}

export async function recordLogin(sql: SqlDb, workspaceId: string, id: string, now: string): Promise<void> {
  await sql.batch([['UPDATE console_users SET last_login_at = ? WHERE workspace_id = ? AND id = ?', [now, workspaceId, id]]]);
}

export type PatchOutcome = { user: ConsoleUser } | { refused: 'not_found' | 'last_admin' };

/**
 * Changes role and/or disabled. Refused when it would leave the workspace without an enabled
 * admin: the check is part of the UPDATE, so it holds against a concurrent change on SQLite and
 * within one statement on PostgreSQL. Disabling a user ends their sessions.
 */
export async function updateConsoleUser(sql: SqlDb, workspaceId: string, id: string, patch: ConsoleUserPatch): Promise<PatchOutcome> {
  const current = await getConsoleUser(sql, workspaceId, id);
  if (!current) return { refused: 'not_found' };
  const next: ConsoleUser = { ...current, role: patch.role ?? current.role, disabled: patch.disabled ?? current.disabled };
  const staysAdmin = next.role === 'admin' && !next.disabled ? 1 : 0;
  const [changed] = await sql.batch([
    [
      `UPDATE console_users SET role = ?, disabled = ? WHERE workspace_id = ? AND id = ?
         AND (CAST(? AS INTEGER) = 1 OR NOT (role = 'admin' AND disabled = 0)
              OR EXISTS (SELECT 1 FROM console_users o WHERE o.workspace_id = ? AND o.id <> ? AND o.role = 'admin' AND o.disabled = 0))`,
      [next.role, next.disabled ? 1 : 0, workspaceId, id, staysAdmin, workspaceId, id],
    ],
  ]);
  if (changed) {
    // Sessions already stop at once (they are read with the user's disabled flag); this frees the rows.
    if (next.disabled) await sql.batch([endSessionsOf(workspaceId, id)]);
    return { user: next };
  }
  return { refused: (await getConsoleUser(sql, workspaceId, id)) ? 'last_admin' : 'not_found' };
}

/** Sets a new password hash and ends the user's sessions, except `keepSessionId` (the one that changed it). */
export async function setPasswordHash(sql: SqlDb, workspaceId: string, id: string, hash: string, keepSessionId?: string): Promise<boolean> {
  const [changed] = await sql.batch([
    ['UPDATE console_users SET password_hash = ? WHERE workspace_id = ? AND id = ?', [hash, workspaceId, id]],
    endSessionsOf(workspaceId, id, keepSessionId),
  ]);
  return changed === 1;
}
