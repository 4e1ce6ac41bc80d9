// Folds newly stored events into the side effects they have on users, accounts, feature
// counters and message state, so a store applies each once per batch. Pure; both stores use it.
import type { IngestItem } from './store.ts';

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
export interface StateChange {
  campaignId: string;
  visitorId: string;
  shows: number;
  lastShownAt: string | null;
  dismissedAt: string | null;
  clickedAt: string | null;
  completedAt: string | null;
}

export interface Effects {
  users: Map<string, Seen>;
  accounts: Map<string, Seen>;
  members: Map<string, { accountId: string; userId: string; last: string }>;
  uses: Map<string, FeatureUses>;
  states: StateChange[];
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

export function foldEffects(items: readonly IngestItem[]): Effects {
  const effects: Effects = { users: new Map(), accounts: new Map(), members: new Map(), uses: new Map(), states: [], links: [] };
  const states = new Map<string, StateChange>();
  for (const { event, timestamp: at, features, interaction } of items) {
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
    if (interaction && visitorId) {
      const key = `${interaction.campaignId}\u0000${visitorId}`;
      let state = states.get(key);
      if (!state) {
        state = { campaignId: interaction.campaignId, visitorId, shows: 0, lastShownAt: null, dismissedAt: null, clickedAt: null, completedAt: null };
        states.set(key, state);
      }
      const earliest = (current: string | null) => (current && current < at ? current : at);
      if (interaction.kind === 'shown') {
        state.shows++;
        if (!state.lastShownAt || at > state.lastShownAt) state.lastShownAt = at;
      } else if (interaction.kind === 'dismissed') state.dismissedAt = earliest(state.dismissedAt);
      else if (interaction.kind === 'clicked') state.clickedAt = earliest(state.clickedAt);
      else state.completedAt = earliest(state.completedAt);
    }
    const anonymousId = event.anonymousId;
    const linkable = event.type === 'identify' && userId && anonymousId && anonymousId !== userId;
    if (linkable && !effects.links.some((l) => l.anonymousId === anonymousId)) effects.links.push({ anonymousId, userId });
  }
  effects.states = [...states.values()];
  return effects;
}
