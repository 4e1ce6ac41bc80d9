// The widgets chunk, loaded only when a message must be shown.
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import type { MessageHandlers } from '../guide/widgets-api.ts';
import './tooltip/tooltip.ts';

export function show(message: DecidedMessage, target: Element | null, handlers: MessageHandlers): () => void {
  switch (message.kind) {
    case 'tooltip': {
      const tooltip = document.createElement('uptake-tooltip');
      tooltip.content = message.content;
      tooltip.target = target;
      tooltip.placement = message.anchor?.placement ?? 'right';
      tooltip.dataset.campaignId = message.campaignId;
      tooltip.addEventListener('uptake-shown', () => handlers.onShown(), { once: true });
      tooltip.addEventListener('uptake-button', (e) => handlers.onButton((e as CustomEvent).detail.button));
      tooltip.addEventListener('uptake-dismiss', () => handlers.onDismiss());
      document.body.append(tooltip);
      return () => tooltip.remove();
    }
    default:
      return () => {};
  }
}
