// The demo's campaigns besides the reminders tooltip: a checklist, a launcher, a banner run as an
// experiment with a holdout, a tour and a scheduled NPS survey. They stay off the Appointments
// and Reminders pages, where the reminders nudge is the whole story, and appear on Patients,
// Messages and Payments.
import type { z } from 'zod';
import type { campaignInput } from '../server/protocol/campaign.ts';

type CampaignBody = z.input<typeof campaignInput>;

const ELSEWHERE = { include: ['/demo/patients', '/demo/messages', '/demo/payments'], exclude: [] };

/** Onboarding: each item ticks itself once the user uses the feature. */
export const SETUP_CHECKLIST: CampaignBody = {
  name: 'Get ClinicFlow set up',
  kind: 'checklist',
  status: 'live',
  priority: 100,
  pages: ELSEWHERE,
  content: { title: 'Get ClinicFlow set up', body: [{ p: [{ text: 'Four steps most clinics finish in their first week.' }] }] },
  locales: { pt: { title: 'Configure o ClinicFlow', body: [{ p: [{ text: 'Quatro passos que a maioria das clínicas conclui na primeira semana.' }] }] } },
  items: [
    { id: 'book', label: 'Book an appointment', feature: 'appointments', action: { type: 'url', url: '/demo/appointments' } },
    { id: 'patient', label: 'Add a patient', feature: 'patients', action: { type: 'url', url: '/demo/patients' } },
    { id: 'reminders', label: 'Turn on automated reminders', description: 'Clinics that use them renew 4× more often.', feature: 'reminders', action: { type: 'url', url: '/demo/reminders' } },
    { id: 'payment', label: 'Collect a payment', feature: 'payments', action: { type: 'url', url: '/demo/payments' } },
  ],
  frequency: { maxShows: null, stopAfter: ['dismissed', 'completed'] },
};

/**
 * A tour across two pages, offered once (below the reminders nudge in priority); its first step
 * waits for the user to click Payments themselves. The launcher starts it again on request, a
 * reload resumes it at the step on screen, and another device at the step after the last one
 * viewed.
 */
export const PAYMENTS_TOUR: CampaignBody = {
  name: 'Collect payments at the desk',
  kind: 'tour',
  status: 'live',
  priority: 50,
  pages: { include: ['/demo/patients', '/demo/payments'], exclude: [] },
  goal: { type: 'feature', feature: 'payments', withinDays: 14 },
  frequency: { maxShows: 1, stopAfter: ['dismissed', 'completed'] },
  content: { title: 'Collect payments at the desk' },
  steps: [
    {
      id: 'find',
      page: '/demo/patients',
      anchor: { selector: '[data-nav="payments"]', placement: 'right' },
      // The user's own click on Payments moves the tour on, on the page it opens.
      advanceOnClick: true,
      content: { title: 'Payments live here', body: [{ p: [{ text: 'Take a payment when the patient checks out, or send a link. ' }, { text: 'Click Payments', bold: true }, { text: ' to see how.' }] }] },
    },
    {
      id: 'collect',
      page: '/demo/payments',
      anchor: { selector: 'button[data-action="payments"]', placement: 'bottom' },
      content: { title: 'Collect a payment', body: [{ p: [{ text: 'Card, cash or a payment link by SMS.' }] }], buttons: [{ id: 'next', label: 'Next', action: { type: 'next' } }] },
    },
    {
      id: 'open',
      page: '/demo/payments',
      anchor: { selector: 'table', placement: 'top' },
      content: { title: 'Open payments stay visible', body: [{ p: [{ text: 'Anything unpaid shows here until it is settled.' }] }], buttons: [{ id: 'done', label: 'Done', action: { type: 'dismiss' } }] },
    },
  ],
};

/** Always available help: restart the payments tour, read about reminders, write to support. */
export const helpLauncher = (tourId: string): CampaignBody => ({
  name: 'Help & guides',
  kind: 'launcher',
  status: 'live',
  priority: 100,
  pages: ELSEWHERE,
  frequency: { maxShows: null, stopAfter: [] },
  content: { title: 'Help & guides' },
  entries: [
    { id: 'payments-tour', label: 'Tour: collect payments at the desk', action: { type: 'tour', campaignId: tourId } },
    { id: 'reminders', label: 'Set up automated reminders', action: { type: 'url', url: '/demo/reminders' } },
    { id: 'support', label: 'Write to support', action: { type: 'url', url: 'mailto:support@clinicflow.example' } },
  ],
});

/** NPS for clinics that adopted reminders, running for two months from the seed. */
/** The NPS survey has been asking for three weeks (demo/survey-answers.ts has the answers). */
export const NPS_STARTED_DAYS_AGO = 21;

export const npsSurvey = (now: Date): CampaignBody => ({
  name: 'NPS: clinics using reminders',
  kind: 'survey',
  status: 'live',
  priority: 40,
  audience: { type: 'feature', scope: 'account', feature: 'reminders', op: 'used' },
  pages: { include: ['/demo/messages'], exclude: [] },
  schedule: { startAt: new Date(now.getTime() - NPS_STARTED_DAYS_AGO * 86_400_000).toISOString(), endAt: new Date(now.getTime() + 60 * 86_400_000).toISOString() },
  frequency: { maxShows: 3, minIntervalHours: 72, stopAfter: ['dismissed', 'completed'] },
  content: { title: 'How likely are you to recommend ClinicFlow to another clinic?' },
  question: { type: 'nps', commentPrompt: 'What is the main reason for your score?' },
});

/**
 * A product announcement at the top of Messages for clinics without reminders, as an
 * experiment: a fifth of them are held out, and results compare how many turn reminders on.
 */
export const SMS_BANNER: CampaignBody = {
  name: 'Two-way SMS',
  kind: 'banner',
  status: 'live',
  position: 'top',
  audience: { type: 'feature', scope: 'account', feature: 'reminders', op: 'not_used' },
  pages: { include: ['/demo/messages'], exclude: [] },
  holdoutPercent: 20,
  goal: { type: 'feature', feature: 'reminders', withinDays: 14 },
  content: { title: 'New: patients can reply to reminder texts to confirm or cancel.', buttons: [{ id: 'setup', label: 'Set up reminders', action: { type: 'url', url: '/demo/reminders' } }] },
};
