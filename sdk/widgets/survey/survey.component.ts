import { html, nothing } from 'lit';
import type { DecidedMessage } from '../../../server/protocol/decide.ts';
import { Surface } from '../surface.ts';
import { theme } from '../theme.ts';
import { surveyStyles } from './survey.styles.ts';

type SurveyMessage = Extract<DecidedMessage, { kind: 'survey' }>;

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * A one-question survey in the bottom corner: NPS (0–10, with an optional comment) or a single
 * choice among options. The scale is a radio group of buttons with one tab stop: arrow keys
 * move and select, Enter or Space selects, Submit sends. Then it says thanks; the guide closes it.
 *
 * @event uptake-shown - rendered
 * @event uptake-answer - `detail` is `{ score, comment? }` (NPS) or `{ choice }` (option id)
 * @event uptake-dismiss - × or Escape
 *
 * @csspart panel - the card
 * @csspart scale - the radio group
 * @csspart choice - each score or option
 * @csspart comment - the comment box (NPS)
 * @csspart submit - the Submit button
 * @csspart thanks - the thank-you line
 * @csspart title, body, close - as for uptake-tooltip
 */
export class UptakeSurvey extends Surface<SurveyMessage> {
  static override styles = [theme, surveyStyles];
  static override properties = { ...Surface.properties, _picked: { state: true }, _thanked: { state: true } };

  /** Index of the selected choice, -1 before any. */
  declare _picked: number;
  declare _thanked: boolean;

  constructor() {
    super();
    this._picked = -1;
    this._thanked = false;
  }

  /** Runs after the first render: the card is on screen. */
  protected override firstUpdated(): void {
    this._lift(this.renderRoot.querySelector('.panel'));
    this._shown();
  }

  private _choices(): string[] {
    const question = this.message.question;
    return question.type === 'nps' ? [...Array(11).keys()].map(String) : question.options.map((o) => o.label);
  }

  private _pick(index: number): void {
    this._picked = index;
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('[role="radio"]')[index]?.focus());
  }

  /** Arrow keys move through the scale (mirrored left/right on right-to-left pages). */
  private _onKeydown = (event: KeyboardEvent) => {
    let step = STEP[event.key];
    if (!step) return;
    event.preventDefault();
    if (this._rtl && event.key.length > 8) step = -step; // ArrowLeft / ArrowRight
    const n = this._choices().length;
    this._pick((Math.max(this._picked, 0) + step + n) % n);
  };

  private _submit(): void {
    const question = this.message.question;
    const comment = this.renderRoot.querySelector('textarea')?.value.trim();
    this._answer(question.type === 'nps' ? { score: this._picked, ...(comment ? { comment } : {}) } : { choice: question.options[this._picked]!.id });
    this._thanked = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel')!.focus());
  }

  private _form() {
    const { _t: t, _picked: picked } = this;
    const nps = this.message.question.type === 'nps';
    const { labelledby, label } = this._label();
    return html`${this._content()}
      <div class="scale ${nps ? 'nps' : 'options'}" role="radiogroup" part="scale" aria-labelledby=${labelledby} aria-label=${label} aria-describedby=${nps ? 'low high' : nothing} @keydown=${this._onKeydown}>
        ${this._choices().map(
          (choice, i) => html`<button type="button" role="radio" part="choice" aria-checked=${i === picked} tabindex=${i === Math.max(picked, 0) ? 0 : -1} @click=${() => this._pick(i)}>${choice}</button>`,
        )}
      </div>
      ${nps
        ? html`<div class="ends"><span id="low">${t.low}</span><span id="high">${t.high}</span></div>
            <label>${(this.message.question.type === 'nps' && this.message.question.commentPrompt) || t.comment}<textarea part="comment" maxlength="1000" rows="2"></textarea></label>`
        : nothing}
      <div class="actions"><button type="button" class="primary" part="submit" ?disabled=${picked < 0} @click=${() => this._submit()}>${t.submit}</button></div>`;
  }

  override render() {
    const { labelledby, label } = this._label();
    return html`<div class="panel" part="panel" role="dialog" aria-modal="false" aria-labelledby=${labelledby} aria-label=${label} tabindex="-1" @keydown=${this._escape}>
      ${this._thanked ? nothing : this._form()}
      <p class="thanks" role="status" part="thanks">${this._thanked ? this._t.thanks : nothing}</p>
      ${this._close()}
    </div>`;
  }
}
