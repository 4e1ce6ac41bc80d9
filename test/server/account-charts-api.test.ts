// The accounts screen's charts through the admin API: GET /api/v1/tier-matrix counts the accounts
// the list would show under the same filters, GET /api/v1/account-rates gives all of their rates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, groupEvent, trackEvent } from './app-fixture.ts';

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
type Matrix = { cells: { seat: string | null; tenure: string; accounts: number }[]; total: number; seat: (string | null)[]; tenure: string[] };

let f: Awaited<ReturnType<typeof appFixture>>;
beforeEach(async () => {
  f = await appFixture();
  // Three clinics: two active with seats (one touched by CS), one idle for 40 days.
  await f.batch([
    groupEvent({ groupId: 'acct-1', userId: 'u1', timestamp: ago(1), traits: { name: 'Busy Clinic', seats: 2, contractStart: '2020-01-01' } }),
    trackEvent({ groupId: 'acct-1', userId: 'u1', event: 'Reminder Scheduled', timestamp: ago(0) }),
    groupEvent({ groupId: 'acct-2', userId: 'u2', timestamp: ago(2), traits: { name: 'Calm Clinic', seats: 4, contractStart: '2020-01-01' } }),
    groupEvent({ groupId: 'acct-3', userId: 'u3', timestamp: ago(40), traits: { name: 'Quiet Clinic', seats: 5 } }),
  ]);
  await f.admin('POST', '/api/v1/accounts/acct-2/touches', { channel: 'call' });
});
afterEach(() => f.close());

const json = async <T>(path: string): Promise<T> => {
  const res = await f.admin('GET', path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

describe('GET /api/v1/tier-matrix', () => {
  it('counts accounts per seat × tenure cell under the list’s filters, adding up to the list’s total', async () => {
    const all = await json<Matrix>('/api/v1/tier-matrix');
    expect(all).toMatchObject({ seat: ['A', 'B', 'C', 'D', null], tenure: ['a', 'b', 'c', 'd'], total: 3 });
    for (const filter of ['', 'contact=stale', 'contact=recent', 'q=quiet', 'health=red,green&contact=stale']) {
      const matrix = await json<Matrix>(`/api/v1/tier-matrix?${filter}`);
      const list = await json<{ total: number }>(`/api/v1/accounts?${filter}`);
      expect({ filter, total: matrix.total }).toEqual({ filter, total: list.total });
      expect(matrix.cells.reduce((sum, c) => sum + c.accounts, 0)).toBe(list.total);
    }
    expect((await json<Matrix>('/api/v1/tier-matrix?contact=recent')).cells).toEqual([{ seat: 'D', tenure: 'd', accounts: 1 }]);
  });

  it('refuses a filter the list would refuse, naming it', async () => {
    const res = await f.admin('GET', '/api/v1/tier-matrix?health=purple');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/^health\[0\]:/) });
  });
});

describe('GET /api/v1/account-rates', () => {
  it('gives every matching account’s deployment, utilization and contact as columns, lowest health first', async () => {
    const rates = await json<{ total: number; unplotted: number; accountId: string[]; name: string[]; deployment: number[]; utilization: number[]; contact: string[] }>('/api/v1/account-rates');
    expect(rates.total).toBe(3);
    expect(rates.unplotted).toBe(0);
    expect(rates.accountId).toHaveLength(3);
    const at = (id: string) => rates.accountId.indexOf(id);
    expect([rates.name[at('acct-1')], rates.deployment[at('acct-1')], rates.utilization[at('acct-1')], rates.contact[at('acct-1')]]).toEqual(['Busy Clinic', 0.5, 1, 'stale']);
    expect(rates.contact[at('acct-2')]).toBe('recent');
    // Quiet Clinic, idle and untouched, has the lowest health.
    expect(rates.accountId[0]).toBe('acct-3');
    expect((await json<{ accountId: string[] }>('/api/v1/account-rates?contact=recent')).accountId).toEqual(['acct-2']);
  });

  it('compresses the columns for clients that accept gzip', async () => {
    const res = await f.request('GET', '/api/v1/account-rates', undefined, { authorization: `Bearer ${f.workspace.secretKey}`, 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('gives another workspace nothing', async () => {
    const other = await f.store.createWorkspace('Other tenant');
    const as = (path: string) => f.app.request(path, { headers: { authorization: `Bearer ${other.secretKey}` } });
    expect(await (await as('/api/v1/account-rates')).json()).toMatchObject({ total: 0, accountId: [] });
    expect(await (await as('/api/v1/tier-matrix')).json()).toMatchObject({ total: 0, cells: [] });
  });
});
