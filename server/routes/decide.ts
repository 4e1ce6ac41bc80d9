// POST /v1/decide: what this visitor should see on this page view.
import { Hono } from 'hono';
import { decide } from '../engine/decision.ts';
import { workspaceForWriteKey } from '../middleware/auth.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import type { DecideResponse } from '../protocol/decide.ts';
import { decideRequest } from '../protocol/decide.ts';
import type { Store } from '../store/store.ts';

export function decideRoutes(store: Store) {
  return new Hono().post('/decide', async (c) => {
    const request = await readJsonBody(c, decideRequest, 'invalid_decide');
    const workspace = await workspaceForWriteKey(store, c.req.header('x-uptake-key') ?? request.writeKey);
    const [campaigns, profile] = await Promise.all([
      store.listCampaigns(workspace.id, { status: 'live' }),
      store.loadProfile(workspace.id, request),
    ]);
    const states = await store.messageStates(workspace.id, profile.visitorId);
    return c.json({ messages: decide(campaigns, profile, states, request.url) } satisfies DecideResponse);
  });
}
