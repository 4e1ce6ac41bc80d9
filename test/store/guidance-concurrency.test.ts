// Two server instances on one PostgreSQL database answer decides for the same people at the same
// time: caps still hold exactly, because they are reserved in the database, not in memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openPostgresStore } from '../../server/store/postgres/index.ts';
import type { Store, Workspace } from '../../server/store/store.ts';
import { createTempDatabase, type TempDatabase } from '../postgres.ts';

describe('decide on two server instances sharing one PostgreSQL database', () => {
  let database: TempDatabase;
  let stores: Store[] = [];
  let apps: ReturnType<typeof createApp>[] = [];
  let workspaces = 0;

  beforeAll(async () => {
    database = await createTempDatabase();
    stores = [await openPostgresStore(database.url), await openPostgresStore(database.url)];
    apps = stores.map((store) => createApp({ store, publicUrl: 'http://localhost:8787' }));
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database?.drop();
  });

  async function workspaceWith(campaigns: object[], settings: object = {}): Promise<Workspace> {
    const ws = await stores[0]!.createWorkspace(`Concurrent ${++workspaces}`);
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${ws.secretKey}` };
    if (Object.keys(settings).length) {
      const put = await apps[0]!.request('/api/v1/settings', { method: 'PUT', headers: admin, body: JSON.stringify(settings) });
      expect(put.status).toBe(200);
    }
    for (const campaign of campaigns) {
      const created = await apps[0]!.request('/api/v1/campaigns', { method: 'POST', headers: admin, body: JSON.stringify(campaign) });
      expect(created.status).toBe(201);
    }
    return ws;
  }

  /** Fires the decides at once, alternating between the two instances; returns the campaigns each got. */
  async function decideTogether(ws: Workspace, visitors: { userId: string; accountId: string }[]): Promise<string[][]> {
    const responses = await Promise.all(
      visitors.map((visitor, i) =>
        apps[i % 2]!.request('/v1/decide', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ writeKey: ws.writeKey, url: 'https://app.example/home', ...visitor }),
        }),
      ),
    );
    return Promise.all(responses.map(async (r) => (await r.json()).messages.map((m: { campaignId: string }) => m.campaignId)));
  }

  const tooltip = (name: string, extra: object = {}) => ({
    name, kind: 'tooltip', status: 'live', anchor: { selector: '#x' }, content: { title: name }, ...extra,
  });

  it('shows a message capped at one show exactly once to one user deciding 16 times at once', async () => {
    const ws = await workspaceWith([tooltip('Once', { frequency: { maxShows: 1 } })]);
    const answers = await decideTogether(ws, Array.from({ length: 16 }, () => ({ userId: 'u1', accountId: 'acct-1' })));
    expect(answers.filter((ids) => ids.length === 1)).toHaveLength(1);
    expect(answers.filter((ids) => ids.length === 0)).toHaveLength(15);
  });

  it('shows a message to at most two users of an account when 12 of them decide at once', async () => {
    const ws = await workspaceWith([tooltip('Two per clinic', { accountCaps: { maxUsers: 2 } })]);
    const answers = await decideTogether(ws, Array.from({ length: 12 }, (_, i) => ({ userId: `u${i}`, accountId: 'acct-1' })));
    expect(answers.filter((ids) => ids.length === 1)).toHaveLength(2);
  });

  it('keeps an account-wide cool-off: one user of the account gets it', async () => {
    const ws = await workspaceWith([tooltip('Cool-off', { accountCaps: { coolOffHours: 24 } })]);
    const answers = await decideTogether(ws, Array.from({ length: 10 }, (_, i) => ({ userId: `u${i}`, accountId: 'acct-1' })));
    expect(answers.filter((ids) => ids.length === 1)).toHaveLength(1);
  });

  it('lets one interrupting message through the throttle, however many compete', async () => {
    const ws = await workspaceWith(
      Array.from({ length: 4 }, (_, i) => tooltip(`Competing ${i}`, { frequency: { maxShows: 1 } })),
      { throttleHours: 24 },
    );
    const answers = await decideTogether(ws, Array.from({ length: 12 }, () => ({ userId: 'u1', accountId: 'acct-1' })));
    expect(answers.flat()).toHaveLength(1);
  });
});
