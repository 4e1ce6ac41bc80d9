import { css } from 'lit';

export const tooltipStyles = css`
  /* As tall as the screen allows beside the anchor (--_fit, from anchored.ts); longer content
     scrolls inside .scroll so the buttons stay reachable and the arrow is not clipped. */
  .panel {
    top: 0;
    left: 0;
    display: flex;
    flex-direction: column;
    width: max-content;
    max-width: min(320px, calc(100vw - 16px));
    max-height: var(--_fit, calc(100vh - 16px));
    visibility: hidden;
    animation: none;
  }
  .scroll { min-height: 0; overflow: auto; }
  .panel.placed { visibility: visible; animation: enter 160ms ease-out; }
  .panel.centered { top: 50%; left: 50%; transform: translate(-50%, -50%); max-width: min(420px, calc(100vw - 32px)); max-height: calc(100vh - 32px); animation: none; }
  .centered .arrow { display: none; }
  .arrow { position: absolute; width: 10px; height: 10px; background: var(--_bg); transform: rotate(45deg); }
`;
