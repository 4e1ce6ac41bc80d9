import { html } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { bannerStyles } from './banner.styles.ts';

type BannerMessage = Extract<DecidedMessage, { kind: 'banner' }>;

/**
 * A strip across the top or the bottom of the window (`message.position`), labelled by its
 * title as a landmark region. It stays across route changes until dismissed with ×. A host page
 * that wants it in its flow rather than over its header can restyle the element itself,
 * e.g. `uptake-banner { position: sticky }`.
 *
 * @event uptake-shown - rendered
 * @event uptake-button - a content button was pressed
 * @event uptake-dismiss - × was pressed
 *
 * @csspart panel - the strip
 * @csspart title, image, body, button, close - as for uptake-tooltip
 */
export class UptakeBanner extends Surface<BannerMessage> {
  static override styles = [theme, bannerStyles];

  /** Runs after the first render: the strip is on screen. */
  protected override firstUpdated(): void {
    this._lift(this.renderRoot.querySelector('.panel'));
    this._shown();
  }

  override render() {
    const { labelledby, label } = this._label();
    return html`<div class="panel ${this.message.position === 'bottom' ? 'bottom' : 'top'}" part="panel" role="region" aria-labelledby=${labelledby} aria-label=${label}>
      <div class="text">${this._content()}</div>${this._buttons(this.message.content.buttons)}${this._close()}
    </div>`;
  }
}
