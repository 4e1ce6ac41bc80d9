// /api/v1/settings/keys: the workspace's write and secret keys, and rotating them. Admins only.
import { Hono } from 'hono';
import { adminsOnly, type AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { keyRotation, type WorkspaceKeys } from '../../protocol/console-auth.ts';
import { forgetCachedWorkspaces } from '../../store/read-cache.ts';
import { rotateKey } from '../../store/rotate-key.ts';
import type { Store } from '../../store/store.ts';

export function keyRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .use(adminsOnly('see or rotate keys'))
    .get('/', (c) => {
      const { writeKey, secretKey } = c.var.workspace;
      return c.json({ writeKey, secretKey } satisfies WorkspaceKeys);
    })
    .post('/rotate', async (c) => {
      const { key } = await readJsonBody(c, keyRotation, 'invalid_key_rotation');
      const keys = await rotateKey(store.sql, c.var.workspace.id, key);
      forgetCachedWorkspaces(store);
      return c.json(keys);
    });
}
