import { define } from '../surface.ts';
import { UptakeCertification } from './certification.component.ts';

export { UptakeCertification };

define('uptake-certification', UptakeCertification);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-certification': UptakeCertification;
  }
}
