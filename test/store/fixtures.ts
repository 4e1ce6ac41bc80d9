// The stores under test, a suite run once on each, and ingest items built through the real event
// schema, as the ingest route would hand them to a store.
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { messageInteraction } from '../../server/engine/interactions.ts';
import { campaignInput, type CampaignInput } from '../../server/protocol/campaign.ts';
import { eventSchema } from '../../server/protocol/events.ts';
import type { FeatureInput } from '../../server/protocol/feature.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import type { IngestItem, Interaction, Store, Workspace } from '../../server/store/store.ts';
import { tempSqliteStore } from '../harness.ts';
import { createTempDatabase } from '../postgres.ts';

export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

export type PostgresUnderTest = StoreUnderTest & { url: string };

export async function makeSqlite(): Promise<StoreUnderTest> {
  const { store, cleanup } = tempSqliteStore();
  return { store, cleanup: async () => (await store.close(), cleanup()) };
}

/** A store on a database of its own, dropped by cleanup. */
export async function makePostgres(): Promise<PostgresUnderTest> {
  const database = await createTempDatabase();
  try {
    const store = await openPostgresStore(database.url);
    return { store, url: database.url, cleanup: async () => (await store.close(), await database.drop()) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** What a suite declared with eachStore reaches; store and ws exist only while its tests run. */
export interface StoreSuite {
  readonly dialect: 'sqlite' | 'postgres';
  readonly store: Store;
  /** A workspace of the current test's own: tenant isolation keeps the tests of a suite apart. */
  readonly ws: Workspace;
}

/**
 * Declares `suite` once for SQLite and once for PostgreSQL (`%s` in the title names which). Each
 * opens its store once, on a database of its own, and drops it after the last test; every test gets
 * a new workspace.
 */
export function eachStore(title: string, suite: (ctx: StoreSuite) => void): void {
  describe.each([
    ['sqlite', makeSqlite],
    ['postgres', makePostgres],
  ] as const)(title, (dialect, make: () => Promise<StoreUnderTest>) => {
    let subject: StoreUnderTest | undefined;
    let ws: Workspace | undefined;
    let workspaces = 0;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(() => subject?.cleanup());
    beforeEach(async () => {
      ws = await opened(subject).store.createWorkspace(`Workspace ${++workspaces}`);
    });
    suite({
      dialect,
      get store() {
        return opened(subject).store;
      },
      get ws() {
        return opened(ws);
      },
    });
  });
}

// A suite's body runs while vitest collects the tests, before any store is open: reading the store
// there would otherwise hand it undefined and fail far from the cause.
function opened<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('eachStore: no store is open here; read ctx.store and ctx.ws inside hooks and tests');
  return value;
}

export const DAY_1 = '2026-11-18T09:00:00.000Z';
export const DAY_1_LATER = '2026-11-18T15:00:00.000Z';
export const DAY_2 = '2026-11-19T09:00:00.000Z';
export const DAY_3 = '2026-11-20T09:00:00.000Z';
export const RECEIVED_AT = '2026-11-20T10:00:00.000Z';

interface Derived {
  /** Event time after clock correction; also the event's own timestamp. Default DAY_3. */
  at?: string;
  features?: string[];
  interaction?: { campaignId: string; kind: Interaction };
  verified?: boolean | null;
}

let sequence = 0;
const nextMessageId = () => `m-${++sequence}`;

function item(fields: Record<string, unknown>, { at = DAY_3, features = [], interaction, verified = null }: Derived): IngestItem {
  return {
    event: eventSchema.parse({ messageId: nextMessageId(), timestamp: at, ...fields }),
    timestamp: at,
    receivedAt: RECEIVED_AT,
    features,
    verified,
    ...(interaction ? { interaction } : {}),
  };
}

export const track = (fields: Record<string, unknown> = {}, derived: Derived = {}) =>
  item({ type: 'track', event: 'Clicked', userId: 'u1', ...fields }, derived);
export const page = (fields: Record<string, unknown> = {}, derived: Derived = {}) => item({ type: 'page', userId: 'u1', ...fields }, derived);
export const identify = (fields: Record<string, unknown> = {}, derived: Derived = {}) =>
  item({ type: 'identify', userId: 'u1', ...fields }, derived);
export const group = (fields: Record<string, unknown> = {}, derived: Derived = {}) =>
  item({ type: 'group', userId: 'u1', groupId: 'acct-1', ...fields }, derived);

/** A message event as the SDK sends it (shown, snoozed, answered…), read by the ingest route's own code. */
export function message(name: string, properties: Record<string, unknown>, fields: Record<string, unknown> = {}, at = DAY_3): IngestItem {
  const event = eventSchema.parse({ type: 'track', messageId: nextMessageId(), timestamp: at, userId: 'u1', groupId: 'acct-1', event: name, properties, ...fields });
  const found = messageInteraction(event);
  if (!found || 'problem' in found) throw new Error(`not an interaction: ${name} ${JSON.stringify(found)}`);
  return { event, timestamp: at, receivedAt: RECEIVED_AT, features: [], verified: null, interaction: found };
}

/** A use of the `reminders` feature. */
export const reminder = (fields: Record<string, unknown> = {}, at = DAY_3) =>
  track({ event: 'Reminder Scheduled', ...fields }, { at, features: ['reminders'] });

/** What the guide runtime reports about a message it showed. */
export const interaction = (kind: Interaction, campaignId: string, fields: Record<string, unknown> = {}, at = DAY_3) =>
  track({ event: `message_${kind}`, properties: { campaignId }, ...fields }, { at, interaction: { campaignId, kind } });

export const feature = (key: string, name = key): FeatureInput => ({ key, name, description: '', isKey: false, rule: { type: 'event', event: key } });

export const campaign = (name: string, status: CampaignInput['status'] = 'draft'): CampaignInput =>
  campaignInput.parse({ name, kind: 'tooltip', status, anchor: { selector: '#save' }, content: { title: name, body: [{ p: [{ text: 'Hi' }] }] } });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a workspace's visitors and accounts look like through the Store, for comparing stores. */
export async function snapshot(store: Store, ws: string, { users, anonymous, accounts }: { users: string[]; anonymous: string[]; accounts: string[] }) {
  const profiles = [];
  for (const userId of users) profiles.push(await store.loadProfile(ws, { userId }));
  for (const accountId of accounts) profiles.push(await store.loadProfile(ws, { accountId }));
  const states: Record<string, unknown> = {};
  for (const visitor of [...users, ...anonymous]) states[visitor] = Object.fromEntries(await store.messageStates(ws, visitor));
  return { events: await store.recentEvents(ws, 100_000), profiles, states, accounts: await store.listAccounts(ws, { limit: 1000, offset: 0 }) };
}
