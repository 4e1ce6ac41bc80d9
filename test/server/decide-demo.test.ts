// The seeded demo workspace decides as its README promises: the reminders nudge alone on the
// Appointments page, the other kinds on Patients, Messages and Payments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsBannerExperiment } from '../../demo/experiment.ts';
import { demoRoster } from '../../demo/roster.ts';
import { seedDemo } from '../../demo/seed.ts';
import { createApp } from '../../server/app.ts';
import type { Campaign } from '../../server/protocol/campaign.ts';
import type { Store, Workspace } from '../../server/store/store.ts';
import { tempSqliteStore } from '../harness.ts';

let store: Store;
let cleanup: () => void;
let app: ReturnType<typeof createApp>;
let workspace: Workspace;
let campaigns: Map<string, Campaign>;

beforeAll(async () => {
  ({ store, cleanup } = tempSqliteStore());
  app = createApp({ store, publicUrl: 'http://localhost:8787' });
  ({ workspace } = await seedDemo(store, app));
  campaigns = new Map((await store.listCampaigns(workspace.id)).map((c) => [c.name, c]));
}, 120_000);
afterAll(async () => {
  await store?.close();
  cleanup?.();
});

const { accounts, users } = demoRoster(new Date());
const usesReminders = new Set(accounts.filter((a) => a.usesReminders).map((a) => a.id));
const without = users.filter((u) => !usesReminders.has(u.accountId));
const withReminders = users.filter((u) => usesReminders.has(u.accountId));

async function decide(userId: string, page: string, extra: object = {}) {
  const response = await app.request('/v1/decide', {
    method: 'POST',
    body: JSON.stringify({ writeKey: workspace.writeKey, userId, url: `http://localhost:8787/demo/${page}`, ...extra }),
  });
  return ((await response.json()).messages as { campaignId: string; kind: string }[]).map((m) => [...campaigns.values()].find((c) => c.id === m.campaignId)!.name);
}

describe('the demo campaigns', () => {
  it('are all live and valid', () => {
    expect([...campaigns.keys()].sort()).toEqual(['Collect payments at the desk', 'Get ClinicFlow set up', 'Help & guides', 'NPS: clinics using reminders', 'Nudge clinics without reminders', 'Two-way SMS']);
    expect([...campaigns.values()].every((c) => c.status === 'live')).toBe(true);
  });

  it('leave the Appointments page to the reminders nudge', async () => {
    expect(await decide(without[0]!.id, 'appointments')).toEqual(['Nudge clinics without reminders']);
    expect(await decide(withReminders[0]!.id, 'appointments')).toEqual([]);
  });

  it('show the checklist and the launcher beside the nudge on Patients', async () => {
    expect(await decide(without[1]!.id, 'patients')).toEqual(['Nudge clinics without reminders', 'Help & guides', 'Get ClinicFlow set up']);
  });

  it('offer the payments tour once to a clinic the nudge leaves alone, and restart it from the launcher', async () => {
    const user = withReminders[1]!.id;
    expect(await decide(user, 'patients')).toEqual(['Collect payments at the desk', 'Help & guides', 'Get ClinicFlow set up']);
    expect(await decide(user, 'patients')).toEqual(['Help & guides', 'Get ClinicFlow set up']);
    const tour = campaigns.get('Collect payments at the desk')!;
    expect(await decide(user, 'patients', { start: tour.id })).toEqual(['Collect payments at the desk', 'Help & guides', 'Get ClinicFlow set up']);
  });

  it('ask clinics using reminders for their NPS on Messages', async () => {
    expect(await decide(withReminders[2]!.id, 'messages')).toEqual(['NPS: clinics using reminders', 'Help & guides', 'Get ClinicFlow set up']);
  });

  it('ticks the checklist from weeks of real use', async () => {
    const response = await app.request('/v1/decide', { method: 'POST', body: JSON.stringify({ writeKey: workspace.writeKey, userId: without[0]!.id, url: 'http://localhost:8787/demo/payments' }) });
    const checklist = (await response.json()).messages.find((m: { kind: string }) => m.kind === 'checklist');
    const done = Object.fromEntries(checklist.items.map((i: { id: string; done: boolean }) => [i.id, i.done]));
    expect(done).toMatchObject({ book: true, reminders: false });
  });
});

describe('the experiment the demo opens on', () => {
  const admin = async (path: string) => (await app.request(path, { headers: { authorization: `Bearer ${workspace.secretKey}` } })).json();

  it('measures the SMS banner against its holdout: staff shown it took reminders up more often', async () => {
    const sms = campaigns.get('Two-way SMS')!;
    const results = await admin(`/api/v1/campaigns/${sms.id}/results`);
    expect(results.uniqueUsers).toBeGreaterThan(50);
    expect(results.heldOut.byCampaignHoldout).toBeGreaterThan(5);
    expect(results.users.exposed.rate).toBeGreaterThan(results.users.heldOut.rate);
    expect(results.users.lift.absolute.estimate).toBeGreaterThan(0);
    // Each clinic by the name its group call gave, as the console lists them.
    expect(results.perAccount.map((r: { name: string | null }) => r.name)).toContain('Maple Dental');
    expect(results.perAccount.every((r: { name: string | null }) => r.name)).toBe(true);
  });

  it('held out exactly the staff decide and explain hold out', async () => {
    const sms = campaigns.get('Two-way SMS')!;
    const { holdouts } = smsBannerExperiment(sms, accounts, users, new Date());
    const explained = await admin(`/api/v1/campaigns/${sms.id}/explain?userId=${holdouts[0]!.visitorId}`);
    expect(explained.rules.find((r: { rule: string }) => r.rule === 'holdout')).toMatchObject({ passed: false });
  });

  it('leaves clinics that never had reminders without a single reminder, so the nudge still finds them', async () => {
    for (const user of without.filter((u) => /-u1$/.test(u.id))) expect(await decide(user.id, 'appointments')).toEqual(['Nudge clinics without reminders']);
  });
});

describe('the demo’s renewals', () => {
  it('tell the brief’s story: clinics on reminders renewed in full about 3–4× as often, and the console can find it', async () => {
    const response = await app.request('/api/v1/feature-impact?outcome=trait&trait=renewal&value=renewed', { headers: { authorization: `Bearer ${workspace.secretKey}` } });
    const report = await response.json();
    // Only clinics past their first year have a renewal to judge.
    expect(report.accounts).toBe(accounts.filter((a) => a.renewal).length);
    const [first] = report.features;
    expect(first).toMatchObject({ feature: 'reminders', significant: true });
    expect(first.ratio.estimate).toBeGreaterThan(3);
    expect(report.traits.find((t: { key: string }) => t.key === 'renewal').values.sort()).toEqual(['downgraded', 'renewed']);
  });
});
