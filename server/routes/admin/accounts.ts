// /api/v1/accounts: the workspace's customer accounts, most recently active first.
import { Hono } from 'hono';
import { z } from 'zod';
import { invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import type { Store } from '../../store/store.ts';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function accountRoutes(store: Store) {
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) throw invalid('invalid_query', query.error);
    const page = await store.listAccounts(c.var.workspace.id, query.data);
    return c.json({ total: page.total, accounts: page.items, ...query.data });
  });
}
