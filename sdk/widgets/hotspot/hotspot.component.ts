import { html, nothing } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { follow, mirror } from '../anchored.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import '../tooltip/tooltip.ts';
import { hotspotStyles } from './hotspot.styles.ts';

type HotspotMessage = Extract<DecidedMessage, { kind: 'tooltip' | 'hotspot' }>;

/**
 * A pulsing beacon next to an element of the host page. The beacon is a real button (Tab
 * reaches it; Enter and Space open it) that opens the message as an `uptake-tooltip`
 * pointing at the beacon; pressing it again closes the tip.
 *
 * @event uptake-shown - the beacon is positioned next to its anchor
 * @event uptake-button - a content button in the tip was pressed
 * @event uptake-dismiss - the tip was closed with × or Escape
 *
 * @csspart beacon - the pulsing button
 */
export class UptakeHotspot extends Surface<HotspotMessage> {
  static override styles = [theme, hotspotStyles];
  static override properties = { ...Surface.properties, _open: { state: true } };

  declare _open: boolean;
  private _stopFollowing?: () => void;

  constructor() {
    super();
    this._open = false;
  }

  /** Runs when the element is removed: stop following the anchor. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopFollowing?.();
  }

  /** Runs after the first render: place the beacon at its anchor. */
  protected override firstUpdated(): void {
    const beacon = this._beacon();
    this._lift(beacon);
    if (this.target) {
      this._stopFollowing = follow(this.target, beacon, mirror(this.message.anchor.placement, this._rtl), () => this._shown(), { gap: 4, lost: () => this._emit('uptake-anchor-lost') });
    }
  }

  private _beacon() {
    return this.renderRoot.querySelector<HTMLElement>('.beacon')!;
  }

  override render() {
    return html`<button type="button" class="beacon" part="beacon" aria-label=${this.message.content.title || this._t.tip} aria-expanded=${this._open} @click=${() => (this._open = !this._open)}></button>
      ${this._open ? html`<uptake-tooltip .message=${this.message} .target=${this._beacon()} @uptake-shown=${(e: Event) => e.stopPropagation()}></uptake-tooltip>` : nothing}`;
  }
}
