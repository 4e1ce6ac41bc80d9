import { define } from '../surface.ts';
import { UptakeHotspot } from './hotspot.component.ts';

export { UptakeHotspot };

define('uptake-hotspot', UptakeHotspot);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-hotspot': UptakeHotspot;
  }
}
