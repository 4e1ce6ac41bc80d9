import { define } from '../surface.ts';
import { UptakeChecklist } from './checklist.component.ts';

export { UptakeChecklist };

define('uptake-checklist', UptakeChecklist);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-checklist': UptakeChecklist;
  }
}
