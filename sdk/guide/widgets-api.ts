// The contract between the guide runtime (first load) and the lazily loaded widgets chunk.
// The guide owns state (which tour step, what a button does); widgets render and report.
import type { ButtonAction } from '../../server/protocol/content.ts';
import type { DecidedMessage } from '../../server/protocol/decide.ts';

/** The `id` a tour step reports when the user clicked its anchor (a step that moves on so). */
export const ANCHOR_CLICK = 'anchor';

/** Something the user can press: a content button, a checklist item or a launcher entry. */
export interface Pressable {
  id: string;
  action?: ButtonAction;
}

/** A survey answer: an NPS score (with an optional comment) or the id of the chosen option. */
export type SurveyAnswer = { score: number; comment?: string } | { choice: string };

export interface MessageHandlers {
  /** The message (or tour step) is really on screen: rendered and positioned. */
  onShown(): void;
  onButton(pressed: Pressable): void;
  /** The user closed it (× or Escape). */
  onDismiss(): void;
  /** The page replaced or removed the anchor (a re-render): the guide waits for it again. */
  onAnchorLost(): void;
  onAnswer(answer: SurveyAnswer): void;
}

export interface ShowOptions {
  /** Tours: the step to render (0-based). */
  step?: number;
  /** Tours: whether Back can reach the step before (not when only a page pattern names its page). */
  back?: boolean;
  /** Certification: the level is new to this browser, so open the announcement. */
  announce?: boolean;
}

/** The element show() put on the page. Setting `message` re-renders it (checklist progress). */
export interface ShownMessage {
  message: DecidedMessage;
  remove(): void;
}

export interface Widgets {
  show(message: DecidedMessage, target: Element | null, handlers: MessageHandlers, options?: ShowOptions): ShownMessage;
}
