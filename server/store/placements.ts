// Analytics placement of every user at once, for audience estimates: the same rows loadProfile
// reads one at a time (user_metrics, account_metrics), joined here in memory.
import { type PlacementRow, toPlacement } from '../analytics/placement.ts';
import type { ProfileAnalytics } from '../engine/profile.ts';

export type UserPlacement = Pick<PlacementRow, 'userStage' | 'userBody'> & { id: string };
export type AccountPlacement = Pick<PlacementRow, 'accountStage' | 'healthColour' | 'seatTier' | 'tenureTier'> & { id: string };

const NO_USER = { userStage: null, userBody: null };
const NO_ACCOUNT = { accountStage: null, healthColour: null, seatTier: null, tenureTier: null };

export function placements(users: UserPlacement[], accounts: AccountPlacement[]) {
  const byUser = new Map(users.map(({ id, ...row }) => [id, row]));
  const byAccount = new Map(accounts.map(({ id, ...row }) => [id, row]));
  return (userId: string, accountId: string | null): ProfileAnalytics | undefined =>
    toPlacement({ ...(byUser.get(userId) ?? NO_USER), ...((accountId && byAccount.get(accountId)) || NO_ACCOUNT) });
}
