// /api/v1/campaigns: create, read, edit and publish campaigns. Every save is a new version kept
// with who saved it and when (GET /:id/versions). Explain, results and answers: campaign-insights.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, invalid } from '../../errors.ts';
import type { AuthedEnv } from '../../middleware/auth.ts';
import { readJsonBody } from '../../middleware/json-body.ts';
import { type Campaign, type CampaignInput, campaignInput, campaignStatus, inputOf } from '../../protocol/campaign.ts';
import type { CampaignChange, Store } from '../../store/store.ts';
import { campaignInsightRoutes } from './campaign-insights.ts';

/** Rules across fields that the schema alone cannot say. */
function checkConsistency(input: CampaignInput): void {
  if (!input.frequency.stopAfter.includes('goal')) return;
  if (!input.goal) throw new ApiError(400, 'invalid_campaign', 'frequency.stopAfter: "goal" needs a goal; set "goal" or remove it');
}

/** `If-Match: 3` (or `"3"`): apply the change only if the campaign is still at version 3. */
function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) throw new ApiError(400, 'invalid_if_match', `If-Match: expected a campaign version number, got ${header.slice(0, 40)}`);
  return version;
}

const TRANSITIONS = {
  publish: { to: 'live', change: 'published', from: ['draft', 'paused', 'live'] },
  pause: { to: 'paused', change: 'paused', from: ['live', 'paused'] },
  archive: { to: 'archived', change: 'archived', from: ['draft', 'live', 'paused', 'archived'] },
} as const;

export const listQuery = z.object({ status: campaignStatus.optional() });

export function campaignRoutes(store: Store) {
  async function existing(ws: string, id: string): Promise<Campaign> {
    const campaign = await store.getCampaign(ws, id);
    if (!campaign) throw new ApiError(404, 'campaign_not_found', `no campaign ${id} in this workspace`);
    return campaign;
  }

  async function save(ws: string, current: Campaign, input: CampaignInput, change: CampaignChange): Promise<Campaign> {
    const saved = await store.updateCampaign(ws, current.id, input, change);
    if (saved) return saved;
    const now = await existing(ws, current.id);
    throw new ApiError(409, 'version_conflict', `the campaign changed since version ${change.expectedVersion ?? current.version} (now ${now.version}); reload it and apply your change again`);
  }

  const app = new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const query = listQuery.safeParse(c.req.query());
      if (!query.success) throw invalid('invalid_query', query.error);
      return c.json({ campaigns: await store.listCampaigns(c.var.workspace.id, query.data) });
    })
    .post('/', async (c) => {
      const input = await readJsonBody(c, campaignInput, 'invalid_campaign');
      checkConsistency(input);
      return c.json(await store.createCampaign(c.var.workspace.id, input, c.var.actor ?? 'api'), 201);
    })
    .get('/:id', async (c) => c.json(await existing(c.var.workspace.id, c.req.param('id'))))
    .put('/:id', async (c) => {
      const ws = c.var.workspace.id;
      const expected = expectedVersion(c.req.header('if-match'));
      const body = await readJsonBody(c, z.record(z.string(), z.unknown()), 'invalid_campaign');
      const current = await existing(ws, c.req.param('id'));
      if (current.status === 'archived') throw new ApiError(409, 'campaign_archived', 'an archived campaign cannot be edited; create a new one');
      // Editing does not change the status unless the body says so: a live campaign stays live.
      const parsed = campaignInput.safeParse({ ...body, status: body['status'] ?? current.status });
      if (!parsed.success) throw invalid('invalid_campaign', parsed.error);
      checkConsistency(parsed.data);
      return c.json(await save(ws, current, parsed.data, { author: c.var.actor ?? 'api', expectedVersion: expected, change: 'updated' }));
    })
    .get('/:id/versions', async (c) => {
      const ws = c.var.workspace.id;
      await existing(ws, c.req.param('id'));
      return c.json({ versions: await store.campaignVersions(ws, c.req.param('id')) });
    });

  for (const [action, { to, change, from }] of Object.entries(TRANSITIONS)) {
    app.post(`/:id/${action}`, async (c) => {
      const ws = c.var.workspace.id;
      const current = await existing(ws, c.req.param('id'));
      if (!(from as readonly string[]).includes(current.status)) {
        const why = current.status === 'archived' ? 'an archived campaign cannot be published again; create a new one' : `a ${current.status} campaign cannot be paused`;
        throw new ApiError(409, 'invalid_transition', why);
      }
      if (current.status === to) return c.json(current);
      return c.json(await save(ws, current, { ...inputOf(current), status: to }, { author: c.var.actor ?? 'api', expectedVersion: current.version, change }));
    });
  }

  return app.route('/', campaignInsightRoutes(store));
}
