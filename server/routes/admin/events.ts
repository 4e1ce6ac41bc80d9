// /api/v1/events: the latest events, so a product team can see its tracking arrive.
import { Hono } from 'hono';
import { z } from 'zod';
import { invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import type { Store } from '../../store/store.ts';

export const recentEventsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export function eventRoutes(store: Store) {
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const parsed = recentEventsQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalid('invalid_query', parsed.error);
    return c.json({ events: await store.recentEvents(c.var.workspace.id, parsed.data.limit) });
  });
}
