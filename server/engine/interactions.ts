// Recognises the events the guide runtime sends about messages it showed.
import { MESSAGE_EVENTS, type TrackedEvent } from '../protocol/events.ts';
import type { Interaction } from '../store/store.ts';

const BY_EVENT = new Map<string, Interaction>([
  [MESSAGE_EVENTS.shown, 'shown'],
  [MESSAGE_EVENTS.clicked, 'clicked'],
  [MESSAGE_EVENTS.dismissed, 'dismissed'],
  [MESSAGE_EVENTS.completed, 'completed'],
]);

export function messageInteraction(event: TrackedEvent): { campaignId: string; kind: Interaction } | undefined {
  if (event.type !== 'track') return undefined;
  const kind = BY_EVENT.get(event.event);
  const campaignId = event.properties['campaignId'];
  if (!kind || typeof campaignId !== 'string' || !campaignId) return undefined;
  return { campaignId, kind };
}
