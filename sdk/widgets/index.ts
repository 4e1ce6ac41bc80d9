// The widgets chunk, loaded only when a message must be shown. One element per message kind,
// named uptake-<kind>; the guide runtime talks to them only through show().
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import type { MessageHandlers, ShowOptions, ShownMessage } from '../guide/widgets-api.ts';
import './banner/banner.ts';
import './certification/certification.ts';
import './checklist/checklist.ts';
import './hotspot/hotspot.ts';
import './launcher/launcher.ts';
import './modal/modal.ts';
import './slideout/slideout.ts';
import './survey/survey.ts';
import './tooltip/tooltip.ts';
import './tour/tour.ts';
import type { Surface } from './surface.ts';

export function show(message: DecidedMessage, target: Element | null, handlers: MessageHandlers, options: ShowOptions = {}): ShownMessage {
  const element = document.createElement(`uptake-${message.kind}`) as Surface;
  Object.assign(element, { message, target }, options);
  element.dataset.campaignId = message.campaignId;
  const on = (name: string, handle: (detail: never) => void) => element.addEventListener(name, (event) => handle((event as CustomEvent).detail as never));
  on('uptake-shown', () => handlers.onShown());
  on('uptake-button', handlers.onButton);
  on('uptake-dismiss', () => handlers.onDismiss());
  on('uptake-anchor-lost', () => handlers.onAnchorLost());
  on('uptake-answer', handlers.onAnswer);
  document.body.append(element);
  return element;
}
