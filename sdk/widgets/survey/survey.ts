import { define } from '../surface.ts';
import { UptakeSurvey } from './survey.component.ts';

export { UptakeSurvey };

define('uptake-survey', UptakeSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-survey': UptakeSurvey;
  }
}
