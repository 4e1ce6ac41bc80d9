// GET /api/v1/feature-impact: which features go with success. Twenty clinics, twelve of them
// using reminders; ten of those twelve renewed against two of the eight without, so reminders come
// out at 83 % against 25 %, 3.3× — the canonical "clinics with reminders renew more" finding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFixture, groupEvent, trackEvent } from './app-fixture.ts';

const now = () => new Date().toISOString();

describe('feature impact', () => {
  let f: Awaited<ReturnType<typeof appFixture>>;
  const get = async (query: string) => {
    const response = await f.admin('GET', `/api/v1/feature-impact${query}`);
    return { status: response.status, body: await response.json() };
  };

  beforeEach(async () => {
    f = await appFixture();
    await f.admin('PUT', '/api/v1/features/exports', { key: 'exports', name: 'Exports', rule: { type: 'event', event: 'Report Exported' } });
    const events: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      const ids = { groupId: `acct-${i}`, userId: `u${i}`, timestamp: now() };
      // Renewal synced from the CRM as an account trait, as a boolean or as text.
      const renewed = i < 10 || i === 12 || i === 13 ? (i % 2 ? 'TRUE' : true) : false;
      events.push(groupEvent({ ...ids, traits: { name: `Clinic ${i}`, seats: 3, renewed } }));
      if (i < 12) events.push(trackEvent({ ...ids, event: 'Reminder Scheduled' }));
      if (i % 2 === 0) events.push(trackEvent({ ...ids, event: 'Report Exported' }));
    }
    // Two newer clinics, not up for renewal yet: no renewed trait.
    for (const i of [20, 21]) {
      const ids = { groupId: `acct-${i}`, userId: `u${i}`, timestamp: now() };
      events.push(groupEvent({ ...ids, traits: { name: `Clinic ${i}`, seats: 3 } }), trackEvent({ ...ids, event: 'Reminder Scheduled' }));
    }
    expect((await f.batch(events)).status).toBe(200);
  });
  afterEach(() => f.close());

  it('compares the accounts that use each feature with those that do not, on a trait the CRM sets (accounts without it left out)', async () => {
    const { status, body } = await get('?outcome=trait&trait=renewed&value=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: { type: 'trait', key: 'renewed', value: 'true' }, accounts: 20, reached: 12 });
    expect(body.features.map((x: { feature: string }) => x.feature)).toEqual(['reminders', 'exports']);
    const [reminders, exports] = body.features;
    expect(reminders).toMatchObject({ name: 'Reminders', isKey: true, with: { accounts: 12, reached: 10 }, without: { accounts: 8, reached: 2 } });
    expect(reminders.with.rate).toBeCloseTo(5 / 6, 10);
    expect(reminders.without.rate).toBe(0.25);
    expect(reminders.ratio.estimate).toBeCloseTo(10 / 3, 10);
    expect(reminders.difference.estimate).toBeCloseTo(5 / 6 - 1 / 4, 10);
    // Small groups: the interval is wide (Newcombe's), but lies above zero.
    expect(reminders.difference.low).toBeGreaterThan(0);
    expect(reminders.difference.low).toBeLessThan(reminders.difference.estimate);
    expect(reminders.difference.high).toBeGreaterThan(reminders.difference.estimate);
    expect(reminders.significant).toBe(true);
    // Exports (the even clinics) renewed 6 of 10, as did the others: nothing to tell.
    expect(exports).toMatchObject({ with: { accounts: 10, reached: 6 }, without: { accounts: 10, reached: 6 }, significant: false });
    expect(exports.difference.estimate).toBe(0);
    expect(exports.ratio.estimate).toBe(1);
    // The traits the accounts have, commonest first, with their values as text: what the console suggests.
    expect(body.traits.map((t: { key: string }) => t.key)).toEqual(['name', 'seats', 'renewed']);
    expect(body.traits[2].values).toEqual(['false', 'true', 'TRUE']);
  });

  it('measures against reaching the journey’s adopted stage, agreeing with the success equation', async () => {
    const { body } = await get('?outcome=adopted');
    const overview = await (await f.admin('GET', '/api/v1/overview')).json();
    expect(body.accounts).toBe(overview.successEquation.customers);
    expect(body.reached).toBe(overview.successEquation.adopted);
    expect(body.accounts).toBe(22);
    for (const x of body.features) expect(x.with.accounts + x.without.accounts).toBe(22);
    // The default outcome is adoption.
    expect((await get('')).body).toEqual(body);
  });

  it('measures against green health', async () => {
    const { body } = await get('?outcome=green');
    const overview = await (await f.admin('GET', '/api/v1/overview')).json();
    expect(body.reached).toBe(overview.health.green);
  });

  it('refuses a query it cannot answer, naming the field', async () => {
    expect(await get('?outcome=trait&value=true')).toEqual({
      status: 400,
      body: { error: { code: 'invalid_query', message: 'trait: name the account trait that says the outcome, e.g. trait=renewed', status: 400 } },
    });
    expect((await get('?outcome=trait&trait=renewed')).body.error.message).toBe('value: give the trait value that counts as reached, e.g. value=true');
    expect((await get('?outcome=revenue')).body.error.message).toMatch(/^outcome: /);
  });

  it('keeps tenants apart', async () => {
    const other = await f.store.createWorkspace('Other tenant');
    const response = await f.app.request('/api/v1/feature-impact?outcome=trait&trait=renewed&value=true', { headers: { authorization: `Bearer ${other.secretKey}` } });
    expect(await response.json()).toMatchObject({ accounts: 0, reached: 0, features: [] });
  });
});
