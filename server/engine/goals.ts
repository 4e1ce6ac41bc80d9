// Campaign goals as ingest records them: which live or paused campaigns' goal an event does (a
// paused campaign may be published again, and a goal reached meanwhile must still stop it). The
// store keeps, per visitor and campaign, the first time the goal was done since the first show,
// named by the goal's key, so "stop after goal reached" never scans events at decide time, and a
// hit recorded for a campaign's earlier goal never counts for a new one.
import type { Campaign, Goal } from '../protocol/campaign.ts';
import type { TrackedEvent } from '../protocol/events.ts';
import type { GoalHit } from '../store/store.ts';

/** Names a goal: "feature:reminders", "event:Invoice Sent". */
export const goalKey = (goal: Goal): string => (goal.type === 'feature' ? `feature:${goal.feature}` : `event:${goal.event}`);

/** The goal in words, as results and explain show it. */
export const describeGoal = (goal: Goal): string =>
  `${goal.type === 'feature' ? `used feature ${goal.feature}` : `sent event "${goal.event}"`} within ${goal.withinDays} days`;

/** Campaigns with a goal, keyed by what does it, so each event costs two map lookups. */
export interface GoalIndex {
  byEvent: Map<string, GoalHit[]>;
  byFeature: Map<string, GoalHit[]>;
  byCampaign: Map<string, Goal>;
}

// Ingest asks for every request; the store's read cache hands back the same lists for a while.
const built = new WeakMap<readonly Campaign[], { paused: readonly Campaign[]; index: GoalIndex }>();

export function goalIndex(live: readonly Campaign[], paused: readonly Campaign[] = []): GoalIndex {
  const hit = built.get(live);
  if (hit?.paused === paused) return hit.index;
  const index = buildGoalIndex([...live, ...paused]);
  built.set(live, { paused, index });
  return index;
}

function buildGoalIndex(campaigns: readonly Campaign[]): GoalIndex {
  const index: GoalIndex = { byEvent: new Map(), byFeature: new Map(), byCampaign: new Map() };
  for (const { id, goal } of campaigns) {
    if (!goal) continue;
    index.byCampaign.set(id, goal);
    const [map, name] = goal.type === 'event' ? [index.byEvent, goal.event] : [index.byFeature, goal.feature];
    const hits = map.get(name);
    const hit = { campaignId: id, goal: goalKey(goal) };
    if (hits) hits.push(hit);
    else map.set(name, [hit]);
  }
  return index;
}

/** The goals an event does: a track event by its name, any event by the features it counts toward. */
export function goalHits(event: TrackedEvent, features: readonly string[], index: GoalIndex): GoalHit[] {
  const hits = event.type === 'track' ? (index.byEvent.get(event.event) ?? []) : [];
  const byFeature = features.flatMap((feature) => index.byFeature.get(feature) ?? []);
  return byFeature.length ? [...hits, ...byFeature] : hits;
}

/**
 * Ingest records a goal as reached only for a visitor already shown the campaign, so a show that
 * reaches the server after the goal (sent from another tab, or by a browser back online) must look
 * back at what the visitor did meanwhile: the feature's usage counters, or for an event goal the
 * goal marks ingest keeps (first and last time per visitor). What a show looks back for: its
 * campaign's goal, and the feature whose counters tell (null: the goal's marks).
 */
export function goalLookback(campaignId: string, index: GoalIndex): { goal: string; feature: string | null } | null {
  const goal = index.byCampaign.get(campaignId);
  return goal ? { goal: goalKey(goal), feature: goal.type === 'feature' ? goal.feature : null } : null;
}

/** Event goals are marked per visitor when done; feature goals are already counted as feature use. */
export const isMarkedGoal = (key: string): boolean => key.startsWith('event:');

/**
 * When the goal was done at or after the first show, from the first and last time it was done:
 * the first when every time came after the show, else somewhere up to the last, which then
 * stands for it (null: never since the show).
 */
export function doneSinceShow(done: { first: string; last: string } | undefined, firstShownAt: string): string | null {
  if (!done || done.last < firstShownAt) return null;
  return done.first >= firstShownAt ? done.first : done.last;
}
