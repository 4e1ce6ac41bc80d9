// What a campaign achieved: exposures and reactions, and goal conversion of exposed users
// against held-out users — per user and per account. Pure: the store hands over who was exposed
// or held out, when, and when each of them did the goal.
import type { Goal } from '../protocol/campaign.ts';
import { describeGoal } from './goals.ts';
import { group, type Group, type Lift, lift } from './lift.ts';

export interface ExposedVisitor {
  visitorId: string;
  accountId: string | null;
  /** First message_shown: only a rendered message counts as an exposure. */
  firstShownAt: string;
  shows: number;
  clicked: boolean;
  dismissed: boolean;
}

export interface HeldOutVisitor {
  visitorId: string;
  accountId: string | null;
  heldOutAt: string;
  reason: 'campaign' | 'global';
}

export interface Arms {
  exposed: ExposedVisitor[];
  /** Never shown the campaign (someone both held out and later shown counts as exposed). */
  heldOut: HeldOutVisitor[];
}

export interface Comparison {
  exposed: Group;
  heldOut: Group;
  lift: Lift;
}

export interface AccountRow {
  accountId: string;
  /** The account's name from its traits; the results route adds it (the engine does not read traits). */
  name?: string | null;
  exposed: Group;
  heldOut: Group;
}

export interface CampaignResults {
  exposures: number;
  uniqueUsers: number;
  clicks: number;
  dismissals: number;
  heldOut: { users: number; byCampaignHoldout: number; byGlobalHoldout: number };
  goal: (Goal & { description: string }) | null;
  /** Goal conversion with each user as a unit; null without a goal. */
  users: Comparison | null;
  /** Each account as a unit: exposed if any of its users was, converted if any of those converted. */
  accounts: Comparison | null;
  perAccount: AccountRow[];
}

const DAY_MS = 86_400_000;

/** Whether any goal time falls in [start, start + withinDays). `times` are ISO strings. */
export function convertedWithin(times: readonly string[] | undefined, start: string, withinDays: number): boolean {
  if (!times) return false;
  const from = Date.parse(start);
  const until = from + withinDays * DAY_MS;
  return times.some((t) => {
    const at = Date.parse(t);
    return at >= from && at < until;
  });
}

export function campaignResults(goal: Goal | null, arms: Arms, goalTimes: ReadonlyMap<string, readonly string[]>): CampaignResults {
  const { exposed, heldOut } = arms;
  const results: CampaignResults = {
    exposures: exposed.reduce((sum, v) => sum + v.shows, 0),
    uniqueUsers: exposed.length,
    clicks: exposed.filter((v) => v.clicked).length,
    dismissals: exposed.filter((v) => v.dismissed).length,
    heldOut: {
      users: heldOut.length,
      byCampaignHoldout: heldOut.filter((v) => v.reason === 'campaign').length,
      byGlobalHoldout: heldOut.filter((v) => v.reason === 'global').length,
    },
    goal: goal ? { ...goal, description: describeGoal(goal) } : null,
    users: null,
    accounts: null,
    perAccount: [],
  };
  if (!goal) return results;

  const exposedConverted = exposed.map((v) => convertedWithin(goalTimes.get(v.visitorId), v.firstShownAt, goal.withinDays));
  const heldOutConverted = heldOut.map((v) => convertedWithin(goalTimes.get(v.visitorId), v.heldOutAt, goal.withinDays));
  const count = (flags: boolean[]) => flags.filter(Boolean).length;
  const users = { exposed: group(exposed.length, count(exposedConverted)), heldOut: group(heldOut.length, count(heldOutConverted)) };
  results.users = { ...users, lift: lift(users.exposed, users.heldOut) };

  // Per account: how many of its users were in each arm and converted.
  const rows = new Map<string, { exposed: [number, number]; heldOut: [number, number] }>();
  const tally = (accountId: string | null, arm: 'exposed' | 'heldOut', converted: boolean) => {
    if (!accountId) return;
    let row = rows.get(accountId);
    if (!row) rows.set(accountId, (row = { exposed: [0, 0], heldOut: [0, 0] }));
    row[arm][0]++;
    if (converted) row[arm][1]++;
  };
  exposed.forEach((v, i) => tally(v.accountId, 'exposed', exposedConverted[i]!));
  heldOut.forEach((v, i) => tally(v.accountId, 'heldOut', heldOutConverted[i]!));
  results.perAccount = [...rows]
    .map(([accountId, row]) => ({ accountId, exposed: group(...row.exposed), heldOut: group(...row.heldOut) }))
    .sort((a, b) => b.exposed.users - a.exposed.users || b.heldOut.users - a.heldOut.users || (a.accountId < b.accountId ? -1 : 1));

  // An account with any exposed user is exposed; held out only if none of its users was shown it.
  const exposedAccounts = results.perAccount.filter((r) => r.exposed.users > 0);
  const heldOutAccounts = results.perAccount.filter((r) => r.exposed.users === 0 && r.heldOut.users > 0);
  const accounts = {
    exposed: group(exposedAccounts.length, exposedAccounts.filter((r) => r.exposed.converted > 0).length),
    heldOut: group(heldOutAccounts.length, heldOutAccounts.filter((r) => r.heldOut.converted > 0).length),
  };
  results.accounts = { ...accounts, lift: lift(accounts.exposed, accounts.heldOut) };
  return results;
}
