// The rules a campaign passes, one function per rule, each answering null (passes) or a finding
// that says why not. The decision stops at the first finding; explain runs them all and words them.
import { type Campaign, INTERRUPTING_KINDS } from '../protocol/campaign.ts';
import { goalKey } from './goals.ts';
import { globalHoldoutBucket, holdoutBucket, isHeldOut } from './holdout.ts';
import type { Profile } from './profile.ts';
import { convertedWithin } from './results.ts';
import { timeOf } from './time.ts';
import type { AccountCapState, CampaignState, CapSnapshot, GuidanceSettings, ThrottleState } from './visitor-state.ts';

export type RuleName = 'status' | 'schedule' | 'page' | 'audience' | 'holdout' | 'global_holdout' | 'frequency' | 'account_caps' | 'throttle';

export type StopReason = 'dismissed' | 'clicked' | 'completed' | 'goal';

export type Finding =
  | { rule: 'status'; status: Campaign['status'] }
  | { rule: 'schedule'; startsAt: string | null; endedAt: string | null }
  | { rule: 'page' }
  | { rule: 'audience' }
  | { rule: 'holdout' | 'global_holdout'; bucket: number; percent: number }
  | { rule: 'frequency'; why: 'stopped'; after: StopReason; at: string }
  | { rule: 'frequency'; why: 'snoozed'; until: string }
  | { rule: 'frequency'; why: 'max_shows'; shown: number; max: number }
  | { rule: 'frequency'; why: 'min_interval'; lastAt: string; hours: number }
  | { rule: 'account_caps'; why: 'max_users'; users: number; max: number }
  | { rule: 'account_caps'; why: 'cool_off'; lastAt: string; hours: number }
  | { rule: 'throttle'; campaignId: string; at: string; hours: number };

const HOUR_MS = 3_600_000;
const hoursBetween = (from: string, now: string) => (timeOf(now) - Date.parse(from)) / HOUR_MS;
const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

export const isInterrupting = (campaign: Campaign) => INTERRUPTING_KINDS.has(campaign.kind);

export function scheduleFinding(campaign: Campaign, now: string): Finding | null {
  const { startAt, endAt } = campaign.schedule;
  if (startAt && timeOf(now) < Date.parse(startAt)) return { rule: 'schedule', startsAt: startAt, endedAt: null };
  if (endAt && timeOf(now) >= Date.parse(endAt)) return { rule: 'schedule', startsAt: null, endedAt: endAt };
  return null;
}

export function holdoutFinding(campaign: Campaign, visitorId: string): Finding | null {
  if (campaign.holdoutPercent <= 0) return null;
  const bucket = holdoutBucket(campaign.id, visitorId);
  return isHeldOut(bucket, campaign.holdoutPercent) ? { rule: 'holdout', bucket, percent: campaign.holdoutPercent } : null;
}

export function globalHoldoutFinding(settings: GuidanceSettings, visitorId: string): Finding | null {
  if (settings.globalHoldoutPercent <= 0) return null;
  const bucket = globalHoldoutBucket(visitorId);
  return isHeldOut(bucket, settings.globalHoldoutPercent) ? { rule: 'global_holdout', bucket, percent: settings.globalHoldoutPercent } : null;
}

/** Which items of a checklist are done: reported by the SDK, or their feature used. */
export function checklistDone(campaign: Campaign, state: CampaignState, profile: Profile): boolean[] {
  return (campaign.items ?? []).map(
    (item) => state.itemsDone.includes(item.id) || (item.feature !== undefined && (profile.userFeatures[item.feature]?.count ?? 0) > 0),
  );
}

/**
 * When the visitor reached the campaign's goal: did its feature or event within its days of first
 * seeing the campaign (as results count a conversion). Ingest records the first time since the
 * first show, for the goal as it was then: a goal changed since has not been reached.
 */
export function goalReachedAt(campaign: Campaign, state: CampaignState): string | null {
  const { goal } = campaign;
  if (!goal || !state.firstShownAt || !state.goalReachedAt || state.reachedGoal !== goalKey(goal)) return null;
  return convertedWithin([state.goalReachedAt], state.firstShownAt, goal.withinDays) ? state.goalReachedAt : null;
}

/**
 * Stop rules and snoozes: the visitor said no, is done, or asked for later. A tour the user
 * started again after it ended (from a launcher or a "start a tour" button) goes on, across pages
 * and reloads, until it ends again: what stopped it was about the earlier run.
 */
export function stopFinding(campaign: Campaign, state: CampaignState, now: string): Finding | null {
  if (campaign.kind === 'tour' && state.tourDoneAt && tourInProgress(state)) return null;
  for (const after of campaign.frequency.stopAfter) {
    let at: string | null = null;
    if (after === 'dismissed') at = state.dismissedAt;
    else if (after === 'clicked') at = state.clickedAt;
    else if (after === 'completed') {
      at = state.completedAt;
      // A checklist whose every item was reported is complete even if its own completion was
      // not. Items done by feature use and not reported yet keep it showing once more, ticked,
      // so the SDK reports each of them (and the checklist) exactly once.
      if (!at && campaign.kind === 'checklist' && campaign.items?.length && campaign.items.every((item) => state.itemsDone.includes(item.id))) at = now;
    } else at = goalReachedAt(campaign, state);
    if (at) return { rule: 'frequency', why: 'stopped', after, at };
  }
  if (state.snoozedUntil && state.snoozedUntil > now) return { rule: 'frequency', why: 'snoozed', until: state.snoozedUntil };
  return null;
}

/** Show limits per visitor: at most maxShows, at least minIntervalHours apart. */
export function showLimitFinding(campaign: Campaign, state: CapSnapshot['state'], now: string): Finding | null {
  const { maxShows, minIntervalHours } = campaign.frequency;
  const shown = Math.max(state.shows, state.reservedShows);
  if (maxShows !== null && shown >= maxShows) return { rule: 'frequency', why: 'max_shows', shown, max: maxShows };
  const lastAt = later(state.lastShownAt, state.lastReservedAt);
  if (minIntervalHours > 0 && lastAt && hoursBetween(lastAt, now) < minIntervalHours) {
    return { rule: 'frequency', why: 'min_interval', lastAt, hours: minIntervalHours };
  }
  return null;
}

/** Account caps: at most maxUsers people of the account; nobody else during the cool-off. */
export function accountCapsFinding(campaign: Campaign, cap: AccountCapState | null, visitorId: string, now: string): Finding | null {
  if (!cap) return null;
  const { maxUsers, coolOffHours } = campaign.accountCaps;
  if (maxUsers !== null && !cap.visitorCounted && cap.users >= maxUsers) return { rule: 'account_caps', why: 'max_users', users: cap.users, max: maxUsers };
  if (coolOffHours > 0 && cap.lastShownAt && cap.lastVisitorId !== visitorId && hoursBetween(cap.lastShownAt, now) < coolOffHours) {
    return { rule: 'account_caps', why: 'cool_off', lastAt: cap.lastShownAt, hours: coolOffHours };
  }
  return null;
}

/** The global throttle: one interrupting message per visitor per period (the same one may show again). */
export function throttleFinding(campaign: Campaign, throttle: ThrottleState | null, settings: GuidanceSettings, now: string): Finding | null {
  if (!isInterrupting(campaign) || settings.throttleHours <= 0 || !throttle || throttle.campaignId === campaign.id) return null;
  if (hoursBetween(throttle.at, now) >= settings.throttleHours) return null;
  return { rule: 'throttle', campaignId: throttle.campaignId, at: throttle.at, hours: settings.throttleHours };
}

export const hasAccountCaps = (campaign: Campaign) => campaign.accountCaps.maxUsers !== null || campaign.accountCaps.coolOffHours > 0;

/** Whether handing the campaign out must be reserved in the store, so concurrent decides cannot exceed a cap. */
export function needsReservation(campaign: Campaign, settings: GuidanceSettings): boolean {
  const { maxShows, minIntervalHours } = campaign.frequency;
  return maxShows !== null || minIntervalHours > 0 || hasAccountCaps(campaign) || (isInterrupting(campaign) && settings.throttleHours > 0);
}

/** The caps a reservation re-checks under lock, on freshly read state. */
export function capsFinding(
  campaign: Campaign,
  snapshot: CapSnapshot,
  visitorId: string,
  settings: GuidanceSettings,
  now: string,
): Finding | null {
  return (
    showLimitFinding(campaign, snapshot.state, now) ??
    accountCapsFinding(campaign, snapshot.account, visitorId, now) ??
    throttleFinding(campaign, snapshot.throttle, settings, now)
  );
}

/** A tour the visitor has started and not finished. */
export const tourInProgress = (state: CampaignState) => state.tourStep !== null && !!state.tourStepAt && state.tourStepAt > (state.tourDoneAt ?? '');

/**
 * Already with the visitor: on screen in this page, or a tour under way. Continuing it is not a
 * new show, so show limits, account caps and the throttle do not apply again.
 */
export function isContinuation(campaign: Campaign, state: CampaignState, showing: ReadonlySet<string> | undefined): boolean {
  if (campaign.kind === 'tour' && tourInProgress(state)) return true;
  return !!showing?.has(campaign.id) && (state.reservedShows > 0 || state.shows > 0);
}
