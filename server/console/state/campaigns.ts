// Campaign drafts in the console: a new campaign of each kind, switching kinds without leaving
// stray fields, the stored campaign back as input, and the message the SDK would be handed for
// a draft (what the live preview renders). Pure: no fetching here.
import type { AudienceRule, Campaign, CampaignInput, CampaignStatus } from '../api.ts';
import type { CampaignKind } from '../../protocol/campaign.ts';
import type { MessageContent } from '../../protocol/content.ts';
import type { DecidedMessage } from '../../protocol/decide.ts';

export type CampaignDraft = CampaignInput;

export const KINDS: readonly { value: CampaignKind; label: string; about: string }[] = [
  { value: 'tooltip', label: 'Tooltip', about: 'a tip next to an element' },
  { value: 'hotspot', label: 'Hotspot', about: 'a pulsing dot that opens a tip' },
  { value: 'modal', label: 'Modal', about: 'a dialog in the middle of the page' },
  { value: 'banner', label: 'Banner', about: 'a strip at the top or bottom' },
  { value: 'slideout', label: 'Slideout', about: 'a panel from the side' },
  { value: 'tour', label: 'Tour', about: 'several steps, across pages' },
  { value: 'checklist', label: 'Checklist', about: 'tasks that tick themselves' },
  { value: 'launcher', label: 'Launcher', about: 'a resource center of links and tours' },
  { value: 'survey', label: 'Survey', about: 'NPS or a single choice' },
  { value: 'certification', label: 'Certification', about: 'a badge with level and progress' },
];

export const STATUSES: readonly CampaignStatus[] = ['draft', 'live', 'paused', 'archived'];

/** What each kind needs besides content; the server refuses a kind without its part. */
type KindPart = Pick<CampaignInput, 'anchor' | 'position' | 'steps' | 'items' | 'entries' | 'question' | 'program'>;
const KIND_FIELDS = ['anchor', 'position', 'steps', 'items', 'entries', 'question', 'program'] as const;

const text = (words: string) => [{ p: [{ text: words }] }];

/** A tour step's Next button, as a new step starts with (a click-to-continue step has none). */
export const NEXT_BUTTON = { id: 'next', label: 'Next', style: 'primary', action: { type: 'next' } } as const satisfies CampaignDraft['content']['buttons'][number];

export function kindDefaults(kind: CampaignKind): KindPart {
  switch (kind) {
    case 'tooltip':
    case 'hotspot':
      return { anchor: { selector: '', placement: 'right' } };
    case 'modal':
      return {};
    case 'banner':
      return { position: 'top' };
    case 'slideout':
      return { position: 'right' };
    case 'tour':
      return { steps: [{ id: 'step-1', content: { title: 'First step', body: [], buttons: [NEXT_BUTTON] } }] };
    case 'checklist':
      return { items: [{ id: 'item-1', label: 'First task' }] };
    case 'launcher':
      return { entries: [{ id: 'help', label: 'Help center', action: { type: 'url', url: 'https://example.com/help' } }] };
    case 'survey':
      return { question: { type: 'nps' } };
    case 'certification':
      return { program: '' };
  }
}

export function blankCampaign(kind: CampaignKind): CampaignDraft {
  return {
    name: '',
    kind,
    status: 'draft',
    priority: 100,
    audience: { all: [] },
    pages: { include: [], exclude: [] },
    schedule: { startAt: null, endAt: null },
    holdoutPercent: 0,
    goal: null,
    frequency: { maxShows: null, minIntervalHours: 0, stopAfter: ['dismissed', 'clicked'] },
    accountCaps: { maxUsers: null, coolOffHours: 0 },
    content: { title: '', body: text(''), buttons: [] },
    ...kindDefaults(kind),
  };
}

/**
 * A campaign that nudges the accounts not using a feature toward it (from "Features that go with
 * success"): aimed at them, with using it within 14 days as the goal, stopping once reached, and
 * a 20 % holdout so the results show what the nudge itself is worth.
 */
/** A new draft with everything of `source` (content, audience, delivery), to change what differs. */
export function copyOf(source: Campaign): CampaignDraft {
  return { ...inputOf(source), name: `${source.name} (copy)`.slice(0, 120), status: 'draft' };
}

export function nudgeCampaign(kind: CampaignKind, feature: string): CampaignDraft {
  const blank = blankCampaign(kind);
  return {
    ...blank,
    audience: { type: 'feature', scope: 'account', feature, op: 'not_used' },
    goal: { type: 'feature', feature, withinDays: 14 },
    holdoutPercent: 20,
    frequency: { ...blank.frequency, stopAfter: ['dismissed', 'clicked', 'goal'] },
  };
}

export type Scorers = 'promoters' | 'detractors';

/**
 * A follow-up to a survey (from the overview's net promoter score): promoters (9–10) asked for a
 * review, detractors (0–6) offered help, each once. The link is the author's to fill in.
 */
export function scoreFollowUp(kind: CampaignKind, who: Scorers): CampaignDraft {
  const blank = blankCampaign(kind);
  const promoters = who === 'promoters';
  return {
    ...blank,
    name: promoters ? 'Ask promoters for a review' : 'Offer detractors help',
    audience: promoters ? { type: 'score', op: 'gte', value: 9 } : { type: 'score', op: 'lte', value: 6 },
    frequency: { ...blank.frequency, maxShows: 1 },
    content: {
      title: promoters ? 'Thank you for the great score!' : 'Sorry we fell short',
      body: text(promoters ? 'Would you tell other teams what you told us? A short review helps them find us.' : 'Tell us what got in the way: our team can walk you through it in 15 minutes.'),
      buttons: [{ id: 'go', label: promoters ? 'Write a review' : 'Book a call', style: 'primary', action: { type: 'url', url: 'https://example.com/' } }],
    },
  };
}

/** The draft as another kind: its own fields kept where the new kind uses them, the rest dropped. */
export function withKind(draft: CampaignDraft, kind: CampaignKind): CampaignDraft {
  const next: CampaignDraft = { ...draft, kind };
  const wanted = kindDefaults(kind);
  for (const field of KIND_FIELDS) {
    // A modal may keep an anchor to spotlight; it needs none.
    const used = field in wanted || (field === 'anchor' && kind === 'modal');
    if (!used) delete next[field];
    else if (next[field] === undefined) (next as Record<string, unknown>)[field] = wanted[field];
  }
  if (next.position && !POSITIONS[kind]?.includes(next.position)) next.position = wanted.position!;
  return next;
}

export const POSITIONS: Partial<Record<CampaignKind, readonly ('top' | 'bottom' | 'left' | 'right')[]>> = { banner: ['top', 'bottom'], slideout: ['left', 'right'] };

/**
 * A stored campaign as the input it was saved from. Its own copy of protocol/campaign.ts's
 * inputOf: importing a value from there would bundle zod into the console (+28 KB gzip).
 */
export function inputOf(campaign: Campaign): CampaignDraft {
  const { id: _id, version: _version, createdAt: _created, updatedAt: _updated, ...input } = campaign;
  return { ...input, audience: normalizeAudience(input.audience) };
}

/** The next free id like "step-3" among `taken`. */
export function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A stand-in certification for previews: the program's badge halfway to its next level. */
function sampleCertification(program: string): Extract<DecidedMessage, { kind: 'certification' }>['certification'] {
  return {
    program,
    programName: program || 'Certification',
    level: 2,
    levelName: 'Practitioner',
    next: { level: 1, name: 'Expert', requirements: [{ label: 'Use 4 key features', done: false, have: 3, need: 4 }, { label: 'Active on 10 days', done: true, have: 12, need: 10 }] },
  };
}

/** The locale tags the draft has translations for, its own and its tour steps', in order of appearance. */
export function draftLocales(draft: CampaignDraft): string[] {
  const tags = new Set(Object.keys(draft.locales ?? {}));
  for (const step of draft.steps ?? []) for (const tag of Object.keys(step.locales ?? {})) tags.add(tag);
  return [...tags];
}

/**
 * What the SDK would be handed for this draft, for the live preview: the same shape decide
 * returns, in `locale`'s translation where there is one, with checklist items not yet done and
 * a sample certification.
 */
export function previewMessage(draft: CampaignDraft, locale: string | null = null): DecidedMessage {
  const translated = (content: MessageContent, locales: Record<string, MessageContent> | undefined) => (locale && locales?.[locale]) || content;
  const base = { campaignId: 'preview', version: 0, interrupting: false, content: translated(draft.content as MessageContent, draft.locales) };
  const anchor = { selector: '#preview-anchor', placement: draft.anchor?.placement ?? 'right' };
  switch (draft.kind) {
    case 'tooltip':
    case 'hotspot':
      return { ...base, kind: draft.kind, interrupting: true, anchor };
    case 'modal':
      return { ...base, kind: 'modal', interrupting: true, ...(draft.anchor ? { anchor } : {}) };
    case 'banner':
      return { ...base, kind: 'banner', position: draft.position === 'bottom' ? 'bottom' : 'top' };
    case 'slideout':
      return { ...base, kind: 'slideout', interrupting: true, position: draft.position === 'left' ? 'left' : 'right' };
    case 'tour':
      return {
        ...base,
        kind: 'tour',
        interrupting: true,
        startAt: 0,
        steps: (draft.steps ?? []).map((s) => ({ id: s.id, content: translated(s.content, s.locales), ...(s.anchor ? { anchor: { ...anchor, placement: s.anchor.placement }, advanceOnClick: s.advanceOnClick } : {}) })),
      };
    case 'checklist':
      return { ...base, kind: 'checklist', items: (draft.items ?? []).map((i) => ({ id: i.id, label: i.label, done: false, ...(i.description ? { description: i.description } : {}) })) };
    case 'launcher':
      return { ...base, kind: 'launcher', entries: draft.entries ?? [] };
    case 'survey':
      return { ...base, kind: 'survey', interrupting: true, question: draft.question ?? { type: 'nps' } };
    case 'certification':
      return { ...base, kind: 'certification', certification: sampleCertification(draft.program ?? '') };
  }
}

/** The list's status filter from the URL: one of the statuses, or every one but archived. */
export function statusFilter(value: string | null): CampaignStatus | 'current' {
  return (STATUSES as readonly string[]).includes(value ?? '') ? (value as CampaignStatus) : 'current';
}

export function filterCampaigns(campaigns: readonly Campaign[], filter: CampaignStatus | 'current'): Campaign[] {
  return campaigns.filter((c) => (filter === 'current' ? c.status !== 'archived' : c.status === filter));
}

/** Which status changes a campaign in this status can take, in the order they are offered. */
export function transitions(status: CampaignStatus): ('publish' | 'pause' | 'archive')[] {
  if (status === 'draft') return ['publish', 'archive'];
  if (status === 'live') return ['pause', 'archive'];
  if (status === 'paused') return ['publish', 'archive'];
  return [];
}

const isGroup = (rule: AudienceRule): boolean => 'all' in rule || 'any' in rule || 'not' in rule;

/**
 * An audience as the builder edits it: every group is "all of", "any of" or "none of" (stored as
 * not + any), and the top is always a group. Means the same as the rule it was made from.
 */
export function normalizeAudience(rule: AudienceRule): AudienceRule {
  const child = (r: AudienceRule) => (isGroup(r) ? normalizeAudience(r) : r);
  if ('all' in rule) return { all: rule.all.map(child) };
  if ('any' in rule) return { any: rule.any.map(child) };
  if ('not' in rule) return { not: { any: ('any' in rule.not ? rule.not.any : [rule.not]).map(child) } };
  return { all: [rule] };
}
