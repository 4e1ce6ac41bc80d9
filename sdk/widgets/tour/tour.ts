import { define } from '../surface.ts';
import { UptakeTour } from './tour.component.ts';

export { UptakeTour };

define('uptake-tour', UptakeTour);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-tour': UptakeTour;
  }
}
