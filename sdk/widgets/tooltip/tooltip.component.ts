import type { Placement } from '@floating-ui/dom';
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageContent } from '../../../server/protocol/content.ts';
import { follow, mirror } from '../anchored.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { tooltipStyles } from './tooltip.styles.ts';

let counter = 0;

/**
 * A guidance tooltip anchored to an element of the host page. It follows the anchor while
 * the page scrolls or resizes, and flips or shifts to stay on small screens. Without an
 * anchor (a tour step that has none) it sits in the middle of the screen.
 *
 * A non-modal dialog (it holds buttons, which role="tooltip" may not): the anchor is described
 * by it while it is open. Escape, pressed while focus is on the anchor or inside the tooltip,
 * dismisses it.
 *
 * @event uptake-shown - first time the tooltip is rendered and positioned on screen
 * @event uptake-button - a content button was pressed; `detail` is the button
 * @event uptake-dismiss - the user closed the tooltip (× or Escape)
 *
 * @csspart panel - the tooltip box
 * @csspart title - the heading
 * @csspart image - the image
 * @csspart body - the rich-text body
 * @csspart button - each content button
 * @csspart close - the × button
 */
export class UptakeTooltip extends Surface {
  static override styles = [theme, tooltipStyles];

  private _stopFollowing?: () => void;
  private _previousDescribedBy: string | null = null;
  private _previousDescribedByElements: Element[] | null = null;

  /** Runs when the element is added to the page: describe the anchor, listen for Escape. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.id ||= `uptake-tooltip-${++counter}`;
    this._describe(true);
    for (const doc of this._documents()) doc.addEventListener('keydown', this._onKeydown, true);
  }

  /** Runs when the element is removed: stop following the anchor, restore its attributes. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopFollowing?.();
    for (const doc of this._documents()) doc.removeEventListener('keydown', this._onKeydown, true);
    this._describe(false);
  }

  /** Where Escape may be pressed: this page, and the iframe's document an anchor may sit in. */
  private _documents(): Set<Document> {
    return new Set([document, this.target?.ownerDocument ?? document]);
  }

  /**
   * Makes the tooltip the anchor's description while it is open, and restores what was there. An
   * anchor inside a web component's shadow root cannot name the tooltip by id (ids do not reach
   * out of a shadow root); an element reference can, where the browser has ARIA reflection.
   */
  private _describe(open: boolean): void {
    const target = this.target as (Element & { ariaDescribedByElements?: Element[] | null }) | undefined;
    // Neither an id nor an element reference reaches from an iframe's document to this page.
    if (!target || target.ownerDocument !== document) return;
    if (target.getRootNode() !== target.ownerDocument && 'ariaDescribedByElements' in target) {
      if (open) this._previousDescribedByElements = target.ariaDescribedByElements ?? null;
      target.ariaDescribedByElements = open ? [...(this._previousDescribedByElements ?? []), this] : this._previousDescribedByElements;
      return;
    }
    if (open) {
      this._previousDescribedBy = target.getAttribute('aria-describedby');
      target.setAttribute('aria-describedby', [this._previousDescribedBy, this.id].filter(Boolean).join(' '));
    } else if (this._previousDescribedBy) target.setAttribute('aria-describedby', this._previousDescribedBy);
    else target.removeAttribute('aria-describedby');
  }

  /** Runs after the first render, once the panel exists: lift it and start positioning. */
  protected override firstUpdated(): void {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel')!;
    this._lift(panel);
    if (this.target) {
      this._stopFollowing = follow(this.target, panel, mirror(this._placement(), this._rtl), () => this._shown(), {
        arrowEl: this.renderRoot.querySelector<HTMLElement>('.arrow'),
        lost: () => this._emit('uptake-anchor-lost'),
      });
    } else {
      panel.classList.add('placed', 'centered');
      this._shown();
    }
  }

  protected _placement(): Placement {
    return ('anchor' in this.message && this.message.anchor?.placement) || 'right';
  }

  /** What the panel shows; a tour shows its current step. */
  protected _shownContent(): MessageContent {
    return this.message.content;
  }

  /** Below the content: the buttons; a tour adds its step counter and navigation. */
  protected _footer(content: MessageContent): TemplateResult | typeof nothing {
    return this._buttons(content.buttons);
  }

  private _onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const path = event.composedPath();
    if (path.includes(this) || (this.target && path.includes(this.target))) this._dismiss();
  };

  override render() {
    const content = this._shownContent();
    const { labelledby, label } = this._label(content);
    return html`<div class="panel" part="panel" role="dialog" aria-modal="false" aria-labelledby=${labelledby} aria-label=${label} tabindex="-1">
      <div class="scroll">${this._content(content)}</div>${this._footer(content)}${this._close()}
      <div class="arrow" aria-hidden="true"></div>
    </div>`;
  }
}
