import { define } from '../surface.ts';
import { UptakeTooltip } from './tooltip.component.ts';

export { UptakeTooltip };

define('uptake-tooltip', UptakeTooltip);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-tooltip': UptakeTooltip;
  }
}
