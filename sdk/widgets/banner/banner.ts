import { define } from '../surface.ts';
import { UptakeBanner } from './banner.component.ts';

export { UptakeBanner };

define('uptake-banner', UptakeBanner);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-banner': UptakeBanner;
  }
}
