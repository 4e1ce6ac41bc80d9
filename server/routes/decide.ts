// POST /v1/decide: what this visitor should see on this page view.
import { Hono } from 'hono';
import { decide } from '../engine/decision.ts';
import { checkIdentityToken, TOKEN_PROBLEMS } from '../engine/identity-token.ts';
import { ApiError } from '../errors.ts';
import { workspaceForWriteKey } from '../middleware/auth.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import type { DecideResponse } from '../protocol/decide.ts';
import { decideRequest } from '../protocol/decide.ts';
import type { Store } from '../store/store.ts';

export function decideRoutes(store: Store) {
  return new Hono().post('/decide', async (c) => {
    const request = await readJsonBody(c, decideRequest, 'invalid_decide', 64 * 1024);
    const workspace = await workspaceForWriteKey(store, c.req.header('x-uptake-key') ?? request.writeKey);
    // With verification enforced, only a proven user may read (and so learn about) their messages.
    const { identityVerification, verificationSecrets } = workspace.settings;
    if (identityVerification === 'enforce' && request.userId) {
      const problem = checkIdentityToken(request.identityToken, { userId: request.userId, accountId: request.accountId }, verificationSecrets);
      if (problem) throw new ApiError(403, problem, TOKEN_PROBLEMS[problem]);
    }
    const [campaigns, profile] = await Promise.all([
      store.listCampaigns(workspace.id, { status: 'live' }),
      store.loadProfile(workspace.id, request),
    ]);
    const states = await store.messageStates(workspace.id, profile.visitorId);
    return c.json({ messages: decide(campaigns, profile, states, request.url) } satisfies DecideResponse);
  });
}
