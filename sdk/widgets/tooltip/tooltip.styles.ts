import { css } from 'lit';

export const tooltipStyles = css`
  .panel {
    top: 0;
    left: 0;
    width: max-content;
    max-width: min(320px, calc(100vw - 16px));
    visibility: hidden;
    animation: none;
  }
  .panel.placed { visibility: visible; animation: enter 160ms ease-out; }
  .panel.centered { top: 50%; left: 50%; transform: translate(-50%, -50%); max-width: min(420px, calc(100vw - 32px)); animation: none; }
  .centered .arrow { display: none; }
  .arrow { position: absolute; width: 10px; height: 10px; background: var(--_bg); transform: rotate(45deg); }
`;
