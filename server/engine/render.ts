// Turns a chosen campaign into the message the SDK renders: content in the visitor's language,
// a tour's step to resume at, a checklist's done items, a certification's progress.
import type { Campaign } from '../protocol/campaign.ts';
import type { MessageContent } from '../protocol/content.ts';
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

/** What every message carries. (At module level: tsx names each inner function on every call.) */
const head = (campaign: Campaign, content: MessageContent, interrupting: boolean) => ({ campaignId: campaign.id, version: campaign.version, interrupting, content });

/**
 * Null when there is nothing to show (a certification badge for a user analytics has not placed).
 *
 * Spreads come last in these literals: in Node 20, a literal with properties after a spread
 * (`{ ...base, kind }`) takes about 2 µs and leaves garbage that outlives young-generation
 * collections (at a thousand decides a second, a major collection every two seconds);
 * `{ kind, ...base }` takes 0.1 µs and dies young.
 */
export function renderMessage(campaign: Campaign, input: DecisionInput): DecidedMessage | null {
  const locale = input.view.locale;
  const state = input.state.campaigns.get(campaign.id) ?? NEVER_SEEN;
  const content = pickLocale(campaign.content, campaign.locales, locale);
  switch (campaign.kind) {
    case 'tooltip':
    case 'hotspot':
      return { kind: campaign.kind, anchor: campaign.anchor!, ...head(campaign, content, true) };
    case 'modal':
      return campaign.anchor ? { kind: 'modal', anchor: campaign.anchor, ...head(campaign, content, true) } : { kind: 'modal', ...head(campaign, content, true) };
    case 'slideout':
      return { kind: 'slideout', position: campaign.position === 'left' ? 'left' : 'right', ...head(campaign, content, true) };
    case 'survey':
      return { kind: 'survey', question: campaign.question!, ...head(campaign, content, true) };
    case 'tour': {
      const steps = campaign.steps!.map(({ locales, content, ...step }) => ({ content: pickLocale(content, locales, locale), ...step }));
      return { kind: 'tour', steps, startAt: tourStartAt(state, steps.length), ...head(campaign, content, true) };
    }
    case 'banner':
      return { kind: 'banner', position: campaign.position === 'bottom' ? 'bottom' : 'top', ...head(campaign, content, false) };
    case 'checklist': {
      const done = checklistDone(campaign, state, input.profile);
      const items = campaign.items!.map(({ feature: _feature, ...item }, i) =>
        done[i] && !state.itemsDone.includes(item.id) ? { done: true, unreported: true as const, ...item } : { done: done[i]!, ...item },
      );
      return { kind: 'checklist', items, ...head(campaign, content, false) };
    }
    case 'launcher':
      return { kind: 'launcher', entries: campaign.entries!, ...head(campaign, content, false) };
    case 'certification': {
      const certification = input.profile.analytics?.certifications[campaign.program!];
      return certification ? { kind: 'certification', certification, ...head(campaign, content, false) } : null;
    }
  }
}
