import { define } from '../surface.ts';
import { UptakeModal } from './modal.component.ts';

export { UptakeModal };

define('uptake-modal', UptakeModal);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-modal': UptakeModal;
  }
}
