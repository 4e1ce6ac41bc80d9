import { html } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { follow, mirror, screenRect } from '../anchored.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { modalStyles } from './modal.styles.ts';

type ModalMessage = Extract<DecidedMessage, { kind: 'modal' }>;

/** The page is dimmed everywhere; a spotlight cuts a hole around this rectangle. */
const everywhere = 'M-1-1H1e5V1e5H-1Z';

/**
 * A modal dialog in the browser's top layer (`<dialog>.showModal()`), so it stays above the
 * host page's own dialogs and popovers, and the page behind it is inert. Focus moves into it,
 * Tab and Shift+Tab cycle inside it, Escape closes it, and focus returns to where it was.
 *
 * With an anchor, an SVG overlay dims the page except for a hole around the anchor (the
 * spotlight), and the panel sits next to the anchor; without, the panel is centred.
 *
 * @event uptake-shown - the dialog is open (and, with a spotlight, positioned)
 * @event uptake-button - a content button was pressed
 * @event uptake-dismiss - the user closed it (× or Escape)
 *
 * @csspart overlay - the dimming SVG
 * @csspart panel - the dialog box
 * @csspart title, image, body, button, close - as for uptake-tooltip
 */
export class UptakeModal extends Surface<ModalMessage> {
  static override styles = [theme, modalStyles];

  private _returnFocus: Element | null = null;
  private _stopFollowing?: () => void;

  /** Runs when added: remember what had focus (looking inside shadow roots) to give it back. */
  override connectedCallback(): void {
    super.connectedCallback();
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    this._returnFocus = active;
  }

  /** Runs when removed: stop the spotlight and give focus back. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopFollowing?.();
    (this._returnFocus as HTMLElement | null)?.focus?.();
  }

  /** Runs after the first render: open in the top layer, focus inside, place the spotlight. */
  protected override firstUpdated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute('open', ''); // Without <dialog> support: a fixed overlay above the page.
    }
    this._focusables()[0]?.focus();
    const { target } = this;
    if (!target) {
      this._shown();
      return;
    }
    const hole = (): string => {
      const r = screenRect(target);
      return `${everywhere}M${r.left - 6} ${r.top - 6}h${r.width + 12}v${r.height + 12}h${-r.width - 12}Z`;
    };
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel')!;
    this._stopFollowing = follow(target, panel, mirror(this.message.anchor?.placement ?? 'bottom', this._rtl), () => {
      this.renderRoot.querySelector('path')!.setAttribute('d', hole());
      this._shown();
    });
  }

  private _focusables(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('a[href], button:not(:disabled)')];
  }

  /** Tab and Shift+Tab go round the dialog's own controls; Escape closes. */
  private _onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return this._escape(event);
    const list = this._focusables();
    const at = list.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    const n = list.length;
    event.preventDefault();
    list[event.shiftKey ? (at <= 0 ? n - 1 : at - 1) : (at + 1) % n]?.focus();
  };

  override render() {
    const { labelledby, label } = this._label();
    return html`<dialog role="dialog" aria-modal="true" aria-labelledby=${labelledby} aria-label=${label} @keydown=${this._onKeydown} @cancel=${(e: Event) => {
      e.preventDefault();
      this._dismiss();
    }}>
      <svg part="overlay" aria-hidden="true"><path fill-rule="evenodd" d=${everywhere}></path></svg>
      <div class=${this.target ? 'panel anchored' : 'panel'} part="panel">${this._content()}${this._buttons(this.message.content.buttons)}${this._close()}</div>
    </dialog>`;
  }
}
