// @vitest-environment happy-dom
// What a button can start or tick, picked by name: the workspace's tours and checklist items
// (archived ones left out, the campaign being edited as it is in the form), and the picker's
// states: loading, none yet, an id that names nothing current, and a list that failed to load.
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../server/console/api.ts';
import { blankCampaign } from '../../server/console/state/campaigns.ts';
import { ActionFields } from '../../server/console/views/campaigns/action-fields.tsx';
import { type ActionTargets, ActionTargetsContext, actionTargets } from '../../server/console/views/campaigns/action-targets.ts';
import type { ButtonAction } from '../../server/protocol/content.ts';
import { choose, mount, signInAs, unmountAll } from './dom.ts';

afterEach(unmountAll);

const stored = (id: string, fields: Partial<Campaign>): Campaign => ({ ...blankCampaign(fields.kind ?? 'banner'), id, version: 1, createdAt: '', updatedAt: '', ...fields }) as Campaign;

const workspace = [
  stored('t-live', { name: 'Welcome tour', kind: 'tour', status: 'live' }),
  stored('t-draft', { name: 'Billing tour', kind: 'tour', status: 'draft' }),
  stored('t-old', { name: 'Old tour', kind: 'tour', status: 'archived' }),
  stored('c-start', { name: 'Get started', kind: 'checklist', status: 'live', items: [{ id: 'calendar', label: 'Connect your calendar' }, { id: 'invite', label: 'Invite a colleague' }] }),
  stored('c-pro', { name: 'Go pro', kind: 'checklist', status: 'paused', items: [{ id: 'invite', label: 'Invite your team' }] }),
  stored('b-1', { name: 'A banner', kind: 'banner', status: 'live' }),
];

describe('what a button can point at', () => {
  it('lists tours by name with their status unless live, leaving out archived ones and other kinds', () => {
    const { tours } = actionTargets(workspace, { ...blankCampaign('banner'), name: 'New banner' }, null);
    expect(tours).toEqual([
      { value: 't-draft', label: 'Billing tour (draft)' },
      { value: 't-live', label: 'Welcome tour' },
    ]);
  });

  it('lists checklist items with their checklist; an id two checklists share is one choice naming both', () => {
    const { checklistItems } = actionTargets(workspace, blankCampaign('modal'), null);
    expect(checklistItems).toEqual([
      { value: 'calendar', label: 'Connect your calendar — Get started' },
      { value: 'invite', label: 'Invite a colleague — Get started; Invite your team — Go pro' },
    ]);
  });

  it('counts the checklist being edited as it is in the form, saved or not, and a saved tour as itself', () => {
    const editing = { ...blankCampaign('checklist'), name: 'Get started', items: [{ id: 'calendar', label: 'Link a calendar' }] };
    expect(actionTargets(workspace, editing, 'c-start').checklistItems).toEqual([
      { value: 'invite', label: 'Invite your team — Go pro' },
      { value: 'calendar', label: 'Link a calendar — this checklist' },
    ]);
    expect(actionTargets([], editing, null).checklistItems).toEqual([{ value: 'calendar', label: 'Link a calendar — this checklist' }]);
    // A tour not saved yet has no id to start it by.
    expect(actionTargets([], { ...blankCampaign('tour'), name: 'Fresh' }, null).tours).toEqual([]);
    expect(actionTargets(workspace, { ...blankCampaign('tour'), name: 'Welcome tour v2' }, 't-live').tours).toEqual([
      { value: 't-draft', label: 'Billing tour (draft)' },
      { value: 't-live', label: 'Welcome tour v2 (this tour)' },
    ]);
  });

  it('knows nothing when the campaigns could not be loaded', () => {
    expect(actionTargets(null, blankCampaign('modal'), null)).toEqual({ tours: null, checklistItems: null });
  });
});

describe('the tour picker', () => {
  async function picker(targets: ActionTargets, action: ButtonAction, onEdit: (path: readonly (string | number)[], value: unknown) => void = () => undefined) {
    signInAs('editor');
    return mount(
      <ActionTargetsContext.Provider value={targets}>
        <ActionFields action={action} path={['content', 'buttons', 0, 'action']} edit={onEdit} />
      </ActionTargetsContext.Provider>,
    );
  }
  const tourSelect = (host: HTMLElement) => {
    const label = [...host.querySelectorAll('label')].find((l) => l.textContent === 'Tour')!;
    return host.querySelector<HTMLSelectElement>(`#${CSS.escape(label.htmlFor)}`)!;
  };
  const optionLabels = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);

  it('offers the tours by name and stores the chosen one’s id', async () => {
    const edits: unknown[][] = [];
    const host = await picker({ loading: false, tours: [{ value: 't-live', label: 'Welcome tour' }], checklistItems: [] }, { type: 'tour', campaignId: '' }, (path, value) => edits.push([path, value]));
    expect(optionLabels(tourSelect(host))).toEqual(['— choose —', 'Welcome tour']);
    await choose(tourSelect(host), 't-live');
    expect(edits).toEqual([[['content', 'buttons', 0, 'action', 'campaignId'], 't-live']]);
  });

  it('says how to get a tour when there is none, and that it is loading while it is', async () => {
    const none = await picker({ loading: false, tours: [], checklistItems: [] }, { type: 'tour', campaignId: '' });
    // Only the "Does" choice: no empty list to pick from.
    expect(none.querySelectorAll('select')).toHaveLength(1);
    expect(none.textContent).toContain('No tour campaigns yet: create a tour under Campaigns, then pick it here.');
    const loading = await picker({ loading: true, tours: null, checklistItems: null }, { type: 'complete_item', itemId: '' });
    expect(loading.querySelector('[role=status]')!.textContent).toBe('Loading campaigns…');
  });

  it('keeps an id that names no current tour selectable, so opening a campaign changes nothing unseen', async () => {
    const host = await picker({ loading: false, tours: [{ value: 't-live', label: 'Welcome tour' }], checklistItems: [] }, { type: 'tour', campaignId: 't-old' });
    expect(tourSelect(host).value).toBe('t-old');
    expect(optionLabels(tourSelect(host))).toEqual(['t-old (not found among current campaigns)', 'Welcome tour']);
  });

  it('falls back to typing the id when the campaigns could not be loaded', async () => {
    const host = await picker({ loading: false, tours: null, checklistItems: null }, { type: 'tour', campaignId: 't-live' });
    const label = [...host.querySelectorAll('label')].find((l) => l.textContent === 'Tour (id)')!;
    expect(host.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`)!.value).toBe('t-live');
  });
});
