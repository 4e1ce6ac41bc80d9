// Campaign definitions as the admin API accepts them and the store keeps them. One flat shape
// for every kind, with the kind's own fields checked below, so the console edits one form.
import { z } from 'zod';
import { audienceRule, EVERYONE } from './audience.ts';
import { buttonAction, localeVariants, messageContent } from './content.ts';
import { cssSelector } from './selector.ts';

export const campaignKind = z.enum(['tooltip', 'hotspot', 'modal', 'banner', 'slideout', 'tour', 'checklist', 'launcher', 'survey', 'certification']);
export const campaignStatus = z.enum(['draft', 'live', 'paused', 'archived']);

/** Kinds that take over the user's attention: at most one of them per page view. */
export const INTERRUPTING_KINDS: ReadonlySet<CampaignKind> = new Set(['tooltip', 'hotspot', 'modal', 'slideout', 'tour', 'survey']);

export const placement = z.enum(['top', 'bottom', 'left', 'right', 'top-start', 'bottom-start', 'right-start', 'left-start']);
export const anchor = z.object({
  selector: cssSelector,
  placement: placement.default('right'),
});

const pathPattern = z.string().min(1).max(512).regex(/^\//, 'page patterns are paths starting with "/", e.g. /settings/*');
const itemId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');
const isoDate = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date' });

/** Pages the campaign may appear on; no includes means every page. */
export const pageRules = z.object({
  include: z.array(pathPattern).max(50).default([]),
  exclude: z.array(pathPattern).max(50).default([]),
});

/** When a user stops seeing a campaign. Defaults: no show limit, stop once dismissed or clicked. */
export const frequency = z.object({
  maxShows: z.number().int().min(1).max(1000).nullable().default(null),
  /** Least time between two shows to the same user. */
  minIntervalHours: z.number().min(0).max(24 * 365).default(0),
  stopAfter: z.array(z.enum(['dismissed', 'clicked', 'completed', 'goal'])).default(['dismissed', 'clicked']),
});

/** Limits per account, so one customer is not flooded: no peer offers these. */
export const accountCaps = z.object({
  /** At most this many distinct users of one account are shown the campaign. */
  maxUsers: z.number().int().min(1).max(100000).nullable().default(null),
  /** After anyone in the account is shown it, nobody else there sees it for this long. */
  coolOffHours: z.number().min(0).max(24 * 365).default(0),
});

export const schedule = z
  .object({ startAt: isoDate.nullable().default(null), endAt: isoDate.nullable().default(null) })
  .refine((s) => !s.startAt || !s.endAt || Date.parse(s.startAt) < Date.parse(s.endAt), { message: 'the schedule must end after it starts', path: ['endAt'] });

/** What the campaign is for: a feature used or an event sent within N days of first exposure. */
export const goal = z.discriminatedUnion('type', [
  z.object({ type: z.literal('feature'), feature: z.string().min(1).max(64), withinDays: z.number().int().min(1).max(365).default(14) }),
  z.object({ type: z.literal('event'), event: z.string().min(1).max(256), withinDays: z.number().int().min(1).max(365).default(14) }),
]);

export const tourStep = z.object({
  id: itemId,
  /** The page this step belongs to; the tour waits there (and may send the user there). */
  page: pathPattern.optional(),
  /**
   * Where "next" takes the user when the following step lives on another page. Needed only when
   * that page is a pattern: Next and Back open a step's plain-path page by themselves.
   */
  url: z.string().max(2048).regex(/^\/(?!\/)/, 'step urls are same-site paths').optional(),
  anchor: anchor.optional(),
  /**
   * The user's click on the anchor moves the tour on ("Click Export to continue"), in place of a
   * Next button. The click does what it always does; if it opens another page, that page resumes
   * the tour at the next step.
   */
  advanceOnClick: z.boolean().optional(),
  content: messageContent,
  locales: localeVariants.optional(),
});

export const checklistItem = z.object({
  id: itemId,
  label: z.string().min(1).max(200),
  description: z.string().max(500).optional(),
  /** Completes by itself once the user uses this feature. */
  feature: z.string().min(1).max(64).optional(),
  /** What clicking the item does (open a page, start a tour, or just mark it done). */
  action: buttonAction.optional(),
});

export const launcherEntry = z.object({
  id: itemId,
  label: z.string().min(1).max(200),
  action: buttonAction,
});

export const surveyQuestion = z.discriminatedUnion('type', [
  z.object({ type: z.literal('nps'), commentPrompt: z.string().max(200).optional() }),
  z.object({ type: z.literal('choice'), options: z.array(z.object({ id: itemId, label: z.string().min(1).max(200) })).min(2).max(10) }),
]);

export const campaignInput = z
  .object({
    name: z.string().min(1).max(200),
    kind: campaignKind,
    status: campaignStatus.default('draft'),
    priority: z.number().int().min(0).max(1000).default(100),
    audience: audienceRule.default(EVERYONE),
    pages: pageRules.default({ include: [], exclude: [] }),
    schedule: schedule.default({ startAt: null, endAt: null }),
    /** Share of the audience (0–100 %) kept from seeing it, to measure lift. */
    holdoutPercent: z.number().min(0).max(90).default(0),
    goal: goal.nullable().default(null),
    frequency: frequency.default({ maxShows: null, minIntervalHours: 0, stopAfter: ['dismissed', 'clicked'] }),
    accountCaps: accountCaps.default({ maxUsers: null, coolOffHours: 0 }),
    /** tooltip and hotspot: required; modal: optional spotlight on this element. */
    anchor: anchor.optional(),
    /** banner: top | bottom; slideout: left | right. */
    position: z.enum(['top', 'bottom', 'left', 'right']).optional(),
    content: messageContent,
    locales: localeVariants.optional(),
    steps: z.array(tourStep).min(1).max(30).optional(),
    items: z.array(checklistItem).min(1).max(30).optional(),
    entries: z.array(launcherEntry).min(1).max(30).optional(),
    question: surveyQuestion.optional(),
    /** certification: the program whose level and progress the badge shows. */
    program: z.string().min(1).max(64).optional(),
  })
  .superRefine((c, ctx) => {
    const need = (field: keyof typeof c, message: string) => {
      if (c[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (c.kind === 'tooltip' || c.kind === 'hotspot') need('anchor', `a ${c.kind} needs an anchor`);
    if (c.kind === 'tour') need('steps', 'a tour needs steps');
    c.steps?.forEach((step, i) => {
      if (step.advanceOnClick && !step.anchor) ctx.addIssue({ code: 'custom', path: ['steps', i, 'advanceOnClick'], message: 'a step that moves on when its element is clicked needs an anchor' });
    });
    if (c.kind === 'checklist') need('items', 'a checklist needs items');
    if (c.kind === 'launcher') need('entries', 'a launcher needs entries');
    if (c.kind === 'survey') need('question', 'a survey needs a question');
    if (c.kind === 'certification') need('program', 'a certification message needs a program');
    if (c.kind === 'banner' && c.position && !['top', 'bottom'].includes(c.position)) {
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'a banner sits at the top or the bottom' });
    }
    if (c.kind === 'slideout' && c.position && !['left', 'right'].includes(c.position)) {
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'a slideout comes from the left or the right' });
    }
  });

export type CampaignInput = z.infer<typeof campaignInput>;
export type CampaignKind = z.infer<typeof campaignKind>;
export type CampaignStatus = z.infer<typeof campaignStatus>;
export type Anchor = z.infer<typeof anchor>;
export type Frequency = z.infer<typeof frequency>;
export type PageRules = z.infer<typeof pageRules>;
export type TourStep = z.infer<typeof tourStep>;
export type ChecklistItem = z.infer<typeof checklistItem>;
export type LauncherEntry = z.infer<typeof launcherEntry>;
export type SurveyQuestion = z.infer<typeof surveyQuestion>;
export type Goal = z.infer<typeof goal>;

export interface Campaign extends CampaignInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The definition a stored campaign was saved from, to save it again with a change. */
export function inputOf({ id: _id, version: _version, createdAt: _created, updatedAt: _updated, ...input }: Campaign): CampaignInput {
  return input;
}
