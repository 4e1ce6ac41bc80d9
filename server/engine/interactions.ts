// Recognises the events the guide runtime sends about messages, and checks their properties:
// a snooze needs its days, a tour step its index, a survey answer a score 0–10 or a choice.
import { z } from 'zod';
import { formatPath } from '../errors.ts';
import { MESSAGE_EVENTS, type TrackedEvent } from '../protocol/events.ts';
import type { Interaction, MessageInteraction } from '../store/store.ts';

const id = z.string().min(1).max(64);

const BASIC = new Map<string, Interaction>([
  [MESSAGE_EVENTS.shown, 'shown'],
  [MESSAGE_EVENTS.clicked, 'clicked'],
  [MESSAGE_EVENTS.dismissed, 'dismissed'],
  [MESSAGE_EVENTS.completed, 'completed'],
]);

const snoozed = z.object({ days: z.number().int().min(1).max(365) });
/** The SDK names the step by index (0-based) and id; the index is where the tour resumes. */
const tourStep = z.object({ stepIndex: z.number().int().min(0).max(100) });
const itemCompleted = z.object({ itemId: id });
const answered = z
  .object({
    score: z.number().int('a score is a whole number from 0 to 10').min(0).max(10).optional(),
    choice: id.optional(),
    comment: z.string().max(2000).optional(),
  })
  .refine((a) => a.score !== undefined || a.choice !== undefined, { message: 'a survey answer needs a score or a choice', path: ['score'] });

/** What was wrong with an interaction event's properties; `path` is under `properties`. */
export interface InteractionProblem {
  path: string;
  problem: string;
}

function parse<T>(schema: z.ZodType<T>, properties: unknown): T | InteractionProblem {
  const parsed = schema.safeParse(properties);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { path: formatPath(issue.path), problem: issue.message };
}

const isProblem = (value: object): value is InteractionProblem => 'problem' in value;

/** The interaction an event reports, a problem with it, or undefined for any other event. */
export function messageInteraction(event: TrackedEvent): MessageInteraction | InteractionProblem | undefined {
  if (event.type !== 'track') return undefined;
  const campaignId = event.properties['campaignId'];
  if (typeof campaignId !== 'string' || !campaignId) return undefined;
  const basic = BASIC.get(event.event);
  if (basic) return { campaignId, kind: basic };
  switch (event.event) {
    case MESSAGE_EVENTS.snoozed: {
      const p = parse(snoozed, event.properties);
      return isProblem(p) ? p : { campaignId, kind: 'snoozed', days: p.days };
    }
    case MESSAGE_EVENTS.tourStepViewed: {
      const p = parse(tourStep, event.properties);
      return isProblem(p) ? p : { campaignId, kind: 'tour_step', step: p.stepIndex };
    }
    case MESSAGE_EVENTS.tourCompleted:
      return { campaignId, kind: 'tour_completed' };
    case MESSAGE_EVENTS.checklistItemCompleted: {
      const p = parse(itemCompleted, event.properties);
      return isProblem(p) ? p : { campaignId, kind: 'item_completed', itemId: p.itemId };
    }
    case MESSAGE_EVENTS.surveyAnswered: {
      const p = parse(answered, event.properties);
      return isProblem(p) ? p : { campaignId, kind: 'answered', score: p.score ?? null, choice: p.choice ?? null, comment: p.comment ?? null };
    }
    default:
      return undefined;
  }
}
