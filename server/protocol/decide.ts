// POST /v1/decide: what to show on this page view.
import { z } from 'zod';
import type { Anchor, CampaignKind, LauncherEntry, SurveyQuestion } from './campaign.ts';
import type { ButtonAction, MessageContent } from './content.ts';

const campaignIdField = z.string().min(1).max(64);

export const decideRequest = z
  .object({
    writeKey: z.string().max(128).optional(),
    userId: z.string().min(1).max(256).nullish(),
    anonymousId: z.string().min(1).max(256).nullish(),
    accountId: z.string().min(1).max(256).nullish(),
    url: z.string().max(2048),
    locale: z.string().max(64).optional(),
    identityToken: z.string().max(8192).optional(),
    /** From the user agent and screen width; without it, the server reads the User-Agent header. */
    device: z.enum(['desktop', 'tablet', 'mobile']).optional(),
    /**
     * Messages already on screen in this page (kept across route changes without counting as
     * another show): a capped message does not vanish when the user navigates inside the app.
     */
    showing: z.array(campaignIdField).max(20).optional(),
    /** A tour the user asked for (the launcher's "start tour"): shown if live and in its audience. */
    start: campaignIdField.optional(),
  })
  .refine((r) => r.userId != null || r.anonymousId != null, {
    message: 'either userId or anonymousId is required',
    path: ['userId'],
  });

export type DecideRequest = z.infer<typeof decideRequest>;
export type Device = NonNullable<DecideRequest['device']>;

interface Decided<K extends CampaignKind> {
  campaignId: string;
  version: number;
  kind: K;
  /** At most one interrupting message per page view; the rest are persistent. */
  interrupting: boolean;
  /** Already resolved to the visitor's locale. */
  content: MessageContent;
}

export interface DecidedStep {
  id: string;
  page?: string;
  url?: string;
  anchor?: Anchor;
  /** Clicking the anchor moves the tour on; the step shows no Next button. */
  advanceOnClick?: boolean;
  content: MessageContent;
}

export interface DecidedChecklistItem {
  id: string;
  label: string;
  description?: string;
  done: boolean;
  /**
   * Done by using its feature, with no checklist_item_completed recorded yet: the SDK reports it
   * once the checklist is on screen, so results count items however they were completed.
   */
  unreported?: true;
  action?: ButtonAction;
}

export interface CertificationProgress {
  program: string;
  programName: string;
  /** Current level (1 is highest) or null before the first level. */
  level: number | null;
  levelName: string | null;
  /** The level being worked toward, or null at the top. */
  next: { level: number; name: string; requirements: { label: string; done: boolean; have: number; need: number }[] } | null;
}

export type DecidedMessage =
  | (Decided<'tooltip' | 'hotspot'> & { anchor: Anchor })
  | (Decided<'modal'> & { anchor?: Anchor })
  | (Decided<'banner'> & { position: 'top' | 'bottom' })
  | (Decided<'slideout'> & { position: 'left' | 'right' })
  | (Decided<'tour'> & { steps: DecidedStep[]; /** Step to resume at (0-based). */ startAt: number })
  | (Decided<'checklist'> & { items: DecidedChecklistItem[] })
  | (Decided<'launcher'> & { entries: LauncherEntry[] })
  | (Decided<'survey'> & { question: SurveyQuestion })
  | (Decided<'certification'> & { certification: CertificationProgress });

export interface DecideResponse {
  messages: DecidedMessage[];
}
