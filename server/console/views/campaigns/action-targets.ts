// What a button, checklist item or launcher entry can point at in the workspace's campaigns:
// the tours it can start and the checklist items it can tick, by name, with the id as the value
// stored. The campaign being edited counts as it is in the form, not as last saved.
import { createContext } from 'preact';
import type { Campaign } from '../../api.ts';
import type { CampaignDraft } from '../../state/campaigns.ts';
import type { Choice } from './vocabulary.ts';

export interface ActionTargets {
  /** True while the campaign list loads. */
  loading: boolean;
  /** Null when the list could not be loaded: the id is then typed by hand. */
  tours: Choice[] | null;
  checklistItems: Choice[] | null;
}

export const ActionTargetsContext = createContext<ActionTargets>({ loading: true, tours: null, checklistItems: null });

type Guide = Pick<Campaign, 'name' | 'kind' | 'status' | 'items'> & { id: string | null };

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label);

/**
 * Tours and checklist items among `campaigns` (null: not loaded), leaving out archived ones, with
 * the draft in place of its saved version (`selfId`, null for a campaign not saved yet).
 */
export function actionTargets(campaigns: readonly Campaign[] | null, draft: CampaignDraft, selfId: string | null): Omit<ActionTargets, 'loading'> {
  if (!campaigns) return { tours: null, checklistItems: null };
  const self: Guide = { ...draft, id: selfId };
  const guides: Guide[] = [...campaigns.filter((c) => c.id !== selfId && c.status !== 'archived'), self];
  // A tour is started by its id, so one never saved cannot be started yet.
  const tours = guides
    .filter((g): g is Guide & { id: string } => g.kind === 'tour' && g.id !== null)
    .map((g) => ({ value: g.id, label: g === self ? `${g.name || 'Untitled'} (this tour)` : g.status === 'live' ? g.name : `${g.name} (${g.status})` }));
  // Items are ticked by id in whichever checklist on screen lists it, so checklists sharing an id share one choice.
  const items = new Map<string, string[]>();
  for (const g of guides) {
    if (g.kind !== 'checklist') continue;
    const owner = g === self ? 'this checklist' : g.name;
    for (const item of g.items ?? []) items.set(item.id, [...(items.get(item.id) ?? []), `${item.label || item.id} — ${owner}`]);
  }
  return { tours: tours.sort(byLabel), checklistItems: [...items].map(([value, labels]) => ({ value, label: labels.join('; ') })).sort(byLabel) };
}
