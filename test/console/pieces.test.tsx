// @vitest-environment happy-dom
// Smaller parts of the console: campaigns ranked by lift, the account timeline and health chart
// read from history, tier bands, condition wording, the certification summary, and what an alert
// is about, and what guidance did with a user.
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignResults, HealthSnapshot, UserGuidance } from '../../server/console/api.ts';
import { buildTimeline } from '../../server/console/views/account/timeline.tsx';
import { HealthChart, healthSegments } from '../../server/console/views/account/health-chart.tsx';
import { guidanceFacts } from '../../server/console/views/account/user-guidance.tsx';
import { certificationSummary } from '../../server/console/views/account/users.tsx';
import { AlertList } from '../../server/console/views/alerts/alert-list.tsx';
import { describeCondition } from '../../server/console/views/alerts/rules.tsx';
import { seatBands, tenureBands } from '../../server/console/views/definitions/tiers.tsx';
import { rankByLift, type RankedCampaign } from '../../server/console/views/overview/campaign-lift.tsx';
import { mount, unmountAll } from './dom.ts';

afterEach(unmountAll);

function ranked(name: string, lift: number | null, exposures = 10): RankedCampaign {
  const group = { users: 100, converted: 10, rate: 0.1 };
  const users = lift === null ? null : { exposed: group, heldOut: group, lift: { absolute: { estimate: lift, low: lift - 0.05, high: lift + 0.05 }, relative: { estimate: null, low: null, high: null }, significant: true } };
  const results = { exposures, uniqueUsers: exposures, clicks: 0, dismissals: 0, heldOut: { users: 0, byCampaignHoldout: 0, byGlobalHoldout: 0 }, goal: null, users, accounts: null, perAccount: [] } as CampaignResults;
  return { campaign: { name } as RankedCampaign['campaign'], results };
}

describe('campaigns ranked by measured lift', () => {
  it('puts the highest lift first and campaigns without a measurable lift last, by exposures', () => {
    const order = rankByLift([ranked('no goal', null, 5), ranked('small', 0.01), ranked('busy, no holdout', null, 50), ranked('big', 0.08), ranked('harmful', -0.03)]);
    expect(order.map((r) => r.campaign.name)).toEqual(['big', 'small', 'harmful', 'busy, no holdout', 'no goal']);
  });
});

const snapshot = (day: string, stage: string, healthScore: number | null, healthColour: HealthSnapshot['healthColour']): HealthSnapshot => ({
  day, stage, healthScore, healthColour, healthVersion: 1, components: [], seatTier: 'D', tenureTier: 'a',
});

describe('an account’s history', () => {
  const history = [snapshot('2026-11-20', 'onboarded', 72, 'green'), snapshot('2026-11-21', 'onboarded', 55, 'yellow'), snapshot('2026-11-22', 'signed_up', null, null), snapshot('2026-11-23', 'adopted', 80, 'green')];

  it('reads stage and health changes from the daily snapshots, newest first, beside touches and alerts', () => {
    const entries = buildTimeline({
      history,
      touches: [{ id: 't', accountId: 'a', channel: 'call', note: 'QBR', at: '2026-11-21T15:00:00Z', author: 'eve@example.com', createdAt: '2026-11-21T15:00:00Z' }],
      alerts: [{ id: 'x', rule: 'health_red', message: 'health is red', status: 'open', raisedAt: '2026-11-22T09:00:00Z' }],
    });
    expect(entries.map((e) => `${e.kind}: ${e.title}`)).toEqual([
      'stage: Stage: Signed up → Adopted',
      'health: Health: unknown → green',
      'alert: health is red',
      'stage: Stage: Onboarded → Signed up',
      'health: Health: yellow → unknown',
      'touch: Call by eve@example.com',
      'health: Health: green → yellow',
    ]);
  });

  it('adds feature use by day and what users did with messages, with their names', () => {
    const entries = buildTimeline(
      {
        history: [],
        touches: [],
        alerts: [],
        featureUse: [{ feature: 'payments', day: '2026-11-22', count: 3 }],
        messages: [{ campaignId: 'c1', userId: 'ana', shows: 2, lastShownAt: '2026-11-23T08:00:00Z', dismissedAt: null, clickedAt: '2026-11-23T08:01:00Z', completedAt: null }],
        account: { scores: [{ visitorId: 'ana', name: 'Ana Pereira', campaignId: 'c1', score: 4, comment: 'Too many clicks', answeredAt: '2026-11-23T08:02:00Z', days: 0 }] },
        choices: [
          { campaignId: 'c1', visitorId: 'ana', choice: 'sms', choiceLabel: 'Text message', comment: null, answeredAt: '2026-11-23T08:03:00Z' },
          // An option removed from the survey since: its id is all there is to show.
          { campaignId: 'c1', visitorId: 'bo', choice: 'fax', choiceLabel: null, comment: 'Still on fax', answeredAt: '2026-11-23T07:00:00Z' },
        ],
      },
      undefined,
      { feature: () => 'Payments', campaign: () => 'Turn on reminders', user: (id) => (id === 'ana' ? 'Ana Pereira' : id) },
    );
    expect(entries.map((e) => `${e.kind}: ${e.title}`)).toEqual([
      'answer: Ana Pereira chose “Text message” on “Turn on reminders”',
      'score: Ana Pereira scored 4 out of 10 on “Turn on reminders”',
      'message: Ana Pereira clicked “Turn on reminders”',
      'message: Ana Pereira was shown “Turn on reminders”',
      'answer: bo chose “fax” on “Turn on reminders”',
      'use: Payments used 3×',
    ]);
    expect(entries[1]!.detail).toBe('Too many clicks');
    expect(entries[4]!.detail).toBe('Still on fax');
  });

  it('draws the health line with a gap where a day has no score, over green / yellow / red bands', async () => {
    expect(healthSegments(history).map((s) => s.length)).toEqual([2, 1]);
    const host = await mount(<HealthChart history={history} thresholds={{ green: 70, yellow: 40 }} />);
    expect(host.querySelectorAll('polyline')).toHaveLength(2);
    expect(host.querySelectorAll('rect.band-green, rect.band-yellow, rect.band-red')).toHaveLength(3);
    expect(host.querySelector('svg')!.getAttribute('aria-label')).toContain('now 80 (green)');
    expect([...host.querySelectorAll('circle')].map((c) => c.getAttribute('class'))).toEqual(['health-point health-green', 'health-point health-yellow', 'health-point health-green']);
  });
});

describe('words for definitions', () => {
  it('spells out the band of each tier', () => {
    expect(seatBands([{ name: 'A', min: 21 }, { name: 'B', min: 11 }, { name: 'C', min: 6 }, { name: 'D', min: 1 }])).toEqual(['21+', '11–20', '6–10', '1–5']);
    expect(tenureBands([{ name: 'a', minMonths: 0 }, { name: 'b', minMonths: 4 }, { name: 'd', minMonths: 12 }])).toEqual(['0–3 months', '4–11 months', '12+ months']);
  });

  it('says what an alert rule watches', () => {
    expect(describeCondition({ type: 'deployment_below', rate: 0.33 })).toMatch(/^deployment below 33\s?%$/);
    expect(describeCondition({ type: 'anchor_failing', count: 5, withinHours: 24, pause: false })).toBe('anchor missing 5+ times in 24 h');
    expect(describeCondition({ type: 'anchor_failing', count: 5, withinHours: 24, pause: true })).toBe('anchor missing 5+ times in 24 h, then pause the campaign');
    expect(describeCondition({ type: 'low_score', maxScore: 6, withinDays: 30 })).toBe('a user scores 6 or less out of 10 (within 30 days)');
  });

  it('summarises the levels a user holds', () => {
    const progress = (level: number | null, levelName: string | null) => ({ program: 'p', programName: 'P', level, levelName, next: null });
    expect(certificationSummary({ p: progress(2, 'Level 2 · Practice pro') })).toBe('Level 2 · Practice pro');
    expect(certificationSummary({ p: progress(null, null) })).toBe('—');
  });
});

describe('an alert’s subject', () => {
  it('names the account, or shows its id when it has no name yet, linking to the account either way', async () => {
    const alert = { rule: 'health_red', message: 'health is red', status: 'open', raisedAt: '2026-11-22T09:00:00Z', subjectKind: 'account' };
    const host = await mount(
      <AlertList
        alerts={[
          { ...alert, id: 'a1', subjectId: 'acct-9', subjectName: 'Maple Dental' },
          { ...alert, id: 'a2', subjectId: 'acct/10', subjectName: null },
        ]}
        onChanged={() => undefined}
      />,
    );
    expect([...host.querySelectorAll('.alert a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Maple Dental', '#/accounts/acct-9'],
      ['acct/10', '#/accounts/acct%2F10'],
    ]);
  });

  it('names the campaign of a failing anchor and links to its editor, where the selector is fixed', async () => {
    const host = await mount(
      <AlertList
        alerts={[{ id: 'a3', rule: 'anchor', message: 'anchor #reminders missing 12 times in 24 h', status: 'open', raisedAt: '2026-11-22T09:00:00Z', subjectKind: 'campaign', subjectId: 'c-41', subjectName: 'Turn on reminders' }]}
        onChanged={() => undefined}
      />,
    );
    const link = host.querySelector('.alert a')!;
    expect([link.textContent, link.getAttribute('href')]).toEqual(['Turn on reminders', '#/campaigns/c-41']);
    expect(host.textContent).not.toContain('c-41');
  });
});

describe('what guidance did with a user', () => {
  const none: UserGuidance = {
    campaignId: 'c1', name: 'Nudge', kind: 'tooltip', campaignStatus: 'live', shows: 0, handedOut: 0, firstShownAt: null, lastShownAt: null, clickedAt: null,
    dismissedAt: null, completedAt: null, snoozedUntil: null, tourStep: null, tourDoneAt: null, itemsDone: [], goal: null, heldOut: null, answer: null, lastActivityAt: '2026-11-20T09:00:00.000Z',
  };
  const now = Date.parse('2026-11-21T00:00:00.000Z');
  const facts = (over: Partial<UserGuidance>) => guidanceFacts({ ...none, ...over }, now);

  it('tells a holdout by its kind, and a message handed out but never rendered', () => {
    expect(facts({ heldOut: { at: none.lastActivityAt, reason: 'global' } })).toEqual(['Held out by the workspace’s global holdout']);
    expect(facts({ heldOut: { at: none.lastActivityAt, reason: 'campaign' } })).toEqual(['Held out by the campaign’s holdout']);
    expect(facts({ handedOut: 2 })).toEqual(['Handed out 2 times, never rendered']);
    expect(facts({ handedOut: 2, shows: 1, clickedAt: none.lastActivityAt })).toEqual(['Shown once', 'Clicked']);
  });

  it('follows a tour to the step the user left it at, or to its end', () => {
    expect(facts({ kind: 'tour', shows: 1, tourStep: 1 })).toEqual(['Shown once', 'On the tour at step 2']);
    expect(facts({ kind: 'tour', shows: 1, tourStep: 1, tourDoneAt: none.lastActivityAt, dismissedAt: none.lastActivityAt })).toEqual(['Shown once', 'Left the tour at step 2', 'Dismissed']);
    expect(facts({ kind: 'tour', shows: 1, tourStep: 2, tourDoneAt: none.lastActivityAt, completedAt: none.lastActivityAt })).toEqual(['Shown once', 'Completed the tour']);
  });

  it('keeps a snooze only while it lasts, and names goals, checklist items and answers', () => {
    expect(facts({ shows: 3, snoozedUntil: '2026-11-25T00:00:00.000Z' })).toEqual(['Shown 3 times', 'Snoozed until Nov 25, 2026']);
    expect(facts({ shows: 3, snoozedUntil: '2026-11-20T00:00:00.000Z' })).toEqual(['Shown 3 times']);
    expect(facts({ kind: 'checklist', itemsDone: ['a', 'b'], goal: { key: 'feature:reminders', reachedAt: '2026-11-19T09:00:00.000Z' } })).toEqual(['Ticked 2 checklist items', 'Reached the goal on Nov 19, 2026']);
    const answer = { score: 3, npsGroup: 'detractor' as const, choice: null, choiceLabel: null, comment: 'slow', answeredAt: none.lastActivityAt };
    expect(facts({ kind: 'survey', shows: 1, answer })).toEqual(['Shown once', 'Answered 3 (detractor)']);
    expect(facts({ kind: 'survey', answer: { ...answer, score: null, npsGroup: null, choice: 'sms', choiceLabel: 'Text message' } })).toEqual(['Answered “Text message”']);
  });
});
