// /api/v1/events: the latest events, so a product team can see its tracking arrive, and the
// latest problems with what browsers sent, so it can see why an event did not.
import { Hono } from 'hono';
import { z } from 'zod';
import { invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import type { Store } from '../../store/store.ts';

const limit = z.coerce.number().int().min(1).max(500).default(50);
export const recentEventsQuery = z.object({ limit, visitor: z.string().trim().min(1).max(200).optional() });
export const ingestProblemsQuery = z.object({ limit });

export function eventRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const parsed = recentEventsQuery.safeParse(c.req.query());
      if (!parsed.success) throw invalid('invalid_query', parsed.error);
      return c.json({ events: await store.recentEvents(c.var.workspace.id, parsed.data.limit, parsed.data.visitor) });
    })
    .get('/problems', async (c) => {
      const parsed = ingestProblemsQuery.safeParse(c.req.query());
      if (!parsed.success) throw invalid('invalid_query', parsed.error);
      return c.json({ problems: await store.ingestProblems(c.var.workspace.id, parsed.data.limit) });
    });
}
