// What the SDK receives for each kind, and what the interaction events it sends back change.
import { describe, expect, it } from 'vitest';
import { decide } from '../../server/engine/decision.ts';
import { messageInteraction } from '../../server/engine/interactions.ts';
import { pickLocale } from '../../server/engine/locale.ts';
import { tourStartAt } from '../../server/engine/render.ts';
import { goalHits, goalIndex } from '../../server/engine/goals.ts';
import { foldEffects } from '../../server/store/fold-effects.ts';
import { eventSchema } from '../../server/protocol/events.ts';
import type { IngestItem } from '../../server/store/store.ts';
import { analytics, campaign, hoursBefore, input, type InputOver, NOW, profile, state, use } from './engine-fixtures.ts';

const content = (title: string) => ({ title, body: [], buttons: [] });
const first = (c: Parameters<typeof campaign>[0], over: InputOver = {}) => decide([campaign({ id: 'c', ...c })], input(over))[0];

describe('locale variants', () => {
  const variants = { pt: content('Olá'), 'pt-BR': content('Oi'), fr: content('Bonjour') };
  it.each([
    ['pt-BR', 'Oi'],
    ['pt-br', 'Oi'],
    ['pt-PT', 'Olá'],
    ['pt', 'Olá'],
    ['fr-CA', 'Bonjour'],
    ['de-DE', 'Hello'],
    [undefined, 'Hello'],
  ])('%s → %s', (locale, title) => expect(pickLocale(content('Hello'), variants, locale).title).toBe(title));

  it('resolves the message and each tour step to the visitor’s language', () => {
    const tour = first(
      { kind: 'tour', content: { title: 'Tour' }, locales: { fr: { title: 'Visite' } }, steps: [{ id: 's1', content: { title: 'Step' }, locales: { fr: { title: 'Étape' } } }] },
      { locale: 'fr-FR' },
    );
    expect(tour).toMatchObject({ content: { title: 'Visite' }, steps: [{ id: 's1', content: { title: 'Étape' } }] });
    expect(tour && 'steps' in tour && 'locales' in tour.steps[0]!).toBe(false);
  });
});

describe('messages by kind', () => {
  it('tooltip and hotspot carry their anchor; every interrupting kind says so', () => {
    expect(first({ anchor: { selector: '#save', placement: 'left' } })).toMatchObject({ kind: 'tooltip', interrupting: true, anchor: { selector: '#save', placement: 'left' } });
    expect(first({ kind: 'hotspot', anchor: { selector: '#h' } })).toMatchObject({ kind: 'hotspot', interrupting: true, anchor: { selector: '#h', placement: 'right' } });
    expect(first({ kind: 'modal', anchor: undefined })).toEqual({ campaignId: 'c', version: 1, kind: 'modal', interrupting: true, content: { title: 'title of c', body: [], buttons: [] } });
    expect(first({ kind: 'survey', question: { type: 'nps' } })).toMatchObject({ kind: 'survey', interrupting: true, question: { type: 'nps' } });
  });
  it('banners sit at the top and slideouts on the right unless told otherwise', () => {
    expect(first({ kind: 'banner' })).toMatchObject({ kind: 'banner', interrupting: false, position: 'top' });
    expect(first({ kind: 'banner', position: 'bottom' })).toMatchObject({ position: 'bottom' });
    expect(first({ kind: 'slideout' })).toMatchObject({ kind: 'slideout', position: 'right' });
    expect(first({ kind: 'slideout', position: 'left' })).toMatchObject({ position: 'left' });
  });
  it('marks checklist items done by the user’s feature use or a completing action, and hides the feature key', () => {
    const items = [
      { id: 'book', label: 'Book an appointment', feature: 'appointments' },
      { id: 'remind', label: 'Turn on reminders', feature: 'reminders' },
      { id: 'invite', label: 'Invite a colleague', action: { type: 'complete_item' as const, itemId: 'invite' } },
    ];
    const checklist = first(
      { kind: 'checklist', items },
      { profile: profile({ userFeatures: { appointments: use(1) }, accountFeatures: { reminders: use(4) } }), states: { c: { itemsDone: ['invite'] } } },
    );
    expect(checklist).toMatchObject({
      kind: 'checklist',
      interrupting: false,
      items: [
        // Done by feature use and never reported: the SDK is asked to report it.
        { id: 'book', label: 'Book an appointment', done: true, unreported: true },
        // A colleague's use does not tick the user's own checklist.
        { id: 'remind', label: 'Turn on reminders', done: false },
        { id: 'invite', label: 'Invite a colleague', done: true, action: { type: 'complete_item', itemId: 'invite' } },
      ],
    });
    // Items reported already, or not done, need no report.
    expect(checklist?.kind === 'checklist' && checklist.items.map((item) => item.unreported ?? false)).toEqual([true, false, false]);
    expect(JSON.stringify(checklist)).not.toContain('"feature"');
  });
  it('no longer asks to report an item done by feature use once its completion is recorded', () => {
    const items = [{ id: 'book', label: 'Book', feature: 'appointments' }];
    const checklist = first({ kind: 'checklist', items }, { profile: profile({ userFeatures: { appointments: use(1) } }), states: { c: { itemsDone: ['book'] } } });
    expect(checklist).toMatchObject({ items: [{ id: 'book', done: true }] });
    expect(JSON.stringify(checklist)).not.toContain('unreported');
  });
  it('stops a checklist whose items are all done and reported when it stops on completion', () => {
    const items = [{ id: 'book', label: 'Book', feature: 'appointments' }];
    const reported = { profile: profile({ userFeatures: { appointments: use(1) } }), states: { c: { itemsDone: ['book'] } } };
    expect(first({ kind: 'checklist', items, frequency: { stopAfter: ['completed'] } }, reported)).toBeUndefined();
    expect(first({ kind: 'checklist', items }, reported)).toBeDefined();
  });
  it('shows a checklist completed by feature use once more, so the SDK reports its last items, then stops it', () => {
    const items = [{ id: 'book', label: 'Book', feature: 'appointments' }];
    const used = { profile: profile({ userFeatures: { appointments: use(1) } }) };
    const once = { kind: 'checklist' as const, items, frequency: { stopAfter: ['completed' as const] } };
    expect(first(once, used)).toMatchObject({ items: [{ id: 'book', done: true, unreported: true }] });
    expect(first(once, { ...used, states: { c: { completedAt: hoursBefore(1) } } })).toBeUndefined();
  });
  it('shows the launcher’s entries', () => {
    const entries = [{ id: 'tour', label: 'Take the tour', action: { type: 'tour' as const, campaignId: 'tour-1' } }];
    expect(first({ kind: 'launcher', entries })).toMatchObject({ kind: 'launcher', interrupting: false, entries });
  });
  it('shows a certification badge with the user’s progress, and nothing before analytics placed them', () => {
    const placed = profile({ analytics: analytics() });
    expect(first({ kind: 'certification', program: 'scheduling' }, { profile: placed })).toMatchObject({
      kind: 'certification',
      certification: { program: 'scheduling', level: 2, next: { level: 1 } },
    });
    expect(first({ kind: 'certification', program: 'scheduling' })).toBeUndefined();
    expect(first({ kind: 'certification', program: 'billing' }, { profile: placed })).toBeUndefined();
  });
});

describe('tours resume where the user left off', () => {
  it.each([
    ['never started', {}, 0],
    ['viewed step 0', { tourStep: 0, tourStepAt: hoursBefore(2) }, 1],
    ['viewed step 1', { tourStep: 1, tourStepAt: hoursBefore(2) }, 2],
    ['viewed the last step without finishing', { tourStep: 2, tourStepAt: hoursBefore(2) }, 2],
    ['completed after the last step viewed', { tourStep: 2, tourStepAt: hoursBefore(3), tourDoneAt: hoursBefore(2) }, 0],
    ['started again after completing', { tourStep: 0, tourStepAt: hoursBefore(1), tourDoneAt: hoursBefore(2) }, 1],
    ['dismissed after the last step viewed', { tourStep: 1, tourStepAt: hoursBefore(3), dismissedAt: hoursBefore(2), tourDoneAt: hoursBefore(2) }, 0],
    ['started again after a dismissal', { tourStep: 0, tourStepAt: hoursBefore(1), dismissedAt: hoursBefore(2), tourDoneAt: hoursBefore(2) }, 1],
    // The first dismissal is kept (stop rules); the second one still ends the second run.
    ['dismissed again after starting again', { tourStep: 1, tourStepAt: hoursBefore(3), dismissedAt: hoursBefore(5), tourDoneAt: hoursBefore(2) }, 0],
  ])('%s → step %i', (_name, over, startAt) => expect(tourStartAt(state(over), 3)).toBe(startAt));

  it('goes on with a tour the user started again after it was dismissed, until it ends again', () => {
    const steps = [{ id: 'a', content: { title: 'A' } }, { id: 'b', content: { title: 'B' } }, { id: 'c', content: { title: 'C' } }];
    const dismissed = { dismissedAt: hoursBefore(5), tourDoneAt: hoursBefore(5), tourStep: 1, tourStepAt: hoursBefore(6) };
    expect(first({ kind: 'tour', steps }, { states: { c: dismissed } })).toBeUndefined();
    const restarted = { ...dismissed, tourStep: 0, tourStepAt: hoursBefore(1) };
    expect(first({ kind: 'tour', steps }, { states: { c: restarted } })).toMatchObject({ kind: 'tour', startAt: 1 });
    // So does one the user completed, or snoozed, before starting it again.
    expect(first({ kind: 'tour', steps, frequency: { stopAfter: ['completed'] } }, { states: { c: { completedAt: hoursBefore(5), tourDoneAt: hoursBefore(5), tourStep: 0, tourStepAt: hoursBefore(1) } } })).toBeDefined();
    expect(first({ kind: 'tour', steps }, { states: { c: { ...restarted, snoozedUntil: hoursBefore(-24) } } })).toBeDefined();
    expect(first({ kind: 'tour', steps }, { states: { c: { ...restarted, tourDoneAt: hoursBefore(0.5) } } })).toBeUndefined();
    // Without an end since (never dismissed, only snoozed), a snooze still holds it back.
    expect(first({ kind: 'tour', steps }, { states: { c: { tourStep: 0, tourStepAt: hoursBefore(1), snoozedUntil: hoursBefore(-24) } } })).toBeUndefined();
  });

  it('keeps a tour in progress past its show limit (a reload is not a new show)', () => {
    const steps = [{ id: 'a', content: { title: 'A' } }, { id: 'b', content: { title: 'B' } }];
    const tour = first({ kind: 'tour', steps, frequency: { maxShows: 1 } }, { states: { c: { reservedShows: 1, tourStep: 0, tourStepAt: hoursBefore(1) } } });
    expect(tour).toMatchObject({ kind: 'tour', startAt: 1 });
  });
});

const event = (name: string, properties: Record<string, unknown>) =>
  eventSchema.parse({ type: 'track', messageId: `m-${Math.random()}`, timestamp: '2026-11-20T10:00:00.000Z', userId: 'u1', groupId: 'a1', event: name, properties });

describe('interaction events', () => {
  it.each([
    ['message_shown', { campaignId: 'c' }, { campaignId: 'c', kind: 'shown' }],
    ['message_snoozed', { campaignId: 'c', days: 3 }, { campaignId: 'c', kind: 'snoozed', days: 3 }],
    ['tour_step_viewed', { campaignId: 'c', stepId: 's2', stepIndex: 1 }, { campaignId: 'c', kind: 'tour_step', step: 1 }],
    ['tour_completed', { campaignId: 'c' }, { campaignId: 'c', kind: 'tour_completed' }],
    ['checklist_item_completed', { campaignId: 'c', itemId: 'book' }, { campaignId: 'c', kind: 'item_completed', itemId: 'book' }],
    ['survey_answered', { campaignId: 'c', score: 9, comment: 'Great' }, { campaignId: 'c', kind: 'answered', score: 9, choice: null, comment: 'Great' }],
    ['survey_answered', { campaignId: 'c', choice: 'yes' }, { campaignId: 'c', kind: 'answered', score: null, choice: 'yes', comment: null }],
    ['Reminder Scheduled', { campaignId: 'c' }, undefined],
    ['message_shown', {}, undefined],
  ])('%s %j', (name, properties, expected) => expect(messageInteraction(event(name, properties))).toEqual(expected));

  it.each([
    ['message_snoozed', { campaignId: 'c' }, 'days'],
    ['message_snoozed', { campaignId: 'c', days: 0 }, 'days'],
    ['tour_step_viewed', { campaignId: 'c', stepIndex: -1 }, 'stepIndex'],
    ['checklist_item_completed', { campaignId: 'c' }, 'itemId'],
    ['survey_answered', { campaignId: 'c', score: 11 }, 'score'],
    ['survey_answered', { campaignId: 'c', score: 7.5 }, 'score'],
    ['survey_answered', { campaignId: 'c', comment: 'no score' }, 'score'],
  ])('refuses %s %j, naming %s', (name, properties, path) => {
    expect(messageInteraction(event(name, properties))).toMatchObject({ path });
  });

  it('folds a batch into message state: snooze until, last tour step, items done, first answer', () => {
    const at = (hour: number) => `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const item = (name: string, properties: Record<string, unknown>, hour: number): IngestItem => {
      const e = { ...event(name, { campaignId: 'c', ...properties }), timestamp: at(hour) };
      const interaction = messageInteraction(e);
      return { event: e, timestamp: at(hour), receivedAt: at(23), features: [], verified: null, ...(interaction && !('problem' in interaction) ? { interaction } : {}) };
    };
    const effects = foldEffects([
      item('message_shown', {}, 9),
      item('message_shown', {}, 8),
      item('tour_step_viewed', { stepIndex: 2 }, 11),
      item('tour_step_viewed', { stepIndex: 1 }, 10),
      item('message_snoozed', { days: 2 }, 12),
      item('checklist_item_completed', { itemId: 'b' }, 12),
      item('checklist_item_completed', { itemId: 'a' }, 13),
      item('checklist_item_completed', { itemId: 'b' }, 14),
      item('tour_completed', {}, 15),
      item('survey_answered', { score: 3 }, 16),
      item('survey_answered', { score: 10 }, 15),
    ]);
    expect(effects.states).toEqual([
      {
        campaignId: 'c', visitorId: 'u1', accountId: 'a1', shows: 2, firstShownAt: at(8), lastShownAt: at(9), dismissedAt: null, clickedAt: null,
        completedAt: at(15), snoozedUntil: '2026-11-22T12:00:00.000Z', tourStep: 2, tourStepAt: at(11), tourDoneAt: at(15), itemsDone: ['a', 'b'],
      },
    ]);
    expect(effects.answers).toEqual([{ campaignId: 'c', visitorId: 'u1', accountId: 'a1', score: 10, choice: null, comment: null, at: at(15) }]);
  });

  it('ends a tour at its latest dismissal or closing click, keeping the first of each for the stop rules', () => {
    const at = (hour: number) => `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const item = (name: string, hour: number): IngestItem => {
      const e = { ...event(name, { campaignId: 'c' }), timestamp: at(hour) };
      return { event: e, timestamp: at(hour), receivedAt: at(23), features: [], verified: null, interaction: messageInteraction(e) as never };
    };
    const [state] = foldEffects([item('message_dismissed', 9), item('message_clicked', 12), item('message_dismissed', 11)]).states;
    expect(state).toMatchObject({ dismissedAt: at(9), clickedAt: at(12), tourDoneAt: at(12) });
  });
});

describe('goals at ingest', () => {
  const live = [
    campaign({ id: 'invoices', goal: { type: 'event', event: 'Invoice Sent', withinDays: 7 } }),
    campaign({ id: 'reminders', goal: { type: 'feature', feature: 'reminders', withinDays: 14 } }),
    campaign({ id: 'also-reminders', goal: { type: 'feature', feature: 'reminders', withinDays: 3 } }),
    campaign({ id: 'no-goal' }),
  ];
  const index = goalIndex(live);
  const track = (name: string) => eventSchema.parse({ type: 'track', messageId: `m-${name}`, timestamp: NOW, userId: 'u1', event: name, properties: {} });

  it('names the campaigns whose goal an event does: by its name, or by a feature it counts toward', () => {
    expect(goalHits(track('Invoice Sent'), [], index)).toEqual([{ campaignId: 'invoices', goal: 'event:Invoice Sent' }]);
    expect(goalHits(track('Reminder Scheduled'), ['reminders'], index)).toEqual([
      { campaignId: 'reminders', goal: 'feature:reminders' },
      { campaignId: 'also-reminders', goal: 'feature:reminders' },
    ]);
    expect(goalHits(track('Invoice Viewed'), ['invoices'], index)).toEqual([]);
    expect(goalHits(eventSchema.parse({ type: 'page', messageId: 'p', timestamp: NOW, userId: 'u1', name: 'Invoice Sent' }), [], index)).toEqual([]);
  });

  it('folds a batch’s goals per visitor and campaign in time order, once per time', () => {
    const at = (hour: number) => `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const hit = (hour: number, fields: Record<string, unknown> = {}): IngestItem => {
      const e = { ...track('Invoice Sent'), ...fields, timestamp: at(hour) };
      return { event: e, timestamp: at(hour), receivedAt: at(23), features: [], verified: null, goals: [{ campaignId: 'invoices', goal: 'event:Invoice Sent' }] };
    };
    const { goals } = foldEffects([hit(11), hit(9), hit(11, { messageId: 'again' }), hit(10, { userId: undefined, anonymousId: 'anon-1' })]);
    expect(goals).toEqual([
      { campaignId: 'invoices', visitorId: 'anon-1', goal: 'event:Invoice Sent', at: at(10) },
      { campaignId: 'invoices', visitorId: 'u1', goal: 'event:Invoice Sent', at: at(9) },
      { campaignId: 'invoices', visitorId: 'u1', goal: 'event:Invoice Sent', at: at(11) },
    ]);
  });
});
