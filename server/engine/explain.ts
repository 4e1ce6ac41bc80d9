// "Why doesn't this customer see my campaign?": every rule of the decision, in order, with
// whether it passed for this visitor and a reason in words. Uses the decision's own rule
// functions, so the explanation cannot drift from what decide does.
import type { Campaign } from '../protocol/campaign.ts';
import { byPriority, planDecision, RULE_ORDER, ruleFinding } from './decision.ts';
import { type AudienceLine, explainAudience } from './explain-audience.ts';
import { describeGoal } from './goals.ts';
import { globalHoldoutBucket, holdoutBucket } from './holdout.ts';
import { matchesPathPattern } from '../protocol/path-pattern.ts';
import { pathOf } from './pages.ts';
import { type Finding, isContinuation, isInterrupting, type RuleName, tourInProgress } from './rules.ts';
import { type CampaignState, type DecisionInput, NEVER_SEEN, NO_ACCOUNT_SHOWS } from './visitor-state.ts';

export interface ExplainedRule {
  rule: RuleName | 'priority';
  passed: boolean;
  reason: string;
  /** The audience rule's conditions, one line each. */
  conditions?: AudienceLine[];
}

export interface Explanation {
  campaignId: string;
  visitorId: string;
  accountId: string | null;
  /** True when every rule passes: decide would hand it out now (caps permitting at that instant). */
  shown: boolean;
  rules: ExplainedRule[];
}

const percent = (n: number) => `${Number(n.toFixed(2))}%`;
const ago = (at: string, now: string) => {
  const hours = (Date.parse(now) - Date.parse(at)) / 3_600_000;
  return hours < 48 ? `${Number(hours.toFixed(1))} h ago` : `${Math.floor(hours / 24)} days ago`;
};
const times = (n: number) => (n === 1 ? '1 time' : `${n} times`);

function failed(finding: Finding, campaign: Campaign, input: DecisionInput, names: ReadonlyMap<string, string>): string {
  const now = input.view.now;
  switch (finding.rule) {
    case 'status':
      return finding.status === 'draft' ? 'the campaign is a draft' : `the campaign is ${finding.status}`;
    case 'schedule':
      return finding.startsAt ? `scheduled to start at ${finding.startsAt}` : `the schedule ended at ${finding.endedAt}`;
    case 'page': {
      const path = pathOf(input.view.url!);
      const excluded = campaign.pages.exclude.find((p) => matchesPathPattern(p, path));
      return excluded ? `page ${path} is excluded (${excluded})` : `page ${path} is not one of ${campaign.pages.include.join(', ')}`;
    }
    case 'audience':
      return 'not in the audience';
    case 'holdout':
      return `held out (${percent(finding.bucket)} < ${percent(finding.percent)})`;
    case 'global_holdout':
      return `in the workspace's global holdout (${percent(finding.bucket)} < ${percent(finding.percent)})`;
    case 'frequency':
      if (finding.why === 'stopped') {
        return finding.after === 'goal' ? `reached the goal (${describeGoal(campaign.goal!)} of the first show) at ${finding.at}` : `${finding.after} at ${finding.at}`;
      }
      if (finding.why === 'snoozed') return `snoozed until ${finding.until}`;
      if (finding.why === 'max_shows') return `shown ${finding.shown} of max ${finding.max} times`;
      return `last shown ${ago(finding.lastAt, now)}; needs ${finding.hours} h between shows`;
    case 'account_caps':
      return finding.why === 'max_users'
        ? `${finding.users} of max ${finding.max} users of account ${input.profile.accountId} were already shown it`
        : `another user of account ${input.profile.accountId} was shown it ${ago(finding.lastAt, now)} (cool-off ${finding.hours} h)`;
    case 'throttle':
      return `another interrupting message (${names.get(finding.campaignId) ?? finding.campaignId}) was shown ${ago(finding.at, now)}; at most one per ${finding.hours} h`;
  }
}

function passed(rule: RuleName, campaign: Campaign, input: DecisionInput, state: CampaignState, continuation: boolean): string {
  const { view, settings, profile } = input;
  switch (rule) {
    case 'status':
      return 'the campaign is live';
    case 'schedule':
      return campaign.schedule.startAt || campaign.schedule.endAt ? 'inside its schedule' : 'no schedule';
    case 'page':
      if (view.url === undefined) {
        const { include, exclude } = campaign.pages;
        return `not checked: no url given (shows on ${include.length ? include.join(', ') : 'every page'}${exclude.length ? `, not on ${exclude.join(', ')}` : ''})`;
      }
      return `page ${pathOf(view.url)} matches the page rules`;
    case 'audience':
      return 'in the audience';
    case 'holdout':
      return campaign.holdoutPercent > 0
        ? `not held out (${percent(holdoutBucket(campaign.id, profile.visitorId))} ≥ ${percent(campaign.holdoutPercent)})`
        : 'no holdout';
    case 'global_holdout':
      return settings.globalHoldoutPercent > 0
        ? `not in the global holdout (${percent(globalHoldoutBucket(profile.visitorId))} ≥ ${percent(settings.globalHoldoutPercent)})`
        : 'the workspace has no global holdout';
    case 'frequency': {
      const shown = Math.max(state.shows, state.reservedShows);
      const limit = campaign.frequency.maxShows === null ? `shown ${times(shown)}, no limit` : `shown ${shown} of max ${campaign.frequency.maxShows} times`;
      return continuation ? `${limit}; ${tourInProgress(state) && campaign.kind === 'tour' ? 'tour in progress' : 'already on screen'}` : limit;
    }
    case 'account_caps': {
      const { maxUsers, coolOffHours } = campaign.accountCaps;
      if (maxUsers === null && coolOffHours <= 0) return 'no account caps';
      if (!profile.accountId) return 'no account known for this visitor: account caps do not apply';
      const cap = input.state.accountCaps.get(campaign.id) ?? NO_ACCOUNT_SHOWS;
      return maxUsers === null ? `no other user of account ${profile.accountId} was shown it in the last ${coolOffHours} h` : `${cap.users} of max ${maxUsers} users of account ${profile.accountId} were shown it`;
    }
    case 'throttle':
      if (!isInterrupting(campaign)) return 'persistent messages are not throttled';
      return settings.throttleHours > 0 ? `no other interrupting message in the last ${settings.throttleHours} h` : 'the workspace sets no throttle';
  }
}

/** Where the campaign ranks against the other live campaigns this visitor could see now. */
function priorityRule(campaign: Campaign, others: readonly Campaign[], input: DecisionInput): ExplainedRule {
  const plan = planDecision(others.filter((c) => c.id !== campaign.id), input);
  const rivals = isInterrupting(campaign) ? plan.interrupting : plan.persistent.filter((c) => c.campaign.kind === campaign.kind);
  const rival = rivals[0]?.campaign;
  if (!rival) return { rule: 'priority', passed: true, reason: `no other ${isInterrupting(campaign) ? 'interrupting' : campaign.kind} message competes here` };
  const state = input.state.campaigns.get(rival.id) ?? NEVER_SEEN;
  if (isInterrupting(campaign) && isContinuation(rival, state, input.showing)) {
    return { rule: 'priority', passed: false, reason: `"${rival.name}" is already on screen and stays` };
  }
  return byPriority(campaign, rival) < 0
    ? { rule: 'priority', passed: true, reason: `ranks above "${rival.name}" (priority ${rival.priority})` }
    : { rule: 'priority', passed: false, reason: `outranked by "${rival.name}" (priority ${rival.priority} vs ${campaign.priority})` };
}

/** Every rule for one campaign and one visitor; `live` are the campaigns it competes with. */
export function explainCampaign(campaign: Campaign, live: readonly Campaign[], input: DecisionInput): Explanation {
  const state = input.state.campaigns.get(campaign.id) ?? NEVER_SEEN;
  const continuation = isContinuation(campaign, state, input.showing);
  const names = new Map(live.map((c) => [c.id, c.name]));
  const rules: ExplainedRule[] = RULE_ORDER.map((rule) => {
    const finding = ruleFinding(rule, campaign, input, state, continuation);
    const explained: ExplainedRule = {
      rule,
      passed: !finding,
      reason: finding ? failed(finding, campaign, input, names) : passed(rule, campaign, input, state, continuation),
    };
    if (rule === 'audience') explained.conditions = explainAudience(campaign.audience, input.profile, input.view);
    return explained;
  });
  rules.push(priorityRule(campaign, live, input));
  return {
    campaignId: campaign.id,
    visitorId: input.profile.visitorId,
    accountId: input.profile.accountId,
    shown: rules.every((r) => r.passed),
    rules,
  };
}
