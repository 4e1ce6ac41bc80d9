import { html, nothing } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { Disclosure } from '../disclosure.ts';
import { theme } from '../theme.ts';
import { launcherStyles } from './launcher.styles.ts';

type LauncherMessage = Extract<DecidedMessage, { kind: 'launcher' }>;

/**
 * The resource center: an always-available round button in the bottom corner that opens a
 * list of entries (checklists, tours, links). Opening moves focus to the first entry; Escape
 * or × closes the list and returns focus to the button. Pressing an entry reports it and
 * closes the list. The launcher itself is never dismissed.
 *
 * @event uptake-shown - the button is rendered
 * @event uptake-button - an entry was pressed; `detail` is the entry
 *
 * @csspart launcher - the round button
 * @csspart panel - the list of entries
 * @csspart entry - each entry
 * @csspart title, image, body, close - as for uptake-tooltip
 */
export class UptakeLauncher extends Disclosure<LauncherMessage> {
  static override styles = [theme, launcherStyles];

  constructor() {
    super();
    this._open = false;
  }

  override render() {
    const label = this.message.content.title || this._t.help;
    return html`<button type="button" class="toggle" part="launcher" aria-label=${label} aria-expanded=${this._open} aria-controls="entries" @click=${() => this._toggle()}>?</button>
      ${this._open
        ? html`<div id="entries" class="panel" part="panel" role="dialog" aria-modal="false" aria-label=${label} tabindex="-1" @keydown=${this._closeOnEscape}>
            ${this._content()}
            <ul>${this.message.entries.map((entry) => html`<li><button type="button" part="entry" @click=${() => (this._press(entry), this._toggle(false))}>${entry.label}</button></li>`)}</ul>
            ${this._close(() => this._toggle(false))}
          </div>`
        : nothing}`;
  }
}
