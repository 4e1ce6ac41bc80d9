// POST /v1/decide: what this visitor should see on this page view. The engine plans (pure);
// this route reserves capped shows in the store, logs new holdouts and renders the messages.
import { Hono } from 'hono';
import { type Candidate, type DecisionPlan, planDecision } from '../engine/decision.ts';
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
  /**
   * Reserves the capped shows a plan needs, in one go: the interrupting candidates in order until
   * one is counted (or one needs no reservation), and every capped persistent message. Returns
   * what may be shown.
   */
  async function reserve(ws: string, plan: DecisionPlan, input: DecisionInput): Promise<Candidate[]> {
    const { profile, settings, view } = input;
    const interrupting: Candidate[] = [];
    for (const candidate of plan.interrupting) {
      interrupting.push(candidate);
      if (!candidate.reserve) break;
    }
    const needed = [...interrupting, ...plan.persistent].filter((c) => c.reserve).map((c) => c.campaign);
    const byId = new Map(needed.map((c) => [c.id, c]));
    let interruptingTaken = false;
    const counted = await store.reserveShows(
      ws,
      needed.map((campaign) => ({
        campaignId: campaign.id,
        visitorId: profile.visitorId,
        accountId: hasAccountCaps(campaign) ? profile.accountId : null,
        throttled: isInterrupting(campaign) && settings.throttleHours > 0,
        at: view.now,
      })),
      (reservation, snapshot) => {
        const campaign = byId.get(reservation.campaignId)!;
        if (isInterrupting(campaign) && interruptingTaken) return false;
        const allowed = capsFinding(campaign, snapshot, profile.visitorId, settings, view.now) === null;
        if (allowed && isInterrupting(campaign)) interruptingTaken = true;
        return allowed;
      },
    );
    const reserved = new Set(needed.filter((_, i) => counted[i]).map((c) => c.id));
    const shown = (c: Candidate) => !c.reserve || reserved.has(c.campaign.id);
    const first = interrupting.find(shown);
    return [...(first ? [first] : []), ...plan.persistent.filter(shown)];
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
    // Issued together, so a store that groups writes commits both in one transaction.
    const { visitorId, accountId } = profile;
    const [chosen] = await Promise.all([
      reserve(workspace.id, plan, input),
      store.recordHoldouts(workspace.id, plan.heldOut.map((h) => ({ visitorId, accountId, at: input.view.now, ...h }))),
    ]);

    const messages = chosen.map(({ campaign }) => renderMessage(campaign, input)).filter((m): m is DecidedMessage => m !== null);
    return c.json({ messages } satisfies DecideResponse);
  });
}
