// /api/v1/campaigns: list and create campaigns.
import { Hono } from 'hono';
import { readJsonBody } from '../../middleware/json-body.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { campaignInput } from '../../protocol/campaign.ts';
import type { Store } from '../../store/store.ts';

export function campaignRoutes(store: Store) {
  return new Hono<AuthedEnv>()
    .get('/', async (c) => c.json({ campaigns: await store.listCampaigns(c.var.workspace.id) }))
    .post('/', async (c) => {
      const input = await readJsonBody(c, campaignInput, 'invalid_campaign');
      return c.json(await store.createCampaign(c.var.workspace.id, input), 201);
    });
}
