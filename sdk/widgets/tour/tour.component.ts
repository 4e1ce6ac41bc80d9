import type { Placement } from '@floating-ui/dom';
import { css, html } from 'lit';
import type { MessageContent } from '../../../server/protocol/content.ts';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { ANCHOR_CLICK } from '../../guide/widgets-api.ts';
import { fill } from '../strings.ts';
import type { Button } from '../surface.ts';
import { UptakeTooltip } from '../tooltip/tooltip.component.ts';

type TourMessage = Extract<DecidedMessage, { kind: 'tour' }>;

/**
 * One step of a product tour: anchored like a tooltip, or in the middle of the screen when the
 * step has no anchor. Shows "Step 2 of 4" and Back / Next (Done on the last step) unless the
 * author gave the step buttons with those actions. The guide runtime moves between steps (it
 * may have to wait for another page), so each step is a fresh element with `step` set.
 *
 * When it appears and focus is not in the host page's own controls, focus moves to the step
 * so keyboard users land on it.
 *
 * A step with `advanceOnClick` has no Next: the user's click on its anchor (or on anything
 * inside it, by mouse, touch or keyboard) is the Next press. The click still reaches the page.
 *
 * @event uptake-button - Back, Next, Done, a content button, or the anchor clicked on a step
 * that moves on so (`id: 'anchor'`, a next action); `detail.action.type` tells which
 * @event uptake-dismiss - the user closed the tour (× or Escape)
 *
 * @csspart panel, title, image, body, button, close - as for uptake-tooltip
 * @csspart step - the "Step 2 of 4" line
 */
export class UptakeTour extends UptakeTooltip {
  static override styles = [...UptakeTooltip.styles, css`
    .footer { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-top: 10px; }
    .count { color: var(--_muted); font-size: 12px; }
    .footer .actions { margin: 0; margin-inline-start: auto; }
  `];

  declare message: TourMessage;
  /** The step to show (0-based). */
  step = 0;
  /** Whether Back can reach the step before; the guide says not when it cannot open that step's page. */
  back = true;

  private get _current() {
    return this.message.steps[this.step]!;
  }

  /** The anchor's click, heard while the step is on screen (capture: before the page can stop it). */
  private _onAnchorClick = () => this._press({ id: ANCHOR_CLICK, action: { type: 'next' } });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._current.advanceOnClick) this.target?.addEventListener('click', this._onAnchorClick, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.target?.removeEventListener('click', this._onAnchorClick, true);
  }

  protected override _placement(): Placement {
    return this._current.anchor?.placement ?? 'right';
  }

  protected override _shownContent(): MessageContent {
    return this._current.content;
  }

  protected override _shown(): boolean {
    const first = super._shown();
    const active = document.activeElement;
    if (first && (!active || active === document.body || active.localName.startsWith('uptake-'))) {
      // A step that waits for a click puts keyboard users on the element to press (the step is
      // its description, so screen readers read both); other steps put them on the step.
      const press = this._current.advanceOnClick && (this.target as HTMLElement | null);
      (press && press.tabIndex >= 0 ? press : this.renderRoot.querySelector<HTMLElement>('.panel')!).focus({ preventScroll: true });
    }
    return first;
  }

  protected override _footer(content: MessageContent) {
    const { _t: t, step } = this;
    const total = this.message.steps.length;
    const byClick = !!this._current.advanceOnClick;
    const back = step > 0 && this.back;
    const has = (type: string) => content.buttons.some((b) => b.action.type === type);
    const buttons: Button[] = [
      ...(back && !has('back') ? [{ id: 'back', label: t.back, style: 'secondary' as const, action: { type: 'back' as const } }] : []),
      ...content.buttons.filter((b) => !(byClick && b.action.type === 'next') && (back || b.action.type !== 'back')),
      ...(has('next') || byClick ? [] : [{ id: 'next', label: step === total - 1 ? t.done : t.next, action: { type: 'next' as const } }]),
    ];
    return html`<div class="footer"><span class="count" part="step">${fill(t.step, step + 1, total)}</span>${this._buttons(buttons)}</div>`;
  }
}
