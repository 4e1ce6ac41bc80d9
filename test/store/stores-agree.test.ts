// SQLite and PostgreSQL fed the same random traffic — retries, duplicates, merges with nulls,
// anonymous visitors identified mid-batch — must end up in exactly the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestItem, Interaction } from '../../server/store/store.ts';
import { group, identify, makePostgres, makeSqlite, page, snapshot, type StoreUnderTest, track } from './fixtures.ts';

const USERS = ['u1', 'u2', 'u3', 'u4'];
const ANONYMOUS = ['anon-1', 'anon-2', 'anon-3', 'anon-4'];
const ACCOUNTS = ['acct-1', 'acct-2', 'acct-3'];
const FEATURES = ['alpha', 'beta', 'gamma'];
const CAMPAIGNS = ['c1', 'c2'];
const KINDS: Interaction[] = ['shown', 'shown', 'clicked', 'dismissed', 'completed'];
// c1's goal is an event, c2's a feature: ingest records both, and shows look back for them.
const GOALS = { c1: { goal: 'event:Invoice Sent', feature: null }, c2: { goal: 'feature:alpha', feature: 'alpha' } } as const;

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { chance: (p: number) => next() < p, pick };
}

function traffic(seed: number): IngestItem[][] {
  const { chance, pick } = random(seed);
  // Out of order across ten days, yet every event at its own instant, so "most recent" never
  // has to break a tie.
  let tick = 0;
  const at = () => new Date(Date.parse('2026-11-01T00:00:00.000Z') + pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) * 86_400_000 + ++tick * 1000).toISOString();
  const traits = () => ({
    ...(chance(0.5) ? { plan: pick(['free', 'pro', null]) } : {}),
    ...(chance(0.4) ? { prefs: pick([{ theme: 'dark' }, { theme: null, lang: 'en' }, null, { lang: { primary: 'de', fallback: null } }]) } : {}),
    ...(chance(0.3) ? { seats: pick([1, 4, 12.5, null]) } : {}),
  });
  const who = () => {
    const userId = chance(0.6) ? pick(USERS) : null;
    return { userId, anonymousId: !userId || chance(0.4) ? pick(ANONYMOUS) : null, groupId: chance(0.5) ? pick(ACCOUNTS) : null };
  };
  const event = (): IngestItem => {
    const roll = pick(['identify', 'group', 'track', 'track', 'track', 'message', 'page'] as const);
    if (roll === 'identify') return identify({ userId: pick(USERS), anonymousId: chance(0.6) ? pick(ANONYMOUS) : null, traits: traits() }, { at: at() });
    if (roll === 'group') return group({ ...who(), userId: pick(USERS), groupId: pick(ACCOUNTS), traits: traits() }, { at: at() });
    if (roll === 'page') return page({ ...who(), name: 'Home' }, { at: at() });
    if (roll === 'track') {
      const invoice = chance(0.3);
      const features = FEATURES.filter(() => chance(0.3));
      const item = track({ ...who(), ...(invoice ? { event: 'Invoice Sent' } : {}) }, { at: at(), features, verified: pick([null, true, false]) });
      // The goals the route would find this event doing.
      const goals = [...(invoice ? [{ campaignId: 'c1', goal: GOALS.c1.goal }] : []), ...(features.includes('alpha') ? [{ campaignId: 'c2', goal: GOALS.c2.goal }] : [])];
      return goals.length ? { ...item, goals } : item;
    }
    const kind = pick(KINDS);
    const campaignId = pick(CAMPAIGNS) as keyof typeof GOALS;
    const item = track({ ...who(), event: `message_${kind}`, properties: { campaignId } }, { at: at(), interaction: { campaignId, kind } });
    return kind === 'shown' ? { ...item, lookback: GOALS[campaignId] } : item;
  };

  const batches: IngestItem[][] = [];
  const sent: IngestItem[] = [];
  for (let b = 0; b < 25; b++) {
    const batch = Array.from({ length: pick([1, 2, 3, 5, 8, 13]) }, event);
    if (sent.length && chance(0.3)) batch.push(pick(sent)); // a retried event
    if (chance(0.2)) batch.push(batch[0]!); // a repeat inside the batch
    sent.push(...batch);
    batches.push(batch);
    if (chance(0.15)) batches.push(batch); // the whole batch retried
  }
  return batches;
}

describe('SQLite and PostgreSQL', () => {
  // Some seed must reach a goal, or the comparison of goals proves nothing.
  let reachedSomewhere = false;
  let sqlite: StoreUnderTest | undefined;
  let postgres: StoreUnderTest | undefined;
  beforeAll(async () => {
    sqlite = await makeSqlite();
    postgres = await makePostgres();
  });
  afterAll(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
  });
  afterAll(() => expect(reachedSomewhere).toBe(true));

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('end in the same state after the same random traffic (seed %i)', async (seed) => {
    const [a, b] = [sqlite!.store, postgres!.store];
    const [wsA, wsB] = [await a.createWorkspace(`Agree ${seed}`), await b.createWorkspace(`Agree ${seed}`)];
    for (const batch of traffic(seed)) {
      expect(await b.ingest(wsB.id, batch)).toEqual(await a.ingest(wsA.id, batch));
    }
    const everyone = { users: USERS, anonymous: ANONYMOUS, accounts: ACCOUNTS };
    const expected = await snapshot(a, wsA.id, everyone);
    expect(expected.events.length).toBeGreaterThan(50);
    expect(await snapshot(b, wsB.id, everyone)).toEqual(expected);
    // Goals reached since the first show, as both stores recorded them.
    const goalsOf = async (store: typeof a, ws: string) => {
      const reached: Record<string, unknown> = {};
      for (const visitor of [...USERS, ...ANONYMOUS]) {
        for (const [campaignId, state] of (await store.decisionState(ws, visitor, null)).campaigns) {
          reached[`${visitor} ${campaignId}`] = [state.firstShownAt, state.reachedGoal, state.goalReachedAt];
        }
      }
      return reached;
    };
    const goals = await goalsOf(a, wsA.id);
    expect(await goalsOf(b, wsB.id)).toEqual(goals);
    reachedSomewhere ||= Object.values(goals).some((g) => (g as unknown[])[1] !== null);
  });
});
