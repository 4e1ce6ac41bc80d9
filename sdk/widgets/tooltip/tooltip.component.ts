import { arrow, autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import { html, LitElement, nothing } from 'lit';
import type { MessageButton, MessageContent } from '../../../server/protocol/content.ts';
import { renderBlocks } from '../content.ts';
import { theme } from '../theme.ts';
import { tooltipStyles } from './tooltip.styles.ts';

let counter = 0;

/**
 * A guidance tooltip anchored to an element of the host page. It follows the anchor while
 * the page scrolls or resizes, and flips or shifts to stay on small screens.
 *
 * The anchor gets `aria-describedby` pointing at this element while it is open.
 * Escape, pressed while focus is on the anchor or inside the tooltip, dismisses it.
 *
 * @event uptake-shown - first time the tooltip is rendered and positioned on screen
 * @event uptake-button - a content button was pressed; `detail.button` is the button
 * @event uptake-dismiss - the user closed the tooltip (× button or Escape)
 *
 * @csspart panel - the tooltip box
 * @csspart title - the heading
 * @csspart body - the rich-text body
 * @csspart button - each content button
 * @csspart close - the × button
 *
 * @cssproperty --uptake-accent - primary button and link colour
 * @cssproperty --uptake-bg - background
 * @cssproperty --uptake-fg - text colour
 * @cssproperty --uptake-radius - corner radius
 * @cssproperty --uptake-font - font family
 */
export class UptakeTooltip extends LitElement {
  static override styles = [theme, tooltipStyles];
  static override properties = {
    content: { attribute: false },
    target: { attribute: false },
    placement: {},
  };

  declare content: MessageContent;
  declare target: Element | null;
  declare placement: Placement;

  private _stopFollowing?: () => void;
  private _announced = false;
  private _previousDescribedBy: string | null = null;

  constructor() {
    super();
    this.content = { title: '', body: [], buttons: [] };
    this.target = null;
    this.placement = 'right';
  }

  /** Runs when the element is added to the page: wire the anchor and the keyboard. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.id ||= `uptake-tooltip-${++counter}`;
    this._previousDescribedBy = this.target?.getAttribute('aria-describedby') ?? null;
    this.target?.setAttribute('aria-describedby', [this._previousDescribedBy, this.id].filter(Boolean).join(' '));
    document.addEventListener('keydown', this._onKeydown, true);
  }

  /** Runs when the element is removed: stop following the anchor, restore its attributes. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopFollowing?.();
    document.removeEventListener('keydown', this._onKeydown, true);
    if (this._previousDescribedBy) this.target?.setAttribute('aria-describedby', this._previousDescribedBy);
    else this.target?.removeAttribute('aria-describedby');
  }

  /** Runs after the first render, once the panel exists: start positioning. */
  protected override firstUpdated(): void {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    if (!this.target || !panel) return;
    const target = this.target;
    this._stopFollowing = autoUpdate(target, panel, () => void this._place(target, panel));
  }

  private async _place(target: Element, panel: HTMLElement): Promise<void> {
    const arrowEl = this.renderRoot.querySelector<HTMLElement>('.arrow')!;
    const { x, y, placement, middlewareData } = await computePosition(target, panel, {
      strategy: 'fixed',
      placement: this.placement,
      middleware: [offset(12), flip({ padding: 8 }), shift({ padding: 8 }), arrow({ element: arrowEl, padding: 8 })],
    });
    Object.assign(panel.style, { left: `${x}px`, top: `${y}px` });
    const side = placement.split('-')[0] as 'top' | 'right' | 'bottom' | 'left';
    const opposite = { top: 'bottom', right: 'left', bottom: 'top', left: 'right' }[side];
    const { x: ax, y: ay } = middlewareData.arrow ?? {};
    Object.assign(arrowEl.style, { left: ax != null ? `${ax}px` : '', top: ay != null ? `${ay}px` : '', right: '', bottom: '', [opposite]: '-5px' });
    panel.dataset.placement = placement;
    if (!this._announced) {
      this._announced = true;
      panel.classList.add('placed');
      this._emit('uptake-shown');
    }
  }

  private _onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const active = document.activeElement;
    if (active === this || (active && this.target?.contains(active))) this._emit('uptake-dismiss');
  };

  private _emit(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private _press(button: MessageButton) {
    this._emit('uptake-button', { button });
  }

  override render() {
    const { title, body, buttons } = this.content;
    return html`
      <div class="panel" part="panel" role="dialog" aria-modal="false" aria-labelledby=${title ? 'title' : nothing} aria-label=${title ? nothing : 'Tip'}>
        ${title ? html`<h2 id="title" part="title">${title}</h2>` : nothing}
        <div class="body" part="body">${renderBlocks(body)}</div>
        ${buttons.length
          ? html`<div class="actions">
              ${buttons.map((b) => html`<button type="button" part="button" class=${b.style === 'secondary' ? 'secondary' : 'primary'} @click=${() => this._press(b)}>${b.label}</button>`)}
            </div>`
          : nothing}
        <button type="button" class="close" part="close" aria-label="Dismiss" @click=${() => this._emit('uptake-dismiss')}>×</button>
        <div class="arrow" aria-hidden="true"></div>
      </div>
    `;
  }
}
