import { html } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { slideoutStyles } from './slideout.styles.ts';

type SlideoutMessage = Extract<DecidedMessage, { kind: 'slideout' }>;

/**
 * A panel that slides in from the left or right edge (`message.position`, mirrored on
 * right-to-left pages). A non-modal dialog: the page stays usable; Escape inside it or ×
 * closes it.
 *
 * @event uptake-shown - rendered
 * @event uptake-button - a content button was pressed
 * @event uptake-dismiss - × or Escape
 *
 * @csspart panel - the sliding panel
 * @csspart title, image, body, button, close - as for uptake-tooltip
 */
export class UptakeSlideout extends Surface<SlideoutMessage> {
  static override styles = [theme, slideoutStyles];

  /** Runs after the first render: the panel is on screen. */
  protected override firstUpdated(): void {
    this._lift(this.renderRoot.querySelector('.panel'));
    this._shown();
  }

  override render() {
    const { labelledby, label } = this._label();
    const left = (this.message.position === 'left') !== this._rtl;
    return html`<div class="panel ${left ? 'left' : 'right'}" part="panel" role="dialog" aria-modal="false" aria-labelledby=${labelledby} aria-label=${label} @keydown=${this._escape}>
      ${this._content()}${this._buttons(this.message.content.buttons)}${this._close()}
    </div>`;
  }
}
