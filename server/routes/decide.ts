// POST /v1/decide: what this visitor should see on this page view. The engine plans (pure);
// this route reserves capped shows in the store, logs new holdouts and renders the messages.
import { Hono } from 'hono';
import { type Candidate, planDecision } from '../engine/decision.ts';
import { deviceFromUserAgent } from '../engine/device.ts';
import { checkIdentityToken, TOKEN_PROBLEMS } from '../engine/identity-token.ts';
import { renderMessage } from '../engine/render.ts';
import { capsFinding, hasAccountCaps, isInterrupting } from '../engine/rules.ts';
import type { DecisionInput } from '../engine/visitor-state.ts';
import { ApiError } from '../errors.ts';
import { workspaceForWriteKey } from '../middleware/auth.ts';
import { readJsonBody } from '../middleware/json-body.ts';
import { type DecidedMessage, type DecideResponse, decideRequest } from '../protocol/decide.ts';
import type { Store } from '../store/store.ts';

/** The first language of an Accept-Language header ("pt-BR,pt;q=0.9" → "pt-BR"). */
const firstLanguage = (header: string | undefined) => header?.split(',')[0]?.split(';')[0]?.trim() || undefined;

export function decideRoutes(store: Store) {
  /** Counts the show under the campaign's caps; false when a concurrent decide took the last one. */
  function reserve(ws: string, { campaign, reserve: needed }: Candidate, input: DecisionInput): Promise<boolean> | boolean {
    if (!needed) return true;
    const { profile, settings, view } = input;
    return store.reserveShow(
      ws,
      {
        campaignId: campaign.id,
        visitorId: profile.visitorId,
        accountId: hasAccountCaps(campaign) ? profile.accountId : null,
        throttled: isInterrupting(campaign) && settings.throttleHours > 0,
        at: view.now,
      },
      (snapshot) => capsFinding(campaign, snapshot, profile.visitorId, settings, view.now) === null,
    );
  }

  return new Hono().post('/decide', async (c) => {
    const request = await readJsonBody(c, decideRequest, 'invalid_decide', 64 * 1024);
    const workspace = await workspaceForWriteKey(store, c.req.header('x-uptake-key') ?? request.writeKey);
    // With verification enforced, only a proven user may read (and so learn about) their messages.
    const { identityVerification, verificationSecrets } = workspace.settings;
    if (identityVerification === 'enforce' && request.userId) {
      const problem = checkIdentityToken(request.identityToken, { userId: request.userId, accountId: request.accountId }, verificationSecrets);
      if (problem) throw new ApiError(403, problem, TOKEN_PROBLEMS[problem]);
    }
    const [campaigns, profile] = await Promise.all([store.listCampaigns(workspace.id, { status: 'live' }), store.loadProfile(workspace.id, request)]);
    const input: DecisionInput = {
      profile,
      state: await store.decisionState(workspace.id, profile.visitorId, profile.accountId),
      settings: workspace.settings,
      view: {
        now: new Date().toISOString(),
        url: request.url,
        device: request.device ?? deviceFromUserAgent(c.req.header('user-agent')),
        locale: request.locale ?? firstLanguage(c.req.header('accept-language')),
      },
      showing: new Set(request.showing),
      start: request.start,
    };
    const plan = planDecision(campaigns, input);

    const chosen: Candidate[] = [];
    for (const candidate of plan.interrupting) {
      if (await reserve(workspace.id, candidate, input)) {
        chosen.push(candidate);
        break;
      }
    }
    const persistent = await Promise.all(plan.persistent.map((candidate) => reserve(workspace.id, candidate, input)));
    chosen.push(...plan.persistent.filter((_, i) => persistent[i]));
    if (plan.heldOut.length) {
      const { visitorId, accountId } = profile;
      await store.recordHoldouts(workspace.id, plan.heldOut.map((h) => ({ ...h, visitorId, accountId, at: input.view.now })));
    }

    const messages = chosen.map(({ campaign }) => renderMessage(campaign, input)).filter((m): m is DecidedMessage => m !== null);
    return c.json({ messages } satisfies DecideResponse);
  });
}
