// Gives someone a console login: the one way users are created, by the API, the CLI and the demo.
import type { ConsoleUserInput, OneTimePassword } from '../protocol/console-auth.ts';
import type { SqlDb } from '../store/sql.ts';
import { hashPassword, oneTimePassword } from './password.ts';
import { createConsoleUser } from './users.ts';

/** The user and the password to hand over (a fresh one-time password unless given); null when the email is taken in this workspace. */
export async function createLogin(sql: SqlDb, workspaceId: string, input: ConsoleUserInput, password = oneTimePassword()): Promise<OneTimePassword | null> {
  const user = await createConsoleUser(sql, workspaceId, input, await hashPassword(password), new Date().toISOString());
  return user ? { user, password } : null;
}
