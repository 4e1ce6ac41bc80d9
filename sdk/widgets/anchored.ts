// Keeps a floating surface next to its anchor on the host page, with @floating-ui/dom.
import { arrow, autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';

type Side = 'top' | 'right' | 'bottom' | 'left';
const OPPOSITE: Record<Side, Side> = { top: 'bottom', right: 'left', bottom: 'top', left: 'right' };

/** Authors place messages for the left-to-right layout; right-to-left pages mirror them. */
export const mirror = (placement: Placement, rtl: boolean): Placement =>
  (rtl ? placement.replace(/left|right/, (side) => OPPOSITE[side as Side]) : placement) as Placement;

export interface FollowOptions {
  /** Distance from the anchor in px. Default 12. */
  gap?: number;
  /** An element to point at the anchor; it gets left/top and the side facing the anchor. */
  arrowEl?: HTMLElement | null;
  /** Runs when the page removed the anchor (a re-render replaced it), so the message can find the new one. */
  lost?: () => void;
}

/**
 * Scrolls the anchor into view (also inside scrollable containers), then keeps `floating`
 * next to it while the page scrolls, resizes or re-lays out, flipping and shifting to stay on
 * small screens, and telling it the height left there (`--_fit`). `floating` gets the class
 * `placed` while its anchor is on the page, and `placed()` runs after each positioning.
 * Returns a function that stops following.
 */
export function follow(target: Element, floating: HTMLElement, placement: Placement, placed: () => void, { gap = 12, arrowEl, lost }: FollowOptions = {}): () => void {
  target.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  return autoUpdate(target, floating, () => {
    computePosition(target, floating, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(gap),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        // The height left on the chosen side: a surface taller than that scrolls inside instead of off screen.
        size({ padding: 8, apply: ({ availableHeight }) => floating.style.setProperty('--_fit', `${Math.max(96, Math.floor(availableHeight))}px`) }),
        arrowEl && arrow({ element: arrowEl, padding: 8 }),
      ],
    }).then(({ x, y, placement: side, middlewareData }) => {
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
      if (arrowEl) {
        const { x: ax, y: ay } = middlewareData.arrow ?? {};
        Object.assign(arrowEl.style, { left: ax != null ? `${ax}px` : '', top: ay != null ? `${ay}px` : '', right: '', bottom: '', [OPPOSITE[side.split('-')[0] as Side]]: '-5px' });
      }
      // An anchor the page removed (a re-render) hides the message until the guide re-anchors it.
      floating.classList.toggle('placed', target.isConnected);
      if (target.isConnected) placed();
      else lost?.();
    }, () => {});
  });
}

/**
 * The anchor's box on the host page's screen. An anchor inside a same-origin iframe measures
 * itself in the frame's viewport, so each frame around it adds its own place (and border and
 * padding). @floating-ui/dom does the same for the surfaces it positions.
 */
export function screenRect(target: Element): { left: number; top: number; width: number; height: number } {
  const { left, top, width, height } = target.getBoundingClientRect();
  const box = { left, top, width, height };
  for (let frame = target.ownerDocument.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
    const outer = frame.getBoundingClientRect();
    const style = getComputedStyle(frame);
    box.left += outer.left + frame.clientLeft + parseFloat(style.paddingLeft);
    box.top += outer.top + frame.clientTop + parseFloat(style.paddingTop);
  }
  return box;
}
