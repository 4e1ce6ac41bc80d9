// Picks what one visitor sees on one page view. Pure: the store loads the inputs.
import { type Campaign, INTERRUPTING_KINDS } from '../protocol/campaign.ts';
import type { DecidedMessage } from '../protocol/decide.ts';
import type { MessageState, Profile } from './profile.ts';
import { matchesPage } from './pages.ts';
import { matchesAudience } from './targeting.ts';

/** Kinds that take over the user's attention; at most one of them per page view. */
const INTERRUPTING = INTERRUPTING_KINDS;

const NEVER_SHOWN: MessageState = { shows: 0, lastShownAt: null, dismissedAt: null, clickedAt: null, completedAt: null };

/** Whether frequency rules still allow showing the campaign to this visitor. */
export function withinFrequency(campaign: Campaign, state: MessageState = NEVER_SHOWN): boolean {
  const { maxShows, stopAfter } = campaign.frequency;
  if (maxShows !== null && state.shows >= maxShows) return false;
  if (stopAfter.includes('dismissed') && state.dismissedAt) return false;
  if (stopAfter.includes('clicked') && state.clickedAt) return false;
  if (stopAfter.includes('completed') && state.completedAt) return false;
  return true;
}

export function isEligible(campaign: Campaign, profile: Profile, state: MessageState | undefined, url: string): boolean {
  return (
    campaign.status === 'live' &&
    matchesPage(campaign.pages, url) &&
    matchesAudience(campaign.audience, profile) &&
    withinFrequency(campaign, state)
  );
}

/** Higher priority first; among equals, the most recently changed campaign. */
function byPriority(a: Campaign, b: Campaign): number {
  return b.priority - a.priority || b.updatedAt.localeCompare(a.updatedAt);
}

export function decide(
  campaigns: readonly Campaign[],
  profile: Profile,
  states: ReadonlyMap<string, MessageState>,
  url: string,
): DecidedMessage[] {
  const eligible = campaigns.filter((c) => isEligible(c, profile, states.get(c.id), url)).sort(byPriority);
  const messages: DecidedMessage[] = [];
  let interrupting = false;
  for (const campaign of eligible) {
    if (INTERRUPTING.has(campaign.kind)) {
      if (interrupting) continue;
      interrupting = true;
    }
    messages.push({
      campaignId: campaign.id,
      version: campaign.version,
      kind: campaign.kind,
      interrupting: INTERRUPTING.has(campaign.kind),
      ...(campaign.anchor ? { anchor: campaign.anchor } : {}),
      content: campaign.content,
    } as DecidedMessage);
  }
  return messages;
}
