// Picks what one visitor sees on one page view. Pure: the store loads the inputs and reserves
// capped shows; this file decides the order. Rules run in this order, and the first that fails
// rules the campaign out: status, schedule, page, audience, holdout, global holdout, frequency,
// account caps, throttle. Then priority, then the most recently changed campaign.
import type { Campaign } from '../protocol/campaign.ts';
import type { DecidedMessage } from '../protocol/decide.ts';
import { matchesPage } from './pages.ts';
import { renderMessage } from './render.ts';
import {
  accountCapsFinding, type Finding, globalHoldoutFinding, holdoutFinding, isContinuation, isInterrupting, needsReservation, type RuleName,
  scheduleFinding, showLimitFinding, stopFinding, throttleFinding,
} from './rules.ts';
import { matchesAudience } from './targeting.ts';
import { type CampaignState, type DecisionInput, NEVER_SEEN, NO_ACCOUNT_SHOWS } from './visitor-state.ts';

export const RULE_ORDER: readonly RuleName[] = ['status', 'schedule', 'page', 'audience', 'holdout', 'global_holdout', 'frequency', 'account_caps', 'throttle'];

export interface Candidate {
  campaign: Campaign;
  /** Must be reserved in the store before it is handed out (it is under a cap). */
  reserve: boolean;
}

export interface DecisionPlan {
  /** Interrupting candidates, best first: the first one whose reservation holds is shown. */
  interrupting: Candidate[];
  /** The best campaign of each persistent kind (banner, checklist, launcher, certification). */
  persistent: Candidate[];
  /** Campaigns this visitor is held out of and that were not logged yet. */
  heldOut: { campaignId: string; reason: 'campaign' | 'global' }[];
}

// Most campaigns fail on page or audience: the same finding object serves them all.
const OFF_PAGE: Finding = Object.freeze({ rule: 'page' });
const OUTSIDE_AUDIENCE: Finding = Object.freeze({ rule: 'audience' });

/** One rule for one campaign: null when it passes. */
export function ruleFinding(rule: RuleName, campaign: Campaign, input: DecisionInput, state: CampaignState, continuation: boolean): Finding | null {
  const { profile, view, settings } = input;
  switch (rule) {
    case 'status':
      return campaign.status === 'live' ? null : { rule, status: campaign.status };
    case 'schedule':
      return scheduleFinding(campaign, view.now);
    case 'page':
      return view.url === undefined || matchesPage(campaign.pages, view.url) ? null : OFF_PAGE;
    case 'audience':
      return matchesAudience(campaign.audience, profile, view) ? null : OUTSIDE_AUDIENCE;
    case 'holdout':
      return holdoutFinding(campaign, profile.visitorId);
    case 'global_holdout':
      return globalHoldoutFinding(settings, profile.visitorId);
    case 'frequency':
      return stopFinding(campaign, state, view.now) ?? (continuation ? null : showLimitFinding(campaign, state, view.now));
    case 'account_caps': {
      if (continuation || !profile.accountId) return null;
      return accountCapsFinding(campaign, input.state.accountCaps.get(campaign.id) ?? NO_ACCOUNT_SHOWS, profile.visitorId, view.now);
    }
    case 'throttle':
      return continuation ? null : throttleFinding(campaign, input.state.throttle, settings, view.now);
  }
}

// The rules that depend only on the campaign and the page view, then those about the visitor:
// most campaigns fail the first ones, before the visitor's state for them is even looked up.
const VIEW_RULES = RULE_ORDER.slice(0, RULE_ORDER.indexOf('audience'));
const VISITOR_RULES = RULE_ORDER.slice(VIEW_RULES.length);

/** The first rule the campaign fails, or null when it may be shown. */
export function firstFinding(campaign: Campaign, input: DecisionInput, state: CampaignState, continuation: boolean, rules = RULE_ORDER): Finding | null {
  for (const rule of rules) {
    const finding = ruleFinding(rule, campaign, input, state, continuation);
    if (finding) return finding;
  }
  return null;
}

/** A tour the user asked for runs when it is live, scheduled now and the user is in its audience. */
function startable(campaign: Campaign, input: DecisionInput): boolean {
  return campaign.kind === 'tour' && campaign.status === 'live' && !scheduleFinding(campaign, input.view.now) && matchesAudience(campaign.audience, input.profile, input.view);
}

/** Higher priority first; among equals, the most recently changed campaign. */
export function byPriority(a: Campaign, b: Campaign): number {
  return b.priority - a.priority || (b.updatedAt > a.updatedAt ? 1 : b.updatedAt < a.updatedAt ? -1 : 0);
}

const candidateOrder = (a: Candidate, b: Candidate) => byPriority(a.campaign, b.campaign);
const order = (list: Candidate[]) => list.sort(candidateOrder);

export function planDecision(campaigns: readonly Campaign[], input: DecisionInput): DecisionPlan {
  const plan: DecisionPlan = { interrupting: [], persistent: [], heldOut: [] };
  const continuing: Candidate[] = [];
  const fresh: Candidate[] = [];
  const persistent = new Map<Campaign['kind'], Candidate>();
  let started: Candidate | undefined;
  for (const campaign of campaigns) {
    if (campaign.id === input.start && startable(campaign, input)) {
      started = { campaign, reserve: false };
      continue;
    }
    if (firstFinding(campaign, input, NEVER_SEEN, false, VIEW_RULES)) continue;
    const state = input.state.campaigns.get(campaign.id) ?? NEVER_SEEN;
    const continuation = isContinuation(campaign, state, input.showing);
    const finding = firstFinding(campaign, input, state, continuation, VISITOR_RULES);
    if (finding) {
      if ((finding.rule === 'holdout' || finding.rule === 'global_holdout') && !state.heldOutAt) {
        plan.heldOut.push({ campaignId: campaign.id, reason: finding.rule === 'holdout' ? 'campaign' : 'global' });
      }
      continue;
    }
    const candidate = { campaign, reserve: !continuation && needsReservation(campaign, input.settings) };
    if (isInterrupting(campaign)) (continuation ? continuing : fresh).push(candidate);
    else {
      const best = persistent.get(campaign.kind);
      if (!best || byPriority(campaign, best.campaign) < 0) persistent.set(campaign.kind, candidate);
    }
  }
  // What the user asked for comes first, then what is already on screen (never swapped for
  // another message mid-page), then the rest by priority.
  plan.interrupting = [...(started ? [started] : []), ...order(continuing), ...order(fresh)];
  plan.persistent = order([...persistent.values()]);
  return plan;
}

/**
 * The whole decision when every reservation succeeds: at most one interrupting message plus the
 * persistent ones. The decide route reserves capped shows between planning and rendering.
 */
export function decide(campaigns: readonly Campaign[], input: DecisionInput): DecidedMessage[] {
  const plan = planDecision(campaigns, input);
  const chosen = [...plan.interrupting.slice(0, 1), ...plan.persistent];
  return chosen.map(({ campaign }) => renderMessage(campaign, input)).filter((m): m is DecidedMessage => m !== null);
}
