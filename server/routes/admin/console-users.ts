// /api/v1/console-users: who may sign in to the console, and with which role. Admins only.
import { Hono } from 'hono';
import { hashPassword, oneTimePassword } from '../../console-auth/password.ts';
import { createLogin } from '../../console-auth/create-login.ts';
import { getConsoleUser, listConsoleUsers, setPasswordHash, updateConsoleUser } from '../../console-auth/users.ts';
import { ApiError } from '../../errors.ts';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { consoleUserInput, consoleUserPatch, type OneTimePassword } from '../../protocol/console-auth.ts';
import type { Store } from '../../store/store.ts';

const notFound = (id: string) => new ApiError(404, 'console_user_not_found', `this workspace has no console user ${id.slice(0, 100)}`);

export function consoleUserRoutes(store: Store) {
  const { sql } = store;
  return new Hono<AuthedEnv>()
    .use(adminsOnly('manage console users'))
    .get('/', async (c) => c.json({ users: await listConsoleUsers(sql, c.var.workspace.id) }))
    .post('/', async (c) => {
      const input = await readJsonBody(c, consoleUserInput, 'invalid_console_user');
      const created = await createLogin(sql, c.var.workspace.id, input);
      if (!created) throw new ApiError(409, 'email_taken', `${input.email} already has a login in this workspace`);
      return c.json(created, 201);
    })
    .patch('/:id', async (c) => {
      const id = c.req.param('id');
      const patch = await readJsonBody(c, consoleUserPatch, 'invalid_console_user');
      const outcome = await updateConsoleUser(sql, c.var.workspace.id, id, patch);
      if ('user' in outcome) return c.json(outcome.user);
      if (outcome.refused === 'not_found') throw notFound(id);
      throw new ApiError(409, 'last_admin', 'the workspace needs at least one enabled admin; make someone else admin first');
    })
    .post('/:id/reset-password', async (c) => {
      const id = c.req.param('id');
      const password = oneTimePassword();
      // The user's sessions end: whoever had the old password is signed out.
      if (!(await setPasswordHash(sql, c.var.workspace.id, id, await hashPassword(password)))) throw notFound(id);
      return c.json({ user: (await getConsoleUser(sql, c.var.workspace.id, id))!, password } satisfies OneTimePassword);
    });
}
