// /api/v1/tier-matrix and /api/v1/account-rates: how the accounts under the list's filters spread
// over seat × tenure tiers and over deployment × utilization, for the accounts screen's charts.
// (Not under /accounts/: any account id could be "tier-matrix".)
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { accountRates, tierMatrix } from '../../analytics/account-spread.ts';
import { loadDefinitions } from '../../analytics/definitions.ts';
import { refresherFor } from '../../analytics/refresher.ts';
import { invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import type { Store } from '../../store/store.ts';
import { accountSelectionQuery } from './accounts.ts';

function selectionOf(query: Record<string, string>) {
  const parsed = accountSelectionQuery.safeParse(query);
  if (!parsed.success) throw invalid('invalid_query', parsed.error);
  return parsed.data;
}

export function tierMatrixRoutes(store: Store) {
  const refresher = refresherFor(store);
  return new Hono<AuthedEnv>().get('/', async (c) => {
    const selection = selectionOf(c.req.query());
    await refresher.fresh();
    const ws = c.var.workspace.id;
    return c.json(await tierMatrix(store.sql, ws, (await loadDefinitions(store, ws)).tiers, selection));
  });
}

export function accountRateRoutes(store: Store) {
  const refresher = refresherFor(store);
  return new Hono<AuthedEnv>()
    // 10,000 accounts are ~450 KB of JSON, ~60 KB gzipped: repetitive columns compress well.
    .use(compress())
    .get('/', async (c) => {
      const selection = selectionOf(c.req.query());
      await refresher.fresh();
      return c.json(await accountRates(store.sql, c.var.workspace.id, selection));
    });
}
