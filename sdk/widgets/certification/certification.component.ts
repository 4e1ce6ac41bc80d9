import { html, nothing } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { fill } from '../strings.ts';
import { Disclosure } from '../disclosure.ts';
import { theme } from '../theme.ts';
import { certificationStyles } from './certification.styles.ts';

type CertificationMessage = Extract<DecidedMessage, { kind: 'certification' }>;

/**
 * The user's certification badge in the bottom corner: their level, and on opening, the
 * announcement (the message content), what the next level needs and progress bars. It opens
 * by itself when `announce` is set (a level this browser has not announced yet).
 *
 * @event uptake-shown - the badge is rendered
 * @event uptake-button - a content button was pressed
 *
 * @csspart badge - the badge button
 * @csspart panel - the card
 * @csspart level - the current level line
 * @csspart requirement - each requirement of the next level (class "done" once met)
 * @csspart title, image, body, button, close - as for uptake-tooltip
 */
export class UptakeCertification extends Disclosure<CertificationMessage> {
  static override styles = [theme, certificationStyles];

  /** Open the card at once to announce a new level. */
  announce = false;

  /** Runs when added: an announcement opens the card. */
  override connectedCallback(): void {
    super.connectedCallback();
    this._open ??= this.announce;
  }

  private _card() {
    const { certification: c, content } = this.message;
    return html`<div id="card" class="panel" part="panel" role="dialog" aria-modal="false" aria-labelledby="title" tabindex="-1" @keydown=${this._closeOnEscape}>
      ${this._content({ ...content, title: content.title || c.programName })}
      ${c.level != null ? html`<p part="level">${fill(this._t.level, c.level)} · ${c.levelName}</p>` : nothing}
      ${c.next
        ? html`<h3>${fill(this._t.nextLevel, c.next.name)}</h3>
            <ul>${c.next.requirements.map(
              (r) => html`<li part="requirement" class=${r.done ? 'done' : ''}><span>${r.label}</span><span class="n">${r.have}/${r.need}</span><progress max=${r.need} value=${Math.min(r.have, r.need)} aria-label=${r.label}></progress></li>`,
            )}</ul>`
        : nothing}
      ${this._buttons(content.buttons)}${this._close(() => this._toggle(false))}
    </div>`;
  }

  override render() {
    const c = this.message.certification;
    const label = c.level != null ? `${c.programName}: ${fill(this._t.level, c.level)} · ${c.levelName}` : c.programName;
    return html`<button type="button" class="toggle" part="badge" aria-label=${label} aria-expanded=${this._open} aria-controls="card" @click=${() => this._toggle()}>
        <span class="level" aria-hidden="true">${c.level ?? '–'}</span>${c.levelName ?? c.programName}
      </button>
      ${this._open ? this._card() : nothing}`;
  }
}
