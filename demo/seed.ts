// Creates the demo workspace through the same HTTP API customers use: features and the
// reminders campaign via the admin API, weeks of history via /v1/batch, including an experiment
// the SMS banner ran (demo/experiment.ts). The history is replayed a day at a time and evaluated
// at the end of each day, as a running server would have: account pages open on weeks of health
// history, and alerts and certifications carry the day they happened.
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { campaignInput } from '../server/protocol/campaign.ts';
import type { FeatureInput } from '../server/protocol/feature.ts';
import type { Store, Workspace } from '../server/store/store.ts';
import { refreshAnalytics } from '../server/analytics/refresh.ts';
import { refresherFor } from '../server/analytics/refresher.ts';
import { webhookEvent } from '../server/webhooks/outbox.ts';
import { defineDemoAnalytics, demoTouches } from './analytics.ts';
import { ensureDemoLogin } from './console-login.ts';
import { helpLauncher, npsSurvey, PAYMENTS_TOUR, SETUP_CHECKLIST, SMS_BANNER } from './campaigns.ts';
import { npsAnswers } from './survey-answers.ts';
import { smsBannerExperiment } from './experiment.ts';
import { demoHistory } from './history.ts';
import { demoRoster } from './roster.ts';

export const DEMO_WORKSPACE = 'ClinicFlow (demo)';

export const DEMO_FEATURES: FeatureInput[] = [
  { key: 'appointments', name: 'Appointments', description: 'Book and manage appointments', isKey: true, rule: { type: 'event', event: 'Appointment Booked' } },
  { key: 'patients', name: 'Patients', description: 'Patient records', isKey: true, rule: { type: 'event', event: 'Patient Added' } },
  { key: 'reminders', name: 'Automated reminders', description: 'Automated appointment reminders by SMS and email', isKey: true, rule: { type: 'event', event: 'Reminder Scheduled' } },
  { key: 'messages', name: 'Messages', description: 'Messages to patients', isKey: false, rule: { type: 'event', event: 'Message Sent' } },
  { key: 'payments', name: 'Payments', description: 'Collect payments at the desk or online', isKey: true, rule: { type: 'event', event: 'Payment Collected' } },
];

export const REMINDERS_CAMPAIGN: z.input<typeof campaignInput> = {
  name: 'Nudge clinics without reminders',
  kind: 'tooltip',
  status: 'live',
  priority: 100,
  audience: { type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' },
  // On the Reminders page itself the nudge would only cover the switch it points to.
  pages: { include: ['/demo/*'], exclude: ['/demo/reminders'] },
  anchor: { selector: '[data-nav="reminders"]', placement: 'right' },
  content: {
    title: 'Turn on automated reminders',
    body: [{ p: [{ text: 'Clinics that use them renew ' }, { text: '4× more often', bold: true }, { text: ' and see fewer no-shows.' }] }],
    buttons: [{ id: 'setup', label: 'Set up reminders', style: 'primary', action: { type: 'url', url: '/demo/reminders' } }],
  },
  frequency: { maxShows: null, stopAfter: ['dismissed', 'clicked'] },
};

export interface DemoSeed {
  workspace: Workspace;
  created: boolean;
  summary: string;
}

async function call(app: Hono, path: string, init: RequestInit): Promise<unknown> {
  const response = await app.request(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`seeding the demo failed at ${path}: ${JSON.stringify(body)}`);
  return body;
}

/** Idempotent: returns the existing demo workspace if there is one. */
export async function seedDemo(store: Store, app: Hono, now = new Date()): Promise<DemoSeed> {
  const existing = await store.workspaceByName(DEMO_WORKSPACE);
  if (existing) {
    await ensureDemoLogin(store, existing);
    return { workspace: existing, created: false, summary: 'already seeded' };
  }

  const workspace = await store.createWorkspace(DEMO_WORKSPACE);
  await ensureDemoLogin(store, workspace);
  const admin = { 'content-type': 'application/json', authorization: `Bearer ${workspace.secretKey}` };
  for (const feature of DEMO_FEATURES) {
    await call(app, `/api/v1/features/${feature.key}`, { method: 'PUT', headers: admin, body: JSON.stringify(feature) });
  }
  const createCampaign = (campaign: object) => call(app, '/api/v1/campaigns', { method: 'POST', headers: admin, body: JSON.stringify(campaign) }) as Promise<{ id: string }>;
  await createCampaign(REMINDERS_CAMPAIGN);
  const tour = await createCampaign(PAYMENTS_TOUR);
  for (const campaign of [SETUP_CHECKLIST, helpLauncher(tour.id)]) await createCampaign(campaign);
  const survey = await createCampaign(npsSurvey(now));
  const smsBanner = await createCampaign(SMS_BANNER);

  const adminCall = (path: string, method: string, body: unknown) => call(app, path, { method, headers: admin, body: JSON.stringify(body) });
  await defineDemoAnalytics(adminCall);
  // Saving definitions queued recomputes: with no events yet they have nothing to evaluate, and
  // none may run in the middle of the replay below with today's date.
  await refresherFor(store).idle();

  const { accounts, users } = demoRoster(now);
  const experiment = smsBannerExperiment({ id: smsBanner.id, holdoutPercent: SMS_BANNER.holdoutPercent ?? 0 }, accounts, users, now);
  const events = [...experiment.events, ...npsAnswers(survey, accounts, users, now), ...demoHistory(accounts, users, now, experiment.remindersFrom)];
  // Stable: events of the same instant keep their order (identify before the first track).
  events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  let pendingTouches = demoTouches(accounts, now);
  const seen = new Set<string>();
  let touched = 0;
  for (let start = 0; start < events.length; ) {
    const day = events[start]!.timestamp.slice(0, 10);
    let end = start;
    while (end < events.length && events[end]!.timestamp.startsWith(day)) end++;
    for (let i = start; i < end; i += 500) {
      const batch = events.slice(i, Math.min(i + 500, end));
      await call(app, '/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json', 'x-uptake-key': workspace.writeKey }, body: JSON.stringify({ batch }) });
      for (const e of batch) seen.add(e.groupId);
    }
    const endOfDay = new Date(Math.min(Date.parse(`${day}T23:59:59.999Z`), now.getTime()));
    // A touch is logged once its clinic exists (the API refuses touches for unknown accounts).
    const due = pendingTouches.filter((t) => t.at <= endOfDay.toISOString() && seen.has(t.accountId));
    pendingTouches = pendingTouches.filter((t) => !due.includes(t));
    for (const { accountId, ...touch } of due) await adminCall(`/api/v1/accounts/${encodeURIComponent(accountId)}/touches`, 'POST', touch);
    touched += due.length;
    await refreshAnalytics(store, { workspaceId: workspace.id, full: true, now: endOfDay, emit: webhookEvent });
    start = end;
  }
  // Touches of today after the last event.
  for (const { accountId, ...touch } of pendingTouches) await adminCall(`/api/v1/accounts/${encodeURIComponent(accountId)}/touches`, 'POST', touch);
  touched += pendingTouches.length;
  // What decide logged as it held staff out over those weeks (decide itself only logs the present).
  await store.recordHoldouts(workspace.id, experiment.holdouts);
  // Everyone evaluated as of now, so the console opens on complete metrics.
  await refresherFor(store).recompute({ workspaceId: workspace.id });
  return { workspace, created: true, summary: `${accounts.length} accounts, ${users.length} users, ${events.length} events, ${touched} CS touches` };
}
