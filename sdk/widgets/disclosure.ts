// Base of the persistent widgets that are a button opening a card (launcher, certification
// badge): the button is always there; the card goes on top and takes focus when opened,
// and Escape or × closes it and gives focus back to the button.
import type { DecidedMessage } from '../../server/protocol/decide.ts';
import { Surface } from './surface.ts';

export class Disclosure<M extends DecidedMessage> extends Surface<M> {
  static override properties = { ...Surface.properties, _open: { state: true } };

  declare _open: boolean;

  /** Runs after the first render: the button (class "toggle"), and an open card, go on top. */
  protected override firstUpdated(): void {
    this._lift(this._button());
    this._lift(this._panel());
    this._shown();
  }

  private _button(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.toggle')!;
  }

  private _panel(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.panel');
  }

  /** Opens or closes the card (class "panel"); an opened card goes on top and takes focus. */
  protected _toggle = (open = !this._open): void => {
    this._open = open;
    void this.updateComplete.then(() => {
      const panel = this._panel();
      if (!panel) return this._button().focus();
      this._lift(panel);
      (panel.querySelector<HTMLElement>('li button') ?? panel).focus();
    });
  };

  protected _closeOnEscape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this._toggle(false);
  };
}
