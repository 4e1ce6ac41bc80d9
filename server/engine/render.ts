// Turns a chosen campaign into the message the SDK renders: content in the visitor's language,
// a tour's step to resume at, a checklist's done items, a certification's progress.
import type { Campaign } from '../protocol/campaign.ts';
import type { DecidedMessage } from '../protocol/decide.ts';
import { pickLocale } from './locale.ts';
import { checklistDone, tourInProgress } from './rules.ts';
import type { CampaignState, DecisionInput } from './visitor-state.ts';
import { NEVER_SEEN } from './visitor-state.ts';

/** The step after the last one viewed; from the start once the tour ended since. */
export function tourStartAt(state: CampaignState, stepCount: number): number {
  if (!tourInProgress(state)) return 0;
  return Math.min(state.tourStep! + 1, stepCount - 1);
}

/** Null when there is nothing to show (a certification badge for a user analytics has not placed). */
export function renderMessage(campaign: Campaign, input: DecisionInput): DecidedMessage | null {
  const locale = input.view.locale;
  const state = input.state.campaigns.get(campaign.id) ?? NEVER_SEEN;
  const base = {
    campaignId: campaign.id,
    version: campaign.version,
    interrupting: false,
    content: pickLocale(campaign.content, campaign.locales, locale),
  };
  switch (campaign.kind) {
    case 'tooltip':
    case 'hotspot':
      return { ...base, kind: campaign.kind, interrupting: true, anchor: campaign.anchor! };
    case 'modal':
      return { ...base, kind: 'modal', interrupting: true, ...(campaign.anchor ? { anchor: campaign.anchor } : {}) };
    case 'slideout':
      return { ...base, kind: 'slideout', interrupting: true, position: campaign.position === 'left' ? 'left' : 'right' };
    case 'survey':
      return { ...base, kind: 'survey', interrupting: true, question: campaign.question! };
    case 'tour': {
      const steps = campaign.steps!.map(({ locales, content, ...step }) => ({ ...step, content: pickLocale(content, locales, locale) }));
      return { ...base, kind: 'tour', interrupting: true, steps, startAt: tourStartAt(state, steps.length) };
    }
    case 'banner':
      return { ...base, kind: 'banner', position: campaign.position === 'bottom' ? 'bottom' : 'top' };
    case 'checklist': {
      const done = checklistDone(campaign, state, input.profile);
      return {
        ...base,
        kind: 'checklist',
        items: campaign.items!.map(({ feature: _feature, ...item }, i) => ({
          ...item,
          done: done[i]!,
          ...(done[i] && !state.itemsDone.includes(item.id) ? { unreported: true as const } : {}),
        })),
      };
    }
    case 'launcher':
      return { ...base, kind: 'launcher', entries: campaign.entries! };
    case 'certification': {
      const certification = input.profile.analytics?.certifications[campaign.program!];
      return certification ? { ...base, kind: 'certification', certification } : null;
    }
  }
}
