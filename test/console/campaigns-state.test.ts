// @vitest-environment happy-dom
// Campaign drafts in the console: a new draft of every kind is one the server accepts once the
// author fills what only they can know; switching kinds keeps what the new kind uses and drops
// the rest; the preview gets the message shape decide would return; audiences open in the
// builder's form meaning the same; translations added and removed; the list's filters and status actions.
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../server/console/api.ts';
import { blankCampaign, draftLocales, filterCampaigns, freshId, inputOf, KINDS, normalizeAudience, previewMessage, statusFilter, transitions, withKind } from '../../server/console/state/campaigns.ts';
import { localeProblem, withoutLocale } from '../../server/console/views/campaigns/locale-fields.tsx';
import { evaluateAudience } from '../../server/engine/targeting.ts';
import type { AudienceRule } from '../../server/protocol/audience.ts';
import { campaignInput } from '../../server/protocol/campaign.ts';
import { localeVariants } from '../../server/protocol/content.ts';

const filled = (kind: (typeof KINDS)[number]['value']) => {
  const draft = { ...blankCampaign(kind), name: `A ${kind}` };
  if (draft.anchor) draft.anchor = { ...draft.anchor, selector: '#save' };
  if (kind === 'certification') draft.program = 'power-user';
  return draft;
};

describe('a new campaign draft', () => {
  it.each(KINDS.map((k) => k.value))('of kind %s is accepted by the server once named (and anchored or given a program)', (kind) => {
    const parsed = campaignInput.safeParse(filled(kind));
    expect(parsed.success ? 'ok' : parsed.error.issues[0]!.message).toBe('ok');
  });

  it('starts as a draft for everyone, on every page, without goal, holdout or caps', () => {
    expect(blankCampaign('modal')).toMatchObject({ status: 'draft', audience: { all: [] }, pages: { include: [], exclude: [] }, holdoutPercent: 0, goal: null, accountCaps: { maxUsers: null } });
  });

  it('of a tooltip is refused without its anchor, naming the field', () => {
    const parsed = campaignInput.safeParse({ ...blankCampaign('tooltip'), name: 'x', anchor: undefined });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['anchor'], message: 'a tooltip needs an anchor' });
  });
});

describe('switching the kind of a draft', () => {
  it('drops the anchor for a banner and gives it a position', () => {
    const banner = withKind(filled('tooltip'), 'banner');
    expect(banner.anchor).toBeUndefined();
    expect(banner.position).toBe('top');
    expect(campaignInput.safeParse(banner).success).toBe(true);
  });

  it('moves a banner’s position to a side a slideout can take', () => {
    expect(withKind({ ...filled('banner'), position: 'bottom' }, 'slideout').position).toBe('right');
  });

  it('lets a modal keep an anchor as its spotlight, and a checklist drop it', () => {
    const modal = withKind(filled('tooltip'), 'modal');
    expect(modal.anchor).toEqual({ selector: '#save', placement: 'right' });
    const checklist = withKind(modal, 'checklist');
    expect(checklist.anchor).toBeUndefined();
    expect(checklist.items).toHaveLength(1);
  });

  it('keeps content, audience and delivery', () => {
    const draft = { ...filled('tooltip'), content: { title: 'Hi', body: [], buttons: [] }, priority: 7, holdoutPercent: 10 };
    expect(withKind(draft, 'survey')).toMatchObject({ content: { title: 'Hi' }, priority: 7, holdoutPercent: 10, question: { type: 'nps' } });
  });
});

describe('the preview message', () => {
  it('anchors tooltips, hotspots and tour steps to the preview’s stand-in with the chosen placement', () => {
    const tooltip = previewMessage({ ...filled('tooltip'), anchor: { selector: '[data-nav="payments"]', placement: 'bottom' } });
    expect(tooltip).toMatchObject({ kind: 'tooltip', interrupting: true, anchor: { selector: '#preview-anchor', placement: 'bottom' } });
    const tour = previewMessage({ ...filled('tour'), steps: [{ id: 'a', anchor: { selector: '.x', placement: 'left' }, content: { title: 'A', body: [], buttons: [] } }, { id: 'b', content: { title: 'B', body: [], buttons: [] } }] });
    expect(tour).toMatchObject({ kind: 'tour', startAt: 0, steps: [{ id: 'a', anchor: { selector: '#preview-anchor', placement: 'left' } }, { id: 'b' }] });
    expect((tour as { steps: object[] }).steps[1]).not.toHaveProperty('anchor');
  });

  it('shows the chosen translation of the message and of each tour step, and the message as written where there is none', () => {
    const content = (title: string) => ({ title, body: [], buttons: [] });
    const modal = { ...filled('modal'), content: content('Hello'), locales: { fr: content('Bonjour') } };
    expect(previewMessage(modal, 'fr').content.title).toBe('Bonjour');
    expect(previewMessage(modal, null).content.title).toBe('Hello');
    expect(previewMessage(modal, 'de').content.title).toBe('Hello');
    const tour = { ...filled('tour'), steps: [{ id: 'a', content: content('Step A'), locales: { 'pt-BR': content('Passo A') } }, { id: 'b', content: content('Step B') }] };
    expect((previewMessage(tour, 'pt-BR') as { steps: { content: { title: string } }[] }).steps.map((s) => s.content.title)).toEqual(['Passo A', 'Step B']);
    expect(draftLocales({ ...tour, locales: { fr: content('Visite') } })).toEqual(['fr', 'pt-BR']);
    expect(draftLocales(filled('banner'))).toEqual([]);
  });

  it('shows a modal without an anchor unless it spotlights one', () => {
    expect(previewMessage(filled('modal'))).not.toHaveProperty('anchor');
  });

  it('shows checklist items not yet done, banners and slideouts where they sit, and a sample certification', () => {
    expect(previewMessage({ ...filled('checklist'), items: [{ id: 'i', label: 'Book', feature: 'appointments' }] })).toMatchObject({ items: [{ id: 'i', label: 'Book', done: false }] });
    expect(previewMessage({ ...filled('banner'), position: 'bottom' })).toMatchObject({ kind: 'banner', position: 'bottom' });
    expect(previewMessage({ ...filled('slideout'), position: 'left' })).toMatchObject({ kind: 'slideout', position: 'left' });
    expect(previewMessage(filled('certification'))).toMatchObject({ kind: 'certification', certification: { program: 'power-user', level: 2 } });
  });
});

describe('translations', () => {
  it('are added under a well-formed language code that no translation has yet, whatever its case', () => {
    expect(localeProblem('', [])).toBe('type a language code, e.g. fr or pt-BR');
    expect(localeProblem('French', [])).toBe('locale tags look like "fr" or "pt-BR"');
    expect(localeProblem('pt_BR', [])).toBe('locale tags look like "fr" or "pt-BR"');
    expect(localeProblem('pt-br', ['fr', 'pt-BR'])).toMatch(/^there is a .*\(pt-BR\) translation already$/);
    expect(localeProblem('pt', ['fr', 'pt-BR'])).toBeNull();
    expect(localeProblem('es-419', [])).toBeNull();
    // The same rule as the server's.
    expect(localeVariants.safeParse({ 'es-419': { title: 'Hola' } }).success).toBe(true);
    expect(localeVariants.safeParse({ pt_BR: { title: 'Olá' } }).success).toBe(false);
  });

  it('are removed one by one, leaving no empty set of translations behind', () => {
    const hi = { title: 'Hi', body: [], buttons: [] };
    expect(withoutLocale({ fr: hi, de: hi }, 'fr')).toEqual({ de: hi });
    expect(withoutLocale({ fr: hi }, 'fr')).toBeUndefined();
  });
});

describe('an audience opened in the builder', () => {
  const view = { now: new Date().toISOString() };
  const profile = (accountUses: number, plan: string) =>
    ({
      visitorId: 'u',
      userId: 'u',
      accountId: 'a',
      userTraits: {},
      accountTraits: { plan },
      userFeatures: {},
      accountFeatures: accountUses ? { payments: { count: accountUses, firstSeen: view.now, lastSeen: view.now, activeDays: 1 } } : {},
    }) as never;
  const notUsed = { type: 'feature', scope: 'account', feature: 'payments', op: 'not_used' } as const;
  const pro = { type: 'trait', scope: 'account', key: 'plan', op: 'eq', value: 'pro' } as const;

  it('wraps a lone condition in an "all of" group and a negation in "none of"', () => {
    expect(normalizeAudience(notUsed)).toEqual({ all: [notUsed] });
    expect(normalizeAudience({ not: pro })).toEqual({ not: { any: [pro] } });
    expect(normalizeAudience({ any: [notUsed, { not: { all: [pro] } }] })).toEqual({ any: [notUsed, { not: { any: [{ all: [pro] }] } }] });
  });

  it.each<[string, AudienceRule]>([
    ['a lone condition', notUsed],
    ['a negated condition', { not: pro }],
    ['nested groups', { any: [notUsed, { not: { all: [pro, notUsed] } }] }],
  ])('means the same as before for %s', (_, rule) => {
    for (const p of [profile(0, 'pro'), profile(3, 'pro'), profile(0, 'starter'), profile(2, 'starter')]) {
      expect(evaluateAudience(normalizeAudience(rule), p, view)).toBe(evaluateAudience(rule, p, view));
    }
  });

  it('is normalised when a stored campaign becomes a draft, without its version bookkeeping', () => {
    const stored = { ...filled('tooltip'), audience: notUsed, id: 'c1', version: 3, createdAt: 'x', updatedAt: 'y' } as Campaign;
    const draft = inputOf(stored);
    expect(draft).not.toHaveProperty('id');
    expect(draft).not.toHaveProperty('version');
    expect(draft.audience).toEqual({ all: [notUsed] });
  });
});

describe('the list', () => {
  const campaign = (id: string, status: Campaign['status']) => ({ id, status }) as Campaign;
  const all = [campaign('a', 'draft'), campaign('b', 'live'), campaign('c', 'archived'), campaign('d', 'paused')];

  it('hides archived campaigns unless asked for them, and filters by a status from the address', () => {
    expect(filterCampaigns(all, statusFilter(null)).map((c) => c.id)).toEqual(['a', 'b', 'd']);
    expect(filterCampaigns(all, statusFilter('archived')).map((c) => c.id)).toEqual(['c']);
    expect(filterCampaigns(all, statusFilter('live')).map((c) => c.id)).toEqual(['b']);
    expect(statusFilter('nonsense')).toBe('current');
  });

  it('offers only the status changes the server allows', () => {
    expect(transitions('draft')).toEqual(['publish', 'archive']);
    expect(transitions('live')).toEqual(['pause', 'archive']);
    expect(transitions('paused')).toEqual(['publish', 'archive']);
    expect(transitions('archived')).toEqual([]);
  });

  it('names new steps, items and buttons with the next free id', () => {
    expect(freshId('step', [{ id: 'step-1' }, { id: 'step-3' }])).toBe('step-4');
    expect(freshId('step', [{ id: 'step-2' }])).toBe('step-3');
    expect(freshId('item', [])).toBe('item-1');
  });
});
