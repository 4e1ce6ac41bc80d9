import { html, nothing } from 'lit';
import type { DecidedChecklistItem, DecidedMessage } from '../../../server/protocol/decide.ts';
import { fill } from '../strings.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { checklistStyles } from './checklist.styles.ts';

type ChecklistMessage = Extract<DecidedMessage, { kind: 'checklist' }>;

/**
 * A persistent panel in the bottom corner listing what to do, with a progress bar. Items
 * tick themselves: the guide sets a new `message` when the server (or a complete_item action)
 * says one is done. An item with an action is a button; pressing it reports the item. The
 * header button collapses and expands the list; × dismisses the checklist.
 *
 * @event uptake-shown - rendered
 * @event uptake-button - an item (or a content button) was pressed; `detail` is the item
 * @event uptake-dismiss - × was pressed
 *
 * @csspart panel - the panel
 * @csspart header - the collapse / expand button holding the title and the count
 * @csspart progress - the progress bar
 * @csspart item - each item (class "done" once done)
 * @csspart body, image, button, close - as for uptake-tooltip
 */
export class UptakeChecklist extends Surface<ChecklistMessage> {
  static override styles = [theme, checklistStyles];
  static override properties = { ...Surface.properties, _open: { state: true } };

  declare _open: boolean;

  constructor() {
    super();
    this._open = true;
  }

  /** Runs after the first render: the panel is on screen. */
  protected override firstUpdated(): void {
    this._lift(this.renderRoot.querySelector('.panel'));
    this._shown();
  }

  private _item(item: DecidedChecklistItem) {
    const text = html`<span class="mark" aria-hidden="true"></span><span class="label">${item.label}${item.done ? html`<span class="vh"> (${this._t.done})</span>` : nothing}${item.description
      ? html`<small>${item.description}</small>`
      : nothing}</span>`;
    return html`<li part="item" class=${item.done ? 'done' : ''}>${item.action ? html`<button type="button" @click=${() => this._press(item)}>${text}</button>` : html`<div>${text}</div>`}</li>`;
  }

  override render() {
    const { items, content } = this.message;
    const done = items.filter((item) => item.done).length;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <button type="button" class="head" part="header" aria-expanded=${this._open} aria-controls="list" @click=${() => (this._open = !this._open)}>
        <span id="title" part="title">${content.title || this._t.checklist}</span><span class="count">${done}/${items.length}</span>
      </button>
      <progress part="progress" max=${items.length} value=${done} aria-label=${fill(this._t.progress, done, items.length)}></progress>
      <div id="list" ?hidden=${!this._open}>
        ${this._content({ ...content, title: '' })}
        <ul>${items.map((item) => this._item(item))}</ul>
        ${this._buttons(content.buttons)}
      </div>
      ${this._close()}
    </section>`;
  }
}
