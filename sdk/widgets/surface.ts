// The base of every widget: the message it shows, the events it reports, built-in strings,
// the page's writing direction, and the pieces every surface shares (content, button row,
// close button). Widgets only report what the user did; the guide runtime decides what it means.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import type { Pressable, SurveyAnswer } from '../guide/widgets-api.ts';
import { renderContent } from './content.ts';
import { strings } from './strings.ts';
import { theme } from './theme.ts';

/** A content button, or one of the built-in ones (tour Back / Next / Done). */
export type Button = Pressable & { label: string; style?: 'primary' | 'secondary' };

/**
 * @event uptake-shown - the surface is on screen (once; for anchored ones, once positioned)
 * @event uptake-button - something pressable was pressed; `detail` is the button, item or entry
 * @event uptake-dismiss - the user closed the message (× or Escape)
 * @event uptake-answer - surveys: `detail` is the answer
 */
export class Surface<M extends DecidedMessage = DecidedMessage> extends LitElement {
  static override styles = [theme];
  static override properties = { message: { attribute: false } };

  declare message: M;
  /** The anchor element on the host page, when the message has one. */
  target: Element | null = null;
  protected _t = strings();
  private _announced = false;

  /** Runs when added to the page: follow the page's writing direction (dir="rtl" mirrors). */
  override connectedCallback(): void {
    super.connectedCallback();
    this.dir = document.body.closest('[dir]')?.getAttribute('dir') ?? '';
  }

  /** Runs for every render: a bug of ours removes the widget instead of throwing into the page. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    try {
      return super.scheduleUpdate();
    } catch (error) {
      this.remove();
      console.warn('[uptake] a message could not be rendered:', error);
    }
  }

  protected get _rtl(): boolean {
    return this.dir === 'rtl';
  }

  protected _emit(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Reports that the user can see the message; only the first call counts (and returns true). */
  protected _shown(): boolean {
    if (this._announced) return false;
    this._announced = true;
    this._emit('uptake-shown');
    return true;
  }

  protected _press(pressed: Pressable): void {
    this._emit('uptake-button', pressed);
  }

  protected _answer(answer: SurveyAnswer): void {
    this._emit('uptake-answer', answer);
  }

  protected _dismiss = (): void => this._emit('uptake-dismiss');

  /** Escape pressed while focus is inside a surface closes it. */
  protected _escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this._dismiss();
  };

  /** The accessible name of the main surface: its title, else a generic word. */
  protected _label(content = this.message.content): { labelledby: string | typeof nothing; label: string | typeof nothing } {
    return content.title ? { labelledby: 'title', label: nothing } : { labelledby: nothing, label: this._t.message };
  }

  /** Puts a fixed surface in the top layer where the browser can, above the host's dialogs. */
  protected _lift(element: HTMLElement | null): void {
    try {
      element?.setAttribute('popover', 'manual');
      element?.showPopover();
    } catch {
      element?.removeAttribute('popover'); // No popover support: z-index it is.
    }
  }

  protected _content(content = this.message.content): TemplateResult {
    return renderContent(content);
  }

  protected _buttons(buttons: readonly Button[]): TemplateResult | typeof nothing {
    return buttons.length
      ? html`<div class="actions">${buttons.map(
          (b) => html`<button type="button" part="button" class=${b.style === 'secondary' ? 'secondary' : 'primary'} @click=${() => this._press(b)}>${b.label}</button>`,
        )}</div>`
      : nothing;
  }

  protected _close(onClick: () => void = this._dismiss): TemplateResult {
    return html`<button type="button" class="close" part="close" aria-label=${this._t.close} @click=${onClick}>×</button>`;
  }
}

/** Registers a widget once: a page may load two copies of the chunk. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
