import { define } from '../surface.ts';
import { UptakeLauncher } from './launcher.component.ts';

export { UptakeLauncher };

define('uptake-launcher', UptakeLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-launcher': UptakeLauncher;
  }
}
