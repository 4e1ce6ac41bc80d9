import { define } from '../surface.ts';
import { UptakeSlideout } from './slideout.component.ts';

export { UptakeSlideout };

define('uptake-slideout', UptakeSlideout);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-slideout': UptakeSlideout;
  }
}
