// The contract between the guide runtime (first load) and the lazily loaded widgets chunk.
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import type { MessageButton } from '../../server/protocol/content.ts';

export interface MessageHandlers {
  /** The message is really on screen (rendered and positioned). */
  onShown(): void;
  onButton(button: MessageButton): void;
  onDismiss(): void;
}

export interface Widgets {
  /** Renders a message; returns a function that removes it. */
  show(message: DecidedMessage, target: Element | null, handlers: MessageHandlers): () => void;
}
