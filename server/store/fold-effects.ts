// Folds newly stored events into the side effects they have on users, accounts, feature
// counters, message state and campaign goals, so a store applies each once per batch. Pure;
// both stores use it.
import { isMarkedGoal } from '../engine/goals.ts';
import type { IngestItem, MessageInteraction } from './store.ts';

type Traits = Record<string, unknown>;
interface Seen {
  id: string;
  traits: Traits;
  first: string;
  last: string;
}
export interface DayUse {
  count: number;
  first: string;
  last: string;
}
export interface FeatureUses {
  kind: 'user' | 'account';
  subject: string;
  feature: string;
  /** By UTC day (YYYY-MM-DD). */
  days: Map<string, DayUse>;
}
/** What a batch's message events change for one visitor and campaign; stores merge it into the row. */
export interface StateChange {
  campaignId: string;
  visitorId: string;
  /** The account the events came from (the latest one wins). */
  accountId: string | null;
  shows: number;
  firstShownAt: string | null;
  lastShownAt: string | null;
  dismissedAt: string | null;
  clickedAt: string | null;
  completedAt: string | null;
  snoozedUntil: string | null;
  tourStep: number | null;
  tourStepAt: string | null;
  tourDoneAt: string | null;
  itemsDone: string[];
}

/** A survey answer; the first per visitor and campaign is kept. */
export interface AnswerChange {
  campaignId: string;
  visitorId: string;
  accountId: string | null;
  score: number | null;
  choice: string | null;
  comment: string | null;
  at: string;
}

/**
 * A visitor did a campaign's goal at `at`. Stores keep the earliest such time at or after the
 * visitor's first show of the campaign (and only for visitors shown it).
 */
export interface GoalReach {
  campaignId: string;
  visitorId: string;
  goal: string;
  at: string;
}

/** An event goal a visitor did, first and last time in the batch (engine/goals.ts: goal marks). */
export interface GoalMark {
  visitorId: string;
  goal: string;
  first: string;
  last: string;
}

/** A show of a campaign with a goal: the store looks back at whether the goal was already done since. */
export interface GoalLookback {
  campaignId: string;
  visitorId: string;
  goal: string;
  /** The feature whose usage counters tell; null for an event goal (its marks tell). */
  feature: string | null;
}

export interface Effects {
  users: Map<string, Seen>;
  accounts: Map<string, Seen>;
  members: Map<string, { accountId: string; userId: string; last: string }>;
  uses: Map<string, FeatureUses>;
  states: StateChange[];
  answers: AnswerChange[];
  /** In visitor, campaign and time order; one per visitor, campaign and time. */
  goals: GoalReach[];
  marks: GoalMark[];
  lookbacks: GoalLookback[];
  links: { anonymousId: string; userId: string }[];
}

const isObject = (v: unknown): v is Traits => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Composes two RFC 7396 merge patches into one with the same effect as applying both in order. */
export function composePatches(first: Traits, second: Traits): Traits {
  const out: Traits = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const before = out[key];
    out[key] = isObject(before) && isObject(value) ? composePatches(before, value) : value;
  }
  return out;
}

function see(map: Map<string, Seen>, id: string, at: string, traits: Traits | null) {
  const seen = map.get(id);
  if (!seen) return void map.set(id, { id, traits: traits ?? {}, first: at, last: at });
  if (at < seen.first) seen.first = at;
  if (at > seen.last) seen.last = at;
  if (traits) seen.traits = composePatches(seen.traits, traits);
}

function use(uses: Map<string, FeatureUses>, kind: 'user' | 'account', subject: string, feature: string, at: string) {
  const key = `${kind}\u0000${subject}\u0000${feature}`;
  let entry = uses.get(key);
  if (!entry) uses.set(key, (entry = { kind, subject, feature, days: new Map() }));
  const day = at.slice(0, 10);
  const d = entry.days.get(day);
  if (!d) entry.days.set(day, { count: 1, first: at, last: at });
  else {
    d.count++;
    if (at < d.first) d.first = at;
    if (at > d.last) d.last = at;
  }
}

const inKeyOrder = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);

export function foldEffects(items: readonly IngestItem[]): Effects {
  const effects: Effects = {
    users: new Map(), accounts: new Map(), members: new Map(), uses: new Map(), states: [], answers: [], goals: [], marks: [], lookbacks: [], links: [],
  };
  const states = new Map<string, StateChange>();
  const answers = new Map<string, AnswerChange>();
  const goals = new Map<string, GoalReach>();
  const marks = new Map<string, GoalMark>();
  const lookbacks = new Map<string, GoalLookback>();
  for (const { event, timestamp: at, features, interaction, goals: hits, lookback } of items) {
    const userId = event.userId ?? null;
    const accountId = event.groupId ?? null;
    if (userId) see(effects.users, userId, at, event.type === 'identify' ? event.traits : null);
    if (accountId) {
      see(effects.accounts, accountId, at, event.type === 'group' ? event.traits : null);
      if (userId) {
        const key = `${accountId}\u0000${userId}`;
        const member = effects.members.get(key);
        if (!member) effects.members.set(key, { accountId, userId, last: at });
        else if (at > member.last) member.last = at;
      }
    }
    for (const feature of features) {
      if (userId) use(effects.uses, 'user', userId, feature, at);
      if (accountId) use(effects.uses, 'account', accountId, feature, at);
    }
    const visitorId = userId ?? event.anonymousId;
    if (interaction && visitorId) foldInteraction(states, answers, interaction, visitorId, accountId, at);
    if (visitorId) {
      for (const { campaignId, goal } of hits ?? []) {
        goals.set(`${visitorId}\u0000${campaignId}\u0000${at}`, { campaignId, visitorId, goal, at });
        if (!isMarkedGoal(goal)) continue;
        const key = `${visitorId}\u0000${goal}`;
        const mark = marks.get(key);
        if (!mark) marks.set(key, { visitorId, goal, first: at, last: at });
        else {
          if (at < mark.first) mark.first = at;
          if (at > mark.last) mark.last = at;
        }
      }
      if (lookback && interaction) lookbacks.set(`${visitorId}\u0000${interaction.campaignId}`, { campaignId: interaction.campaignId, visitorId, ...lookback });
    }
    const anonymousId = event.anonymousId;
    const linkable = event.type === 'identify' && userId && anonymousId && anonymousId !== userId;
    if (linkable && !effects.links.some((l) => l.anonymousId === anonymousId)) effects.links.push({ anonymousId, userId });
  }
  effects.states = [...states.values()];
  effects.answers = [...answers.values()];
  effects.goals = inKeyOrder(goals);
  effects.marks = inKeyOrder(marks);
  effects.lookbacks = inKeyOrder(lookbacks);
  return effects;
}

const DAY_MS = 86_400_000;
const earliest = (current: string | null, at: string) => (current && current < at ? current : at);
const latest = (current: string | null, at: string) => (current && current > at ? current : at);

function foldInteraction(
  states: Map<string, StateChange>,
  answers: Map<string, AnswerChange>,
  interaction: MessageInteraction,
  visitorId: string,
  accountId: string | null,
  at: string,
) {
  const { campaignId } = interaction;
  const key = `${campaignId}\u0000${visitorId}`;
  if (interaction.kind === 'answered') {
    const { score, choice, comment } = interaction;
    const first = answers.get(key);
    if (!first || at < first.at) answers.set(key, { campaignId, visitorId, accountId, score, choice, comment, at });
    return;
  }
  let state = states.get(key);
  if (!state) {
    state = {
      campaignId, visitorId, accountId: null, shows: 0, firstShownAt: null, lastShownAt: null, dismissedAt: null, clickedAt: null, completedAt: null,
      snoozedUntil: null, tourStep: null, tourStepAt: null, tourDoneAt: null, itemsDone: [],
    };
    states.set(key, state);
  }
  if (accountId) state.accountId = accountId;
  switch (interaction.kind) {
    case 'shown':
      state.shows++;
      state.firstShownAt = earliest(state.firstShownAt, at);
      state.lastShownAt = latest(state.lastShownAt, at);
      break;
    // Dismissing a tour, or pressing one of its buttons other than Next and Back, closes it: it
    // is over, as when completed, and starts again at its first step (tourDoneAt of other kinds
    // is never read).
    case 'dismissed':
      state.dismissedAt = earliest(state.dismissedAt, at);
      state.tourDoneAt = latest(state.tourDoneAt, at);
      break;
    case 'clicked':
      state.clickedAt = earliest(state.clickedAt, at);
      state.tourDoneAt = latest(state.tourDoneAt, at);
      break;
    case 'completed':
      state.completedAt = earliest(state.completedAt, at);
      break;
    case 'snoozed':
      state.snoozedUntil = latest(state.snoozedUntil, new Date(Date.parse(at) + interaction.days * DAY_MS).toISOString());
      break;
    case 'tour_step':
      // The step viewed last in time is where the tour resumes.
      if (!state.tourStepAt || at >= state.tourStepAt) {
        state.tourStep = interaction.step;
        state.tourStepAt = at;
      }
      break;
    case 'tour_completed':
      state.tourDoneAt = latest(state.tourDoneAt, at);
      state.completedAt = earliest(state.completedAt, at);
      break;
    case 'item_completed':
      if (!state.itemsDone.includes(interaction.itemId)) state.itemsDone = [...state.itemsDone, interaction.itemId].sort();
      break;
  }
}
