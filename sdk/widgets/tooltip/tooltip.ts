import { UptakeTooltip } from './tooltip.component.ts';

export { UptakeTooltip };

// A host page may load two copies of the chunk; defining a tag twice would throw.
if (!customElements.get('uptake-tooltip')) customElements.define('uptake-tooltip', UptakeTooltip);

declare global {
  interface HTMLElementTagNameMap {
    'uptake-tooltip': UptakeTooltip;
  }
}
